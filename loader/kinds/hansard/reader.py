"""A Hansard read into its structure: the sitting, who attended, the order of business, every
speech in order (speaker as printed, role, language of delivery, question and part), the
divisions, and the sitting's suspensions and adjournment. Layout-independent: PDF text, HTML
text and the JSON form go through the same paragraphs."""

from __future__ import annotations

import re

from loader.kinds.hansard import divisions as dv
from loader.kinds.hansard import front, sections
from loader.kinds.hansard.forms import NotHansard, json_record, looks_like_json
from loader.kinds.hansard.layout import Paragraph, paragraphs
from loader.kinds.hansard.markers import Marker, find_marker, role_of
from loader.kinds.hansard.record import Record, Section, Speech
from loader.text import detect_language

_TITLE = re.compile(r"會議過程正式紀錄|OFFICIALRECORDOFPROCEEDINGS", re.IGNORECASE)
_STARTED = re.compile(r"會議開始|The Council met at", re.IGNORECASE)
_ENDED = re.compile(
    r"(?:立法會|會議)遂?於.{0,12}?(?P<zh>休會|暫停)|(?P<en>Adjourned|Suspended) accordingly at",
    re.IGNORECASE,
)
_RESUMED = re.compile(r"會議隨而恢復|Council (?:then )?resumed", re.IGNORECASE)
_DIRECTION = re.compile(r"^[(（].*[)）]$")
#: Where a speech may have been run on: after a stage direction or an interruption.
_BREAK = re.compile(r"(?:[)）]|…{1,2}|\.{3})\s*")


def read(text: str) -> Record:
    """The structured record of a Hansard in any of its forms; NotHansard when it is none."""
    if looks_like_json(text):
        header, paras, attendance = json_record(text)
        date = front.sitting_date([header["date"]])
        url = header["url"] or None
    else:
        if not _TITLE.search(_squeezed(text[:5000])):
            raise NotHansard("no 'OFFICIAL RECORD OF PROCEEDINGS' / '會議過程正式紀錄' title")
        paras = paragraphs(_split_directions(text), _starts_paragraph)
        date = front.sitting_date([p.text for p in paras[:12]])
        attendance, paras = _front_matter(paras)
        url = None
    if date is None:
        raise NotHansard("no sitting date in the record's first lines")
    sample = " ".join(p.text for p in paras[:400])
    record = Record(date, detect_language(sample), attendance=attendance, url=url)
    _Builder(record).run(paras)
    if not record.speeches:
        raise NotHansard("a record without any speech")
    return record


