"""Is this text a Hansard? Its title, running page header and speaker markers, or the floor
record's JSON keys — read from the bounded head and tail only (``common.glance``)."""

from __future__ import annotations

import re

from loader.kinds.common.glance import HEAD_CHARS, TAIL_CHARS, glance
from loader.kinds.hansard.layout import is_page_header
from loader.kinds.hansard.markers import find_marker

_TITLE = re.compile(r"會議過程正式紀錄|OFFICIALRECORDOFPROCEEDINGS", re.IGNORECASE)
#: The floor record's JSON: its attendance and speech keys, as the head shows them.
_JSON_KEYS = ('"speeches"', '"membersPresent"')


def detect(text: str) -> float:
    """How much ``text`` looks like a Hansard: its title, running header and speaker markers;
    for JSON, only an object with the Hansard's own keys (any other JSON scores 0)."""
    seen = glance(text)
    head = seen.head
    if not head:
        return 0.0
    if head[0].startswith("{"):
        # A cleaned JSON text may run on without line breaks: read the same bounded span.
        joined = text[:HEAD_CHARS] + text[-TAIL_CHARS:]
        return 0.9 if all(key in joined for key in _JSON_KEYS) else 0.0
    squeezed = re.sub(r"\s+", "", "".join(head[:60]))
    score = 0.5 if _TITLE.search(squeezed) else 0.0
    lines = head[:400]
    if any(is_page_header(line) for line in lines):
        score += 0.3
    if sum(1 for line in lines if find_marker(line)) >= 2:
        score += 0.2
    return min(score, 1.0)
