"""LCQ press releases: one Council question in three languages, its asker, officers and reply.

The fixtures in tests/data/lcq are releases in info.gov.hk's layout: the English page (UTF-8),
the Traditional Chinese page (Big5) and the Simplified page (UTF-8) of one oral question, and
two text releases (an English written reply and a Chinese reply by two officers).
"""

import shutil
from pathlib import Path

import pytest
from agenda_support import extract_agenda
from brief_support import BASE, query_rows, query_values, store_of
from lcq_support import (
    ALL,
    EN_HTML,
    HANS_HTML,
    HANT_HTML,
    TWO_OFFICERS_ZH,
    WRITTEN_EN,
    extract_release,
    release_text,
)
from localserver import LocalServer
from rdflib import BNode, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from loader.kinds import lcq
from loader.paths import ROOT
from loader.pipeline import LOADED, LoadOptions, load_sources
from loader.store import GraphStore
from loader.validate import validate

QUESTION = f"{BASE}question/2024-04-10/10"
OWN_AGENDA = ROOT / "tests" / "data" / "agendas" / "council-agenda-en.txt"


@pytest.fixture(scope="module")
def three():
    """The English, Traditional and Simplified releases of one question, in one store."""
    merged = Graph()
    for path in (EN_HTML, HANT_HTML, HANS_HTML):
        merged += extract_release(path)
    return store_of(merged)


def by_language(store, query: str) -> dict[str, str]:
    """Language tag (as the store lower-cases it) → value, for a query selecting ?v."""
    rows = query_rows(store, f"SELECT (LANG(?v) AS ?l) ?v {{ {query} }}")
    return dict(rows)


def test_three_language_releases_are_three_graphs_about_one_question(three) -> None:
    rows = query_rows(
        three,
        "SELECT ?r ?lang { ?r a lg:PressRelease ; foaf:primaryTopic ?q ; dcterms:language ?lang }",
    )
    assert rows == [
        (f"{QUESTION}/release/en", "en"),
        (f"{QUESTION}/release/zh-hans", "zh-Hans"),
        (f"{QUESTION}/release/zh-hant", "zh-Hant"),
    ]
    assert query_values(three, "SELECT ?q { ?q a lg:CouncilQuestion }") == [QUESTION]


def test_question_has_text_title_and_label_in_each_language(three) -> None:
    titles = by_language(three, f"<{QUESTION}> dcterms:title ?v")
    assert titles == {"en": "Smart government", "zh-hans": "智慧政府", "zh-hant": "智慧政府"}
    texts = by_language(three, f"<{QUESTION}> lg:text ?v")
    assert set(texts) == {"en", "zh-hant", "zh-hans"}
    assert texts["zh-hans"].startswith("政府近年推出多项数码服务")
    assert "(2) whether it will provide more outreach support" in texts["en"]
    labels = by_language(three, f"<{QUESTION}> rdfs:label ?v")
    assert labels == {
        "en": "Oral question 10 at the Council meeting on 10 April 2024",
        "zh-hant": "2024年4月10日立法會會議第10項口頭質詢",
        "zh-hans": "2024年4月10日立法会会议第10项口头质询",
    }


def test_question_is_asked_at_the_council_meeting_of_the_release_day(three) -> None:
    rows = query_rows(
        three,
        f"SELECT ?m ?d ?n ?t {{ <{QUESTION}> lg:askedAt ?m ; dcterms:date ?d ; "
        "lg:questionNumber ?n ; lg:questionType ?t . ?m a lg:CouncilMeeting }",
    )
    assert rows == [
        (f"{BASE}meeting/council/2024-04-10", "2024-04-10", "10", str(lcq.LG.OralQuestion))
    ]


def test_askers_are_the_curated_members_whatever_the_script(three) -> None:
    rows = query_rows(
        three,
        f"SELECT ?m ?id ?written {{ <{QUESTION}> lg:askedBy ?m . ?m a lg:Member ; "
        "lg:memberId ?id ; skos:altLabel ?written }",
    )
    assert rows == [
        (f"{BASE}member/839", "839", "Hon Elizabeth Quat"),
        (f"{BASE}member/905", "905", "柯创盛议员"),
        (f"{BASE}member/905", "905", "柯創盛議員"),
    ]


