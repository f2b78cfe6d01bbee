"""Is this an LCQ press release? Its opening sentence, ``LCQn:`` title and dated trailer."""

from loader.kinds.common.glance import glance
from loader.kinds.lcq.layout import looks_like_opening, looks_like_title, trailer_date


def detect(text: str) -> float:
    """Confidence that ``text`` is an LCQ release: its opening sentence, title and trailer."""
    seen = glance(text)
    score = 0.6 if any(looks_like_opening(line) for line in seen.head) else 0.0
    score += 0.25 if any(looks_like_title(line) for line in seen.head) else 0.0
    score += 0.15 if trailer_date(seen.lines) is not None else 0.0
    return min(1.0, score)
