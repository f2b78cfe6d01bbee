"""Is this a submission (意見書)? A paper-number stamp, a committee addressed, the word itself."""

import re

from loader.kinds.common.glance import glance
from loader.kinds.submission.flat import unflatten
from loader.kinds.submission.layout import BUNDLE_HEADING, stamp

_WORD = re.compile(r"意[見见]書|意见书|\bsubmission\b|\bviews\s+on\b", re.I)
_RESPONSE = re.compile(r"回應|回应|意見|意见|\bresponse\b|\bcomments?\b", re.I)
_ADDRESSED = re.compile(
    r"(?:致|To)\s*[:：].{0,60}(?:委員會|委员会|Committee|Panel)|各位委員|各位委员|主席.{0,12}議員"
    r"|Dear\s+(?:Chairman|Members|Hon)|謹啟|敬啟|Yours\s+(?:faithfully|sincerely)",
    re.I,
)
_FIRST_PERSON = re.compile(
    r"本會|本会|本人|我們|我们|下稱|\bwe\s+(?:urge|recommend|submit|support|oppose)", re.I
)
_OTHER_KINDS = re.compile(
    r"議程|会议纪要|會議紀要|背景資料簡介|^Agenda$|^Minutes of|Background brief", re.I
)


def detect(text: str) -> float:
    """Confidence that ``text`` is one submission or a bundle of them."""
    seen = glance(unflatten("\n".join(glance(text).lines)))
    lines = seen.lines
    score = 0.0
    if any(BUNDLE_HEADING.match(line) for line in lines[:8]):
        return 0.95
    if any(stamp(line)[0] is not None for line in lines):
        score += 0.3
    if any(_WORD.search(line) for line in seen.head[:30]):
        score += 0.35
    elif any(_RESPONSE.search(line) and len(line) < 60 for line in seen.head[:30]):
        score += 0.15
    if any(_ADDRESSED.search(line) for line in lines):
        score += 0.25
    if _FIRST_PERSON.search(seen.head_text):
        score += 0.1
    if any(_OTHER_KINDS.search(line) for line in seen.head[:10]):
        score -= 0.4
    return max(0.0, min(1.0, score))
