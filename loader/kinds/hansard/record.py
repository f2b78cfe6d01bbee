"""A Hansard's structure as the reader gives it: the record of one sitting, its parts of the
order of business and its speeches, independent of the form (PDF, HTML, JSON) it came in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from loader.kinds.hansard import divisions as dv
from loader.kinds.hansard import front


@dataclass
class Speech:
    """One speech: its speaker as printed, where it stands in the record and what was said."""

    order: int
    label: str
    role: str
    language: str
    text: str
    section: int | None = None
    item: str | None = None
    question: int | None = None
    part: str | None = None
    page: int | None = None
    bookmark: str | None = None


@dataclass
class Section:
    """One part of the order of business, as headed (or opened by the presiding officer)."""

    kind: str
    title: str
    items: list[str] = field(default_factory=list)


@dataclass
class Record:
    """A Hansard's structure, independent of the form it came in."""

    date: dt.date
    language: str
    started: dt.time | None = None
    events: list[tuple[str, dt.time | None]] = field(default_factory=list)
    attendance: dict[str, list[front.Attendee]] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    speeches: list[Speech] = field(default_factory=list)
    divisions: list[dv.Division] = field(default_factory=list)
    directions: list[tuple[str, int | None]] = field(default_factory=list)
    url: str | None = None

    @property
    def ended(self) -> dt.time | None:
        """When the sitting (this day of it) adjourned or was suspended."""
        times = [time for kind, time in self.events if kind in ("adjourned", "suspended")]
        return times[-1] if times else None
