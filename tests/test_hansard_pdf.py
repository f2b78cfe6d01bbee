"""A Hansard loaded from its PDF: the named destinations (``SP_LKF206``) give its speeches the
keys the JSON form and HansardDB's Rundown give them (``{meeting}/speech/206``), while the same
record as text keeps ``p{order}``. One real 250-page PDF, decoded once for the module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from loader.kinds.hansard.destinations import speech_destinations
from loader.pipeline import LoadOptions, build_graph
from loader.settings import DEFAULT_BASE_IRI
from loader.sources import read_source
from loader.vocab import LG

DOCS = Path(__file__).resolve().parents[2] / "shared" / "legco-docs"
PDF = DOCS / "hansard-2012-11-21-zh.pdf"
MEETING = f"{DEFAULT_BASE_IRI}meeting/council/2012-11-21"


@pytest.fixture(scope="module")
def graph() -> Graph:
    if not PDF.exists():
        pytest.skip("../shared/legco-docs/hansard-2012-11-21-zh.pdf not present")
    _iri, built, _warnings = build_graph(
        read_source(str(PDF), cache_dir=None), LoadOptions(base_iri=DEFAULT_BASE_IRI)
    )
    return built


def _keys(graph: Graph) -> dict[str, str]:
    """Speech key → bookmark ('' when it has none)."""
    return {
        str(speech).rsplit("/", 1)[-1]: str(graph.value(speech, LG.bookmark) or "")
        for speech in graph.subjects(RDF.type, LG.Speech)
    }


def test_the_first_oral_question_is_keyed_by_its_pdf_bookmark(graph: Graph) -> None:
    # Page 1497 (PDF page 6): "1. 林健鋒議員：據報，法定最低工資的實施…", destination SP_LKF206.
    speech = URIRef(f"{MEETING}/speech/206")
    assert str(graph.value(speech, LG.bookmark)) == "SP_LKF206"
    assert str(graph.value(speech, LG.speakerLabel)) == "林健鋒議員"
    assert str(graph.value(speech, LG.text)).startswith("據報，法定最低工資的實施")


def test_every_speech_destination_keys_one_speech_by_its_number(graph: Graph) -> None:
    names = [d.name for d in speech_destinations(PDF.read_bytes())]
    keys = _keys(graph)
    marked = {mark: key for key, mark in keys.items() if mark}
    assert sorted(marked) == sorted(names) and len(names) > 100
    for mark, key in marked.items():
        assert key == re.search(r"(\d+)$", mark).group(1).lstrip("0")


def test_speeches_without_a_destination_keep_their_place_in_the_record(graph: Graph) -> None:
    keys = _keys(graph)
    unmarked = [key for key, mark in keys.items() if not mark]
    assert unmarked and all(re.fullmatch(r"p\d+", key) for key in unmarked)
    for key in unmarked:
        speech = URIRef(f"{MEETING}/speech/{key}")
        assert int(graph.value(speech, LG.position)) == int(key[1:])


def test_a_pdf_without_named_destinations_gives_none() -> None:
    assert speech_destinations(b"%PDF-1.4\nnot really a PDF\n%%EOF") == []
