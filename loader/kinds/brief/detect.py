"""Is this a background brief? Its title near the top, its headings and its dated sign-off."""

import re

from loader.kinds.common.dates import parse_date
from loader.kinds.common.glance import glance
from loader.kinds.common.structure import top_role

#: The title line: 背景資料簡介 / (Updated) background brief.
TITLE_LINE = re.compile(r"^(?:.*背景資料簡介|(?:updated\s+)?background brief\b.*)$", re.I)
SECRETARIAT = re.compile(r"秘書處|Secretariat", re.I)


def detect(text: str) -> float:
    """Confidence that ``text`` is a background brief: its title, headings and sign-off."""
    seen = glance(text)
    head, lines = seen.head, seen.lines
    score = 0.55 if any(TITLE_LINE.match(line) for line in head[:12]) else 0.0
    roles = {top_role(line) for line in head}
    score += 0.15 * ("purpose" in roles) + 0.1 * ("background" in roles)
    score += 0.1 * ("discussion" in roles)
    signed = any(
        SECRETARIAT.search(line) and parse_date(" ".join(lines[i : i + 3]))
        for i, line in enumerate(lines[12:], start=12)
    )
    return min(1.0, score + 0.1 * signed)
