"""Are these committee minutes? The title, the attendance lists and the first numbered item."""

import re

from loader.kinds.common.glance import glance
from loader.kinds.common.items import ITEM_LINE
from loader.kinds.common.origin import noted_doc_type
from loader.kinds.common.script import traditional_view
from loader.kinds.minutes.flat import unflatten

#: The title line: …會議紀要 / Minutes of (the) … meeting.
TITLE = re.compile(
    r"^(?:.{0,60}?會議紀要|Minutes\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}meeting\b.*)$", re.I
)
_PRESENT = re.compile(r"^(?:Members?\s+present|出\s*席\s*委\s*員)", re.I)
_CLERK = re.compile(r"^(?:Clerks?\s+in\s+attendance|列\s*席\s*秘\s*書)", re.I)


def detect(text: str) -> float:
    """Confidence that ``text`` is committee minutes: the title, attendance lists and items."""
    seen = glance(unflatten(traditional_view("\n".join(glance(text).lines))))
    lines = seen.head
    first_item = next((i for i, line in enumerate(lines) if ITEM_LINE.match(line)), len(lines))
    heading = lines[: min(first_item, 40)]
    score = 0.35 * any(TITLE.match(line) for line in heading[:20])
    score += 0.35 * any(_PRESENT.match(line) for line in heading)
    score += 0.15 * any(_CLERK.match(line) for line in heading)
    score += 0.15 * (first_item < len(lines))
    score += 0.2 * (noted_doc_type(text) == "minutes")
    return min(1.0, score)
