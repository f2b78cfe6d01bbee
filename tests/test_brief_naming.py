"""Background briefs: bilingual labels and clean, deterministic IRIs of what they name."""

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from brief_support import BASE, FIXTURES, SAMPLE
from brief_support import extract_brief as _extract
from brief_support import query_rows as _rows
from brief_support import query_values as _values
from brief_support import store_of as _store
from rdflib import URIRef

from loader.kinds.brief import extract
from loader.text import clean_text

# --- Bilingual labels ---------------------------------------------------------------------


def _labels(store: ox.Store, iri: str) -> list[tuple[str, str]]:
    return _rows(
        store,
        f"SELECT ?lang ?label WHERE {{ <{iri}> rdfs:label ?label BIND(LANG(?label) AS ?lang) }}",
    )


def test_sample_meetings_are_labelled_in_both_languages_of_their_committee(
    sample: ox.Store,
) -> None:
    assert _labels(sample, BASE + "meeting/panel/itb/2023-02-13") == [
        (
            "en",
            "Meeting of the Panel on Information Technology and Broadcasting on 13 February 2023",
        ),
        ("zh-hant", "資訊科技及廣播事務委員會2023年2月13日會議"),
    ]
    assert _labels(sample, BASE + "meeting/council/2023-02-22") == [
        ("en", "Meeting of the Legislative Council on 22 February 2023"),
        ("zh-hant", "立法會2023年2月22日會議"),
    ]
    assert _labels(sample, BASE + "question/2023-02-22/10") == [
        ("en", "Question 10 at the Council meeting on 22 February 2023"),
        ("zh-hant", "配合國家構建數據基礎制度的措施"),
    ]


def test_sample_agenda_minutes_and_items_are_labelled_from_the_committee_date_and_kind(
    sample: ox.Store,
) -> None:
    meeting = BASE + "meeting/panel/itb/2023-02-13"
    panel = "the Panel on Information Technology and Broadcasting on 13 February 2023"
    assert _labels(sample, meeting + "/minutes") == [
        ("en", f"Minutes of the meeting of {panel}"),
        ("zh-hant", "資訊科技及廣播事務委員會2023年2月13日會議紀要"),
    ]
    assert _labels(sample, meeting + "/agenda") == [
        ("en", f"Agenda of the meeting of {panel}"),
        ("zh-hant", "資訊科技及廣播事務委員會2023年2月13日會議議程"),
    ]
    assert _labels(sample, meeting + "/item/III") == [
        ("en", f"Item III of the meeting of {panel}"),
        ("zh-hant", "議程第III項：《香港創新科技發展藍圖》"),
    ]
    assert _labels(sample, BASE + "paper/CB1-189-2023-01") == [
        ("en", "Follow-up paper CB(1)189/2023(01)"),
        ("zh-hant", "跟進文件 CB(1)189/2023(01)"),
    ]


def test_a_committee_without_a_known_english_name_gets_no_invented_english_label(
    sample: ox.Store,
) -> None:
    assert not _rows(
        sample,
        """SELECT ?x WHERE { ?x rdfs:label ?l FILTER(LANG(?l) = "en")
             FILTER(STRSTARTS(STR(?x), STR(id:committee\\/2022\\/hs01))
                    || STRSTARTS(STR(?x), STR(id:meeting\\/2022\\/hs01\\/))) }""",
    )
    assert _labels(sample, BASE + "meeting/2022/hs01/2023-01-31/minutes") == [
        ("zh-hant", "發展智慧城市事宜小組委員會2023年1月31日會議紀要")
    ]


def test_curated_ordinances_are_labelled_with_both_short_titles(
    sample: ox.Store, english: ox.Store
) -> None:
    assert _labels(sample, BASE + "ordinance/cap486") == [
        ("en", "Personal Data (Privacy) Ordinance"),
        ("zh-hant", "個人資料(私隱)條例"),
    ]
    assert _labels(sample, BASE + "ordinance/cap528") == [
        ("en", "Copyright Ordinance"),
        ("zh-hant", "版權條例"),
    ]
    assert _labels(english, BASE + "ordinance/cap486") == _labels(sample, BASE + "ordinance/cap486")


def test_an_ordinance_not_in_the_table_keeps_its_text_name_and_gets_its_chapter_in_english() -> (
    None
):
    text = (FIXTURES / "brief-zh-other.txt").read_text(encoding="utf-8")
    text = text.replace("《廢物處置條例》(第 354 章 )", "《空氣污染管制條例》(第 311 章 )")
    graph = extract(clean_text(text), language="zh-Hant", base_iri=BASE).graph
    assert _labels(_store(graph), BASE + "ordinance/cap311") == [
        ("en", "Cap. 311"),
        ("zh-hant", "空氣污染管制條例"),
    ]


def test_an_english_brief_labels_meetings_and_papers_in_chinese_the_same_way(
    english: ox.Store,
) -> None:
    assert _labels(english, BASE + "meeting/panel/tp/2023-01-16") == [
        ("en", "Meeting of the Panel on Transport on 16 January 2023"),
        ("zh-hant", "交通事務委員會2023年1月16日會議"),
    ]
    assert _labels(english, BASE + "meeting/panel/tp/2023-01-16/item/IV") == [
        ("en", "Item IV: Free-flow tolling at government tolled tunnels"),
        ("zh-hant", "交通事務委員會2023年1月16日會議議程第IV項"),
    ]
    assert _labels(english, BASE + "question/2023-11-22/12") == [
        ("en", "Implementation of the free-flow tolling system"),
        ("zh-hant", "2023年11月22日立法會會議第12項書面質詢"),
    ]


# --- Clean IRIs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [SAMPLE, FIXTURES / "brief-en.txt", FIXTURES / "brief-zh-other.txt"],
    ids=lambda p: p.name,
)
def test_minted_iris_hold_only_letters_digits_and_joining_punctuation(path: Path) -> None:
    graph = _extract(path)
    minted = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    minted = {iri[len(BASE) :] for iri in minted if iri.startswith(BASE)}
    assert minted
    bad = [iri for iri in minted if not re.fullmatch(r"(?:\w+(?:[-.]\w+)*/?)+", iri)]
    assert not bad


def test_topic_and_policy_iris_drop_quotes_and_brackets_but_labels_keep_them(
    sample: ox.Store,
) -> None:
    assert _values(
        sample,
        'SELECT ?t WHERE { ?t a lg:Topic ; skos:prefLabel "“智方便”平台"@zh-Hant }',
    ) == [BASE + "committee/panel/itb/topics/智方便平台"]
    assert _values(
        sample,
        "SELECT ?d WHERE { ?d a lg:PolicyDocument ; "
        'dcterms:title "粵港澳大灣區(內地、香港)個人信息跨境流動標準合同"@zh-Hant }',
    ) == [BASE + "policy/粵港澳大灣區內地香港個人信息跨境流動標準合同"]
