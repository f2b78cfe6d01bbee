"""The bounded view of a document that every kind's ``detect`` reads: its first and last lines.

Detection must stay cheap whatever the document's size: a kind is recognised by its title,
heading, opening sentence and sign-off, which sit in the first and last few pages. ``glance``
hands ``detect`` at most ``HEAD_CHARS`` from the start and ``TAIL_CHARS`` from the end, so
choosing a kind never parses the whole text (``extract`` does that, once).
"""

from dataclasses import dataclass

#: Characters read from the start: title, heading, attendance, first items or paragraphs.
HEAD_CHARS = 16_000
#: Characters read from the end: the sign-off or trailer with its date.
TAIL_CHARS = 3_000


@dataclass(frozen=True)
class Glance:
    """The non-empty, stripped lines of a document's head, and of its tail after the head."""

    head: list[str]
    tail: list[str]

    @property
    def lines(self) -> list[str]:
        """Head then tail (the whole document when it is short)."""
        return self.head + self.tail

    @property
    def head_text(self) -> str:
        """The head as text, one line a line."""
        return "\n".join(self.head)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def glance(text: str) -> Glance:
    """The first lines (up to ``HEAD_CHARS``, ending at a line break unless the lines are so long
    that none ends in the second half) and the last ones."""
    if len(text) <= HEAD_CHARS:
        return Glance(_lines(text), [])
    cut = text.rfind("\n", 0, HEAD_CHARS)
    cut = cut if cut > HEAD_CHARS // 2 else HEAD_CHARS  # long lines: flattened text
    tail_start = max(cut, len(text) - TAIL_CHARS)
    tail_start = text.find("\n", tail_start) if tail_start > cut else cut
    return Glance(_lines(text[:cut]), _lines(text[tail_start if tail_start >= 0 else cut :]))