def test_answering_post_in_each_language_and_curated_bureau(three) -> None:
    posts = by_language(three, f"<{QUESTION}> lg:answeringPost ?v")
    assert posts == {
        "en": "Secretary for Innovation, Technology and Industry",
        "zh-hant": "創新科技及工業局局長",
        "zh-hans": "创新科技及工业局局长",
    }
    bodies = query_values(three, f"SELECT ?b {{ <{QUESTION}> lg:answeringBody ?b }}")
    assert bodies == [f"{BASE}org/itib"]


def test_question_parts_are_paragraphs_of_each_release(three) -> None:
    rows = query_rows(
        three,
        "SELECT ?r ?n ?pos { ?p a lg:Paragraph ; dcterms:isPartOf "
        f"<{QUESTION}> ; lg:partOfDocument ?r ; lg:paragraphNumber ?n ; lg:position ?pos }}",
    )
    release = f"{QUESTION}/release/"
    assert rows == [
        (release + "en", "1", "1"),
        (release + "en", "2", "2"),
        (release + "en", "3", "3"),
        (release + "zh-hans", "一", "1"),
        (release + "zh-hans", "三", "3"),
        (release + "zh-hans", "二", "2"),
        (release + "zh-hant", "一", "1"),
        (release + "zh-hant", "三", "3"),
        (release + "zh-hant", "二", "2"),
    ]
    third = query_values(three, f"SELECT ?t {{ <{release}zh-hant/para/question-三> lg:text ?t }}")
    assert third == ["把所有牌照申請轉為網上處理的時間表為何？"]


def test_reply_is_a_government_response_with_its_paragraphs(three) -> None:
    rows = query_rows(
        three,
        "SELECT ?r (COUNT(?p) AS ?n) { ?r a lg:GovernmentResponse , lg:Contribution ; "
        f"lg:respondsTo <{QUESTION}> ; lg:respondent <{BASE}org/itib> . "
        "?p lg:partOfDocument ?doc ; dcterms:isPartOf ?r } GROUP BY ?r",
    )
    assert [count for _, count in rows] == ["5", "5", "5"]
    exact = query_values(
        three,
        f"SELECT ?exact {{ <{QUESTION}/release/en/reply> lg:evidence ?e . "
        "?e oa:hasSource ?p ; oa:hasSelector ?s . ?s oa:exact ?exact . ?p lg:text ?text }",
    )
    assert exact == [
        "In consultation with the relevant bureaux and departments, my reply to the question "
        "raised by the Hon Elizabeth Quat is as follows:"
    ]
    closing = query_values(
        three, f"SELECT ?t {{ <{QUESTION}/release/zh-hant/para/reply-5> lg:text ?t }}"
    )
    assert closing == ["謝謝主席。"]


def test_replying_officer_is_a_public_officer_with_the_post(three) -> None:
    rows = query_rows(
        three,
        f"SELECT ?o ?post {{ <{QUESTION}/release/en/reply> dcterms:creator ?o . "
        "?o a lg:PublicOfficer ; lg:post ?post }",
    )
    assert rows == [
        (f"{BASE}officer/name/sundong", "Secretary for Innovation, Technology and Industry")
    ]
    officers = query_values(
        three, f"SELECT DISTINCT ?o {{ <{QUESTION}/release/zh-hans/reply> dcterms:creator ?o }}"
    )
    assert officers == [f"{BASE}officer/name/孫東"]


def test_release_date_comes_from_its_url_before_its_trailer() -> None:
    origin = "https://www.info.gov.hk/gia/general/202302/23/P2023022300417.htm"
    text = release_text(WRITTEN_EN)
    extraction = lcq.extract(text, language="en", base_iri=BASE, origin=origin)
    assert extraction.warnings == ("released on 2023-02-23 about the meeting of 2023-02-22",)
    store = store_of(extraction.graph)
    rows = query_rows(
        store,
        "SELECT ?r ?date ?url ?id ?q { ?r a lg:PressRelease ; dcterms:date ?date ; "
        "schema:url ?url ; dcterms:identifier ?id ; foaf:primaryTopic ?q }",
    )
    assert rows == [
        (
            f"{BASE}question/2023-02-22/10/release/en",
            "2023-02-23",
            origin,
            "P2023022300417",
            f"{BASE}question/2023-02-22/10",
        )
    ]


def test_release_date_comes_from_its_trailer_without_a_url() -> None:
    store = store_of(extract_release(TWO_OFFICERS_ZH, origin=None))
    rows = query_rows(
        store,
        "SELECT ?date ?q { ?r a lg:PressRelease ; dcterms:date ?date ; foaf:primaryTopic ?q }",
    )
    assert rows == [("2023-11-15", f"{BASE}question/2023-11-15/22")]


