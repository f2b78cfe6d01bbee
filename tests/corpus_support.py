"""The real LegCo documents in ../shared/legco-docs, their core facts, and layout variants of
each (the ways LegCo's archive prints the same record) for the corpus and perturbation tests."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS

from loader.decode import decode
from loader.kinds.common import Extraction
from loader.kinds.registry import KINDS, choose_kind
from loader.legco_urls import normalize_session
from loader.names import to_simplified, to_traditional
from loader.settings import DEFAULT_BASE_IRI
from loader.sources import read_source
from loader.text import clean_text, detect_language
from loader.vocab import LG

SHARED_DOCS = Path(__file__).resolve().parent.parent.parent / "shared" / "legco-docs"
ID = DEFAULT_BASE_IRI


def corpus() -> list[Path]:
    """Every real document the registered kinds read (Hansards once their kind is registered)."""
    if not SHARED_DOCS.is_dir():
        return []
    return sorted(
        path
        for path in SHARED_DOCS.iterdir()
        if path.suffix in {".txt", ".pdf", ".html", ".json"}
        and (not path.name.startswith("hansard") or "hansard" in KINDS)
    )


def raw_text(path: Path) -> str:
    """The decoded (not yet cleaned) text of a real document."""
    return decode(read_source(str(path), cache_dir=None)).text


def read(text: str, origin: str) -> tuple[str, Extraction]:
    """The kind chosen for ``text`` and its extraction, as the pipeline does it."""
    text = clean_text(text)
    kind = choose_kind(text)
    extra = {"origin": origin} if kind.reads_origin else {}
    return kind.name, kind.extract(text, language=detect_language(text), base_iri=ID, **extra)


def _local(iri: object) -> str | None:
    return str(iri).removeprefix(ID) if iri is not None else None


def core_facts(kind: str, graph: Graph, document: URIRef) -> dict[str, object]:
    """What any reading of one record must give, whatever its layout or script."""
    if kind == "agenda":
        meeting = graph.value(document, LG.agendaOf)
        items = set(graph.subjects(LG.itemOf, meeting))
        papers = {
            str(n)
            for p in graph.subjects(LG.consideredUnder)
            for n in graph.objects(p, LG.paperNumber)
        }
        questions = set(graph.subjects(LG.askedAt, meeting))
        return {
            "committee": _local(graph.value(meeting, LG.committee)),
            "date": str(graph.value(meeting, DCTERMS.date)),
            "items": len(items),
            "papers": sorted(papers),
            "questions": len(questions),
        }
    if kind == "submission":
        facts = []
        for sub in sorted(graph.subjects(RDF.type, LG.Submission)):
            creator = graph.value(sub, DCTERMS.creator)
            name = graph.value(creator, RDFS.label) or graph.value(creator, FOAF.name)
            facts.append(
                (
                    str(graph.value(sub, LG.paperNumber)),
                    str(graph.value(sub, DCTERMS.date)),
                    to_traditional(re.sub(r"\s", "", str(name))) if name else None,
                )
            )
        return {"submissions": facts}
    return {"document": _local(document), "triples": len(graph) > 0}


# Layout variants: each takes the decoded text and gives the same record printed another way.


def _notes_and_body(text: str) -> tuple[list[str], list[str]]:
    lines = text.split("\n")
    notes = [line for line in lines if line.startswith("#")]
    return notes, [line for line in lines if not line.startswith("#")]


def flattened(text: str) -> str:
    """Every line break of the record lost (PDF text pasted as one line)."""
    notes, body = _notes_and_body(text)
    return "\n".join(notes + ["", " ".join(line.strip() for line in body if line.strip())])


def page_furniture(text: str) -> str:
    """Running page headers, footers and page numbers every few lines."""
    notes, body = _notes_and_body(text)
    out: list[str] = []
    for index, line in enumerate(body, start=1):
        out.append(line)
        if index % 12 == 0:
            page = index // 12
            out += ["", f"- {page} -", "\f立法會 Legislative Council", ""]
    return "\n".join(notes + out)


def piped(text: str) -> str:
    """Table rows with ``|`` cells, as old pages and converted tables print them."""
    notes, body = _notes_and_body(text)
    return "\n".join(notes + [f"| {line.strip()} |" if line.strip() else "" for line in body])


def full_width_digits(text: str) -> str:
    """Digits printed full width (０１２…)."""
    notes, body = _notes_and_body(text)
    wide = "\n".join(body).translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)})
    return "\n".join(notes) + "\n" + wide


def simplified(text: str) -> str:
    """The record in Simplified Chinese (LegCo's 简体 pages)."""
    return to_simplified(text)


VARIANTS: dict[str, Callable[[str], str]] = {
    "flattened": flattened,
    "page-furniture": page_furniture,
    "piped": piped,
    "full-width-digits": full_width_digits,
    "simplified": simplified,
}


# Variants of a committee's agenda as LegCo's archive prints other committees' and years' ones:
# the heading's committee name and the URL's folder changed together, the facts following.

ITEM_HEADING = re.compile(r"^\s*\|?\s*\*?\s*[IVX]{1,6}\s*[.．、]")
_URL_PATH = re.compile(r"(legco\.gov\.hk/yr)([\d-]+)(/\w+/)([\w/]+?)/agenda/([a-z]+)(\d+)(\.htm)")


def headerless(text: str) -> str:
    """The page saved without its header (committee, date): the items and the noted URL only."""
    notes, body = _notes_and_body(text)
    start = next((i for i, line in enumerate(body) if ITEM_HEADING.match(line)), 0)
    return "\n".join(notes + [""] + body[start:])


@dataclass(frozen=True)
class Committee:
    """Another committee an agenda may belong to: its heading names, URL folder, file prefix."""

    en: str
    zh: str
    folder: str
    prefix: str
    key: str


#: Committees of each type, as their headings and URLs name them (``{session}`` is the URL's).
OTHER_COMMITTEES = {
    "another-panel": Committee(
        "LegCo Panel on Housing", "立法會房屋事務委員會", "panels/hg", "hg", "panel/hg"
    ),
    "house-committee": Committee("House Committee", "內務委員會", "hc", "hc", "hc"),
    "bills-committee": Committee(
        "Bills Committee on Apology Bill",
        "《道歉條例草案》委員會",
        "bc/bc52",
        "bc52",
        "{session}/bc52",
    ),
    "finance-subcommittee": Committee(
        "Public Works Subcommittee", "工務小組委員會", "fc/pwsc", "pwsc", "pwsc"
    ),
}


def as_committee(text: str, names: dict[str, str], other: Committee) -> tuple[str, str]:
    """``text`` as the agenda of ``other`` (heading names and URL folder), and the committee key
    the loader must give it."""
    for language, name in names.items():
        text = text.replace(name, other.en if language == "en" else other.zh)
    match = _URL_PATH.search(text)
    assert match, "the variant needs the noted LegCo URL"
    session = normalize_session(match[2])
    path = f"{match[1]}{match[2]}{match[3]}{other.folder}/agenda/{other.prefix}{match[6]}{match[7]}"
    return text[: match.start()] + path + text[match.end() :], other.key.format(session=session)


def older_session(text: str, years: int) -> str:
    """The same agenda ``years`` earlier: every year, session and paper number moved back."""

    def back(match: re.Match[str]) -> str:
        return str(int(match[0]) - years)

    text = re.sub(r"(?<!\d)(?:19|20)\d{2}(?!\d)", back, text)
    return re.sub(
        r"(?<=[/r])(\d{2})-(\d{2})(?!\d)",
        lambda m: f"{(int(m[1]) - years) % 100:02d}-{(int(m[2]) - years) % 100:02d}",
        text,
    )


# Variants as the Finance Committee and its subcommittees print their agendas: items numbered
# in Arabic, each opening with its FCR/PWSC/EC paper, the committee's heading and URL folder.

_ROMAN_HEADING = re.compile(r"^(\s*\*?\s*)([IVX]{1,6})\s*[.．、]\s*(\S.*)$", re.M)
_ROMANS = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}

