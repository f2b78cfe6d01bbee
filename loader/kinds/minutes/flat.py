"""Minutes whose line breaks were lost (PDF text pasted as a few long lines), put back in the
line-a-line form ``layout`` reads: heading fields, attendance labels and one person a line,
numbered paragraphs, the "Action" column's markers and the sign-off.

``relayout`` breaks before item headings, paper numbers and heading fields; this adds what only
minutes have. Text that kept its lines is only relaid out.
"""

import re

from loader.kinds.common.relayout import is_flat, relayout
from loader.kinds.minutes.layout import ACTION_MARKER, ATTENDANCE_LABELS

_HAN = "\u4e00-\u9fff"
#: The title, the file reference (``Ref : CB1/PL/ITB`` / ``檔號：CB4/PL/HS``) and what follows it.
_HEADING = re.compile(
    r"\s*(?=Minutes\s+of\s+(?:the\s+)?(?:\w+\s+)?meeting\b)|(?<=委員會)(?=會議紀要)"
    r"|(?P<ref>(?:Ref(?:erence)?\.?|檔號)\s*[:：]\s*[A-Z0-9][A-Za-z0-9()/.-]*)\s*"
)
_LABEL = re.compile(r"\s*(?=(?:" + "|".join(ATTENDANCE_LABELS.values()) + r")\s*[:：])", re.I)
#: Who attended, one a line: ``Hon X``, ``Dr Hon X``, ``Mr X`` (officers), ``陳凱欣議員``,
#: ``議程第IV項`` / ``Agenda item IV`` (what an officer attended for), posts after a name.
_PERSON = re.compile(
    r"\s+(?=(?:(?:Dr|Ir|Prof|Mr|Mrs|Ms|Miss)\s+)?(?:the\s+)?Hon\s"
    r"|(?:Mr|Mrs|Ms|Miss|Dr|Prof|Ir)\s+[A-Z]|Agenda\s+items?\s+[IVX])"
    rf"|(?<=[A-Za-z)）])\s*(?=[{_HAN}]{{2,5}}議員)|(?<=[)）A-Z])\s*(?=議程第)"
    rf"|(?<=[IVX]項)(?=[{_HAN}])|(?<=[A-Z])\s*(?=[{_HAN}])(?!項)"
    rf"|(?<=先生|女士|教授|醫生|博士|小姐)(?=[{_HAN}])"
)
#: What may be a paragraph's number (``12.``, not a decimal ``3.5``): taken when it is the next
#: number in sequence.
_NUMBER = re.compile(rf"(?<=\S)\s*(?P<n>\d{{1,3}})\s*\.(?:\s+(?=\S)|(?=[A-Z{_HAN}(“「]))")
#: The "Action" column's heading and markers, before the paragraph they mark.
_MARKER = re.compile(
    rf"\s*(?=(?:Action|經辦人\s*[/／]\s*部門|{ACTION_MARKER})\s*(?:\n\d|\d{{1,3}}\s*\.\s*[^\d\s.]))"
)
_PAGE = re.compile(r"\s-\s?\d{1,3}\s?-(?=\s)")
_SIGNED_DATE = re.compile(
    r"(?<=Secretariat)\s+(?=\d{1,2}\s+[A-Z][a-z]+\s+\d{4})|(?<=立法會秘書處)\s*(?=\d{4}\s*年)"
    r"|(?<=議會事務部\d)\s+(?=\d{4}\s*年)|(?<=Division\s\d)\s+(?=\d{1,2}\s+[A-Z][a-z]+\s+\d{4})"
)
_FIRST_ITEM = re.compile(r"^\s*I\s*[.．、]", re.M)
#: A sub-heading (``Discussion``, ``Briefing by the Administration``) run onto the end of the
#: paragraph before the next one: a few words after a sentence's full stop, with none of their own.
_SUBHEADING = re.compile(r"(?<=[a-z0-9)”’][.;:])\s+(?=[A-Z][\w'’()-]*(?:\s+[\w'’()&,-]+){0,7}\s*$)")


def unflatten(text: str) -> str:
    """``text`` in one layout (``relayout``), and when it was flattened, with the structure of
    minutes put back on lines of their own."""
    flat = is_flat(text)
    text = relayout(text)
    if not flat:
        return text
    text = _LABEL.sub("\n", _PAGE.sub(" ", text))
    first_label = _LABEL.search(text)
    start = first_label.start() if first_label else 0
    item = _FIRST_ITEM.search(text, start)
    end = item.start() if item else len(text)
    heading = _HEADING.sub(lambda m: f"\n{m['ref']}\n" if m["ref"] else "\n", text[:start])
    people = _PERSON.sub("\n", text[start:end]) if first_label else text[start:end]
    body = _MARKER.sub("\n", _paragraphs(text[end:]))
    return _SIGNED_DATE.sub("\n", heading + people + body)


def _paragraphs(body: str) -> str:
    """A line break before each paragraph number that is the next in sequence (1, 2, 3 …)."""
    out: list[str] = []
    last, expected = 0, 1
    for match in _NUMBER.finditer(body):
        if int(match["n"]) == expected:
            out += [_SUBHEADING.sub("\n", body[last : match.start()], count=1), "\n"]
            last = match.start("n")
            expected += 1
    return "".join(out) + body[last:]
