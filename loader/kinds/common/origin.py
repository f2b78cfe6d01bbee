"""Where a document came from, as evidence: the LegCo URL it was fetched from, kept in its file
name, or noted at the top of a saved copy (``# SOURCE-URL: https://www.legco.gov.hk/…``).

A LegCo URL names the committee (its folder code), the session, the language and often the
meeting's date (``/yr09-10/chinese/panels/itb/agenda/itb20100412.htm``); kinds read those facts
from it and cross-check them with the text.
"""

import datetime as dt
import re
from urllib.parse import unquote

from loader.legco_urls import LegcoUrl, normalize_session, parse_legco_url

#: A URL noted in a saved copy's first lines (``# SOURCE-URL: …``, ``URL: …``, ``Source: …``).
_NOTED_URL = re.compile(
    r"^\s*#?\s*(?:SOURCE[-_ ]?URL|URL|Source)(?:\s*\([^)\n]{0,40}\))?\s*[:：]\s*(?P<url>https?://\S+)",
    re.I | re.M,
)
#: How many characters from the start a noted URL is looked for in.
_NOTE_SPAN = 2_000
#: A LegCo address inside a file name whose slashes were replaced (``_``, ``%2F``, ``!``).
_KEPT_URL = re.compile(r"(?:https?[:_]+)?(?:www\.)?legco\.gov\.hk[/_!](?P<path>yr[\w!.-]+)", re.I)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_MMDD = re.compile(r"(?<!\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")


def noted_url(text: str) -> str | None:
    """The source URL a saved copy notes in its first lines, if any."""
    match = _NOTED_URL.search(text[:_NOTE_SPAN])
    return match["url"] if match else None


def noted_doc_type(text: str) -> str | None:
    """The document folder (``agenda``, ``minutes``, ``papers`` …) of the LegCo URL a saved copy
    notes in its first lines, if any: evidence ``detect`` may read."""
    url = noted_url(text)
    parsed = parse_legco_url(url) if url else None
    return parsed.doc_type if parsed else None


def legco_origin(text: str, origin: str | None) -> LegcoUrl | None:
    """The LegCo URL a document came from: ``origin`` (a URL, or a file name keeping one),
    else the URL its first lines note; None when neither is a LegCo document URL."""
    for candidate in (origin, noted_url(text)):
        if not candidate:
            continue
        parsed = parse_legco_url(candidate) or _from_file_name(candidate)
        if parsed is not None:
            return parsed
    return None


def _from_file_name(name: str) -> LegcoUrl | None:
    """``www.legco.gov.hk_yr09-10_chinese_panels_itb_agenda_itb20100412.htm`` → its URL."""
    decoded = unquote(name.rsplit("/", 1)[-1] if "://" not in name else name)
    match = _KEPT_URL.search(decoded)
    if not match:
        return None
    path = re.sub(r"[_!]", "/", match["path"])
    return parse_legco_url(f"https://www.legco.gov.hk/{path}")


def origin_date(url: LegcoUrl) -> dt.date | None:
    """The meeting date the URL's file name gives: ``itb20100412`` or, in 2007-08's short form,
    ``itag0414`` read in its session (October to September)."""
    if url.date is not None:
        return url.date
    if not url.session or not re.fullmatch(r"\d{4}-\d{2}", normalize_session(url.session)):
        return None
    match = _MMDD.search(url.file_name.rsplit(".", 1)[0])
    if not match:
        return None
    first = int(normalize_session(url.session)[:4])
    month, day = int(match["m"]), int(match["d"])
    try:
        return dt.date(first if month >= 10 else first + 1, month, day)
    except ValueError:
        return None


def without_note(line: str) -> str:
    """A saved copy's note line (``# KIND: …``) dropped, keeping any Chinese text clean-up
    joined onto its end (the note is ASCII; the record's first heading is not)."""
    if not line.startswith("#"):
        return line
    han = _HAN.search(line)
    if han is None or not line[: han.start()].isascii():
        return ""
    return line[han.start() :].strip()
