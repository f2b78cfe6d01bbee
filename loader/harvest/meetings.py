"""ScheduleDB meetings → one lg:Meeting per meeting, the same resource documents describe.

A meeting's IRI follows the contract's rule: the committee path under ``meeting/`` plus the
date. The committee is the one whose folder holds the meeting's agenda (the agenda URL is
read by the same rule as documents), else the first of its committees. A letter after the
date in the agenda's file name (``cm20180523q.htm``, the Chief Executive's Question Time)
becomes a suffix (``meeting/council/2018-05-23-q``). Two meetings still left with one IRI
(rare) are told apart by start time: the earlier keeps the plain IRI, the later ones get
``-HHMM`` (and ``-{slot_id}`` if that is taken too).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF

from loader.harvest.context import HarvestContext, clean, date_literal, day, describe, moment
from loader.harvest.odata import Page, Record
from loader.legco_urls import parse_legco_url
from loader.vocab import LG, SCHEMA

_AGENDA_SUFFIX = re.compile(r"(?:19|20)\d{6}([a-z]*)$")


@dataclass(frozen=True)
class PlannedMeeting:
    """A ScheduleDB meeting slot with the IRI and committees it maps to."""

    iri: URIRef
    record: Record
    page: Page
    committees: tuple[URIRef, ...]


def plan_meetings(ctx: HarvestContext, meetings: list[Page], links: list[Page]):
    """The meetings with their IRIs; ``ctx.meetings`` learns slot_id and meet_id → IRI."""
    held_by: dict[str, set[URIRef]] = defaultdict(set)
    for page in links:
        for record in page.records:
            committee = ctx.committee_in_meeting(clean(record["committee_id"]))
            if committee is not None:
                held_by[clean(record["slot_id"])].add(committee)
    wanted: dict[URIRef, list[tuple[Record, Page, set[URIRef]]]] = defaultdict(list)
    for page in meetings:
        for record in page.records:
            committees = set(held_by.get(clean(record["slot_id"]), set()))
            base = _base_iri(ctx, record, committees)
            if base is not None:
                wanted[base].append((record, page, committees))
    planned = []
    for base, slots in sorted(wanted.items()):
        slots.sort(key=lambda s: (clean(s[0].get("start_date_time")), clean(s[0]["slot_id"])))
        taken: set[str] = set()
        for index, (record, page, committees) in enumerate(slots):
            iri = base if index == 0 else _later(base, record, taken)
            taken.add(str(iri))
            planned.append(PlannedMeeting(iri, record, page, tuple(sorted(committees))))
            ctx.meetings[clean(record["slot_id"])] = iri
            ctx.meetings[f"meet:{clean(record.get('meet_id'))}"] = iri
            ctx.labels[iri] = {
                "en": clean(record.get("subject_eng")),
                "zh-Hant": clean(record.get("subject_chi")),
            }
    return planned


def write_meetings(ctx: HarvestContext, planned: list[PlannedMeeting]) -> None:
    """Each planned meeting into its term's graph."""
    council = ctx.iris.committee("council")
    for meeting in planned:
        record, iri = meeting.record, meeting.iri
        number = int(record["term_id"]) + 1
        graph = ctx.graphs.take(f"odata/schedule/meeting/term/{number}", meeting.page)
        classes = [LG.Meeting] + ([LG.CouncilMeeting] if council in meeting.committees else [])
        describe(graph, iri, classes, ctx.labels[iri])
        graph.add((iri, DCTERMS.date, date_literal(day(record["start_date_time"]))))
        graph.add((iri, SCHEMA.startDate, moment(record["start_date_time"])))
        for committee in meeting.committees:
            graph.add((iri, LG.committee, committee))
        graph.add((iri, LG.slotId, Literal(clean(record["slot_id"]))))
        graph.add((iri, LG.inTerm, ctx.term(number)))
        for field_name, language in (("venue_name_eng", "en"), ("venue_name_chi", "zh-Hant")):
            if clean(record.get(field_name)):
                graph.add((iri, SCHEMA.location, Literal(clean(record[field_name]), lang=language)))
        for field_name, language in (("meeting_type_eng", "en"), ("meeting_type_chi", "zh-Hant")):
            if clean(record.get(field_name)):
                graph.add((iri, DCTERMS.type, Literal(clean(record[field_name]), lang=language)))
        for field_name in ("agenda_url_eng", "agenda_url_chi"):
            if clean(record.get(field_name)).startswith("http"):
                graph.add((iri, FOAF.page, URIRef(clean(record[field_name]))))


def _base_iri(ctx: HarvestContext, record: Record, committees: set[URIRef]) -> URIRef | None:
    """The meeting's IRI before same-day clashes are settled (None without any committee)."""
    date = day(record.get("start_date_time"))
    if date is None:
        return None
    agenda = parse_legco_url(
        clean(record.get("agenda_url_eng")) or clean(record.get("agenda_url_chi"))
    )
    if agenda is not None and agenda.committee_key:
        committee = ctx.iris.committee(agenda.committee_key)
        committees.add(committee)
        stem = agenda.file_name.rsplit(".", 1)[0].lower()
        match = _AGENDA_SUFFIX.search(stem)
        return ctx.iris.meeting(committee, date, match[1] if match else "")
    if not committees:
        return None
    return ctx.iris.meeting(min(committees), date)


def _later(base: URIRef, record: Record, taken: set[str]) -> URIRef:
    """A later meeting sharing ``base``: ``-HHMM``, or ``-{slot_id}`` when that is taken."""
    start = clean(record.get("start_date_time"))
    by_time = URIRef(f"{base}-{start[11:13]}{start[14:16]}") if len(start) >= 16 else None
    if by_time is not None and str(by_time) not in taken:
        return by_time
    return URIRef(f"{base}-{clean(record['slot_id'])}")
