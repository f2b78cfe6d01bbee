"""The LC Paper No. grammar: parsing, finding in text and reading from file names."""

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
