"""A VoID and DCAT description of the dataset, counted from the store and its provenance.

One function reads the facts (``dataset_facts``: graphs with their sources, class and property
partitions, example resources, the last load) and another turns them into RDF (``describe``),
so a release can describe the files it wrote and the server the dumps it offers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, XSD

from loader.ontology_files import ontology_graph
from loader.store import GraphStore
from loader.vocab import LG, LG_NAMESPACE, PREFIXES

VOID = Namespace("http://rdfs.org/ns/void#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
#: DCAT 3 terms that rdflib's DCAT (version 2) namespace does not list, such as dcat:version.
DCAT3 = Namespace(str(DCAT))
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
ONTOLOGY_IRI = URIRef(LG_NAMESPACE.rstrip("#"))

#: Example resources given per class, for the classes with the most instances.
EXAMPLE_CLASSES = 5

TITLES = {
    "en": "legisgraph: Hong Kong Legislative Council records as linked data",
    "zh-Hant": "legisgraph：香港立法會紀錄的關聯數據",
}
DESCRIPTION = (
    "Meetings, committees, papers, council questions, members' concerns and the government's "
    "responses, extracted from Legislative Council documents; one named graph per document, "
    "with its source and checksum."
)

GRAPHS_QUERY = """
SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph
"""
PROVENANCE_QUERY = """
SELECT ?graph ?document ?name ?sha ?url ?loaded WHERE {
  GRAPH ?graph {
    ?graph lg:sourceName ?name .
    OPTIONAL { ?graph foaf:primaryTopic ?document }
    OPTIONAL { ?graph lg:sourceSha256 ?sha }
    OPTIONAL { ?graph prov:hadPrimarySource ?url }
    OPTIONAL { ?graph prov:wasGeneratedBy/prov:endedAtTime ?loaded }
  }
}
"""
CLASSES_QUERY = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?entities) (MIN(STR(?s)) AS ?example)
WHERE { ?s a ?class } GROUP BY ?class
"""
PROPERTIES_QUERY = """
SELECT ?property (COUNT(*) AS ?triples) WHERE { ?s ?property ?o } GROUP BY ?property
"""


@dataclass(frozen=True)
class GraphFacts:
    """One named graph: its size and, for a loaded document, where it came from."""

    iri: str
    triples: int
    document: str | None = None
    source: str | None = None
    source_sha256: str | None = None
    source_url: str | None = None
    loaded: str | None = None


@dataclass(frozen=True)
class DatasetFacts:
    """What the description says about the store, all counted from it."""

    quads: int
    graphs: list[GraphFacts]
    classes: list[tuple[str, int]]
    properties: list[tuple[str, int]]
    examples: list[str]

    @property
    def last_loaded(self) -> str | None:
        """The end time of the latest load, from the graphs' provenance."""
        times = [g.loaded for g in self.graphs if g.loaded]
        return max(times) if times else None


@dataclass(frozen=True)
class DumpLink:
    """A downloadable file of the dataset: where it is, its media type, size and checksum."""

    url: str
    media_type: str
    compressed: bool = False
    size: int | None = None
    sha256: str | None = None


def provenance(store: GraphStore) -> dict[str, dict[str, str | None]]:
    """Each loaded document's graph with where it came from and when it was loaded."""
    return {
        row["graph"].value: {
            "document": _value(row["document"]),
            "source": _value(row["name"]),
            "source_sha256": _value(row["sha"]),
            "source_url": _value(row["url"]),
            "loaded": _value(row["loaded"]),
        }
        for row in _select(store, PROVENANCE_QUERY)
    }


def graph_facts(store: GraphStore) -> list[GraphFacts]:
    """Every named graph with its triple count and its source document's provenance."""
    sizes = {row["graph"].value: int(row["triples"].value) for row in _select(store, GRAPHS_QUERY)}
    sources = provenance(store)
    return [GraphFacts(iri, sizes[iri], **sources.get(iri, {})) for iri in sorted(sizes)]


def dataset_facts(store: GraphStore) -> DatasetFacts:
    """Count the store: quads, graphs, class and property partitions, example resources."""
    class_rows = sorted(
        ((r["class"].value, int(r["entities"].value), r["example"].value)
         for r in _select(store, CLASSES_QUERY)),
        key=lambda row: (-row[1], row[0]),
    )  # fmt: skip
    ours = [row for row in class_rows if row[0].startswith(LG_NAMESPACE)]
    return DatasetFacts(
        quads=store.quad_count(),
        graphs=graph_facts(store),
        classes=sorted((iri, n) for iri, n, _ in class_rows),
        properties=sorted(
            (r["property"].value, int(r["triples"].value)) for r in _select(store, PROPERTIES_QUERY)
        ),
        examples=sorted({example for _, _, example in ours[:EXAMPLE_CLASSES]}),
    )