def test_release_without_url_or_trailer_is_refused_clearly() -> None:
    text = release_text(WRITTEN_EN).split("Ends/")[0]
    with pytest.raises(ValueError, match="no date"):
        lcq.extract(text, language="en", base_iri=BASE)


def test_release_without_a_numbered_title_is_refused_clearly() -> None:
    text = release_text(WRITTEN_EN).replace("LCQ10: ", "")
    with pytest.raises(ValueError, match="no question number"):
        lcq.extract(text, language="en", base_iri=BASE, origin=None)


def test_partial_release_keeps_the_question_without_a_reply() -> None:
    text = release_text(WRITTEN_EN).split("Reply:")[0]
    extraction = lcq.extract(text, language="en", base_iri=BASE, origin="P2023022200417.htm")
    assert extraction.warnings == ("no reply after the question: the release may be cut short",)
    store = store_of(extraction.graph)
    assert query_values(store, "SELECT ?r { ?r a lg:GovernmentResponse }") == []
    parts = query_values(store, "SELECT ?n { ?p a lg:Paragraph ; lg:paragraphNumber ?n }")
    assert parts == ["1", "2", "3"]


def test_written_reply_by_two_officers_names_both_bureaux() -> None:
    store = store_of(extract_release(TWO_OFFICERS_ZH))
    question = f"{BASE}question/2023-11-15/22"
    rows = query_rows(
        store,
        f"SELECT ?t ?b {{ <{question}> lg:questionType ?t ; lg:answeringBody ?b }}",
    )
    kind = str(lcq.LG.WrittenQuestion)
    assert rows == [(kind, f"{BASE}org/cedb"), (kind, f"{BASE}org/fstb")]
    posts = query_values(store, f"SELECT ?p {{ <{question}> lg:answeringPost ?p }}")
    assert posts == ["商務及經濟發展局局長", "財經事務及庫務局局長"]
    respondents = query_values(store, "SELECT ?b { ?r lg:respondent ?b }")
    assert respondents == [f"{BASE}org/cedb", f"{BASE}org/fstb"]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_release_conforms_to_the_shapes(path: Path) -> None:
    report = validate(extract_release(path))
    assert report.conforms, report.text


def test_extraction_is_deterministic_and_has_no_blank_nodes() -> None:
    first, again = extract_release(HANT_HTML), extract_release(HANT_HTML)
    assert isomorphic(first, again), graph_diff(to_isomorphic(first), to_isomorphic(again))
    assert not any(isinstance(term, BNode) for triple in first for term in triple)


def test_question_from_an_agenda_and_a_release_is_one_resource() -> None:
    merged = extract_agenda(OWN_AGENDA) + extract_release(WRITTEN_EN)
    store = store_of(merged)
    question = f"{BASE}question/2023-02-22/10"
    rows = query_rows(
        store,
        "SELECT ?q ?m ?agenda ?release { ?q a lg:CouncilQuestion ; lg:askedBy ?m . "
        "?agenda dcterms:references ?q . ?release foaf:primaryTopic ?q }",
    )
    assert rows == [
        (
            question,
            f"{BASE}member/name/leemei-ling",
            f"{BASE}meeting/council/2023-02-22/agenda",
            f"{question}/release/en",
        )
    ]
    labels = by_language(store, f"<{question}> rdfs:label ?v")
    assert labels["en"] == "Written question 10 at the Council meeting on 22 February 2023"
    assert len(query_values(store, f"SELECT ?l {{ <{question}> rdfs:label ?l }}")) == 2
    assert len(query_values(store, f"SELECT ?t {{ <{question}> lg:text ?t }}")) == 1


def test_release_loads_by_url_into_its_own_graph(tmp_path: Path) -> None:
    folder = tmp_path / "gia" / "general" / "202404" / "10"
    folder.mkdir(parents=True)
    shutil.copy(HANT_HTML, folder / "P2024041000312.htm")
    store = GraphStore.open(tmp_path / "store", write=True)
    with store, LocalServer(tmp_path) as server:
        url = server.url("gia/general/202404/10/P2024041000312.htm")
        report = load_sources(store, [url], LoadOptions(base_iri=BASE, cache_dir=None))
        (result,) = report.results
        assert result.status == LOADED, result.message
        assert result.graph == f"{BASE}graph/question/2024-04-10/10/release/zh-hant"
        rows = store.query("SELECT ?url WHERE { GRAPH ?g { ?r <https://schema.org/url> ?url } }")
        assert [str(row["url"].value) for row in rows] == [url]
