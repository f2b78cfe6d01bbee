"""Editorial cross-references: the Secretariat's notes such as 「(有關進展見上文第6段)」.

Such a note is the Secretariat pointing the reader to another paragraph of the same brief,
not something a Member or the Administration said: it is kept out of quoted spans and
recorded as a link from its paragraph to the paragraphs it points to.
"""

import re
from dataclasses import dataclass

#: ``6``, ``6(b)``, ``6 至 8``, ``6, 7 and 9``: paragraph numbers, an item letter allowed.
_NUMBER = r"\d{1,3}(?:[(（][a-z]{1,4}[)）])?"
_NUMBER_LIST = _NUMBER + r"(?:\s*(?:至|到|及|和|與|、|,|，|-|–|to|and)\s*" + _NUMBER + ")*"
_ZH_NOTE = re.compile(
    r"[(（][^()（）]{0,30}?(?:上文|下文|前文|後文)\s*第\s*(?P<numbers>" + _NUMBER_LIST + r")\s*段"
    r"[^()（）]{0,20}[)）]"
)
_EN_NOTE = re.compile(
    r"\([^()]{0,40}?\b(?:paragraphs?|paras?\.?)\s*(?P<numbers>" + _NUMBER_LIST + r")\s+"
    r"(?:above|below)\b[^()]{0,20}\)",
    re.I,
)
_RANGE = re.compile(r"(\d{1,3})\s*(?:至|到|-|–|to)\s*(\d{1,3})", re.I)
#: The longest range a note may span; a longer one is a misreading, not a cross-reference.
_MAX_RANGE = 20


@dataclass(frozen=True)
class Note:
    """A parenthesised editorial note at ``text[start:end]`` and the paragraph numbers it cites."""

    start: int
    end: int
    paragraphs: tuple[str, ...]


def editorial_notes(text: str) -> list[Note]:
    """Every ``(見上文第N段)`` / ``(see paragraph N above)`` note in ``text``, in order."""
    notes = [
        Note(match.start(), match.end(), _numbers(match["numbers"]))
        for pattern in (_ZH_NOTE, _EN_NOTE)
        for match in pattern.finditer(text)
    ]
    return sorted(notes, key=lambda note: note.start)


def _numbers(text: str) -> tuple[str, ...]:
    numbers: list[int] = []
    for match in _RANGE.finditer(text):
        first, last = int(match[1]), int(match[2])
        if first <= last <= first + _MAX_RANGE:
            numbers.extend(range(first, last + 1))
    numbers.extend(int(n) for n in re.findall(r"\d{1,3}", _RANGE.sub(" ", text)))
    return tuple(str(n) for n in sorted(set(numbers)))


def end_before_notes(text: str, start: int, end: int, notes: list[Note]) -> int:
    """The end of ``text[start:end]`` cut before the first note inside it, spaces trimmed."""
    inside = [note.start for note in notes if start < note.start < end]
    if not inside:
        return end
    cut = min(inside)
    while cut > start and text[cut - 1].isspace():
        cut -= 1
    return cut
