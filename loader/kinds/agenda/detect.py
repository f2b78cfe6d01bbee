"""Is this a committee or Council agenda? Numbered items listing LC papers under a dated heading."""

from loader.kinds.common.dates import parse_date
from loader.kinds.common.glance import glance
from loader.kinds.common.items import SIGN_OFF, looks_like_agenda_title, split_layout
from loader.kinds.common.origin import noted_doc_type
from loader.kinds.common.relayout import relayout
from loader.kinds.common.script import traditional_view


def detect(text: str) -> float:
    """Confidence that ``text`` is an agenda: its heading, first items and papers, sign-off."""
    seen = glance(relayout(traditional_view("\n".join(glance(text).lines))))
    layout = split_layout(seen.head_text)
    score = 0.35 if len(layout.items) >= 2 else 0.0
    if any(looks_like_agenda_title(line) for line in layout.header):
        score += 0.25
    if any(entry.numbers for item in layout.items for entry in item.papers):
        score += 0.2
    if layout.start_time is not None or layout.venue is not None:
        score += 0.1
    if layout.signed_on is not None or _signed(seen.tail):
        score += 0.1
    if noted_doc_type(text) == "agenda":
        score += 0.2
    return min(1.0, score)


def _signed(tail: list[str]) -> bool:
    """A sign-off line (立法會秘書處 / Council Business Division 1) with a date after it."""
    start = next((i for i, line in enumerate(tail) if SIGN_OFF.match(line)), None)
    return start is not None and any(parse_date(line) for line in tail[start:])
