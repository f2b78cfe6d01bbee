"""Simplified Chinese records (LegCo's 简体 pages) read as their Traditional originals: the same
resources, with what the document says written in Simplified characters."""

from brief_support import BASE
from minutes_support import FIXTURES, read
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from loader.kinds.registry import choose_kind
from loader.names import to_simplified
from loader.text import clean_text, detect_language
from loader.vocab import LG


def _extract(text: str):
    text = clean_text(text)
    language = detect_language(text)
    return language, choose_kind(text).extract(text, language=language, base_iri=BASE)


def _shape(graph) -> set[tuple[URIRef, URIRef]]:
    return {(s, o) for s, _, o in graph.triples((None, RDF.type, None)) if isinstance(s, URIRef)}


def test_simplified_minutes_give_the_resources_of_the_traditional_minutes() -> None:
    original = read(FIXTURES / "minutes-zh.txt")
    _, traditional = _extract(original)
    language, simplified = _extract(to_simplified(original))
    assert language == "zh-Hans"
    assert _shape(simplified.graph) == _shape(traditional.graph)
    assert simplified.document == traditional.document
    title = simplified.graph.value(simplified.document, DCTERMS.title)
    assert title == Literal(to_simplified(str(title)), lang="zh-Hans")
    assert "会议纪要" in simplified.title


def test_simplified_agenda_names_the_same_meeting_and_items() -> None:
    path = FIXTURES.parent / "agendas" / "agenda-zh.txt"
    original = path.read_text(encoding="utf-8")
    _, traditional = _extract(original)
    _, simplified = _extract(to_simplified(original))
    meeting = traditional.graph.value(traditional.document, LG.agendaOf)
    assert simplified.graph.value(simplified.document, LG.agendaOf) == meeting
    assert set(simplified.graph.subjects(LG.itemOf, meeting)) == set(
        traditional.graph.subjects(LG.itemOf, meeting)
    )
    zh = {o.language for o in simplified.graph.objects() if isinstance(o, Literal) and o.language}
    assert "zh-Hans" in zh
