"""Voting Results DB (vrdb) → lg:VoteEvent with per-group lg:VoteCount and each lg:Vote.

vrdb has one row per Member per vote. A vote is keyed by the body, the meeting's start date
and the vote number (numbers restart at each meeting): ``vote/council/2018-05-23/1``; the body
is found by its name in the curated committee table (``Council Meeting`` → ``council``).
"""

from __future__ import annotations

from collections import Counter

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from loader.harvest.context import HarvestContext, clean, date_literal, day, describe, moment
from loader.harvest.odata import Page, Record
from loader.ids import iri_segment
from loader.names import match_key
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


def write_votes(ctx: HarvestContext, pages: list[Page]) -> Counter:
    """Every vote and individual vote; returns counts of rows skipped, by reason."""
    skipped: Counter = Counter()
    written: set[URIRef] = set()
    for page in pages:
        for record in page.records:
            committee = ctx.tables.committee(clean(record.get("type")))
            meeting_date = day(record.get("start_date")) or day(record.get("vote_date"))
            if committee is None or meeting_date is None:
                skipped["unknown body" if committee is None else "no date"] += 1
                continue
            term = int(record["term_no"]) if clean(record.get("term_no")).isdigit() else None
            part = f"term/{term}" if term else ctx.terms.partition(meeting_date)
            graph = ctx.graphs.take(f"odata/voting/vote/{part}", page)
            path = str(committee)[len(ctx.iris.base) :].removeprefix("committee/")
            event = ctx.iris.iri(
                f"vote/{path}/{meeting_date.isoformat()}/{clean(record['vote_number'])}"
            )
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
    key = match_key(clean(record.get("name_en")) or clean(record.get("name_ch")))
    iri = URIRef(f"{event}/vote/{iri_segment(key)}")
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
