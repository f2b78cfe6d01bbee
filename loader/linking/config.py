"""The Wikidata linking settings, read from ontology/wikidata-config.ttl (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from loader.paths import ONTOLOGY_DIR

CONFIG_FILE = ONTOLOGY_DIR / "wikidata-config.ttl"
LGL = Namespace("https://w3id.org/legisgraph/linking#")
WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"


@dataclass(frozen=True)
class Fact:
    """A fact a candidate must have: any of ``properties`` with any of ``values``."""

    label: str
    properties: tuple[str, ...]
    values: frozenset[str]
    required: bool


@dataclass(frozen=True)
class Kind:
    """One --types kind: which of our entities, which Wikidata classes, which facts."""

    name: str
    our_class: str
    except_classes: tuple[str, ...]
    wikidata_classes: frozenset[str]
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class LinkConfig:
    """All settings of a run."""

    api_url: str
    accept_at: float
    review_at: float
    search_limit: int
    subclass_depth: int
    kinds: dict[str, Kind]


def load_config(path: Path = CONFIG_FILE) -> LinkConfig:
    """Read the settings and the kinds from the Turtle file at ``path``."""
    graph = Graph().parse(path, format="turtle")
    settings = LGL.settings

    def one(subject: URIRef, predicate: URIRef) -> object:
        value = graph.value(subject, predicate)
        if value is None:
            raise ValueError(f"{path}: {subject} has no {predicate}")
        return value.toPython()

    kinds = {}
    for kind in sorted(graph.subjects(RDF.type, LGL.Kind)):
        name = str(one(kind, RDFS.label))
        kinds[name] = Kind(
            name=name,
            our_class=str(one(kind, LGL.ourClass)),
            except_classes=tuple(sorted(str(c) for c in graph.objects(kind, LGL.exceptClass))),
            wikidata_classes=frozenset(_qids(graph.objects(kind, LGL.wikidataClass))),
            facts=tuple(
                Fact(
                    label=str(one(fact, RDFS.label)),
                    properties=tuple(sorted(_pids(graph.objects(fact, LGL.property)))),
                    values=frozenset(_qids(graph.objects(fact, LGL.value))),
                    required=bool(graph.value(fact, LGL.required, default=False)),
                )
                for fact in sorted(graph.objects(kind, LGL.fact), key=str)
            ),
        )
    return LinkConfig(
        api_url=str(one(settings, LGL.apiUrl)),
        accept_at=float(Decimal(str(one(settings, LGL.acceptAt)))),
        review_at=float(Decimal(str(one(settings, LGL.reviewAt)))),
        search_limit=int(one(settings, LGL.searchLimit)),
        subclass_depth=int(one(settings, LGL.subclassDepth)),
        kinds=kinds,
    )


def _qids(iris) -> list[str]:
    return [_local(iri, WD) for iri in iris]


def _pids(iris) -> list[str]:
    return [_local(iri, WDT) for iri in iris]


def _local(iri: object, namespace: str) -> str:
    text = str(iri)
    if not text.startswith(namespace):
        raise ValueError(f"{text} is not in {namespace}")
    return text[len(namespace) :]