def _split_directions(text: str) -> str:
    """A speech run together with what came before it — a stage direction
    (``(委員返回座位)全委會主席：``) or an interrupted speech (``……全委會主席：``), as text
    clean-up may join them — split back onto its own line."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        for found in _BREAK.finditer(line):
            if found.end() < len(line) and find_marker(line[found.end() :]):
                lines[index] = line[: found.end()] + "\n" + line[found.end() :]
                break
    return "\n".join(lines)


def _squeezed(text: str) -> str:
    """``text`` without whitespace: PDF text may space out every character of a title."""
    return re.sub(r"\s+", "", text)


def _starts_paragraph(line: str) -> bool:
    return bool(
        find_marker(line)
        or front.block_of(line)
        or sections.heading_kind(line)
        or dv.group_of(line)
        or _DIRECTION.match(line)
    )


def _front_matter(paras: list[Paragraph]) -> tuple[dict, list[Paragraph]]:
    """Attendance lists (up to the first speech or heading) and the paragraphs around them."""
    attendance: dict[str, list[front.Attendee]] = {}
    block, lines, first = None, [], None
    for index, para in enumerate(paras):
        kind = front.block_of(para.text)
        if kind or find_marker(para.text) or sections.heading_kind(para.text):
            if block:
                attendance[block] = front.attendees(block, lines)
            if not kind:
                return attendance, paras[: first if first is not None else index] + paras[index:]
            block, lines = kind, []
            first = index if first is None else first
        elif block:
            lines.append(para.text)
    return attendance, paras


class _Builder:
    """Walks the paragraphs once, keeping the section, item, question and division in hand."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.speech: Speech | None = None
        self.texts: list[str] = []
        self.item: str | None = None
        self.question: int | None = None
        self.called: int | None = None
        self.answered = False
        self.division: dv.Division | None = None
        self.group: str | None = None
        self.claim: str | None = None
        self.pending_item: str | None = None

    def run(self, paras: list[Paragraph]) -> None:
        for index, para in enumerate(paras):
            following = paras[index + 1] if index + 1 < len(paras) else None
            self.paragraph(para, following)
        self.close_speech()

    def paragraph(self, para: Paragraph, following: Paragraph | None) -> None:
        text = para.text
        marker = _marker_of(para)
        if marker is None and not self.record.sections and _STARTED.search(text):
            self.record.started = front.clock_time(text)
            return
        kind = None if marker else sections.heading_kind(text)
        if kind:
            self.open_section(kind, text)
            return
        if marker is not None:
            self.open_speech(marker, text[marker.end :] if para.speaker is None else text, para)
            return
        if self.division_line(text, para):
            return
        if _DIRECTION.match(text):
            self.record.directions.append((text, len(self.record.speeches)))
            return
        ended = _ENDED.search(text)
        if ended and len(text) < 80:
            kind = (ended["zh"] or ended["en"] or "").casefold()
            event = "suspended" if kind in ("暫停", "suspended") else "adjourned"
            self.record.events.append((event, front.clock_time(text)))
            return
        if _RESUMED.search(text) and len(text) < 60:
            self.record.events.append(("resumed", None))
            return
        if sections.is_item_heading(text) and following is not None and _marker_of(following):
            self.close_speech()
            self.item, self.speech = text, None
            if self.record.sections:
                self.record.sections[-1].items.append(text)
            return
        if self.speech is not None:
            self.texts.append(text)

    def open_section(self, kind: str, title: str) -> None:
        self.close_speech()
        self.speech = None
        self.record.sections.append(Section(kind, title))
        self.item, self.question, self.called = None, None, None

    def open_speech(self, marker: Marker, text: str, para: Paragraph) -> None:
        self.close_speech()
        record = self.record
        if marker.role in ("president", "deputy-president", "chairman", "deputy-chairman"):
            cue = sections.cue_kind(text)
            current = record.sections[-1].kind if record.sections else None
            if cue and cue != current:
                self.open_section(cue, text.split("。")[0].split(".")[0])
            called = sections.called_question(text)
            if called:
                self.called = called
        section = record.sections[-1].kind if record.sections else None
        part = None
        if section in sections.QUESTION_SECTIONS:
            if marker.number is not None:
                self.question, part, self.answered = marker.number, "question", False
            elif marker.role == "member" and self.called is not None:
                self.question, part, self.answered = self.called, "question", False
                self.called = None
            elif marker.role == "member" and self.question is not None:
                part = "supplementary" if self.answered else "question"
            elif marker.role == "officer" and self.question is not None:
                part, self.answered = "answer", True
        self.speech = Speech(
            order=len(record.speeches) + 1,
            label=marker.label,
            role=marker.role,
            language=marker.language or "",
            text="",
            section=len(record.sections) - 1 if record.sections else None,
            item=self.item,
            question=self.question if section in sections.QUESTION_SECTIONS else None,
            part=part,
            page=para.page,
            bookmark=para.bookmark,
        )
        self.texts = [text] if text.strip() else []
        claim = dv.claim_in(text)
        if claim:
            self.claim = claim

    def close_speech(self) -> None:
        speech = self.speech
        if speech is None or speech in self.record.speeches[-1:]:
            return
        speech.text = "\n".join(t.strip() for t in self.texts if t.strip())
        if not speech.language:
            speech.language = (
                "en" if detect_language(speech.text or speech.label) == "en" else "yue"
            )
        self.record.speeches.append(speech)

    def division_line(self, text: str, para: Paragraph) -> bool:
        """Consumes a claim, a group heading, a vote list or a result; False for anything else."""
        claim = dv.claim_in(text)
        if claim and len(text) < 200:
            self.claim = claim
            return True
        group = dv.group_of(text)
        if group:
            self.current_division(para)
            self.group = group
            return True
        votes = dv.votes_in(text)
        if votes:
            division = self.current_division(para)
            names, option = votes
            division.votes.extend((name, option, self.group) for name in names)
            return True
        result = dv.result_in(text) if (self.division or self.claim) else None
        if result is not None:
            division = self.current_division(para)
            division.counts, division.result = result
            self.record.divisions.append(division)
            self.division, self.group, self.claim = None, None, None
            return True
        return False

    def current_division(self, para: Paragraph) -> dv.Division:
        if self.division is None:
            self.close_speech()
            self.speech = None
            self.division = dv.Division(
                number=len(self.record.divisions) + 1,
                claimed_by=self.claim,
                page=para.page,
                after_speech=len(self.record.speeches) or None,
            )
        return self.division


def _marker_of(para: Paragraph) -> Marker | None:
    if para.speaker is None:
        return find_marker(para.text)
    found = find_marker(para.speaker + "：")
    if found is not None:
        return Marker(found.label, found.role, found.number, found.language, 0)
    return Marker(para.speaker, role_of(para.speaker), None, None, 0)
