"""When members raised a brief's concerns: the meetings the text itself names for them.

A *meeting statement* is a sentence of the discussion part that names past meetings ahead of
anyone speaking in it: 「事務委員會在2019年11月18日的會議上，委員…」, "At the meeting on 18
November 2019, members …", "The Panel discussed the subject at its meetings on 16 January and 19
June 2023." It dates the contributions that follow it in its paragraph. It dates later
paragraphs only when the text says so (「…關注事項綜述於下文各段」, "… are summarized below"),
and then only within its section and the sections under it. A meeting on or after the day the
brief was signed (or the meeting it was prepared for) is never one where something was raised.

One meeting gives ``lg:raisedAt`` and the meeting's date as the contribution's ``dcterms:date``.
Several meetings (a summary of discussions) give ``lg:raisedAtOneOf`` each, since the text does
not say at which of them the point was made, and as ``dcterms:date`` the month or year they
share, if any. A meeting named by month only (``in November 2019``) gives no meeting, only that
month.
"""

import datetime as dt
import re
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from loader.kinds.common.context import Context
from loader.kinds.common.dates import MONTHS
from loader.kinds.common.discussion import sentences, speaker_offset
from loader.kinds.common.paragraphs import Written
from loader.kinds.common.structure import BriefLayout, Paragraph
from loader.vocab import LG

_MONTH = "|".join(MONTHS)
#: A meeting named by its month only: 「2019年11月的會議」, "the meeting in November 2019".
_ZH_MONTH_MEETING = re.compile(
    r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?!\d{1,2}日)(?:舉行|召開)?的?[^，。；、的]{0,30}?會議"
)
_EN_MONTH_MEETING = re.compile(
    rf"\bmeetings?\b[^.;]{{0,80}}?\b(?:in|of|held in)\s+(?P<month>{_MONTH})\s+(?P<y>\d{{4}})\b",
    re.I,
)
#: Words by which a paragraph hands its meetings on to the paragraphs below it.
_FORWARD = re.compile(
    r"(?:綜述|概述|撮述|摘述|闡述|載述|詳述|臚列|載列|列出|載於|列於)(?:於|在|如)?(?:下文|以下|下列|下)"
    r"|(?:下文|以下)各段"
    r"|\b(?:summari[sz]ed|set out|outlined|described|given|highlighted|listed|recorded)\s+"
    r"(?:below|as follows|in the (?:following|ensuing|next) paragraphs?)",
    re.I,
)


@dataclass(frozen=True)
class NamedMeetings:
    """A run of meeting dates in a paragraph: the meetings, with their dates, and its span."""

    meetings: tuple[tuple[URIRef, dt.date], ...]
    start: int
    end: int


@dataclass(frozen=True)
class Statement:
    """What a meeting statement says: the meetings, and periods named without a day."""

    meetings: tuple[tuple[URIRef, dt.date], ...]
    periods: tuple[tuple[int, int], ...] = ()


def write_raised_at(
    ctx: Context,
    layout: BriefLayout,
    written: list[Written],
    named: dict[int, list[NamedMeetings]],
    before: dt.date | None,
    inside: set[int],
) -> None:
    """``lg:raisedAt`` / ``lg:raisedAtOneOf`` and ``dcterms:date`` of each contribution whose
    meeting the text names (``inside``: the discussion sections)."""
    by_paragraph: dict[int, list[Written]] = {}
    for item in written:
        by_paragraph.setdefault(item.paragraph.position, []).append(item)
    parents = {s.index: s.parent for s in layout.sections}
    carried: tuple[int | None, Statement | None] | None = None
    last_in_section: dict[int | None, Statement] = {}
    for paragraph in layout.paragraphs:
        if paragraph.section not in inside:
            carried = None
            continue
        if carried is not None and not _under(paragraph.section, carried[0], parents):
            carried = None
        statements = _statements(paragraph, named.get(paragraph.position, []), before)
        inherited = carried[1] if carried else None
        for item in by_paragraph.get(paragraph.position, []):
            own = [s for at, s in statements if at <= item.found.at]
            _write(ctx, item.resource, own[-1] if own else inherited)
        if statements:
            last_in_section[paragraph.section] = statements[-1][1]
        forward = _FORWARD.search(paragraph.text)
        if forward:
            own = [s for at, s in statements if at <= forward.start()]
            carried = (
                paragraph.section,
                own[-1] if own else last_in_section.get(paragraph.section),
            )


def _under(section: int | None, ancestor: int | None, parents: dict[int, int | None]) -> bool:
    """True when ``section`` is ``ancestor`` or lies under it."""
    while section is not None and section != ancestor:
        section = parents.get(section)
    return section == ancestor


def _statements(
    paragraph: Paragraph, named: list[NamedMeetings], before: dt.date | None
) -> list[tuple[int, Statement]]:
    """(offset of the first date, statement) of each meeting statement in the paragraph."""
    text = paragraph.text
    months = [
        (m.start(), (int(m["y"]), int(m["m"])))
        for m in _ZH_MONTH_MEETING.finditer(text)
        if 1 <= int(m["m"]) <= 12
    ] + [
        (m.start("month"), (int(m["y"]), MONTHS.index(m["month"].lower()) + 1))
        for m in _EN_MONTH_MEETING.finditer(text)
    ]
    found: list[tuple[int, Statement]] = []
    for start, end in sentences(text):
        speaker = speaker_offset(text[start:end])
        opens = start + speaker if speaker is not None else end
        runs = [
            run
            for run in named
            if start <= run.start < opens
            and any(before is None or date < before for _, date in run.meetings)
        ]
        meetings = tuple(
            (m, d) for run in runs for m, d in run.meetings if before is None or d < before
        )
        periods = tuple(p for at, p in months if start <= at < opens)
        if meetings or periods:
            first = min(
                [run.start for run in runs] + [at for at, _ in months if start <= at < opens]
            )
            found.append((first, Statement(meetings, periods)))
    return found


def _write(ctx: Context, resource: URIRef, statement: Statement | None) -> None:
    if statement is None:
        return
    out = ctx.out
    meetings = sorted(set(statement.meetings))
    if len(meetings) == 1 and not statement.periods:
        out.add(resource, LG.raisedAt, meetings[0][0])
    else:
        for meeting, _ in meetings:
            out.add(resource, LG.raisedAtOneOf, meeting)
    out.add(resource, DCTERMS.date, _shared_period(meetings, statement.periods))


def _shared_period(
    meetings: list[tuple[URIRef, dt.date]], periods: tuple[tuple[int, int], ...]
) -> Literal | None:
    """The day, month or year every named meeting falls in, as a typed literal, if any."""
    days = {date for _, date in meetings}
    if len(days) == 1 and not periods:
        return Literal(next(iter(days)).isoformat(), datatype=XSD.date)
    months = {(d.year, d.month) for d in days} | set(periods)
    if len(months) == 1:
        year, month = next(iter(months))
        return Literal(f"{year:04d}-{month:02d}", datatype=XSD.gYearMonth)
    years = {year for year, _ in months}
    if len(years) == 1:
        return Literal(f"{next(iter(years)):04d}", datatype=XSD.gYear)
    return None
