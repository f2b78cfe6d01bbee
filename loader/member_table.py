"""The curated table of LegCo Members (``ontology/legco-members.ttl``): a name → one lg:Member.

Documents name Members many ways (``Hon Andrew LEUNG Kwan-yuen, SBS, JP``, ``梁君彥議員``,
``ANDREW LEUNG``, ``梁君彦``). The table gives each Member's name parts in English and Chinese;
every spelling the parts give (``loader.members.english_variants``) and every ``skos:altLabel``
is indexed by ``loader.names.match_key``, which folds titles, case, width, hyphens and script.
A name resolves to the Member only when exactly one Member holds it; otherwise the document
keeps the name-keyed IRI (``Iris.member_from_name``). The table is data in the repository, built by
``python -m loader.member_table_build`` from LegCo's open data; names it cannot settle are
re-linked once the harvest learns the Member (``loader.member_links``).
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from loader.ids import Iris
from loader.members import MemberDirectory, MemberRecord, english_variants
from loader.paths import ONTOLOGY_DIR
from loader.settings import DEFAULT_BASE_IRI
from loader.vocab import LG

MEMBER_TABLE = ONTOLOGY_DIR / "legco-members.ttl"
_DESCRIBED = (
    RDF.type,
    LG.memberId,
    RDFS.label,
    SKOS.altLabel,
    FOAF.familyName,
    FOAF.givenName,
    FOAF.firstName,
)


def _parts(graph: Graph, iri: URIRef, predicate: URIRef) -> dict[str, str]:
    return {
        value.language or "": str(value)
        for value in graph.objects(iri, predicate)
        if isinstance(value, Literal)
    }


class MemberTable:
    """The curated Members under one base, indexed by every spelling of their names."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.directory = MemberDirectory()
        for iri in sorted(graph.subjects(RDF.type, LG.Member)):
            assert isinstance(iri, URIRef)
            self.directory.add(self._record(iri))

    def _record(self, iri: URIRef) -> MemberRecord:
        family = _parts(self.graph, iri, FOAF.familyName)
        given = _parts(self.graph, iri, FOAF.givenName)
        first = _parts(self.graph, iri, FOAF.firstName)
        member_id = str(self.graph.value(iri, LG.memberId) or "")
        record = MemberRecord(iri, member_id)
        record.terms.update(
            int(str(term).rsplit("/", 1)[-1])
            for term in self.graph.objects(iri, LG.inTerm)
            if str(term).rsplit("/", 1)[-1].isdigit()
        )
        forms = english_variants(family.get("en", ""), given.get("en", ""), first.get("en", ""))
        record.variants.update((form, "en") for form in forms)
        for predicate in (RDFS.label, SKOS.altLabel):
            for label in self.graph.objects(iri, predicate):
                if isinstance(label, Literal):
                    record.names.setdefault(label.language or "en", str(label))
                    record.variants.add((str(label), label.language or "en"))
        return record

    def resolve(self, name: str) -> URIRef | None:
        """The one curated Member called ``name`` (titles, post-nominals, office allowed).

        Only a spelling the table gives matches: ``Kenneth LEUNG Yuk-wai`` is not the Member
        the table knows as ``Kenneth LEUNG`` without a given name; nothing is guessed.
        """
        return self.directory.resolve(name)

    def describe(self, iri: URIRef) -> Graph:
        """The table's triples about ``iri`` a document repeats: class, labels, name parts,
        Member ID (terms and HansardDB ids stay in the table: they describe the person, not
        the document)."""
        out = Graph()
        for predicate in _DESCRIBED:
            for value in self.graph.objects(iri, predicate):
                out.add((iri, predicate, value))
        for label in self.graph.objects(iri, RDFS.label):
            out.add((iri, FOAF.name, label))
        return out

    def provisional(self) -> list[MemberRecord]:
        """The Members the table keys by name (``member/name/…``): no ScheduleDB id known yet."""
        return [m for iri, m in sorted(self.directory.members.items()) if not m.member_id]


@cache
def member_table(base: str) -> MemberTable:
    """The curated Members with their IRIs moved under ``base``."""
    source = Graph().parse(MEMBER_TABLE, format="turtle")
    if base == DEFAULT_BASE_IRI:
        return MemberTable(source)
    iris = Iris(base)
    moved = Graph()
    for s, p, o in source:
        moved.add(
            (
                iris.rebase(s, DEFAULT_BASE_IRI),
                p,
                iris.rebase(o, DEFAULT_BASE_IRI) if isinstance(o, URIRef) else o,
            )
        )
    return MemberTable(moved)
