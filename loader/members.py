"""Member identity: read the names LegCo writes and find the one lg:Member each stands for.

LegCo names one Member many ways: ``Hon Andrew LEUNG Kwan-yuen, SBS, JP`` (ScheduleDB),
``Hon Andrew LEUNG Kwan-yuen (President)`` and ``梁君彥議員 (主席)`` (AttendanceDB),
``ANDREW LEUNG`` (HansardDB), ``Andrew LEUNG`` / ``梁君彥`` (voting records), ``Dr Hon KWOK
Ka-ki`` in agendas. ``loader.names.parse_name`` strips titles, post-nominals and the office in
brackets; ``loader.names.match_key`` folds case, width, hyphens, spaces and Traditional/Simplified
script, so all of these meet on one key.

A ``MemberDirectory`` holds the Members ScheduleDB knows (``member/{member_id}``) with every
name variant their record gives, and answers ``resolve(name, language, term)``: the one Member
whose variants include the name (among those serving in ``term`` when several share it), or
None when no Member or more than one does. Nothing is guessed beyond that.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from loader.ids import Iris, iri_segment
from loader.names import match_key, parse_name
from loader.vocab import LG_NAMESPACE


def member_iri(iris: Iris, member_id: object) -> URIRef:
    """``member/{ScheduleDB member_id}``; an id is input, so it becomes a safe IRI segment."""
    return iris.iri(f"member/{iri_segment(str(member_id))}")


@dataclass
class MemberRecord:
    """One Member: the canonical IRI, ScheduleDB id, preferred names and every variant."""

    iri: URIRef
    member_id: str
    names: dict[str, str] = field(default_factory=dict)
    variants: set[tuple[str, str]] = field(default_factory=set)
    terms: set[int] = field(default_factory=set)


def english_variants(surname: str, given: str, english: str) -> list[str]:
    """How LegCo writes an English name, fullest first: ``Andrew LEUNG Kwan-yuen``, ``LEUNG
    Kwan-yuen``, ``Andrew LEUNG``, ``Kwan-yuen LEUNG``; never the bare surname, which many
    Members share (``MOK`` alone is not ``Charles Peter MOK``)."""
    forms = [
        " ".join(part for part in (english, surname, given) if part),
        " ".join(part for part in (surname, given) if part),
        " ".join(part for part in (english, surname) if part),
        " ".join(part for part in (given, surname) if part),
    ]
    out: list[str] = []
    for form in forms:
        if form and form != surname and form not in out:
            out.append(form)
    return out


def schedule_member(record: dict, iris: Iris) -> MemberRecord:
    """A Member from a ScheduleDB ``Tmember`` row, with the name variants LegCo uses."""
    member_id = str(record["member_id"]).strip()
    surname = " ".join((record.get("surname_eng") or "").split())
    given = " ".join((record.get("firstname_eng") or "").split())
    english = " ".join((record.get("english_name") or "").split())
    chinese = (record.get("surname_chi") or "").strip() + (
        record.get("firstname_chi") or ""
    ).strip()
    english_forms = english_variants(surname, given, english)
    member = MemberRecord(member_iri(iris, member_id), member_id)
    if english_forms:
        member.names["en"] = english_forms[0]
    if chinese:
        member.names["zh-Hant"] = chinese
        member.variants.add((chinese, "zh-Hant"))
    member.variants.update((form, "en") for form in english_forms)
    return member


@dataclass(frozen=True)
class Match:
    """The outcome of looking a name up: the Member, or why there is none."""

    iri: URIRef | None
    candidates: tuple[URIRef, ...] = ()

    @property
    def reason(self) -> str:
        """``no member has this name`` or ``ambiguous: …``."""
        if self.iri is not None:
            return "matched"
        if not self.candidates:
            return "no member has this name"
        return "ambiguous: " + ", ".join(sorted(self.candidates))


class MemberDirectory:
    """The Members known by id, indexed by the match key of every name variant."""

    def __init__(self, members: Iterable[MemberRecord] = ()) -> None:
        self.members: dict[URIRef, MemberRecord] = {}
        self._by_key: dict[str, set[URIRef]] = defaultdict(set)
        for member in members:
            self.add(member)

    def add(self, member: MemberRecord) -> None:
        """Add ``member`` (or merge its variants and terms into the one already known)."""
        known = self.members.setdefault(member.iri, member)
        if known is not member:
            known.variants |= member.variants
            known.terms |= member.terms
            known.names = member.names | known.names
        for variant, _ in member.variants:
            if key := match_key(variant):
                self._by_key[key].add(member.iri)

    def add_variant(self, iri: URIRef, name: str, language: str) -> None:
        """Record another spelling of a known Member (e.g. a HansardDB speaker name)."""
        self.members[iri].variants.add((parse_name(name).name, language))
        if key := match_key(name):
            self._by_key[key].add(iri)

    def match(self, name: str, term: int | None = None) -> Match:
        """The Member called ``name`` (serving in ``term`` when several share the name)."""
        candidates = self._by_key.get(match_key(name), set())
        if len(candidates) > 1 and term is not None:
            serving = {iri for iri in candidates if term in self.members[iri].terms}
            candidates = serving or candidates
        if len(candidates) == 1:
            return Match(next(iter(candidates)), tuple(candidates))
        return Match(None, tuple(sorted(candidates)))

    def resolve(
        self, name: str, language: str | None = None, term: int | None = None
    ) -> URIRef | None:
        """The canonical Member IRI for ``name``, or None (unknown or ambiguous).

        ``language`` is accepted for callers that know it; the key is script-folded anyway.
        """
        return self.match(name, term).iri

    def unique_keys(self) -> dict[URIRef, list[str]]:
        """Per Member, the variants whose key names no other Member (safe to link by name)."""
        out: dict[URIRef, list[str]] = defaultdict(list)
        for iri, member in sorted(self.members.items()):
            for variant, _ in sorted(member.variants):
                if self._by_key.get(match_key(variant)) == {iri}:
                    out[iri].append(variant)
        return out

    @classmethod
    def from_store(cls, store) -> MemberDirectory:
        """The directory of the harvested Members in a store (a GraphStore or pyoxigraph
        Store), for document loaders to resolve the names they read."""
        query = f"""
            PREFIX lg: <{LG_NAMESPACE}>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX foaf: <http://xmlns.com/foaf/0.1/>
            SELECT ?m ?id ?name ?term WHERE {{
                GRAPH ?g {{ ?m lg:memberId ?id }}
                {{ GRAPH ?g1 {{ ?m rdfs:label|skos:altLabel|foaf:name ?name }} }}
                UNION {{ GRAPH ?g2 {{ ?m lg:inTerm ?t }} GRAPH ?g3 {{ ?t lg:termNumber ?term }} }}
            }}"""
        directory = cls()
        for row in store.query(query):
            iri = URIRef(row["m"].value)
            member = MemberRecord(iri, row["id"].value)
            if row["name"] is not None:
                language = row["name"].language or "en"
                member.variants.add((parse_name(row["name"].value).name, language))
            if row["term"] is not None:
                member.terms.add(int(row["term"].value))
            directory.add(member)
        return directory
