"""Background briefs: policy measures, their target dates and status, and responsible bodies."""

import pyoxigraph as ox
import pytest
from brief_support import BASE, FIXTURES
from brief_support import query_rows as _rows
from brief_support import query_values as _values
from brief_support import store_of as _store
from rdflib import URIRef

from loader.kinds.brief import extract
from loader.kinds.brief.subjects import subject_bodies
from loader.text import clean_text
from loader.vocab import LG_NAMESPACE

# --- Target dates and status -------------------------------------------------------------


def test_sample_policy_measures_have_target_dates_and_status(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?label ?title ?target ?type ?wording ?status ?policy WHERE {
             ?m a lg:PolicyMeasure ; lg:measureLabel ?label ; dcterms:title ?title ;
                lg:partOfPolicy/dcterms:title ?policy ; lg:sourceParagraph/lg:paragraphNumber "4" .
             OPTIONAL { ?m lg:targetDate ?target ; lg:targetDateText ?wording
                        BIND(DATATYPE(?target) AS ?type) }
             OPTIONAL { ?m lg:measureStatus ?status } }""",
    )
    month = "http://www.w3.org/2001/XMLSchema#gYearMonth"
    completed = LG_NAMESPACE + "StatusCompleted"
    policy = "香港智慧城市藍圖2.0"
    assert rows == [
        ("(a)", "推動數字政府服務", "2024-06", month, "在2024年年中前", "", policy),
        ("(b)", "擴大“智方便”的應用", "2025-12", month, "在2025年年底前", "", policy),
        ("(c)", "建立“授權數據交換閘”", "2024-12", month, "在2024年年底前", "", policy),
        ("(d)", "促進數據互通", "", "", "", "", policy),
        ("(e)", "促進先進科技應用", "2025-12", month, "於2025年年底前", "", policy),
        ("(f)", "提供共享空間數據", "", "", "", "", policy),
        ("(g)", "進行電子政府審計", "2023-12", month, "已於2023年年底完成", completed, policy),
    ]
    assert _values(
        sample, "SELECT ?t WHERE { ?m lg:measureStatus lg:StatusCompleted ; lg:statusText ?t }"
    ) == ["有關工作已於2023年年底完成。"]


# --- Responsible bodies -------------------------------------------------------------------


def test_sample_measures_name_the_body_that_is_the_subject_of_their_sentence(
    sample: ox.Store,
) -> None:
    rows = _rows(
        sample,
        """SELECT ?label ?body WHERE { ?m a lg:PolicyMeasure ; lg:measureLabel ?label .
             OPTIONAL { ?m lg:responsibleBody ?body } }""",
    )
    government, ogcio = BASE + "org/hksarg", BASE + "org/ogcio"
    assert rows == [
        ("(a)", ""),
        ("(b)", government),
        ("(c)", government),
        ("(d)", ogcio),
        ("(e)", government),
        ("(f)", ""),
        ("(g)", ogcio),
    ]


def test_fixture_measures_resolve_their_subject_through_defined_abbreviations(
    english: ox.Store, chinese_other: ox.Store
) -> None:
    query = "SELECT ?label ?body WHERE { ?m lg:measureLabel ?label ; lg:responsibleBody ?body }"
    assert _rows(english, query) == [("(a)", BASE + "org/td")]
    assert _rows(chinese_other, query) == [
        ("(a)", BASE + "org/環境保護署"),
        ("(b)", BASE + "org/hksarg"),
    ]


_BODIES = {
    "資科辦": URIRef("ogcio"),
    "創科工業局": URIRef("itib"),
    "政府": URIRef("gov"),
    "政府當局": URIRef("gov"),
    "Transport Department": URIRef("td"),
    "TD": URIRef("td"),
}


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        ("為加快公共服務數碼轉型，資科辦為所有局/部門進行電子政府審計。", ["ogcio"]),
        ("創科工業局與資科辦於2023年12月發布宣言。", ["itib", "ogcio"]),
        ("政府當局並會研究。", ["gov"]),
        ("資科辦(“資科辦”)會推出平台。", ["ogcio"]),
        ('the Transport Department ("TD") would remove the booths.', ["td"]),
        ("資科辦的平台可提升效率。", []),
        ("政府部門須加快推行服務。", []),
        ("各部門須與資科辦合作。", []),
        ("平台已推出。資科辦會檢討。", []),
        ("To speed up the work, the Transport Department will install readers.", ["td"]),
        ("TD would implement free-flow tolling by end-2025;", ["td"]),
        ("TDs would be installed.", []),
        ("The toll booths would be removed by TD.", []),
    ],
)
def test_only_a_known_body_opening_the_main_clause_is_the_subject(
    text: str, bodies: list[str]
) -> None:
    assert [str(body) for body in subject_bodies(text, _BODIES)] == bodies


def test_a_note_after_a_listed_measure_is_left_out_of_its_evidence() -> None:
    text = (FIXTURES / "brief-zh-other.txt").read_text(encoding="utf-8")
    text = text.replace("擴展至全港各區；", "擴展至全港各區 (詳見下文第 5 段 )；")
    store = _store(extract(clean_text(text), language="zh-Hant", base_iri=BASE).graph)
    assert _rows(
        store,
        """SELECT ?exact ?target WHERE { ?m lg:measureLabel "(a)" ; lg:targetDate ?target ;
             lg:evidence/oa:hasSelector/oa:exact ?exact }""",
    ) == [
        ("(a)  擴展回收網絡：環保署會在2025年年底前把“綠在區區”回收網絡擴展至全港各區", "2025-12")
    ]
    assert _values(
        store,
        'SELECT ?n WHERE { ?p lg:paragraphNumber "2" ; lg:mentions/lg:paragraphNumber ?n }',
    ) == ["5"]
