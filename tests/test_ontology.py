"""The ontology and shapes as a public API: parseable, complete, bilingual, aligned, in sync."""

from __future__ import annotations

import re

import pytest
from pyshacl.entrypoints import meta_validate
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD

from loader.paths import ONTOLOGY_DIR
from loader.store import GraphStore
from loader.validate import ONTOLOGY_FILE, SHAPES_FILE
from loader.vocab import LG, LG_NAMESPACE

ONTOLOGY_IRI = URIRef("https://w3id.org/legisgraph/ontology")
LGSH = "https://w3id.org/legisgraph/shapes#"

#: The classes issue 3 names; each must be aligned to at least one external vocabulary.
CORE_CLASSES = [
    LG.Meeting,
    LG.Committee,
    LG.AgendaItem,
    LG.Paper,
    LG.CouncilQuestion,
    LG.Concern,
    LG.GovernmentResponse,
    LG.Member,
    LG.Paragraph,
    LG.PolicyMeasure,
]

#: Axioms that relate a term to another vocabulary's term.
ALIGNMENT_PREDICATES = [
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
]

#: Namespaces an alignment may point into (a typo such as http://schema.org/ falls outside).
EXTERNAL_NAMESPACES = (
    "https://schema.org/",
    "https://schema.oparl.org/1.1/",
    "http://www.w3.org/ns/opengov#",
    "http://data.europa.eu/eli/ontology#",
    "http://www.w3.org/ns/org#",
    "http://xmlns.com/foaf/0.1/",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/ns/oa#",
    "https://id.parliament.uk/schema/",
    "http://www.w3.org/2006/time#",
    "http://purl.org/dc/terms/",
)

#: The lg: hierarchy as the team contract states it: (class, direct lg: superclass).
CONTRACT_SUBCLASSES = {
    (LG.CouncilMeeting, LG.Meeting),
    (LG.Council, LG.Committee),
    (LG.Panel, LG.Committee),
    (LG.Subcommittee, LG.Committee),
    (LG.HouseCommittee, LG.Committee),
    (LG.FinanceCommittee, LG.Committee),
    (LG.EstablishmentSubcommittee, LG.Subcommittee),
    (LG.PublicWorksSubcommittee, LG.Subcommittee),
    (LG.PublicAccountsCommittee, LG.Committee),
    (LG.BillsCommittee, LG.Committee),
    (LG.BackgroundBrief, LG.Paper),
    (LG.Agenda, LG.Paper),
    (LG.Minutes, LG.Paper),
    (LG.AdministrationPaper, LG.Paper),
    (LG.FollowUpPaper, LG.Paper),
    (LG.Submission, LG.Paper),
    (LG.Concern, LG.Contribution),
    (LG.GovernmentResponse, LG.Contribution),
    (LG.GovernmentBody, LG.Organization),
    (LG.ActionItem, LG.Contribution),
}

#: The property whose values each scheme's concepts are.
SCHEME_PROPERTIES = {
    LG.ConcernKindScheme: LG.concernKind,
    LG.MeasureStatusScheme: LG.measureStatus,
    LG.QuestionTypeScheme: LG.questionType,
    LG.AttendanceStatusScheme: LG.attendanceStatus,
    LG.VoteOptionScheme: LG.voteOption,
    LG.VoteResultScheme: LG.voteResult,
    LG.ConstituencyGroupScheme: LG.constituencyGroup,
    LG.RoleScheme: LG.role,
}

SCHEMES = {
    LG.ConcernKindScheme: {LG.QuestionRaised, LG.ViewExpressed, LG.SuggestionMade},
    LG.MeasureStatusScheme: {LG.StatusCompleted, LG.StatusInProgress, LG.StatusPlanned},
    LG.QuestionTypeScheme: {LG.OralQuestion, LG.WrittenQuestion, LG.UrgentQuestion},
    LG.AttendanceStatusScheme: {LG.Present, LG.Absent, LG.InAttendance},
    LG.VoteOptionScheme: {LG.VoteYes, LG.VoteNo, LG.VoteAbstain, LG.VotePresent, LG.VoteAbsent},
    LG.VoteResultScheme: {LG.Passed, LG.Negatived},
    LG.ConstituencyGroupScheme: {
        LG.GeographicalConstituencies,
        LG.FunctionalConstituencies,
        LG.ElectionCommitteeConstituency,
        LG.AllMembers,
    },
    LG.RoleScheme: {
        LG.Chairman,
        LG.DeputyChairman,
        LG.OrdinaryMember,
        LG.Clerk,
        LG.SecretariatStaff,
    },
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def vocab_terms() -> set[URIRef]:
    return {LG[name] for name in LG.__annotations__}


def declared_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(LG_NAMESPACE)}


def lg_classes(graph: Graph) -> set[URIRef]:
    return {c for c in graph.subjects(RDF.type, OWL.Class) if c.startswith(LG_NAMESPACE)}


