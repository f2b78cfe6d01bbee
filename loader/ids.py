"""Deterministic IRIs from LegCo's own keys, LC Paper Nos and LegCo URL conventions."""

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from rdflib.term import URIRef

from loader.text import normalize_for_matching

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


def iri_segment(text: str) -> str:
    """``text`` as one IRI path segment: ASCII outside unreserved characters percent-encoded."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char.isascii() and not (char.isalnum() or char in "-._~"):
            out.append("".join(f"%{byte:02X}" for byte in char.encode()))
        else:
            out.append(char)
    return "".join(out)


def short_hash(text: str) -> str:
    """Eight hex digits of the SHA-1 of the matching key of ``text``."""
    return hashlib.sha1(normalize_for_matching(text).encode()).hexdigest()[:8]


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


def short_session(session: str) -> str:
    """The session as LC Paper Nos print it: ``2014-15`` → ``14-15``, ``2023`` unchanged."""
    return session[2:] if re.fullmatch(r"\d{4}-\d{2}", session) else session


@dataclass(frozen=True)
class PaperNumber:
    """An LC Paper No.: ``CB(1)189/2023(01)`` = division 1, serial 189, session 2023, sub 01."""

    serial: int
    division: int | None = None
    session: str | None = None
    subs: tuple[str, ...] = ()
    prefix: str = "CB"

    def __str__(self) -> str:
        text = f"{self.prefix}({self.division})" if self.division else self.prefix
        text += str(self.serial)
        if self.session:
            text += "/" + short_session(self.session)
        return text + "".join(f"({sub})" for sub in self.subs)

    @property
    def key(self) -> str:
        """The IRI key: ``CB1-189-2023-01``."""
        parts = [f"{self.prefix}{self.division or ''}", str(self.serial)]
        if self.session:
            parts.append(self.session)
        return "-".join(parts + list(self.subs))

    def single_papers(self) -> list["PaperNumber"]:
        """One number per sub-number (``(01)(02)`` names two papers)."""
        if len(self.subs) < 2:
            return [self]
        return [
            PaperNumber(self.serial, self.division, self.session, (sub,), self.prefix)
            for sub in self.subs
        ]


_SUB = r"\(\s*(\d{1,3})\s*\)"
_PAPER_NUMBER = re.compile(
    r"(?P<prefix>CB|AS)\s*(?:\(\s*(?P<division>[1-4])\s*\))?\s*(?P<serial>\d{1,4})"
    r"(?:\s*/\s*(?P<session>\d{2}-\d{2}|\d{4}(?:-\d{2})?))?"
    rf"(?P<subs>(?:\s*{_SUB})*(?:\s*(?:and|及|和|、|,)\s*{_SUB})*)",
)
_PREFIX = re.compile(r"^(?:(?:LC|PLC|LegCo)\s+Paper\s+Nos?\.?|立法會)\s*", re.IGNORECASE)


def _from_match(match: re.Match[str]) -> PaperNumber | None:
    prefix, division = match.group("prefix"), match.group("division")
    if prefix == "CB" and division is None:
        return None
    if prefix == "AS" and division is not None:
        return None
    session = match.group("session")
    subs = tuple(f"{int(sub):02d}" for sub in re.findall(r"\d{1,3}", match.group("subs")))
    return PaperNumber(
        serial=int(match.group("serial")),
        division=int(division) if division else None,
        session=normalize_session(session) if session else None,
        subs=subs,
        prefix=prefix,
    )


def parse_paper_number(text: str) -> PaperNumber | None:
    """The LC Paper No. that ``text`` consists of (prefix and 號文件 allowed), else None."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = _PREFIX.sub("", text)
    text = re.sub(r"\s*號文件$", "", text).strip()
    match = _PAPER_NUMBER.fullmatch(text)
    return _from_match(match) if match else None


def find_paper_numbers(text: str) -> list[tuple[PaperNumber, int, int]]:
    """Every LC Paper No. in running text, with its start and end offsets."""
    found = []
    normalized = unicodedata.normalize("NFKC", text)
    if len(normalized) != len(text):
        normalized = text
    for match in _PAPER_NUMBER.finditer(normalized):
        before = normalized[max(0, match.start() - 1) : match.start()]
        if before.isalpha() and before.isascii():
            continue
        number = _from_match(match)
        if number is not None:
            found.append((number, match.start(), match.end()))
    return found


_PAPER_FILE = re.compile(
    r"cb(?P<division>[1-4])-(?P<serial>\d{1,4})(?:-(?P<sub>\d{1,3})(?:-(?P<last>\d{1,3}))?)?"
    r"-(?:ec|e|c)\.pdf$",
    re.IGNORECASE,
)


def paper_number_from_url(url: str) -> PaperNumber | None:
    """The LC Paper No. a paper's file name encodes, with the session from its folder."""
    parsed = parse_legco_url(url)
    if parsed is None or parsed.session is None:
        return None
    match = _PAPER_FILE.search(parsed.file_name)
    if not match:
        return None
    subs: tuple[str, ...] = ()
    if match.group("sub"):
        first = int(match.group("sub"))
        last = int(match.group("last") or first)
        subs = tuple(f"{n:02d}" for n in range(first, max(first, last) + 1))
    return PaperNumber(
        serial=int(match.group("serial")),
        division=int(match.group("division")),
        session=parsed.session,
        subs=subs,
    )


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


