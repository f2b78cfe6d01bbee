"""The forms a Hansard comes in, read into paragraphs: text (from a PDF or from HTML) and the
JSON of the floor record (``{membersPresent, …, speeches[{title, content, sequence, bookmark}],
date, url}``)."""

from __future__ import annotations

import json
import re
import unicodedata

from loader.kinds.common import NotReadable
from loader.kinds.hansard.front import Attendee, parse_attendee
from loader.kinds.hansard.layout import Paragraph
from loader.text import clean_text

_JSON_KEYS = {"speeches", "date"}
_ATTENDANCE = {
    "membersPresent": "present",
    "membersAbsent": "absent",
    "publicOfficersAttending": "officers",
    "clerksInAttendance": "clerks",
}


class NotHansard(NotReadable):
    """The input is not a Hansard (the Council's verbatim record) in any form this kind reads."""


def looks_like_json(text: str) -> bool:
    """True when ``text`` is a JSON object (cheap: the first character only)."""
    return text.lstrip()[:1] == "{"


def json_record(text: str) -> tuple[dict, list[Paragraph], dict[str, list[Attendee]]]:
    """The JSON form: its header fields, its speeches as paragraphs (the title as a speaker
    marker, the bookmark on the first paragraph) and its attendance lists."""
    try:
        data = json.loads(unicodedata.normalize("NFC", text))
    except json.JSONDecodeError as error:
        raise NotHansard(f"not valid JSON: {error.msg} at line {error.lineno}") from None
    if not isinstance(data, dict) or not _JSON_KEYS <= set(data):
        raise NotHansard("a JSON object without the Hansard fields 'speeches' and 'date'")
    speeches = data["speeches"]
    if not isinstance(speeches, list):
        raise NotHansard("'speeches' is not a list")
    ordered = sorted(
        (s for s in speeches if isinstance(s, dict)),
        key=lambda s: (_sequence(s.get("sequence")), speeches.index(s)),
    )
    out: list[Paragraph] = []
    for speech in ordered:
        title = " ".join(str(speech.get("title") or "").split())
        bookmark = str(speech.get("bookmark") or "").strip() or None
        pieces = [
            clean_text(piece).strip()
            for piece in re.split(r"\s*\n\s*", str(speech.get("content") or ""))
        ]
        pieces = [piece for piece in pieces if piece]
        if title:
            first = pieces.pop(0) if pieces else ""
            out.append(Paragraph(first, None, bookmark, speaker=title))
            bookmark = None
        for piece in pieces:
            out.append(Paragraph(piece, None, bookmark))
            bookmark = None
    attendance = {
        kind: [parse_attendee(str(entry), kind) for entry in data.get(key) or []]
        for key, kind in _ATTENDANCE.items()
    }
    header = {"date": str(data.get("date") or ""), "url": str(data.get("url") or "")}
    return header, out, attendance


def _sequence(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0
