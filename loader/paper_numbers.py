"""The LC Paper No. grammar (and the Finance Committee's FCR/PWSC/EC papers): parsing, finding
in text and reading from file names."""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from loader.legco_urls import normalize_session, parse_legco_url


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
        if self.prefix in FINANCE_PREFIXES:
            return f"{self.prefix}({self.session}){self.serial}"
        text = f"{self.prefix}({self.division})" if self.division else self.prefix
        text += str(self.serial)
        if self.session:
            text += "/" + short_session(self.session)
        return text + "".join(f"({sub})" for sub in self.subs)

    @property
    def key(self) -> str:
        """The IRI key: ``CB1-189-2023-01``, ``FCR-2024-25-12``."""
        if self.prefix in FINANCE_PREFIXES:
            return f"{self.prefix}-{self.session}-{self.serial}"
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


#: The papers of the Finance Committee (``FCR(2024-25)12``) and of its Public Works
#: (``PWSC(2024-25)5``) and Establishment (``EC(2024-25)3``) Subcommittees, numbered per
#: financial year.
FINANCE_PREFIXES = ("FCR", "PWSC", "EC")
_OPEN, _CLOSE = "[(（]", "[)）]"
_FINANCE_NUMBER = re.compile(
    rf"(?P<prefix>FCR|PWSC|EC)\s*{_OPEN}\s*(?P<session>(?:19|20)\d{{2}})\s*[-–－]\s*(?P<end>\d{{2}})"
    rf"\s*{_CLOSE}\s*(?P<serial>\d{{1,3}})(?!\d)"
)
_SUB = rf"{_OPEN}\s*(\d{{1,3}})\s*{_CLOSE}"
#: What joins two sub-numbers: a list (``and``, ``及``, ``、``) or a range (``to``, ``至``, ``-``).
_JOIN = r"and|to|及|和|、|,|，|至|[-–—~]"
_PAPER_NUMBER = re.compile(
    rf"(?P<prefix>CB|AS)\s*(?:{_OPEN}\s*(?P<division>[1-4])\s*{_CLOSE})?\s*(?P<serial>\d{{1,4}})"
    r"(?:\s*/\s*(?P<session>\d{2}\s*-\s*\d{2}|\d{4}(?:-\d{2})?))?"
    rf"(?P<subs>(?:\s*{_SUB})*(?:\s*(?:{_JOIN})\s*{_SUB})*)",
)
_PREFIX = re.compile(r"^(?:(?:LC|PLC|LegCo)\s+Paper\s+Nos?\.?\s*:?|立法[會会])\s*", re.IGNORECASE)
#: A stretch that starts like an LC Paper No. and may hold a letter O typed for a zero.
_NUMBER_STRETCH = re.compile(
    rf"(?:CB|AS)\s*(?:{_OPEN}\s*[1-4]\s*{_CLOSE})?[\dOo\s/()（）-]{{1,24}}"
)
_LETTER_O = re.compile(r"(?<=[\d(（/-])[Oo]|[Oo](?=[\d)）/-])")
_RANGE = re.compile(rf"{_SUB}\s*(?:to|至|[-–—~])\s*{_SUB}")


def repair(text: str) -> str:
    """``text`` with the typing slips in LC Paper Nos. that have one reading mended, keeping
    every offset: a letter O for a zero next to digits (``CB(1)12O0/07-08(O3)``)."""
    return _NUMBER_STRETCH.sub(lambda m: _LETTER_O.sub("0", m.group(0)), text)


def _subs(text: str) -> tuple[str, ...]:
    """``(03) to (05)`` → 03, 04, 05; ``(01) and (02)`` / ``(01)(02)`` → 01, 02."""
    for match in _RANGE.finditer(text):
        first, last = int(match.group(1)), int(match.group(2))
        if 0 < last - first <= 99:
            middle = "".join(f"({n})" for n in range(first + 1, last))
            text = text.replace(match.group(0), f"({first}){middle}({last})", 1)
    return tuple(f"{int(sub):02d}" for sub in re.findall(r"\d{1,3}", text))