_ROMAN = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"),
        strict=True,
    )
)


def to_roman(number: int) -> str:
    """``4`` → ``IV``: how agendas number their items."""
    if not 0 < number < 4000:
        raise ValueError(f"no roman numeral for {number}")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int | None:
    """``IV`` → ``4``; None when ``text`` is not a well-formed roman numeral."""
    text = unicodedata.normalize("NFKC", text).strip().upper()
    if not text or not re.fullmatch(r"[MDCLXVI]+", text):
        return None
    total, rest = 0, text
    for value, letters in _ROMAN:
        while rest.startswith(letters):
            total += value
            rest = rest[len(letters) :]
    return total if not rest and to_roman(total) == text else None


class Iris:
    """IRI minting under one base, per the team contract."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def iri(self, path: str) -> URIRef:
        """The IRI of ``path`` under the base."""
        return URIRef(self.base + path)

    def rebase(self, iri: str, from_base: str) -> URIRef:
        """``iri`` minted under ``from_base`` moved under this base (for curated tables)."""
        return (
            URIRef(self.base + iri[len(from_base) :]) if iri.startswith(from_base) else URIRef(iri)
        )

    def committee(self, key: str) -> URIRef:
        """``committee/panel/itb``, ``committee/council``, ``committee/2022/hs01``."""
        return self.iri(f"committee/{key}")

    def committee_from_name(self, name: str) -> URIRef:
        """A committee known only by its name (no folder code): keyed by the name."""
        return self.iri(f"committee/name/{iri_segment(normalize_for_matching(name))}")

    def meeting(self, committee: str, date: dt.date, suffix: str = "") -> URIRef:
        """The committee path under ``meeting/`` plus the date: ``meeting/panel/itb/2023-02-13``."""
        path = committee[len(self.base) :].replace("committee/", "meeting/", 1)
        return self.iri(f"{path}/{date.isoformat()}{'-' + suffix if suffix else ''}")

    def agenda_item(self, meeting: str, roman: str) -> URIRef:
        """``{meeting}/item/III``."""
        return URIRef(f"{meeting}/item/{roman}")

    def agenda(self, meeting: str) -> URIRef:
        """``{meeting}/agenda``."""
        return URIRef(f"{meeting}/agenda")

    def minutes(self, meeting: str) -> URIRef:
        """``{meeting}/minutes``."""
        return URIRef(f"{meeting}/minutes")

    def paper(self, number: PaperNumber) -> URIRef:
        """``paper/CB1-189-2023-01``."""
        return self.iri(f"paper/{number.key}")

    def meeting_paper(self, meeting: str, file_stem: str) -> URIRef:
        """A paper of a meeting with no LC Paper No.: ``{meeting}/paper/{file stem}``."""
        return URIRef(f"{meeting}/paper/{iri_segment(file_stem)}")

    def brief(self, meeting: str, title: str) -> URIRef:
        """A background brief without a paper number: ``{meeting}/brief/{8 hex}``."""
        return URIRef(f"{meeting}/brief/{short_hash(title)}")

    def question(self, date: dt.date, number: int) -> URIRef:
        """``question/2023-02-22/10``."""
        return self.iri(f"question/{date.isoformat()}/{number}")

    def ordinance(self, cap: str) -> URIRef:
        """``ordinance/cap486``."""
        return self.iri(f"ordinance/cap{iri_segment(cap)}")

    def org(self, key: str) -> URIRef:
        """``org/ogcio`` (a curated key)."""
        return self.iri(f"org/{iri_segment(key)}")

    def org_from_name(self, name: str) -> URIRef:
        """An organisation not in the curated table, keyed by its normalised name."""
        return self.org(normalize_for_matching(name))

    def policy_document(self, title: str) -> URIRef:
        """A named policy document, keyed by its normalised title."""
        return self.iri(f"policy/{iri_segment(normalize_for_matching(title))}")

    def topic_scheme(self, committee: str) -> URIRef:
        """``{committee}/topics``: the topics of one committee's discussions."""
        return URIRef(f"{committee}/topics")

    def topic(self, committee: str, label: str) -> URIRef:
        """``{committee}/topics/{normalised heading}``."""
        return URIRef(f"{committee}/topics/{iri_segment(normalize_for_matching(label))}")

    def paragraph(self, paper: str, number: str) -> URIRef:
        """``{paper}/para/{number}``."""
        return URIRef(f"{paper}/para/{iri_segment(number)}")

    def section(self, paper: str, number: int) -> URIRef:
        """``{paper}/section/{n}``."""
        return URIRef(f"{paper}/section/{number}")

    def evidence(self, resource: str) -> URIRef:
        """``{resource}/evidence``."""
        return URIRef(f"{resource}/evidence")

    def graph(self, document: str) -> str:
        """The named graph of a document, ``{base}graph/{paper path}``, as the store's key."""
        path = document[len(self.base) :] if document.startswith(self.base) else document
        return f"{self.base}graph/{path}"
