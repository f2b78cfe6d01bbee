"""Voting Results DB (vrdb) → lg:VoteEvent with per-group lg:VoteCount and each lg:Vote.

vrdb has one row per Member per vote. A vote is keyed by the body, the meeting's start date
and the vote number (numbers restart at each meeting and run on over its later days):
``vote/council/2018-05-23/1``; the body is found by its name in the curated committee table
(``Council Meeting`` → ``council``). A Member's vote is keyed by the Member's id
(``{vote}/vote/{member id}``), as the Hansard kind keys the votes it reads from the record.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from loader.harvest.context import HarvestContext, clean, date_literal, day, describe, moment
from loader.harvest.odata import Page, Record
from loader.vocab import LG

OPTIONS = {
    "yes": LG.VoteYes,
    "no": LG.VoteNo,
    "abstain": LG.VoteAbstain,
    "present": LG.VotePresent,
    "absent": LG.VoteAbsent,
}
RESULTS = {"passed": LG.Passed, "negatived": LG.Negatived}
#: vrdb's field prefixes for the tallies of each constituency group.
GROUPS = {
    "gc": LG.GeographicalConstituencies,
    "fc": LG.FunctionalConstituencies,
    "ec": LG.ElectionCommitteeConstituency,
    "overall": LG.AllMembers,
}
COUNTS = {
    "yes_count": LG.yesCount,
    "no_count": LG.noCount,
    "abstain_count": LG.abstainCount,
    "present_count": LG.presentCount,
}


@dataclass(frozen=True)
class Division:
    """One vrdb vote event as others join to it: its IRI, number, date and motion."""

    event: URIRef
    number: int
    date: dt.date
    motion_en: str
    motion_ch: str
    result: URIRef | None


def member_vote(event: URIRef, member: URIRef) -> URIRef:
    """A Member's vote in ``event``, keyed by the Member's id: ``{event}/vote/102`` for
    ``member/102`` (``{event}/vote/name-{key}`` for a Member only known by name)."""
    key = str(member).rsplit("/member/", 1)[-1].replace("/", "-")
    return URIRef(f"{event}/vote/{key}")


def divisions(ctx: HarvestContext, pages: list[Page]) -> dict[dt.date, list[Division]]:
    """The Council's vote events in ``pages`` by the meeting's first day, in number order."""
    found: dict[URIRef, tuple[dt.date, Division]] = {}
    council = ctx.iris.committee("council")
    for page in pages:
        for record in page.records:
            keyed = _event(ctx, record)
            number = clean(record.get("vote_number"))
            if keyed is None or keyed[0] != council or not number.isdigit():
                continue
            _committee, meeting_date, event = keyed
            found[event] = (
                meeting_date,
                Division(
                    event,
                    int(number),
                    day(record.get("vote_date")) or meeting_date,
                    clean(record.get("motion_en")),
                    clean(record.get("motion_ch")),
                    RESULTS.get(clean(record.get("overall_result")).casefold()),
                ),
            )
    by_meeting: dict[dt.date, list[Division]] = {}
    for meeting_date, division in found.values():
        by_meeting.setdefault(meeting_date, []).append(division)
    return {when: sorted(rows, key=lambda d: d.number) for when, rows in by_meeting.items()}


def _event(ctx: HarvestContext, record: Record) -> tuple[URIRef, dt.date, URIRef] | None:
    """The body, the meeting's first day and the vote event IRI of a vrdb row."""
    committee = ctx.tables.committee(clean(record.get("type")))
    meeting_date = day(record.get("start_date")) or day(record.get("vote_date"))
    if committee is None or meeting_date is None:
        return None
    path = str(committee)[len(ctx.iris.base) :].removeprefix("committee/")
    number = clean(record.get("vote_number"))
    return committee, meeting_date, ctx.iris.iri(f"vote/{path}/{meeting_date.isoformat()}/{number}")


