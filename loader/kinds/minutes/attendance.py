"""Who attended a meeting, as its minutes list them: members, public officers, clerk and staff.

The attendance blocks (``minutes_layout``) are read into people: a Member's entry is
``Hon X, JP (Chairman)`` / ``某某議員, JP (主席)``; an officer's entry gives the name then the post
in English (``Mr Stanley YING, JP`` / ``Permanent Secretary for …``) and the post then the name
in Chinese (``工商及科技局常任秘書長`` / ``應耀康先生, JP``), under ``Agenda item IV`` /
``議程第IV項`` lines naming the items attended for. Lines broken mid-name are joined first.
"""

import re
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import FOAF, PROV

from loader.ids import from_roman, to_roman
from loader.kinds.common.context import Context
from loader.kinds.common.structure import join_text
from loader.names import HONORIFIC, ZH_HONORIFICS, person_name
from loader.vocab import LG

_HONOURABLE = re.compile(rf"\b(?:{HONORIFIC}\s+)*Hon\.?\s+(?:{HONORIFIC}\s+)*")
_ZH_MEMBER = re.compile(
    r"(?P<name>[^\s,，、()（）:：]+?)\s*議員(?P<honours>(?:\s*[,，]\s*[A-Z]{2,5})*)"
    r"(?:\s*[(（](?P<role>主席|副主席)[)）])?"
)
_EN_ROLE = re.compile(r"\s*\((?P<role>(?:Deputy\s+)?Chair(?:man|woman|person))\)", re.I)
_OFFICER_START = re.compile(rf"\b{HONORIFIC}\s+(?=[A-Z])")
_ZH_NAME_LINE = re.compile(
    r"^(?P<lead>.*?[\u3400-\u9fff]{2})"
    rf"(?P<title>{'|'.join(ZH_HONORIFICS)})"
    r"(?P<honours>(?:\s*[,，]\s*[A-Z]{2,5})*)$"
)
_ZH_ITEMS = re.compile(r"議程第\s*(?P<romans>[IVXLC]+(?:\s*(?:、|,|，|及|和|至)\s*[IVXLC]+)*)\s*項")
_EN_ITEMS = re.compile(
    r"(?:[Aa]genda\s+)?[Ii]tems?\s+(?P<romans>[IVXLC]+\b(?:\s*(?:,|and|&|to)\s*[IVXLC]+\b)*)"
)
_POSTNOMINAL = re.compile(r"^[A-Z]{2,5},?$")
#: The people a block lists: status, role when the block implies one, Member or officer.
_BLOCKS = {
    "present": (LG.Present, LG.OrdinaryMember, True),
    "absent": (LG.Absent, LG.OrdinaryMember, True),
    "attending": (LG.InAttendance, None, True),
    "officers": (LG.InAttendance, None, False),
    "clerk": (LG.InAttendance, LG.Clerk, False),
    "staff": (LG.InAttendance, LG.SecretariatStaff, False),
}
_CHAIR_ROLES = {"主席": LG.Chairman, "副主席": LG.DeputyChairman}
_STATUS_WORDS = {
    LG.Present: ("出席", "present"),
    LG.Absent: ("缺席", "absent"),
    LG.InAttendance: ("列席", "in attendance"),
}


@dataclass
class Attendee:
    """One person in one attendance block."""

    written: str
    name: str
    status: URIRef
    role: URIRef | None
    member: bool
    post: str = ""
    items: list[str] = field(default_factory=list)


def read_attendance(blocks: list[tuple[str, list[str]]]) -> tuple[list[Attendee], list[str]]:
    """The people every block lists, and warnings for entries cut short."""
    people: list[Attendee] = []
    warnings: list[str] = []
    for kind, lines in blocks:
        if kind not in _BLOCKS:
            continue
        status, role, member = _BLOCKS[kind]
        text = ""
        for line in lines:
            text = join_text(text, line) if text else line
        found = _members(text, status, role) if member else _officers(lines, status, role)
        for person in found:
            if person.written.rstrip().endswith(("-", "－")) or not person.name:
                warnings.append(f"attendance list cut short at {person.written!r}")
            else:
                people.append(person)
    return people, warnings


def _members(text: str, status: URIRef, role: URIRef | None) -> list[Attendee]:
    zh = [m for m in _ZH_MEMBER.finditer(text)]
    if zh:
        return [
            Attendee(
                f"{m['name']}議員{m['honours']}",
                person_name(f"{m['name']}議員{m['honours']}"),
                status,
                _CHAIR_ROLES.get(m["role"] or "", role),
                True,
            )
            for m in zh
        ]
    starts = [m.start() for m in _HONOURABLE.finditer(text)] or [0]
    people = []
    for index, start in enumerate(starts):
        entry = text[start : starts[index + 1] if index + 1 < len(starts) else len(text)].strip()
        chair = _EN_ROLE.search(entry)
        written = _EN_ROLE.sub("", entry).strip()
        if chair:
            words = chair["role"].lower()
            role_found = LG.DeputyChairman if words.startswith("deputy") else LG.Chairman
        people.append(
            Attendee(written, person_name(written), status, role_found if chair else role, True)
        )
    return people


