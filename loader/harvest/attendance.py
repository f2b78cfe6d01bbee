"""AttendanceDB → lg:Attendance: one Member present at or absent from one meeting.

AttendanceDB's ``member_id`` is not ScheduleDB's (the recorded answers use another range of
numbers), so the Member is found by name (Chinese, then English) like every other source;
the row's ``member_id`` only keys the attendance resource within its meeting.
"""

from __future__ import annotations

from collections import Counter

from rdflib import URIRef

from loader.harvest.context import HarvestContext, clean, day, describe
from loader.harvest.odata import Page
from loader.ids import iri_segment
from loader.names import parse_name
from loader.vocab import LG

STATUSES = {"present": LG.Present, "absent": LG.Absent}
#: The office AttendanceDB shows in brackets after a name, as a role at that meeting.
OFFICES = {
    "chairman": LG.Chairman,
    "president": LG.Chairman,
    "主席": LG.Chairman,
    "deputy chairman": LG.DeputyChairman,
    "副主席": LG.DeputyChairman,
}


def write_attendance(ctx: HarvestContext, pages: list[Page]) -> Counter:
    """Each attendance row into its term's graph; returns counts of rows skipped, by reason."""
    skipped: Counter = Counter()
    for page in pages:
        for record in page.records:
            date = day(record.get("meeting_start_date_time"))
            status = STATUSES.get(clean(record.get("present_absent")).casefold())
            meeting = _meeting(ctx, record, date)
            if meeting is None or status is None:
                skipped["no meeting" if meeting is None else "unknown status"] += 1
                continue
            graph = ctx.graphs.take(
                f"odata/attendance/attendance/{ctx.terms.partition(date)}", page
            )
            name_en = clean(record.get("member_name_english"))
            name_zh = clean(record.get("member_name_chinese"))
            member_id = clean(record.get("member_id"))
            names = [(name_zh, "zh-Hant"), (name_en, "en")]
            term = ctx.terms.number_of(date)
            member = ctx.reconciliation.member(graph, "AttendanceDB", names, term)
            if member is None:
                skipped["no member"] += 1
                continue
            key = iri_segment(member_id or str(member).rsplit("/", 1)[-1])
            iri = URIRef(f"{meeting}/attendance/{key}")
            status_text = clean(record.get("present_absent"))
            describe(
                graph,
                iri,
                [LG.Attendance],
                {
                    "en": f"{parse_name(name_en).name or name_en}: {status_text}",
                    "zh-Hant": f"{parse_name(name_zh).name or name_zh}：{_zh(status)}",
                },
            )
            graph.add((iri, LG.attendee, member))
            graph.add((iri, LG.atMeeting, meeting))
            graph.add((iri, LG.attendanceStatus, status))
            office = parse_name(name_en).office or parse_name(name_zh).office
            role = OFFICES.get(office.casefold()) if office else None
            if role is not None:
                graph.add((iri, LG.role, role))
    return skipped


def _meeting(ctx: HarvestContext, record: dict, date) -> URIRef | None:
    """The meeting by ScheduleDB meet_id, else by committee and date."""
    known = ctx.meetings.get(f"meet:{clean(record.get('meet_id'))}")
    if known is not None or date is None:
        return known
    committee = ctx.committee_in_meeting(clean(record.get("committee_id")))
    return ctx.iris.meeting(committee, date) if committee is not None else None


def _zh(status: URIRef) -> str:
    return "出席" if status == LG.Present else "缺席"
