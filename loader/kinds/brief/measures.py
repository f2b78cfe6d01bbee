"""Listed government measures: title, target date, status and the body that carries them out."""

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from loader.kinds.brief.subjects import subject_bodies
from loader.kinds.common.context import Context
from loader.kinds.common.crossrefs import editorial_notes, end_before_notes
from loader.kinds.common.dates import find_deadline
from loader.kinds.common.discussion import sentences
from loader.kinds.common.graph import short_label
from loader.kinds.common.paragraphs import discussion_sections
from loader.kinds.common.structure import BriefLayout
from loader.text import display_width
from loader.vocab import LG

_MEASURE_LEAD_IN = re.compile(
    r"措施|舉措|計劃|方案|工作|建議|initiatives?|measures?|proposals?|plans?|actions?|steps?", re.I
)
_TITLE_END = re.compile(r"[：:]")
_CLAUSE_END = re.compile(r"[，。；,;]")
#: A text before a colon at most this wide (CJK counts double) is the measure's title.
_TITLE_WIDTH = 80


def write_measures(
    ctx: Context,
    layout: BriefLayout,
    paragraphs: dict[int, URIRef],
    policy_of: dict[str, URIRef],
) -> None:
    """Listed government measures outside the discussion part as lg:PolicyMeasure."""
    inside = discussion_sections(layout)
    out = ctx.out
    bodies = ctx.body_names()
    for paragraph in layout.paragraphs:
        if paragraph.section in inside or not paragraph.items:
            continue
        lead_in = paragraph.text[: paragraph.items[0][1]]
        if not _MEASURE_LEAD_IN.search(lead_in):
            continue
        policy = next((iri for title, iri in policy_of.items() if title in lead_in), None)
        iri = paragraphs[paragraph.position]
        notes = editorial_notes(paragraph.text)
        for label, start, end in paragraph.items:
            end = end_before_notes(paragraph.text, start, end, notes)
            body_start = start + len(label)
            while body_start < end and paragraph.text[body_start] == " ":
                body_start += 1
            body = paragraph.text[body_start:end]
            title, action = _title_and_action(body)
            measure = URIRef(f"{iri}/measure/{label.strip('()')}")
            out.resource(measure, LG.PolicyMeasure, title)
            out.add(measure, DCTERMS.title, out.text(title))
            out.add(measure, LG.measureLabel, Literal(label))
            out.add(measure, LG.partOfPolicy, policy)
            for body_iri in subject_bodies(action, bodies):
                ctx.describe(body_iri)
                out.add(measure, LG.responsibleBody, body_iri)
            deadline = find_deadline(body)
            if deadline is not None:
                out.add(measure, LG.targetDate, deadline.value)
                out.add(measure, LG.targetDateText, out.text(deadline.text))
                if deadline.completed:
                    out.add(measure, LG.measureStatus, LG.StatusCompleted)
                    out.add(measure, LG.statusText, out.text(_sentence_at(body, deadline.start)))
            out.evidence(measure, iri, paragraph.text, start, end)


def _title_and_action(body: str) -> tuple[str, str]:
    """The measure's title and the text that says what is done (after a ``title：``)."""
    colon = _TITLE_END.search(body)
    if colon and display_width(body[: colon.start()]) <= _TITLE_WIDTH:
        return body[: colon.start()].strip(), body[colon.end() :].strip()
    clause = _CLAUSE_END.search(body)
    return short_label(body[: clause.start()] if clause else body), body


def _sentence_at(text: str, offset: int) -> str:
    for start, end in sentences(text):
        if start <= offset < end:
            return text[start:end]
    return text
