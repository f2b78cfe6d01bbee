"""The full-text index: CJK-aware matching, folding, ranking, snippets, per-graph upkeep."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from loader.index_journal import mark_stale
from loader.search_index import SearchIndex, index_path
from loader.search_query import search
from loader.store import GraphStore

LG = "https://w3id.org/legisgraph/ontology#"
ID = "https://w3id.org/legisgraph/id/"
A, B = f"{ID}graph/a", f"{ID}graph/b"
CONCERN, PARAGRAPH, TOPIC = f"{ID}a/concern/1", f"{ID}a/para/1", f"{ID}b/topic/1"
CONCERN_ZH = "議員關注市民登記「智方便」帳户的流程。"
PARAGRAPH_ZH = (
    "政府當局表示，當局會繼續推動數碼政府服務，並在各方面加強宣傳，"
    "包括智方便在內的多項措施，以及數據共享的安排。"
)
SCRIPT_EN = "A <script>alert(1)</script> & more about Smart cards"

DATA = f"""
@prefix lg: <{LG}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
<{A}> {{
  <{CONCERN}> a lg:Concern ; rdfs:label "{CONCERN_ZH}"@zh-Hant ,
      "Members were concerned about registering for iAM Smart."@en .
  <{CONCERN}/evidence> a oa:SpecificResource ; rdfs:label "{CONCERN_ZH}"@zh-Hant .
  <{PARAGRAPH}> a lg:Paragraph ; rdfs:label "第1段"@zh-Hant ;
      lg:text "{PARAGRAPH_ZH}"@zh-Hant .
  <{ID}a/para/2> a lg:Paragraph ; lg:text "{SCRIPT_EN}"@en .
}}
<{B}> {{ <{TOPIC}> a lg:Topic ; skos:prefLabel "智方便平台"@zh-Hant . }}
"""


def _store(data: str = DATA) -> GraphStore:
    store = GraphStore(ox.Store(), None, None)
    store.load_dataset(data.encode(), rdf_format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    """An index of DATA, in a temporary file."""
    built = SearchIndex(tmp_path / "search.sqlite")
    built.refresh(_store())
    return built


def _subjects(index: SearchIndex, query: str, **options) -> list[str]:
    return [hit.subject for hit in search(index, query, **options).hits]


def test_chinese_word_inside_a_sentence_matches(index) -> None:
    assert set(_subjects(index, "智方便")) == {CONCERN, PARAGRAPH, TOPIC}


def test_simplified_query_finds_traditional_text(index) -> None:
    assert _subjects(index, "帐户") == [CONCERN]
    assert set(_subjects(index, "数码政府")) == {PARAGRAPH}


def test_english_is_matched_whatever_the_case_and_width(index) -> None:
    assert _subjects(index, "IAM SMART") == [CONCERN]
    assert _subjects(index, "ｉＡＭ") == [CONCERN]


def test_two_character_query_matches_by_scanning(index) -> None:
    assert _subjects(index, "數據") == [PARAGRAPH]
    assert _subjects(index, "流程 智方便") == [CONCERN]


def test_label_match_ranks_above_a_mention_in_a_paragraph(index) -> None:
    ranked = _subjects(index, "智方便")
    assert ranked.index(TOPIC) < ranked.index(PARAGRAPH)
    assert ranked.index(CONCERN) < ranked.index(PARAGRAPH)


def test_annotations_are_not_results(index) -> None:
    assert f"{CONCERN}/evidence" not in _subjects(index, "智方便")


def test_type_filter_and_type_counts(index) -> None:
    results = search(index, "智方便", types=[LG + "Topic"])
    assert [hit.subject for hit in results.hits] == [TOPIC]
    assert results.total == 1
    assert dict(search(index, "智方便").type_counts)[LG + "Concern"] == 1


def test_language_filter_keeps_texts_in_that_language(index) -> None:
    assert _subjects(index, "smart", language="en") != []
    assert _subjects(index, "smart", language="zh") == []


def test_hit_has_best_label_in_preferred_language(index) -> None:
    (hit,) = search(index, "iam smart", prefer=["zh"]).hits
    assert hit.label.startswith("議員關注")
    (hit,) = search(index, "iam smart", prefer=["en"]).hits
    assert hit.label.startswith("Members were concerned")


def test_snippet_marks_matches_and_escapes_html(index) -> None:
    (hit,) = search(index, "script").hits
    assert "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; &amp; more" in (
        hit.snippet_html
    )
    assert "<script>" not in hit.snippet_html
    (hit,) = search(index, "帐户").hits
    assert "<mark>帳户</mark>" in hit.snippet_html


def test_query_syntax_is_taken_literally(index) -> None:
    assert _subjects(index, '"智方便" OR NEAR(') == []
    assert _subjects(index, "%") == []
    assert search(index, "   ").total == 0


def test_paging_splits_the_ranked_list(index) -> None:
    everything = _subjects(index, "智方便")
    pages = _subjects(index, "智方便", limit=2) + _subjects(index, "智方便", limit=2, offset=2)
    assert pages == everything


def test_replaced_graph_is_reindexed_and_its_old_rows_removed(index) -> None:
    replaced = DATA.replace("智方便平台", "數字政策專員")
    assert index.refresh(_store(replaced), [B]) == 1
    assert TOPIC not in _subjects(index, "智方便")
    assert _subjects(index, "數字政策") == [TOPIC]
    assert CONCERN in _subjects(index, "智方便")


def test_unchanged_graphs_are_not_rewritten(index) -> None:
    assert index.refresh(_store(), [A, B]) == 0


def test_vanished_graph_is_dropped_and_new_graph_added(index) -> None:
    store = _store()
    store.raw.remove_graph(ox.NamedNode(B))
    store.raw.add(
        ox.Quad(
            ox.NamedNode(f"{ID}c/x"),
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal("智方便新平台", language="zh-Hant"),
            ox.NamedNode(f"{ID}graph/c"),
        )
    )
    index.refresh(store)
    assert set(_subjects(index, "智方便")) == {CONCERN, PARAGRAPH, f"{ID}c/x"}


def test_change_in_place_is_found_after_the_store_is_marked_stale(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    index = SearchIndex.beside(store_path)
    index.refresh(_store())
    edited = _store(DATA.replace("智方便平台", "電子政府平台"))
    index.refresh(edited)  # same graphs: a plain refresh does not look inside them
    assert TOPIC in _subjects(index, "智方便")
    mark_stale(store_path)
    assert index.refresh(edited) == 1
    assert TOPIC not in _subjects(index, "智方便")
    assert _subjects(index, "電子政府平台") == [TOPIC]


def test_rebuild_starts_from_empty(index) -> None:
    store = _store()
    store.raw.remove_graph(ox.NamedNode(A))
    assert index.rebuild(store) == 1
    assert _subjects(index, "智方便") == [TOPIC]


def test_index_lives_beside_the_store_folder(tmp_path: Path) -> None:
    assert index_path(tmp_path / "store") == tmp_path / "store.search.sqlite"


def test_load_into_a_store_indexes_what_it_loaded(sample_store: Path) -> None:
    index = SearchIndex.beside(sample_store)
    assert index.exists()
    results = search(index, "智方便", types=[LG + "Concern"])
    assert results.total >= 1
    assert all(LG + "Concern" in hit.types for hit in results.hits)
