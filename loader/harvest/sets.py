"""The entity sets harvested, how each is paged and filtered, and what each database needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DATABASES = ("schedule", "attendance", "hansard", "voting", "bills")


@dataclass(frozen=True)
class EntitySet:
    """One OData entity set: its path, a stable sort for paging and LegCo's page cap."""

    name: str
    path: str
    order_by: str
    page_size: int
    where: str = ""


def _schedule(name: str, entity: str, order_by: str) -> EntitySet:
    return EntitySet(name, f"ScheduleDB/odata/{entity}", order_by, 10000)


def _hansard(name: str, entity: str, order_by: str, english: bool = True) -> EntitySet:
    where = "HansardType eq 'English'" if english else ""
    return EntitySet(name, f"OpenData/HansardDB/{entity}", order_by, 1000, where)


SETS = {
    entity.name: entity
    for entity in (
        _schedule("term", "Tterm", "term_id"),
        _schedule("session", "Tsession", "session_id"),
        _schedule("committee", "Tcommittee", "committee_id"),
        _schedule("member", "Tmember", "member_id"),
        _schedule("member_term", "Tmember_term", "member_id,term_id"),
        _schedule("membership", "Tmembership", "member_id,committee_id,post_start_date"),
        _schedule("meeting", "Tmeeting", "slot_id"),
        _schedule("meeting_committee", "Tmeeting_committee", "slot_id,committee_id"),
        EntitySet("attendance", "OpenData/AttendanceDB/TAttendance", "meet_id,member_id", 1000),
        _hansard("hansard", "Hansard", "HansardID"),
        _hansard("question", "Questions", "RundownID"),
        _hansard("subject", "Subjects", "RundownID"),
        _hansard("speaker", "Speakers", "SpeakerID", english=False),
        _hansard("hansard_vote", "VotingResults", "RundownID"),
        _hansard("rundown", "Rundown", "RundownID"),
        EntitySet("vote", "vrdb/odata/vVotingResult", "id", 1000),
        EntitySet("bill", "BillsDB/odata/Vbills", "internal_key", 1000),
    )
}


def odata_datetime(value: dt.date) -> str:
    """``datetime'2019-02-20'`` as OData v2 filters write it."""
    return f"datetime'{value.isoformat()}'"


def date_range(field_name: str, start: dt.date, end: dt.date | None) -> str:
    """``field ge datetime'…' and field lt datetime'…'`` (open-ended without ``end``)."""
    condition = f"{field_name} ge {odata_datetime(start)}"
    if end is not None:
        condition += f" and {field_name} lt {odata_datetime(end)}"
    return condition


def combine(*conditions: str) -> str:
    """Filter conditions joined with ``and`` (empty ones left out)."""
    return " and ".join(condition for condition in conditions if condition)