def write_votes(ctx: HarvestContext, pages: list[Page]) -> Counter:
    """Every vote and individual vote; returns counts of rows skipped, by reason."""
    skipped: Counter = Counter()
    written: set[URIRef] = set()
    for page in pages:
        for record in page.records:
            keyed = _event(ctx, record)
            if keyed is None:
                known = ctx.tables.committee(clean(record.get("type"))) is not None
                skipped["no date" if known else "unknown body"] += 1
                continue
            committee, meeting_date, event = keyed
            term = int(record["term_no"]) if clean(record.get("term_no")).isdigit() else None
            part = f"term/{term}" if term else ctx.terms.partition(meeting_date)
            graph = ctx.graphs.take(f"odata/voting/vote/{part}", page)
            if event not in written:
                written.add(event)
                _write_event(ctx, graph, event, committee, meeting_date, record, term)
            _write_vote(ctx, graph, event, record, term)
    return skipped


def _write_event(ctx, graph, event: URIRef, committee: URIRef, meeting_date, record: Record, term):
    labels = {"en": clean(record.get("motion_en")), "zh-Hant": clean(record.get("motion_ch"))}
    describe(graph, event, [LG.VoteEvent], labels)
    graph.add((event, DCTERMS.date, date_literal(day(record.get("vote_date")) or meeting_date)))
    when = moment(record.get("vote_time"))
    if when is not None:
        graph.add((event, DCTERMS.created, when))
    graph.add((event, DCTERMS.identifier, Literal(clean(record["vote_number"]))))
    graph.add((event, LG.atMeeting, ctx.iris.meeting(committee, meeting_date)))
    result = RESULTS.get(clean(record.get("overall_result")).casefold())
    if result is not None:
        graph.add((event, LG.voteResult, result))
    if clean(record.get("mover_type")).casefold() == "member":
        names = [(clean(record.get("mover_ch")), "zh-Hant"), (clean(record.get("mover_en")), "en")]
        mover = ctx.reconciliation.member(graph, "vrdb movers", names, term)
        if mover is not None:
            graph.add((event, LG.mover, mover))
    for prefix, group in GROUPS.items():
        _write_count(graph, event, prefix, group, record)


def _write_count(graph, event: URIRef, prefix: str, group: URIRef, record: Record) -> None:
    values = {name: record.get(f"{prefix}_{name}") for name in COUNTS}
    result = RESULTS.get(clean(record.get(f"{prefix}_result")).casefold())
    if all(value is None for value in values.values()) and result is None:
        return
    iri = URIRef(f"{event}/count/{prefix}")
    labels = {"en": f"{_group_name(prefix)}: {clean(record.get(f'{prefix}_result'))}".strip(": ")}
    describe(graph, iri, [LG.VoteCount], labels)
    graph.add((event, LG.voteCount, iri))
    graph.add((iri, LG.constituencyGroup, group))
    if result is not None:
        graph.add((iri, LG.voteResult, result))
    for name, predicate in COUNTS.items():
        if values[name] is not None:
            graph.add((iri, predicate, Literal(int(values[name]))))


def _write_vote(ctx: HarvestContext, graph, event: URIRef, record: Record, term) -> None:
    option = OPTIONS.get(clean(record.get("vote")).casefold())
    names = [(clean(record.get("name_ch")), "zh-Hant"), (clean(record.get("name_en")), "en")]
    voter = ctx.reconciliation.member(graph, "vrdb votes", names, term)
    if option is None or voter is None:
        return
    iri = member_vote(event, voter)
    labels = {
        "en": f"{clean(record.get('name_en'))}: {clean(record.get('vote'))}",
        "zh-Hant": f"{clean(record.get('name_ch'))}：{clean(record.get('vote'))}",
    }
    describe(graph, iri, [LG.Vote], labels)
    graph.add((iri, LG.voteEvent, event))
    graph.add((iri, LG.voter, voter))
    graph.add((iri, LG.voteOption, option))


def _group_name(prefix: str) -> str:
    return {
        "gc": "Geographical constituencies",
        "fc": "Functional constituencies",
        "ec": "Election Committee constituency",
        "overall": "All Members",
    }[prefix]