def describe(
    facts: DatasetFacts,
    dataset: str,
    *,
    base_iri: str,
    sparql_endpoint: str | None = None,
    dumps: Iterable[DumpLink] = (),
    version: str | None = None,
    version_of: str | None = None,
) -> Graph:
    """The VoID + DCAT description of the dataset (or of one release of it, with ``version``)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in {**PREFIXES, "void": VOID, "dcat": DCAT, "spdx": SPDX}.items():
        graph.bind(prefix, namespace)
    node = URIRef(dataset)
    graph.add((node, RDF.type, VOID.Dataset))
    graph.add((node, RDF.type, DCAT.Dataset))
    for language, title in TITLES.items():
        graph.add((node, DCTERMS.title, Literal(title, lang=language)))
    graph.add((node, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    graph.add((node, DCTERMS.license, ontology_license()))
    graph.add((node, VOID.uriSpace, Literal(base_iri)))
    graph.add((node, VOID.vocabulary, ONTOLOGY_IRI))
    graph.add((node, VOID.triples, Literal(facts.quads)))
    graph.add((node, VOID.classes, Literal(len(facts.classes))))
    graph.add((node, VOID.properties, Literal(len(facts.properties))))
    if facts.last_loaded:
        graph.add((node, DCTERMS.modified, Literal(facts.last_loaded, datatype=XSD.dateTime)))
    if sparql_endpoint:
        graph.add((node, VOID.sparqlEndpoint, URIRef(sparql_endpoint)))
    if version:
        graph.add((node, DCAT3.version, Literal(version)))
    if version_of:
        graph.add((node, DCTERMS.isVersionOf, URIRef(version_of)))
    for example in facts.examples:
        graph.add((node, VOID.exampleResource, URIRef(example)))
    for dump in dumps:
        _add_distribution(graph, node, dump)
    for iri, entities in facts.classes:
        partition = _partition(graph, node, VOID.classPartition)
        graph.add((partition, VOID["class"], URIRef(iri)))
        graph.add((partition, VOID.entities, Literal(entities)))
    for iri, triples in facts.properties:
        partition = _partition(graph, node, VOID.propertyPartition)
        graph.add((partition, VOID.property, URIRef(iri)))
        graph.add((partition, VOID.triples, Literal(triples)))
    for graph_facts_ in facts.graphs:
        _add_subset(graph, node, graph_facts_)
    return graph


def _add_distribution(graph: Graph, dataset: URIRef, dump: DumpLink) -> None:
    """A void:dataDump link and the DCAT distribution behind it."""
    url = URIRef(dump.url)
    distribution = BNode()
    graph.add((dataset, VOID.dataDump, url))
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCAT.downloadURL, url))
    graph.add((distribution, DCAT.mediaType, URIRef(IANA_MEDIA_TYPES + dump.media_type)))
    if dump.compressed:
        graph.add(
            (distribution, DCAT.compressFormat, URIRef(IANA_MEDIA_TYPES + "application/gzip"))
        )
    if dump.size is not None:
        graph.add(
            (distribution, DCAT.byteSize, Literal(dump.size, datatype=XSD.nonNegativeInteger))
        )
    if dump.sha256:
        _add_checksum(graph, distribution, dump.sha256)


def _add_subset(graph: Graph, dataset: URIRef, facts: GraphFacts) -> None:
    """A named graph as a subset: its size and the source document it was made from."""
    subset = URIRef(facts.iri)
    graph.add((dataset, VOID.subset, subset))
    graph.add((subset, RDF.type, VOID.Dataset))
    graph.add((subset, VOID.triples, Literal(facts.triples)))
    if facts.document:
        graph.add((subset, FOAF.primaryTopic, URIRef(facts.document)))
    if facts.source:
        graph.add((subset, LG.sourceName, Literal(facts.source)))
    if facts.source_url:
        graph.add((subset, DCTERMS.source, URIRef(facts.source_url)))
    if facts.source_sha256:
        graph.add((subset, LG.sourceSha256, Literal(facts.source_sha256)))
    if facts.loaded:
        graph.add((subset, DCTERMS.modified, Literal(facts.loaded, datatype=XSD.dateTime)))


def _add_checksum(graph: Graph, subject: BNode, sha256: str) -> None:
    checksum = BNode()
    graph.add((subject, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary)))


def _partition(graph: Graph, dataset: URIRef, kind: URIRef) -> BNode:
    partition = BNode()
    graph.add((dataset, kind, partition))
    return partition


@cache
def ontology_license() -> URIRef:
    """The licence the ontology declares, which the dataset's description repeats."""
    ontology = ontology_graph()
    licence = ontology.value(ONTOLOGY_IRI, DCTERMS.license)
    if not isinstance(licence, URIRef):
        raise ValueError("ontology/legisgraph.ttl declares no dcterms:license")
    return licence


def ontology_version() -> str:
    """The ontology's owl:versionInfo."""
    return str(ontology_graph().value(ONTOLOGY_IRI, OWL.versionInfo))


def _select(store: GraphStore, query: str):
    return store.query(query, prefixes=PREFIXES)


def _value(term) -> str | None:
    return None if term is None else term.value
