"""LegCo URL conventions: session folders, committee keys and dates in file names."""

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

#: Committees whose folder names one enduring body; any other folder is scoped by session.
ENDURING_FOLDERS = {
    "counmtg": "council",
    "hc": "hc",
    "fc/fc": "fc",
    "fc/esc": "esc",
    "fc/pwsc": "pwsc",
    "pac": "pac",
    "cmi": "cmi",
    "crp": "crp",
}
#: The file-name prefix of a body whose files are not named after its folder.
FILE_PREFIXES = {"counmtg": "cm"}
DOC_TYPES = {
    "agenda",
    "minutes",
    "papers",
    "reports",
    "general",
    "hansard",
    "floor",
    "voting",
    "question",
    "ord",
    "bills",
}
LANGUAGE_FOLDERS = {"english": "en", "chinese": "zh-Hant", "cn": "zh-Hans"}


def normalize_session(session: str) -> str:
    """``14-15`` → ``2014-15``, ``96-97`` → ``1996-97``, ``2023`` and ``2014-15`` unchanged."""
    session = session.strip()
    if re.fullmatch(r"\d{4}", session) or re.fullmatch(r"\d{4}-\d{2}", session):
        return session
    match = re.fullmatch(r"(\d{2})-(\d{2})", session)
    if not match:
        raise ValueError(f"not a LegCo session: {session!r}")
    first = int(match.group(1))
    century = 1900 if first >= 90 else 2000
    return f"{century + first}-{match.group(2)}"


@dataclass(frozen=True)
class LegcoUrl:
    """What a LegCo document URL says: session, language, committee, document type, date."""

    url: str
    session: str | None
    language: str | None
    folder: str
    committee_code: str
    committee_key: str
    doc_type: str | None
    file_name: str
    date: dt.date | None


def committee_key(folder: str, session: str | None) -> str:
    """The committee IRI key for a site folder: ``panels/itb`` → ``panel/itb``."""
    if folder in ENDURING_FOLDERS:
        return ENDURING_FOLDERS[folder]
    if folder.startswith("panels/"):
        return "panel/" + folder.split("/", 1)[1]
    code = folder.rsplit("/", 1)[-1]
    return f"{session}/{code}" if session else code


def parse_legco_url(url: str) -> LegcoUrl | None:
    """The parts of a ``www.legco.gov.hk/yr…/{lang}/…`` URL, or None for any other URL."""
    parts = urlsplit(url.strip())
    if not parts.netloc.lower().endswith("legco.gov.hk"):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 3 or not re.fullmatch(r"yr(\d{2}-\d{2}|\d{4})", segments[0]):
        return None
    session = normalize_session(segments[0][2:])
    language = LANGUAGE_FOLDERS.get(segments[1])
    rest = segments[2:] if language else segments[1:]
    file_name = rest[-1] if "." in rest[-1] else ""
    folders = rest[:-1] if file_name else rest
    doc_type = next((s for s in reversed(folders) if s in DOC_TYPES), None)
    if doc_type is not None:
        folders = folders[: len(folders) - 1 - folders[::-1].index(doc_type)]
    folder = "/".join(folders)
    code = folder.rsplit("/", 1)[-1] if folder else ""
    return LegcoUrl(
        url=url.strip(),
        session=session,
        language=language,
        folder=folder,
        committee_code=code,
        committee_key=committee_key(folder, session),
        doc_type=doc_type,
        file_name=file_name,
        date=_date_from_file_name(file_name, FILE_PREFIXES.get(folder, code)),
    )


def _date_from_file_name(file_name: str, code: str) -> dt.date | None:
    stem = file_name.rsplit(".", 1)[0].lower()
    if code and stem.startswith(code.lower()):
        stem = stem[len(code) :]
    match = re.match(r"_?(?:vote_)?((?:19|20)\d{6})(?!\d)", stem)
    if not match:
        return None
    try:
        return dt.datetime.strptime(match.group(1), "%Y%m%d").date()
    except ValueError:
        return None


#: Hong Kong e-Legislation's page of a chapter of the Laws of Hong Kong.
ELEGISLATION_PAGE = "https://www.elegislation.gov.hk/hk/cap{}"
#: File suffixes of web pages (as opposed to PDF and other files).
_PAGE_SUFFIXES = (".htm", ".html")


def elegislation_page(cap: str) -> str:
    """``486`` → ``https://www.elegislation.gov.hk/hk/cap486``: the page about an ordinance."""
    return ELEGISLATION_PAGE.format(cap.strip())


def meeting_page(url: LegcoUrl) -> str | None:
    """The URL of a meeting's agenda web page (its foaf:page), or None for any other document.

    An agenda published as a web page is the page LegCo keeps about the meeting; minutes and
    papers are files about what happened, not pages about the meeting.
    """
    if url.doc_type == "agenda" and url.file_name.lower().endswith(_PAGE_SUFFIXES):
        return url.url
    return None