def name(term: URIRef) -> str:
    return term.removeprefix(LG_NAMESPACE)


@pytest.mark.parametrize("path", sorted(ONTOLOGY_DIR.glob("*.ttl")), ids=lambda p: p.name)
def test_ontology_files_parse_as_turtle(path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 0


def test_every_vocab_constant_is_declared_in_the_ontology(ontology: Graph) -> None:
    missing = vocab_terms() - declared_terms(ontology)
    assert not missing, (
        f"in loader/vocab.py but not in legisgraph.ttl: {sorted(map(name, missing))}"
    )


def test_every_lg_term_in_the_ontology_has_a_vocab_constant(ontology: Graph) -> None:
    extra = sorted(map(name, declared_terms(ontology) - vocab_terms()))
    assert not extra, f"in legisgraph.ttl but not in loader/vocab.py: {extra}"


def test_ontology_header_names_version_licence_creator_and_namespace(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.creator) == Literal("legisgraph contributors")
    vann = "http://purl.org/vocab/vann/"
    assert ontology.value(ONTOLOGY_IRI, URIRef(vann + "preferredNamespacePrefix")) == Literal("lg")
    assert str(ontology.value(ONTOLOGY_IRI, URIRef(vann + "preferredNamespaceUri"))) == LG_NAMESPACE
    for predicate in (DCTERMS.title, DCTERMS.description):
        languages = {o.language for o in ontology.objects(ONTOLOGY_IRI, predicate)}
        assert languages == {"en", "zh-Hant"}, predicate


@pytest.mark.parametrize("predicate", [RDFS.label, SKOS.definition], ids=["label", "definition"])
def test_every_term_is_described_in_english_and_traditional_chinese(
    ontology: Graph, predicate: URIRef
) -> None:
    lacking = {
        name(term): sorted(str(o.language) for o in ontology.objects(term, predicate))
        for term in vocab_terms()
        if {o.language for o in ontology.objects(term, predicate)} != {"en", "zh-Hant"}
    }
    assert not lacking, f"terms without exactly one @en and one @zh-Hant {predicate}: {lacking}"


def test_every_term_is_defined_by_the_ontology(ontology: Graph) -> None:
    orphans = [
        name(t) for t in vocab_terms() if (t, RDFS.isDefinedBy, ONTOLOGY_IRI) not in ontology
    ]
    assert not orphans


def test_every_term_is_a_class_property_or_concept(ontology: Graph) -> None:
    kinds = {
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        SKOS.Concept,
        SKOS.ConceptScheme,
    }
    untyped = [name(t) for t in vocab_terms() if not set(ontology.objects(t, RDF.type)) & kinds]
    assert not untyped


@pytest.mark.parametrize("cls", CORE_CLASSES, ids=name)
def test_core_class_is_aligned_to_an_external_vocabulary(ontology: Graph, cls: URIRef) -> None:
    external = [
        o
        for p in ALIGNMENT_PREDICATES
        for o in ontology.objects(cls, p)
        if isinstance(o, URIRef) and not o.startswith(LG_NAMESPACE)
    ]
    assert external, f"lg:{name(cls)} has no alignment axiom to another vocabulary"


def test_alignments_point_into_known_vocabularies(ontology: Graph) -> None:
    unknown = sorted(
        f"lg:{name(s)} {p.n3(ontology.namespace_manager)} {o}"
        for p in ALIGNMENT_PREDICATES
        for s, o in ontology.subject_objects(p)
        if s.startswith(LG_NAMESPACE)
        and isinstance(o, URIRef)
        and not o.startswith(LG_NAMESPACE)
        and not str(o).startswith(EXTERNAL_NAMESPACES)
    )
    assert not unknown


def test_lg_class_hierarchy_is_the_contracts(ontology: Graph) -> None:
    stated = {
        (c, s)
        for c, s in ontology.subject_objects(RDFS.subClassOf)
        if c.startswith(LG_NAMESPACE) and isinstance(s, URIRef) and s.startswith(LG_NAMESPACE)
    }
    assert stated == CONTRACT_SUBCLASSES


def test_topic_is_a_skos_concept(ontology: Graph) -> None:
    assert (LG.Topic, RDFS.subClassOf, SKOS.Concept) in ontology


@pytest.mark.parametrize("scheme", sorted(SCHEMES), ids=name)
def test_scheme_holds_exactly_its_concepts_with_bilingual_pref_labels(
    ontology: Graph, scheme: URIRef
) -> None:
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    assert set(ontology.subjects(SKOS.inScheme, scheme)) == SCHEMES[scheme]
    assert set(ontology.objects(scheme, SKOS.hasTopConcept)) == SCHEMES[scheme]
    for concept in SCHEMES[scheme]:
        assert (concept, RDF.type, SKOS.Concept) in ontology
        languages = {o.language for o in ontology.objects(concept, SKOS.prefLabel)}
        assert languages == {"en", "zh-Hant"}, concept


def test_target_date_range_is_the_union_of_date_gyearmonth_and_gyear(ontology: Graph) -> None:
    datatype = ontology.value(LG.targetDate, RDFS.range)
    assert (datatype, RDF.type, RDFS.Datatype) in ontology
    members = list(Collection(ontology, ontology.value(datatype, OWL.unionOf)))
    assert members == [XSD.date, XSD.gYearMonth, XSD.gYear]


def test_every_datatype_property_has_a_range(ontology: Graph) -> None:
    rangeless = [
        name(p)
        for p in ontology.subjects(RDF.type, OWL.DatatypeProperty)
        if ontology.value(p, RDFS.range) is None
    ]
    assert not rangeless


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    conforms, _, text = meta_validate(shapes)
    assert conforms, text


def test_every_lg_term_the_shapes_use_is_declared(ontology: Graph, shapes: Graph) -> None:
    used = {
        o
        for p in (SH.path, SH.targetClass, SH["class"], SH.hasValue, SH.targetSubjectsOf)
        for o in shapes.objects(None, p)
        if isinstance(o, URIRef) and o.startswith(LG_NAMESPACE)
    }
    assert used, "the shapes constrain no lg: term"
    assert not used - declared_terms(ontology)


def test_every_lg_class_must_carry_a_label(ontology: Graph, shapes: Graph) -> None:
    targeted = set(shapes.objects(URIRef(LGSH + "LabelShape"), SH.targetClass))
    assert lg_classes(ontology) <= targeted


def test_shapes_require_every_lg_superclass_to_be_stated(ontology: Graph, shapes: Graph) -> None:
    required = {
        (cls, shapes.value(prop, SH.hasValue))
        for shape in shapes.subjects(RDF.type, SH.NodeShape)
        for cls in shapes.objects(shape, SH.targetClass)
        for prop in shapes.objects(shape, SH.property)
        if shapes.value(prop, SH.path) == RDF.type
    }
    expected = {
        (cls, superclass)
        for cls in lg_classes(ontology)
        for superclass in ontology.transitive_objects(cls, RDFS.subClassOf)
        if superclass != cls and isinstance(superclass, URIRef)
        if superclass.startswith(LG_NAMESPACE)
    }
    assert expected, "the ontology has no lg: subclasses"
    assert expected <= required, sorted(expected - required)


@pytest.mark.parametrize("scheme", sorted(SCHEMES), ids=name)
def test_shapes_allow_exactly_the_concepts_of_the_scheme(
    ontology: Graph, shapes: Graph, scheme: URIRef
) -> None:
    lists = [
        set(Collection(shapes, shapes.value(prop, SH["in"])))
        for prop in shapes.subjects(SH.path, SCHEME_PROPERTIES[scheme])
        if shapes.value(prop, SH["in"]) is not None
    ]
    assert lists, f"no sh:in list for {name(SCHEME_PROPERTIES[scheme])}"
    assert all(listed == set(ontology.subjects(SKOS.inScheme, scheme)) for listed in lists)


README = ONTOLOGY_DIR / "README.md"


def readme_class_rows() -> dict[str, list[str]]:
    rows = re.findall(r"^\| `lg:(\w+)` \| (.+?) \| (.+?) \| (.+?) \|$", README.read_text(), re.M)
    return {cls: [en, zh, alignments] for cls, en, zh, alignments in rows}


def test_readme_class_table_matches_the_ontology(ontology: Graph) -> None:
    rows = readme_class_rows()
    assert set(rows) == {name(c) for c in lg_classes(ontology)}
    qname = ontology.namespace_manager.normalizeUri
    for cls, (en, zh, alignments) in rows.items():
        labels = {(o.language, str(o)) for o in ontology.objects(LG[cls], RDFS.label)}
        assert {("en", en), ("zh-Hant", zh)} == labels, cls
        listed = {
            part.strip()[0]: set(re.findall(r"`([\w:]+)`", part)) for part in alignments.split(";")
        }
        assert listed.get("⊑", set()) == set(map(qname, ontology.objects(LG[cls], RDFS.subClassOf)))
        assert listed.get("~", set()) == set(map(qname, ontology.objects(LG[cls], SKOS.closeMatch)))


@pytest.mark.parametrize(
    "query",
    re.findall(r"```sparql\n(.*?)```", README.read_text(), re.S),
    ids=lambda q: q.partition("SELECT ")[2].partition(" WHERE")[0][:40],
)
def test_readme_query_answers_on_the_bundled_sample(sample_store, query: str) -> None:
    with GraphStore.open(sample_store, write=False) as store:
        rows = list(store.query(query))
    assert rows, query