def _officers(lines: list[str], status: URIRef, role: URIRef | None) -> list[Attendee]:
    """Officers (or clerk, staff) with their posts, under the items they attended for."""
    people: list[Attendee] = []
    items: list[str] = []
    segment: list[str] = []
    for line in [*lines, None]:
        marker = None if line is None else _ZH_ITEMS.match(line) or _EN_ITEMS.match(line)
        if line is not None and marker is None:
            segment.append(line)
            continue
        people.extend(_segment(segment, status, role, items))
        segment = []
        if marker is not None:
            items = _romans(marker["romans"])
            rest = line[marker.end() :].strip() if line else ""
            segment = [rest] if rest else []
    return people


def _segment(
    lines: list[str], status: URIRef, role: URIRef | None, items: list[str]
) -> list[Attendee]:
    """The people of one run of lines: Chinese post-then-name, or English name-then-post."""
    if not any(_ZH_NAME_LINE.match(line) for line in lines):
        return _en_officers(" ".join(lines), status, role, items)
    people: list[Attendee] = []
    pending = ""
    for line in lines:
        found = _ZH_NAME_LINE.match(line)
        if found is None:
            pending = join_text(pending, line) if pending else line
            continue
        lead = found["lead"]
        cut = 0 if len(lead) <= 4 else len(lead) - 3
        name, before = lead[cut:], lead[:cut]
        post = join_text(pending, before) if pending and before else pending or before
        written = f"{name}{found['title']}{found['honours']}"
        people.append(Attendee(written, name, status, role, False, post, list(items)))
        pending = ""
    return people


def _en_officers(
    text: str, status: URIRef, role: URIRef | None, items: list[str]
) -> list[Attendee]:
    starts = [m.start() for m in _OFFICER_START.finditer(text)]
    people = []
    for index, start in enumerate(starts):
        entry = text[start : starts[index + 1] if index + 1 < len(starts) else len(text)]
        written, name, post = split_en_officer(entry.strip())
        people.append(Attendee(written, name, status, role, False, post, list(items)))
    return people


def split_en_officer(entry: str) -> tuple[str, str, str]:
    """``Mr Stanley YING, JP Permanent Secretary …`` → (as written, bare name, post).

    A name is title(s), given names, the surname in capitals (``FUNG CHING``, ``M H AU``) and a
    hyphenated Chinese given name (``Suk-yee``), then post-nominals after a comma.
    """
    tokens = entry.split()
    index = 0
    while index < len(tokens) and re.fullmatch(HONORIFIC, tokens[index]):
        index += 1
    first = index
    seen_capitals, closed = False, False
    while index < len(tokens) and not closed:
        bare = tokens[index].rstrip(",")
        if re.fullmatch(r"[A-Z]+(?:-[A-Z]+)*", bare):
            seen_capitals = True
        elif not seen_capitals and re.fullmatch(r"[A-Z][a-z]+", bare):
            pass
        elif seen_capitals and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", bare):
            closed = True
        else:
            break
        closed = closed or tokens[index].endswith(",")
        index += 1
    name = " ".join(tokens[first:index]).rstrip(",")
    while index < len(tokens) and _POSTNOMINAL.fullmatch(tokens[index].lstrip(",")):
        index += 1
    written = " ".join(tokens[:index]).rstrip(",")
    return written, name, " ".join(tokens[index:])


def _romans(text: str) -> list[str]:
    found = re.findall(r"[IVXLC]+", text)
    if len(found) == 2 and re.search(r"至|\bto\b", text):
        first, last = from_roman(found[0]), from_roman(found[1])
        if first and last and first < last:
            return [to_roman(n) for n in range(first, last + 1)]
    return [roman for roman in found if from_roman(roman)]


def write_attendance(
    ctx: Context, meeting: URIRef, minutes: URIRef, people: list[Attendee]
) -> dict[str, URIRef]:
    """One lg:Attendance per person; returns the Members by their bare name (for attribution)."""
    out = ctx.out
    members: dict[str, URIRef] = {}
    for person in people:
        if person.member:
            iri = ctx.member(person.name, person.written)
            members[person.name] = iri
            key = f"member-{iri.rsplit('/', 1)[-1]}"
        else:
            iri = ctx.iris.officer_from_name(person.name)
            out.resource(iri, LG.PublicOfficer, person.written)
            if person.post:
                out.add(iri, LG.post, out.text(person.post))
            out.add(iri, FOAF.name, out.text(person.name))
            key = f"officer-{iri.rsplit('/', 1)[-1]}"
        attendance = URIRef(f"{meeting}/attendance/{key}")
        zh = ctx.language.startswith("zh")
        word = _STATUS_WORDS[person.status][0 if zh else 1]
        label = f"{person.name}（{word}）" if zh else f"{person.name} ({word})"
        out.resource(attendance, LG.Attendance, label)
        out.add(attendance, LG.attendee, iri)
        out.add(attendance, LG.atMeeting, meeting)
        out.add(attendance, LG.attendanceStatus, person.status)
        out.add(attendance, LG.role, person.role)
        out.add(attendance, PROV.wasDerivedFrom, minutes)
        if person.post:
            out.add(attendance, LG.post, out.text(person.post))
        for roman in person.items:
            out.add(attendance, LG.forAgendaItem, ctx.iris.agenda_item(meeting, roman))
    return members