FINANCE_BODIES = {
    "finance-committee": (
        Committee("Finance Committee", "財務委員會", "fc/fc", "fc", "fc"),
        "FCR",
        LG.FinanceCommittee,
    ),
    "public-works-subcommittee": (
        Committee("Public Works Subcommittee", "工務小組委員會", "fc/pwsc", "pwsc", "pwsc"),
        "PWSC",
        LG.PublicWorksSubcommittee,
    ),
    "establishment-subcommittee": (
        Committee("Establishment Subcommittee", "人事編制小組委員會", "fc/esc", "esc", "esc"),
        "EC",
        LG.EstablishmentSubcommittee,
    ),
}


def as_finance_items(text: str, prefix: str, year: int) -> tuple[str, list[str]]:
    """Every roman item heading ``IV. Title`` as ``4<TAB>FCR(2007-08)4<TAB>Title``, and the
    paper numbers so added."""
    session = f"{year}-{(year + 1) % 100:02d}"
    added: list[str] = []

    def arabic(match: re.Match[str]) -> str:
        number = _ROMANS[match[2]]
        added.append(f"{prefix}({session}){number}")
        return f"{match[1]}{number}\t{added[-1]}\t{match[3]}"

    return _ROMAN_HEADING.sub(arabic, text), added


def year_only_sessions(text: str) -> str:
    """The same record in the Seventh Council's grammar: ``CB(1)1200/07-08(01)`` →
    ``CB(1)1200/2008(01)``, and the URL's session folder ``yr07-08`` → ``yr2008``."""
    text = re.sub(r"(?<=/)(\d{2})-(\d{2})(?=\s*[(（)）號\s,.]|$)", lambda m: f"20{m[2]}", text)
    return re.sub(r"(?<=legco\.gov\.hk/yr)(\d{2})-(\d{2})", lambda m: f"20{m[2]}", text)