def _from_match(match: re.Match[str]) -> PaperNumber | None:
    prefix, division = match.group("prefix"), match.group("division")
    if prefix == "CB" and division is None:
        return None
    if prefix == "AS" and division is not None:
        return None
    session = match.group("session")
    return PaperNumber(
        serial=int(match.group("serial")),
        division=int(division) if division else None,
        session=normalize_session(re.sub(r"\s", "", session)) if session else None,
        subs=_subs(match.group("subs")),
        prefix=prefix,
    )


def _from_finance(match: re.Match[str]) -> PaperNumber:
    return PaperNumber(
        serial=int(match["serial"]),
        session=f"{match['session']}-{match['end']}",
        prefix=match["prefix"],
    )


def parse_paper_number(text: str) -> PaperNumber | None:
    """The LC Paper No. (or FCR/PWSC/EC paper) that ``text`` consists of (prefix and 號文件
    allowed), else None."""
    text = repair(unicodedata.normalize("NFKC", text).strip())
    text = _PREFIX.sub("", text)
    text = re.sub(r"\s*[號号]文件$", "", text).strip()
    finance = _FINANCE_NUMBER.fullmatch(text)
    if finance:
        return _from_finance(finance)
    match = _PAPER_NUMBER.fullmatch(text)
    return _from_match(match) if match else None


def find_paper_numbers(text: str) -> list[tuple[PaperNumber, int, int]]:
    """Every LC Paper No. in running text, with its start and end offsets."""
    found = []
    normalized = unicodedata.normalize("NFKC", text)
    if len(normalized) != len(text):
        normalized = text
    normalized = repair(normalized)
    for match in _PAPER_NUMBER.finditer(normalized):
        before = normalized[max(0, match.start() - 1) : match.start()]
        if before.isalpha() and before.isascii():
            continue
        number = _from_match(match)
        if number is not None:
            found.append((number, match.start(), match.end()))
    for match in _FINANCE_NUMBER.finditer(normalized):
        before = normalized[max(0, match.start() - 1) : match.start()]
        if not (before.isalpha() and before.isascii()):
            found.append((_from_finance(match), match.start(), match.end()))
    return sorted(found, key=lambda entry: entry[1])


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


#: Site folder and file suffix of a paper's file in each language.
_FILE_LANGUAGES = {"en": ("english", "e"), "zh-Hant": ("chinese", "c")}
_SITE = "https://www.legco.gov.hk"


def panel_paper_url(number: PaperNumber, panel: str, date: dt.date, language: str) -> str | None:
    """The LegCo URL of the file of a Panel paper issued for the meeting on ``date``, or None.

    The convention (docs/legco-data-guide.md §2.1, checked against real file names) is
    ``yr{session}/{english|chinese}/panels/{code}/papers/{code}{date}cb{n}-{serial}-{sub}-{e|c}.pdf``,
    e.g. ``yr2023/chinese/panels/itb/papers/itb20230213cb1-189-1-c.pdf`` for CB(1)189/2023(01),
    with the date as ``MMDD`` in the 2007-08 session and ``YYYYMMDD`` from 2008-09. It is only
    derived where it is reliable: a Panel (other bodies name their files otherwise, e.g.
    ``sc103cb3-634-1-c.pdf`` without a date), a CB paper with one sub-number and a session from
    2007-08 on (earlier file names are not known), in English or Traditional Chinese.
    """
    if number.prefix != "CB" or not number.division or len(number.subs) != 1:
        return None
    if language not in _FILE_LANGUAGES or not number.session:
        return None
    first_year = int(number.session[:4])
    if first_year < 2007:
        return None
    day = date.strftime("%m%d") if first_year == 2007 else date.strftime("%Y%m%d")
    folder, suffix = _FILE_LANGUAGES[language]
    code = panel.lower()
    name = f"{code}{day}cb{number.division}-{number.serial}-{int(number.subs[0])}-{suffix}.pdf"
    return f"{_SITE}/yr{short_session(number.session)}/{folder}/panels/{code}/papers/{name}"
