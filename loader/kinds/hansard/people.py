"""Who attended and who spoke: the attendance lists as lg:Attendance, and each speaker label
resolved to the node the rest of the graph uses — a Member through ``Context.member``, the
presiding officer and the Clerk through the attendance lists' posts, a public officer by the
post the label names."""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef
from rdflib.namespace import FOAF, PROV

from loader.kinds.common.context import Context
from loader.kinds.hansard.front import Attendee
from loader.kinds.hansard.record import Record, Speech
from loader.names import person_name
from loader.vocab import LG

_STATUS = {
    "present": LG.Present,
    "absent": LG.Absent,
    "officers": LG.InAttendance,
    "clerks": LG.InAttendance,
}
_STATUS_WORDS = {
    LG.Present: ("出席", "present"),
    LG.Absent: ("缺席", "absent"),
    LG.InAttendance: ("列席", "in attendance"),
}
#: Posts in the attendance lists that name the presiding officers and the Clerk.
_PRESIDING_POSTS = {
    "主席": "president",
    "THEPRESIDENT": "president",
    "PRESIDENT": "president",
    "代理主席": "deputy-president",
    "THEDEPUTYPRESIDENT": "deputy-president",
    "全委會主席": "chairman",
    "THECHAIRMAN": "chairman",
    "秘書長": "clerk",
    "SECRETARYGENERAL": "clerk",
}


def post_key(post: str) -> str:
    """A post as a lookup key: width folded, spaces and punctuation dropped, upper case."""
    text = unicodedata.normalize("NFKC", post).upper()
    return re.sub(r"[\s,.'’()（）]+", "", text)


class People:
    """The sitting's attendance written once, and speaker labels resolved against it."""

    def __init__(self, ctx: Context, record: Record, meeting: URIRef, document: URIRef) -> None:
        self.ctx = ctx
        self.meeting = meeting
        self.document = document
        self.by_role: dict[str, URIRef] = {}
        self.by_post: dict[str, URIRef] = {}
        for kind, people in record.attendance.items():
            for person in people:
                self._attend(kind, person)

    def _attend(self, kind: str, person: Attendee) -> None:
        ctx, out = self.ctx, self.ctx.out
        name = person_name(person.name)
        if not name:
            return
        post = person.post or ""
        presiding = _PRESIDING_POSTS.get(post_key(post))
        if kind in ("present", "absent"):
            iri = ctx.member(name, person.name)
            key = f"member-{iri.rsplit('/', 1)[-1]}"
            role = LG.Chairman if presiding == "president" else LG.OrdinaryMember
        else:
            iri = ctx.iris.officer_from_name(name)
            out.resource(iri, LG.PublicOfficer, person.name)
            out.add(iri, FOAF.name, out.text(name))
            if post:
                out.add(iri, LG.post, out.text(post))
                self.by_post.setdefault(post_key(post), iri)
            key = f"officer-{iri.rsplit('/', 1)[-1]}"
            role = LG.Clerk if kind == "clerks" else None
        if presiding and kind != "absent":
            self.by_role.setdefault(presiding, iri)
        attendance = URIRef(f"{self.meeting}/attendance/{key}")
        zh = ctx.language.startswith("zh")
        status = _STATUS[kind]
        word = _STATUS_WORDS[status][0 if zh else 1]
        out.resource(attendance, LG.Attendance, f"{name}（{word}）" if zh else f"{name} ({word})")
        out.add(attendance, LG.attendee, iri)
        out.add(attendance, LG.atMeeting, self.meeting)
        out.add(attendance, LG.attendanceStatus, status)
        out.add(attendance, LG.role, role)
        out.add(attendance, PROV.wasDerivedFrom, self.document)
        if post:
            out.add(attendance, LG.post, out.text(post))

    def speaker(self, speech: Speech) -> URIRef | None:
        """The node of whoever made ``speech``, when the record says who that is."""
        if speech.role == "member":
            return self.ctx.member(person_name(speech.label), speech.label)
        if speech.role == "officer":
            return self.by_post.get(post_key(speech.label))
        return self.by_role.get(speech.role)
