"""Background briefs: title, paragraphs, sections, topics, typing, and deterministic extraction."""

from pathlib import Path

import pyoxigraph as ox
import pytest
from brief_support import BASE, FIXTURES, SAMPLE
from brief_support import extract_brief as _extract
from brief_support import query_rows as _rows
from brief_support import query_values as _values
from rdflib import BNode, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF

from loader.kinds.brief import extract
from loader.kinds.common.graph import SUPERCLASSES
from loader.text import clean_text
from loader.vocab import LG_NAMESPACE, PREFIXES

# --- Title and paragraphs ----------------------------------------------------------------


def test_sample_brief_has_title_date_author_language_and_meeting(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?title ?date ?lang ?author ?parent ?committee ?held WHERE {
             ?brief a lg:BackgroundBrief, lg:Paper ; dcterms:title ?title ; dcterms:date ?date ;
                    dcterms:language ?lang ; dcterms:creator ?org ; lg:forMeeting ?meeting .
             ?org rdfs:label ?author ; org:subOrganizationOf/rdfs:label ?parent .
             FILTER(LANG(?parent) = "zh-hant")
             ?meeting lg:committee ?committee ; dcterms:date ?held }""",
    )
    assert rows == [
        (
            "有關成立“數字政策辦公室”的背景資料簡介",
            "2024-03-28",
            "zh-Hant",
            "議會事務部1暨公共申訴辦事處",
            "立法會秘書處",
            BASE + "committee/panel/itb",
            "2024-04-08",
        )
    ]


def test_a_title_line_naming_only_the_kind_takes_the_subject_from_the_next_line() -> None:
    text = (FIXTURES / "brief-en.txt").read_text(encoding="utf-8")
    text = text.replace(
        "Background brief on the free-flow tolling system\n",
        "Background brief prepared by the Legislative Council Secretariat\n\n"
        "Free-flow tolling system\n",
    ).replace("prepared by the Legislative Council Secretariat\n\n\n\nPurpose", "\n\nPurpose")
    cleaned = clean_text(text)
    assert extract(cleaned, language="en", base_iri=BASE).title == "Free-flow tolling system"


def test_sample_has_24_paragraphs_numbered_in_order_with_text(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?n ?pos ?start WHERE { ?p a lg:Paragraph ; lg:paragraphNumber ?n ;
             lg:position ?pos ; lg:text ?text ; lg:partOfDocument/a lg:BackgroundBrief .
             BIND(SUBSTR(?text, 1, 4) AS ?start) }""",
    )
    assert len(rows) == 24
    assert sorted((int(n), int(pos)) for n, pos, _ in rows) == [(i, i) for i in range(1, 25)]
    starts = {int(n): start for n, _, start in rows}
    assert starts[1] == "本文件提"
    assert starts[10] == "議員詢問"


def test_text_without_numbered_paragraphs_is_refused() -> None:
    with pytest.raises(ValueError, match="no numbered paragraphs"):
        extract("目的\n\n本文件沒有編號段落\n", language="zh-Hant", base_iri=BASE)


# --- Sections and topics -----------------------------------------------------------------


def test_sample_paragraphs_sit_under_their_heading_path(sample: ox.Store) -> None:
    path = _values(
        sample,
        """SELECT ?title WHERE { ?p lg:paragraphNumber "5" ; lg:inSection ?s .
             ?s lg:parentSection* ?up . ?up dcterms:title ?title }""",
    )
    assert sorted(path) == sorted(
        ["《香港促進數據流通及保障數據安全的政策宣言》", "配合數據流通的措施", "背景"]
    )
    assert _values(
        sample, 'SELECT ?t WHERE { ?p lg:paragraphNumber "1" ; lg:inSection/dcterms:title ?t }'
    ) == ["目的"]


def test_sample_discussion_headings_are_topics_of_the_committee(sample: ox.Store) -> None:
    topics = _values(
        sample,
        "SELECT ?label WHERE { ?t a lg:Topic, skos:Concept ; skos:prefLabel ?label ; "
        "skos:inScheme ?scheme . ?scheme a skos:ConceptScheme "
        'FILTER(?scheme = IRI("https://w3id.org/legisgraph/id/committee/panel/itb/topics")) }',
    )
    assert sorted(topics) == sorted(
        [
            "數字政策專員",
            "推動電子政務",
            "“智方便”平台",
            "促進數據流通",
            "加強網絡安全保護",
            "推行電子政府審計",
        ]
    )


# --- Labels and types --------------------------------------------------------------------


def test_sample_every_resource_is_labelled_and_typed_with_its_superclasses() -> None:
    graph = _extract(SAMPLE)
    unlabelled = {
        s
        for s, _, c in graph.triples((None, RDF.type, None))
        if str(c).startswith(LG_NAMESPACE)
        and graph.value(s, URIRef(PREFIXES["rdfs"] + "label")) is None
    }
    assert not unlabelled
    for rdf_class, superclasses in SUPERCLASSES.items():
        for subject in graph.subjects(RDF.type, rdf_class):
            for superclass in superclasses:
                assert (subject, RDF.type, superclass) in graph, (subject, superclass)
    assert not [t for t in graph if any(isinstance(term, BNode) for term in t)]


# --- Determinism and idempotence ---------------------------------------------------------


def test_extraction_is_deterministic() -> None:
    first, second = _extract(SAMPLE), _extract(SAMPLE)
    assert isomorphic(first, second), _diff(first, second)
    assert set(first) == set(second)


def test_a_cleaned_copy_gives_the_identical_graph(tmp_path: Path) -> None:
    cleaned = tmp_path / "cleaned.txt"
    cleaned.write_text(clean_text(SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    first, second = _extract(SAMPLE), _extract(cleaned)
    assert set(first) == set(second), _diff(first, second)


def test_another_base_iri_moves_every_minted_and_curated_iri() -> None:
    graph = _extract(SAMPLE, base="https://example.org/lg/")
    iris = {str(term) for triple in graph for term in triple if isinstance(term, URIRef)}
    assert not [iri for iri in iris if iri.startswith(BASE)]
    assert "https://example.org/lg/committee/panel/itb" in iris


def _diff(first: Graph, second: Graph) -> str:
    _, only_first, only_second = graph_diff(to_isomorphic(first), to_isomorphic(second))
    first_nt, second_nt = only_first.serialize(format="nt"), only_second.serialize(format="nt")
    return f"only in first:\n{first_nt}\nonly in second:\n{second_nt}"
