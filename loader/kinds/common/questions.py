"""A Council question's text and its lettered or numbered parts, as agendas and LCQ releases
print them: ``(a)``/``(1)``/``(一)`` in series, parts that clean-up joined onto one line split."""

import re
from dataclasses import dataclass, field

from rdflib import URIRef

_PART = re.compile(
    r"^[(（](?P<label>[a-z]|\d{1,2}|[一二三四五六七八九十]{1,3})[)）]\s*(?P<rest>.*)$"
)
_ZH_NUMERALS = "一二三四五六七八九十"
_FIRST_LABELS = {"a", "1", "一"}


@dataclass
class Question:
    """One question as the agenda lists it."""

    number: int
    asker: str
    kind: URIRef
    lines: list[str] = field(default_factory=list)
    posts: list[str] = field(default_factory=list)
    #: The subject when the agenda lists it instead of the text (``(智慧政府)``).
    subject: str | None = None

    @property
    def text(self) -> str:
        """The full question text, one printed paragraph a line."""
        return "\n".join(self.lines)

    @property
    def parts(self) -> list[tuple[str, str]]:
        """``(a)``/``(1)``/``(一)`` parts in series as (label, text); sub-parts stay inside."""
        parts: list[tuple[str, str]] = []
        for line in self.lines:
            found = _PART.match(line)
            allowed = {_next_label(parts[-1][0])} if parts else _FIRST_LABELS
            if found and found["rest"] and found["label"] in allowed:
                parts.extend(_split_joined(found["label"], found["rest"]))
            elif parts:
                parts[-1] = (parts[-1][0], f"{parts[-1][1]}\n{line}")
        return parts


def _split_joined(label: str, rest: str) -> list[tuple[str, str]]:
    """A part with the next parts that clean-up joined onto its line (``…；及(三)…``)."""
    out = []
    while True:
        following = _next_label(label)
        marker = None
        if following is not None:
            joined = rf"(?:[；;，,及和或]|\band)\s*(?P<m>[(（]{re.escape(following)}[)）])"
            marker = re.search(joined, rest)
        if following is None or marker is None:
            out.append((label, rest.strip()))
            return out
        out.append((label, rest[: marker.start("m")].strip()))
        label, rest = following, rest[marker.end() :]


def _next_label(label: str) -> str | None:
    """The label after ``label`` in its series: ``a``→``b``, ``2``→``3``, ``二``→``三``."""
    if label.isdigit():
        return str(int(label) + 1)
    if label in _ZH_NUMERALS[:-1]:
        return _ZH_NUMERALS[_ZH_NUMERALS.index(label) + 1]
    if len(label) == 1 and "a" <= label < "z":
        return chr(ord(label) + 1)
    return None
