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
    if code in ENDURING_FOLDERS.values():
        return code  # ``esc`` printed without its ``fc/``, ``english/pac`` …
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


#: LegCo's web site, where agendas, minutes, papers and Hansards are published.
LEGCO_SITE = "https://www.legco.gov.hk"
#: The site's language folders for the languages a sync asks for.
SITE_LANGUAGES = {"en": "english", "zh": "chinese"}
#: The first day of the 7th LegCo, whose session folders are calendar years (``yr2022``).
SEVENTH_TERM = dt.date(2022, 1, 1)


def session_folder(day: dt.date) -> str:
    """The site's session folder for a day, in either layout: ``yr18-19`` for the sessions of
    October to September up to the 6th LegCo, ``yr2023`` for the calendar years since."""
    if day >= SEVENTH_TERM:
        return f"yr{day.year}"
    first = day.year if day.month >= 10 else day.year - 1
    return f"yr{first % 100:02d}-{(first + 1) % 100:02d}"


def document_url(session: str, language: str, folder: str, doc_type: str, file_name: str) -> str:
    """``https://www.legco.gov.hk/{session}/{english|chinese}/{folder}/{doc_type}/{file}``.

    ``session`` is a folder (``yr18-19``) or a session (``2018-19``, ``18-19``, ``2023``).
    """
    if language not in SITE_LANGUAGES:
        raise ValueError(f"not a site language: {language!r} (choose from en, zh)")
    session = session if session.startswith("yr") else "yr" + _short_session(session)
    parts = [session, SITE_LANGUAGES[language], folder.strip("/"), doc_type, file_name]
    return LEGCO_SITE + "/" + "/".join(parts)


def _short_session(session: str) -> str:
    """``2018-19`` → ``18-19`` (the folder's form); ``2023`` unchanged."""
    normal = normalize_session(session)
    return normal[2:] if "-" in normal else normal


def sibling_url(url: LegcoUrl, *, language: str, doc_type: str, suffix: str) -> str | None:
    """The document of ``doc_type`` for the same meeting, in ``language`` (``en``/``zh``), from
    a parsed agenda URL: ``…/english/panels/itb/agenda/itb20230213.htm`` → the Chinese minutes
    ``…/chinese/panels/itb/minutes/itb20230213.pdf``. None when the URL names no session."""
    if url.session is None or not url.file_name:
        return None
    stem = url.file_name.rsplit(".", 1)[0]
    return document_url(url.session, language, url.folder, doc_type, stem + suffix)


def committee_code_of(url: LegcoUrl) -> str:
    """The code a user names a committee by: ``council``, ``hc``, ``fc``, ``itb``, ``hs02``."""
    return url.committee_key.rsplit("/", 1)[-1]
