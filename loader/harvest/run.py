"""One harvest: fetch what the chosen databases need, map it, load one graph per set and term.

Every database is reconciled against ScheduleDB's terms and members, so those are always
fetched; attendance also needs ScheduleDB's committees and meetings (to find the meeting of
each row). ``--db`` chooses which graphs are written. Graphs are complete for what they cover:
``since`` selects whole terms (and whole years of bills), never part of one, so replacing a
graph never drops records the harvest did not fetch.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from loader.harvest import attendance, bills, committees, hansard, meetings, schedule, voting
from loader.harvest.context import HarvestContext, Reconciliation, Term, TermIndex, Unmatched
from loader.harvest.odata import ODataClient, Page
from loader.harvest.provenance import add_provenance
from loader.harvest.sets import DATABASES, SETS, combine, date_range
from loader.ids import Iris
from loader.member_links import RelinkReport, relink
from loader.members import MemberDirectory
from loader.pipeline import LoadError, Target
from loader.sources import SourceError
from loader.validate import ShapeViolation, ensure_valid


@dataclass(frozen=True)
class HarvestOptions:
    """What to harvest and how to load it."""

    base_iri: str
    databases: tuple[str, ...] = DATABASES
    since: dt.date | None = None
    page_size: int | None = None
    validate: bool = True


@dataclass(frozen=True)
class GraphResult:
    """One named graph written (or refused by validation)."""

    graph: str
    records: int
    quads: int
    error: str = ""


@dataclass
class HarvestReport:
    """What one harvest did: graphs, failures, unmatched names, skipped rows, requests."""

    graphs: list[GraphResult] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    matched: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    requests: int = 0
    #: Documents' ``member/name/…`` nodes re-linked to the Members this harvest knows, and not.
    relinked: RelinkReport = field(default_factory=RelinkReport)

    @property
    def ok(self) -> bool:
        """True when every graph was written."""
        return not any(result.error for result in self.graphs)

    def summary(self) -> str:
        """One line for the end of the run."""
        written = [g for g in self.graphs if not g.error]
        return (
            f"{len(written)} graphs written ({sum(g.quads for g in written)} quads), "
            f"{len(self.graphs) - len(written)} failed; {sum(self.matched.values())} member "
            f"names matched, {len(self.unmatched)} unmatched; "
            f"{len(self.relinked.relinked)} name nodes re-linked in "
            f"{len(self.relinked.graphs)} graphs; {self.requests} requests sent"
        )


class _Fetcher:
    """Fetch entity sets once per filter, remembering the pages for every mapper."""

    def __init__(self, client: ODataClient, page_size: int | None) -> None:
        self.client = client
        self.page_size = page_size
        self.fetched: dict[tuple[str, str], list[Page]] = {}

    def __call__(self, name: str, where: str = "") -> list[Page]:
        entity = SETS[name]
        condition = combine(entity.where, where)
        key = (name, condition)
        if key not in self.fetched:
            self.fetched[key] = self.client.fetch_all(
                entity.path,
                order_by=entity.order_by,
                page_size=self.page_size or entity.page_size,
                where=condition,
            )
        return self.fetched[key]

    def per_term(self, name: str, ranges, condition: Callable) -> list[Page]:
        """The pages of ``name`` for each term range, each filtered by ``condition``."""
        return [
            page for term, start, end in ranges for page in self(name, condition(term, start, end))
        ]


def harvest(
    target: Target,
    client: ODataClient,
    options: HarvestOptions,
    on_event: Callable[[str], None] = lambda message: None,
) -> HarvestReport:
    """Fetch, map, validate and load; a graph that fails validation is reported, not loaded."""
    fetch = _Fetcher(client, options.page_size)
    report = HarvestReport()
    try:
        ctx = _map(fetch, options, report)
    except (SourceError, LoadError):
        raise
    except Exception as error:  # noqa: BLE001 - LegCo's records are input: any misfit is reported
        raise LoadError(
            "the OData records do not have the shape the harvester reads "
            f"({type(error).__name__}: {error}); nothing was loaded"
        ) from error
    _load(target, ctx, options, report, on_event)
    report.relinked = relink(target, options.base_iri)
    for graph in report.relinked.graphs:
        on_event(f"re-linked members in {graph}")
    sizes = report.relinked.sizes  # a re-linked graph is reported at the size it is stored
    report.graphs = [
        replace(g, quads=sizes[g.graph]) if g.graph in sizes and not g.error else g
        for g in report.graphs
    ]
    report.unmatched = ctx.reconciliation.report()
    report.matched = ctx.reconciliation.matched
    report.requests = client.requests_sent
    return report


def _map(fetch: _Fetcher, options: HarvestOptions, report: HarvestReport) -> HarvestContext:
    """Fetch every set the options ask for and map it to graphs in a fresh context."""
    iris = Iris(options.base_iri)
    dbs = set(options.databases)
    term_pages = fetch("term")
    terms = TermIndex.from_records(r for p in term_pages for r in p.records)
    ranges = terms.ranges(options.since)
    ctx = HarvestContext(iris, terms, Reconciliation(MemberDirectory(), iris))
    schedule.write_terms(ctx, term_pages)
    if dbs - {"bills"}:
        members, member_terms = fetch("member"), fetch("member_term")
        schedule.build_directory(ctx, members, member_terms)
        schedule.write_members(ctx, members, member_terms)
    if dbs & {"schedule", "attendance"}:
        committee_pages = fetch.per_term("committee", ranges, _by_term_id)
        meeting_pages = fetch.per_term("meeting", ranges, _by_term_id)
        links = fetch("meeting_committee")
        committees.resolve_committees(ctx, committee_pages, meeting_pages, links)
        planned = meetings.plan_meetings(ctx, meeting_pages, links)
        if "schedule" in dbs:
            schedule.write_sessions(ctx, fetch("session"))
            committees.write_committees(ctx, committee_pages)
            committees.write_memberships(ctx, fetch.per_term("membership", ranges, _by_term_id))
            meetings.write_meetings(ctx, planned)
    if "attendance" in dbs:
        pages = fetch.per_term("attendance", ranges, _by_date("meeting_start_date_time"))
        report.skipped.update(_prefixed("attendance", attendance.write_attendance(ctx, pages)))
    votes = fetch.per_term("vote", ranges, _by_term_number) if "voting" in dbs else None
    if "hansard" in dbs:
        _hansard(ctx, fetch, ranges, report, votes)
    if votes is not None:
        report.skipped.update(_prefixed("votes", voting.write_votes(ctx, votes)))
    if "bills" in dbs:
        since = options.since
        where = date_range("bill_gazette_date", dt.date(since.year, 1, 1), None) if since else ""
        bills.write_bills(ctx, fetch("bill", where))
    return ctx


def _hansard(ctx: HarvestContext, fetch: _Fetcher, ranges, report: HarvestReport, votes) -> None:
    by_date = _by_date("MeetingDate")
    speakers = hansard.write_speakers(ctx, fetch("speaker"))
    dates = hansard.agenda_dates(fetch.per_term("hansard", ranges, by_date))
    hansard.write_subjects(ctx, fetch.per_term("subject", ranges, by_date), dates)
    questions = fetch.per_term("question", ranges, by_date)
    report.skipped.update(
        _prefixed("questions", hansard.write_questions(ctx, questions, speakers, dates))
    )
    divisions = voting.divisions(ctx, votes) if votes is not None else None
    hansard.write_votes(ctx, fetch.per_term("hansard_vote", ranges, by_date), dates, divisions)
    hansard.write_rundown(ctx, fetch.per_term("rundown", ranges, by_date), speakers)


def _by_term_id(term: Term, start: dt.date, end: dt.date | None) -> str:
    return f"term_id eq {term.term_id}"


def _by_term_number(term: Term, start: dt.date, end: dt.date | None) -> str:
    return f"term_no eq {term.number}"


def _by_date(field_name: str) -> Callable[[Term, dt.date, dt.date | None], str]:
    def condition(term: Term, start: dt.date, end: dt.date | None) -> str:
        return date_range(field_name, start, end)

    return condition


def _load(target: Target, ctx: HarvestContext, options, report, on_event) -> None:
    for path in sorted(ctx.graphs.graphs):
        graph = ctx.graphs.graphs[path]
        graph_iri = f"{ctx.iris.base}graph/{path}"
        pages = ctx.graphs.pages[path].values()
        add_provenance(graph, graph_iri, pages, ctx.graphs.records[path])
        records = ctx.graphs.records[path]
        try:
            if options.validate:
                ensure_valid(graph, graph_iri)
            target.replace_graph(graph_iri, graph.serialize(format="nt"))
        except (ShapeViolation, LoadError, SyntaxError) as error:
            # SyntaxError: the store refused a term the records made (a malformed IRI, say);
            # the graph's update is void, the others still load.
            report.graphs.append(GraphResult(graph_iri, records, 0, " ".join(str(error).split())))
            on_event(f"failed: {graph_iri}: {error}")
            continue
        report.graphs.append(GraphResult(graph_iri, records, len(graph)))
        on_event(f"loaded {graph_iri}: {records} records, {len(graph)} triples")


def _prefixed(what: str, counts: Iterable) -> Counter:
    counts = Counter(counts)
    return Counter({f"{what}: {reason}": n for reason, n in counts.items()})
