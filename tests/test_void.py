"""loader.void: the VoID/DCAT description says what the store holds, counted independently here."""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest
from dumps_support import named_graphs, native_dataset, union_of
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, XSD

from loader.paths import SAMPLES_DIR
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore
from loader.validate import ONTOLOGY_FILE
from loader.vocab import LG, LG_NAMESPACE
from loader.void import DumpLink, dataset_facts, describe

VOID = Namespace("http://rdfs.org/ns/void#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
DATASET = URIRef(f"{DEFAULT_BASE_IRI}dataset")
ENDPOINT = "http://127.0.0.1:5000/sparql"
DUMP = DumpLink(
    "http://127.0.0.1:5000/dumps/legisgraph.trig.gz", "application/trig", True, 42, "ab" * 32
)


@pytest.fixture(scope="module")
def description(sample_store) -> Graph:
    """The description of the sample, with one dump link and the endpoint."""
    with GraphStore.open(sample_store, write=False) as store:
        facts = dataset_facts(store)
    return describe(
        facts, str(DATASET), base_iri=DEFAULT_BASE_IRI, sparql_endpoint=ENDPOINT, dumps=[DUMP]
    )


def _partitions(description: Graph, kind: URIRef, key: URIRef, count: URIRef) -> dict:
    return {
        description.value(p, key): description.value(p, count).toPython()
        for p in description.objects(DATASET, kind)
    }


def test_dataset_is_a_void_and_dcat_dataset_with_size_licence_and_endpoint(
    description, sample_store
) -> None:
    with GraphStore.open(sample_store, write=False) as store:
        quads = store.quad_count()
    assert {VOID.Dataset, DCAT.Dataset} <= set(description.objects(DATASET, RDF.type))
    assert description.value(DATASET, VOID.triples).toPython() == quads
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    assert description.value(DATASET, DCTERMS.license) == next(
        ontology.objects(URIRef("https://w3id.org/legisgraph/ontology"), DCTERMS.license)
    )
    assert description.value(DATASET, VOID.sparqlEndpoint) == URIRef(ENDPOINT)
    assert description.value(DATASET, VOID.uriSpace) == Literal(DEFAULT_BASE_IRI)
    titles = {t.language for t in description.objects(DATASET, DCTERMS.title)}
    assert titles == {"en", "zh-Hant"}


def test_each_graph_is_a_subset_with_its_size_and_source_checksum(description, sample_store):
    dataset = native_dataset(sample_store)
    subsets = set(description.objects(DATASET, VOID.subset))
    assert {str(s) for s in subsets} == named_graphs(dataset)
    sources = {
        hashlib.sha256(path.read_bytes()).hexdigest()
        for path in SAMPLES_DIR.rglob("*")
        if path.suffix in (".txt", ".pdf", ".html")
    }
    for subset in subsets:
        assert description.value(subset, VOID.triples).toPython() == len(dataset.graph(subset))
        assert str(description.value(subset, LG.sourceSha256)) in sources
        assert description.value(subset, DCTERMS.modified).datatype == XSD.dateTime


def test_class_partitions_count_distinct_instances(description, sample_store) -> None:
    union = union_of(native_dataset(sample_store))
    expected = Counter(cls for _, cls in set(union.subject_objects(RDF.type)))
    assert _partitions(description, VOID.classPartition, VOID["class"], VOID.entities) == expected
    assert description.value(DATASET, VOID.classes).toPython() == len(expected)
    assert expected[LG.Paragraph] > 10


def test_property_partitions_count_statements_in_every_graph(description, sample_store) -> None:
    dataset = native_dataset(sample_store)
    expected = Counter(p for _, p, _, _ in dataset.quads((None, None, None, None)))
    partitions = _partitions(description, VOID.propertyPartition, VOID.property, VOID.triples)
    assert partitions == expected
    assert sum(partitions.values()) == description.value(DATASET, VOID.triples).toPython()


def test_examples_are_instances_of_the_most_common_lg_classes(description, sample_store):
    union = union_of(native_dataset(sample_store))
    examples = list(description.objects(DATASET, VOID.exampleResource))
    assert examples
    for example in examples:
        types = set(union.objects(example, RDF.type))
        assert any(str(t).startswith(LG_NAMESPACE) for t in types)


def test_last_load_time_is_the_latest_in_the_provenance(description, sample_store) -> None:
    with GraphStore.open(sample_store, write=False) as store:
        (row,) = store.query(
            "SELECT (MAX(?t) AS ?last) "
            "WHERE { GRAPH ?g { ?a <http://www.w3.org/ns/prov#endedAtTime> ?t } }"
        )
    modified = description.value(DATASET, DCTERMS.modified)
    assert modified.toPython() == Literal(row["last"].value, datatype=XSD.dateTime).toPython()


def test_dump_link_is_a_dcat_distribution_with_size_and_checksum(description) -> None:
    assert description.value(DATASET, VOID.dataDump) == URIRef(DUMP.url)
    (distribution,) = description.objects(DATASET, DCAT.distribution)
    assert description.value(distribution, DCAT.downloadURL) == URIRef(DUMP.url)
    assert str(description.value(distribution, DCAT.mediaType)).endswith("/application/trig")
    assert str(description.value(distribution, DCAT.compressFormat)).endswith("/application/gzip")
    assert description.value(distribution, DCAT.byteSize).toPython() == 42
    checksum = description.value(distribution, SPDX.checksum)
    assert str(description.value(checksum, SPDX.checksumValue)) == "ab" * 32
    assert description.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256


def test_release_description_names_its_version(sample_store) -> None:
    with GraphStore.open(sample_store, write=False) as store:
        facts = dataset_facts(store)
    release = URIRef(f"{DATASET}/1.0")
    graph = describe(
        facts, str(release), base_iri=DEFAULT_BASE_IRI, version="1.0", version_of=str(DATASET)
    )
    assert graph.value(release, DCTERMS.isVersionOf) == DATASET
    assert (release, URIRef("http://www.w3.org/ns/dcat#version"), Literal("1.0")) in graph
    assert graph.value(release, VOID.sparqlEndpoint) is None


def test_well_known_void_is_the_live_description_and_the_service_description_points_to_it(
    client,
) -> None:
    described = client.get("/.well-known/void")
    assert described.status_code == 200
    assert described.mimetype == "text/turtle"
    graph = Graph().parse(data=described.get_data(as_text=True), format="turtle")
    assert any(graph.subjects(RDF.type, VOID.Dataset))
    sd = Graph().parse(
        data=client.get("/sparql", headers={"Accept": "text/turtle"}).get_data(as_text=True),
        format="turtle",
    )
    assert URIRef("http://localhost/.well-known/void") in set(sd.objects(None, RDFS.seeAlso))
