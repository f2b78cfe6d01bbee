"""Deterministic IRIs minted from LegCo's own keys, per the team contract.

Every path segment minted from a name, title, heading or key follows one rule
(``iri_segment``): the text is NFKC-normalised; letters, marks and digits of any script are
kept as they are (CJK stays CJK, never percent-encoded); ``-``, ``.`` and ``_`` are kept only
between two kept characters (``cb1-189-1-c``, ``2.0``); everything else (spaces, quotation
marks, brackets, CJK and other punctuation, symbols) is dropped. A segment never needs
percent-encoding and is never ``.`` or ``..``. Text with nothing left hashes to 8 hex digits.
Names and titles are case-folded before (``normalize_for_matching``), keys are not.
"""

import datetime as dt
import hashlib
import re
import unicodedata

from rdflib.term import URIRef

from loader.names import normalize_for_matching
from loader.paper_numbers import PaperNumber

#: Unreserved punctuation kept inside a segment when it joins two letters or digits.
_JOINERS = "-._"


def _kept(char: str) -> bool:
    """Letters, combining marks and digits of any script."""
    return unicodedata.category(char)[0] in "LMN"


def iri_segment(text: str) -> str:
    """``text`` as one clean IRI path segment, by the rule in the module docstring."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for index, char in enumerate(text):
        if _kept(char):
            out.append(char)
        elif (
            char in _JOINERS
            and 0 < index < len(text) - 1
            and _kept(text[index - 1])
            and _kept(text[index + 1])
        ):
            out.append(char)
    return "".join(out) or short_hash(text)


def short_hash(text: str) -> str:
    """Eight hex digits of the SHA-1 of the matching key of ``text``."""
    return hashlib.sha1(normalize_for_matching(text).encode()).hexdigest()[:8]


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

    def member_from_name(self, name: str) -> URIRef:
        """``member/name/{key}``: a Member keyed by the normalised name as written, for names the
        curated Members table (``loader.member_table``) does not resolve to ``member/{id}``."""
        return self.iri(f"member/name/{iri_segment(normalize_for_matching(name))}")

    def officer_from_name(self, name: str) -> URIRef:
        """``officer/name/{key}``: a public officer keyed by the name without honorifics."""
        return self.iri(f"officer/name/{iri_segment(normalize_for_matching(name))}")

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

    def graph(self, document: str, language: str | None = None) -> str:
        """The named graph of one language version of a document, the store's key:
        ``{base}graph/{paper path}/{language}`` (``…/zh-hant``), so that the English and the
        Chinese version of one paper are two graphs and loading one never replaces the other.
        A document whose IRI already ends with its language (an LCQ release) is not suffixed."""
        path = document[len(self.base) :] if document.startswith(self.base) else document
        if language is None or path.endswith(f"/{language.lower()}"):
            return f"{self.base}graph/{path}"
        return f"{self.base}graph/{path}/{language.lower()}"
