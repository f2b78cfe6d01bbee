"""A Hansard's divisions as the vote events the harvested voting records (vrdb) make: one
``vote/council/{date}/{n}`` per division, ``n`` its place among the sitting's divisions (vrdb's
``vote_number``), with the counts by constituency group (``{vote}/count/{gc|fc|ec|overall}``)
and each Member's vote keyed as vrdb keys it (by the Member's id, ``{vote}/vote/{id}``), so a
division read from the record and from vrdb is one node."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from loader.harvest.voting import COUNTS, GROUPS, OPTIONS, RESULTS, member_vote
from loader.kinds.common.context import Context, date_label
from loader.kinds.hansard.divisions import Division
from loader.kinds.hansard.record import Record
from loader.names import person_name
from loader.vocab import LG

#: The reader's constituency groups → vrdb's count prefixes (whose concepts vrdb's table gives).
PREFIXES = {"geographical": "gc", "functional": "fc", "election-committee": "ec", "all": "overall"}


def write_divisions(
    ctx: Context,
    record: Record,
    meeting: URIRef,
    sections: list[list[URIRef]],
    speeches: list[URIRef],
) -> None:
    """Every division of the record, its counts and each Member's vote."""
    for division in record.divisions:
        _write_division(ctx, record, meeting, sections, speeches, division)


def _write_division(ctx, record, meeting, sections, speeches, division: Division) -> None:
    out = ctx.out
    date = record.date
    event = ctx.iris.iri(f"vote/council/{date.isoformat()}/{division.number}")
    zh = ctx.language.startswith("zh")
    when = date_label(date, ctx.language)
    label = (
        f"{when}立法會會議第{division.number}次記名表決"
        if zh
        else f"Division {division.number} at the Council meeting on {when}"
    )
    out.resource(event, LG.VoteEvent, label)
    out.add(event, DCTERMS.date, Literal(date.isoformat(), datatype=XSD.date))
    out.add(event, DCTERMS.identifier, Literal(str(division.number)))
    out.add(event, LG.atMeeting, meeting)
    out.add(event, LG.voteResult, RESULTS.get(division.result or ""))
    if division.after_speech:
        before = speeches[division.after_speech - 1]
        out.add(event, LG.speechSection, out.graph.value(before, LG.speechSection))
    for group, counts in division.counts.items():
        prefix = PREFIXES[group]
        concept = GROUPS[prefix]
        count = URIRef(f"{event}/count/{prefix}")
        out.resource(count, LG.VoteCount, f"{label} ({group})")
        out.add(event, LG.voteCount, count)
        out.add(count, LG.constituencyGroup, concept)
        for option, number in counts.items():
            if (tally := COUNTS.get(f"{option}_count")) is not None:
                out.add(count, tally, Literal(number, datatype=XSD.integer))
    for printed, option, _group in division.votes:
        if option not in OPTIONS or printed.upper().startswith("THE PRESIDENT"):
            continue
        name = person_name(printed)
        member = ctx.member(name, printed)
        vote = member_vote(event, member)
        out.resource(vote, LG.Vote, f"{name}：{option}" if zh else f"{name}: {option}")
        out.add(vote, LG.voteEvent, event)
        out.add(vote, LG.voter, member)
        out.add(vote, LG.voteOption, OPTIONS[option])
