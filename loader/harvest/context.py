"""What the entity-set mappers share: the graphs being built, terms, members and lookups."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, XSD

from loader.harvest.odata import Page, Record
from loader.ids import Iris
from loader.kinds.common.tables import Tables
from loader.member_table import member_table
from loader.members import MemberDirectory
from loader.names import parse_name
from loader.vocab import LG

#: Hong Kong time: LegCo's date-times carry no zone.
HONG_KONG = dt.timezone(dt.timedelta(hours=8))


def clean(value: object) -> str:
    """A field's text with runs of whitespace (LegCo uses newlines in names) made one space."""
    return " ".join(str(value).split()) if value is not None else ""


def day(value: object) -> dt.date | None:
    """The date of ``2019-03-20T11:30:00`` (None for an empty field)."""
    text = clean(value)
    return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else None


def moment(value: object) -> Literal | None:
    """``2019-03-20T11:30:00`` as an xsd:dateTime in Hong Kong time."""
    text = clean(value)
    if not text:
        return None
    when = dt.datetime.fromisoformat(text).replace(tzinfo=HONG_KONG)
    return Literal(when.isoformat(), datatype=XSD.dateTime)


def date_literal(value: dt.date) -> Literal:
    """An xsd:date literal."""
    return Literal(value.isoformat(), datatype=XSD.date)


def describe(graph: Graph, iri: URIRef, classes: Iterable[URIRef], labels: dict[str, str]) -> None:
    """Type ``iri`` and label it in each language given (empty labels skipped)."""
    for rdf_class in classes:
        graph.add((iri, RDF.type, rdf_class))
    for language, label in labels.items():
        if clean(label):
            graph.add((iri, RDFS.label, Literal(clean(label), lang=language)))


@dataclass
class GraphSet:
    """The named graphs of one harvest by path, with the pages and record counts behind each."""

    graphs: dict[str, Graph] = field(default_factory=dict)
    pages: dict[str, dict[str, Page]] = field(default_factory=lambda: defaultdict(dict))
    records: Counter = field(default_factory=Counter)

    def take(self, path: str, page: Page) -> Graph:
        """The graph at ``path`` for one record that came from ``page``."""
        self.pages[path][page.url] = page
        self.records[path] += 1
        return self.graphs.setdefault(path, Graph())


@dataclass(frozen=True)
class Term:
    """A LegCo term as ScheduleDB gives it; ``number`` is the nominal one (term_id + 1)."""

    term_id: int
    number: int
    start: dt.date
    end: dt.date | None


class TermIndex:
    """Which term a date falls in: from a term's start to the next term's start."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = sorted(terms, key=lambda t: t.start)

    @classmethod
    def from_records(cls, records: Iterable[Record]) -> TermIndex:
        """From ScheduleDB ``Tterm`` rows."""
        return cls(
            Term(int(r["term_id"]), int(r["term_id"]) + 1, day(r["start_date"]), day(r["end_date"]))
            for r in records
        )

    def number_of(self, date: dt.date | None) -> int | None:
        """The nominal term number ``date`` falls in, or None (before the first known term)."""
        found = None
        for term in self.terms:
            if date is not None and term.start <= date:
                found = term.number
        return found

    def partition(self, date: dt.date | None) -> str:
        """The graph partition of a dated record: ``term/7``, else ``year/1998`` or ``undated``."""
        number = self.number_of(date)
        if number is not None:
            return f"term/{number}"
        return f"year/{date.year}" if date is not None else "undated"

    def ranges(self, since: dt.date | None) -> list[tuple[Term, dt.date, dt.date | None]]:
        """Each term from the one holding ``since`` on, with its [start, next start) range."""
        out = []
        for index, term in enumerate(self.terms):
            following = self.terms[index + 1].start if index + 1 < len(self.terms) else None
            if since is None or following is None or following > since:
                out.append((term, term.start, following))
        return out


@dataclass(frozen=True)
class Unmatched:
    """A name no Member (or more than one) answers to, and where it was read."""

    source: str
    name: str
    reason: str
    fallback: str


class Reconciliation:
    """Member look-ups for one harvest: canonical IRIs when the name is known, else the
    name-keyed IRI documents use (``member/name/…``), every such fallback recorded."""

    def __init__(self, directory: MemberDirectory, iris: Iris) -> None:
        self.directory = directory
        self.iris = iris
        self.unmatched: dict[tuple[str, str], Unmatched] = {}
        self.matched: Counter = Counter()
        #: Curated Members keyed by name (no ScheduleDB id yet): used, and reported.
        self.provisional: set[URIRef] = set()

    def member(
        self,
        graph: Graph,
        source: str,
        names: Iterable[tuple[str, str]],
        term: int | None = None,
    ) -> URIRef | None:
        """The Member called by any of ``names`` ((name, language), tried in order); when none
        matches, the name-keyed fallback Member for the first, described in ``graph``."""
        people = [(parse_name(name).name, language) for name, language in names]
        people = [(name, language) for name, language in people if name]
        if not people:
            return None
        reasons = []
        written = " / ".join(name for name, _ in people)
        for name, _ in people:
            found = self.directory.match(name, term)
            if found.iri in self.provisional:
                reason = "no ScheduleDB id known for this curated Member"
                self.unmatched.setdefault(
                    (source, written), Unmatched(source, written, reason, str(found.iri))
                )
                graph += member_table(self.iris.base).describe(found.iri)
                return found.iri
            if found.iri is not None:
                self.matched[source] += 1
                return found.iri
            reasons.append(found.reason)
        person, language = people[0]
        fallback = self.iris.member_from_name(person)
        self.unmatched.setdefault(
            (source, written), Unmatched(source, written, reasons[0], str(fallback))
        )
        describe(graph, fallback, [LG.Member], {language: person})
        graph.add((fallback, FOAF.name, Literal(person, lang=language)))
        return fallback

    def report(self) -> list[Unmatched]:
        """Every unmatched name, sorted by source and name."""
        return [self.unmatched[key] for key in sorted(self.unmatched)]


@dataclass
class HarvestContext:
    """Everything the mappers read and write during one harvest."""

    iris: Iris
    terms: TermIndex
    reconciliation: Reconciliation
    graphs: GraphSet = field(default_factory=GraphSet)
    tables: Tables | None = None
    committees: dict[str, tuple[URIRef, URIRef | None]] = field(default_factory=dict)
    meetings: dict[str, URIRef] = field(default_factory=dict)
    labels: dict[URIRef, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.tables is None:
            self.tables = Tables(self.iris.base)

    def term(self, number: int) -> URIRef:
        """``term/7``."""
        return self.iris.iri(f"term/{number}")

    def committee_in_meeting(self, committee_id: str) -> URIRef | None:
        """The committee a meeting of ``committee_id`` links to: the enduring one if known."""
        found = self.committees.get(committee_id.strip())
        if found is None:
            return None
        per_term, enduring = found
        return enduring or per_term
