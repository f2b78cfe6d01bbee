"""Background briefs of our own (English; Chinese on another committee) and kind detection."""

from pathlib import Path

import pyoxigraph as ox
import pytest
from brief_support import BASE, FIXTURES, SAMPLE
from brief_support import query_rows as _rows
from brief_support import query_values as _values

from loader.kinds.brief import detect
from loader.paths import ROOT
from loader.text import clean_text
from loader.vocab import LG_NAMESPACE

SHARED_DOCS = ROOT.parent / "shared" / "legco-docs"


# --- The English brief of our own --------------------------------------------------------


def test_english_brief_header_paper_number_and_meeting(english: ox.Store) -> None:
    rows = _rows(
        english,
        """SELECT ?brief ?number ?title ?meeting ?date ?author WHERE { ?brief a lg:BackgroundBrief ;
             lg:paperNumber ?number ; dcterms:title ?title ; lg:forMeeting ?meeting ;
             dcterms:date ?date ; dcterms:creator/rdfs:label ?author
             FILTER(LANG(?author) = "en") }""",
    )
    assert rows == [
        (
            BASE + "paper/CB4-512-2024-05",
            "CB(4)512/2024(05)",
            "Background brief on the free-flow tolling system",
            BASE + "meeting/panel/tp/2024-05-17",
            "2024-05-10",
            "Council Business Division 4",
        )
    ]
    assert len(_values(english, "SELECT ?p WHERE { ?p a lg:Paragraph }")) == 9


def test_english_brief_meetings_carry_the_year_back_and_council_is_told_apart(
    english: ox.Store,
) -> None:
    assert _values(
        english, 'SELECT ?m WHERE { ?p lg:paragraphNumber "4" ; lg:mentions ?m . ?m a lg:Meeting }'
    ) == [BASE + f"meeting/panel/tp/{d}" for d in ("2023-01-16", "2023-06-19", "2023-11-20")]
    assert _values(
        english, 'SELECT ?m WHERE { ?p lg:paragraphNumber "7" ; lg:mentions ?m . ?m a lg:Meeting }'
    ) == [BASE + "meeting/council/2023-11-22"]


def test_english_brief_measures_concerns_and_responses(english: ox.Store) -> None:
    assert _rows(
        english,
        "SELECT ?label ?target ?wording WHERE { ?m a lg:PolicyMeasure ; lg:measureLabel ?label ; "
        "lg:targetDate ?target ; lg:targetDateText ?wording }",
    ) == [
        ("(a)", "2025-12", "by end-2025"),
        ("(b)", "2025-06", "by mid-2025"),
        ("(c)", "2026-06", "in the first half of 2026"),
        ("(d)", "2023-12", "was completed in end-2023"),
    ]
    assert _values(
        english, "SELECT ?l WHERE { ?m lg:measureStatus lg:StatusCompleted ; lg:measureLabel ?l }"
    ) == ["(d)"]
    concerns = _rows(
        english,
        "SELECT ?n ?who ?kind WHERE { ?c a lg:Concern ; lg:attribution ?who ; "
        "lg:concernKind ?kind ; lg:sourceParagraph/lg:paragraphNumber ?n }",
    )
    assert concerns == [
        ("5", "Another member", LG_NAMESPACE + "SuggestionMade"),
        ("5", "Members", LG_NAMESPACE + "QuestionRaised"),
        ("6", "A member", LG_NAMESPACE + "ViewExpressed"),
        ("6", "Some members", LG_NAMESPACE + "ViewExpressed"),
    ]
    assert _rows(
        english,
        "SELECT ?n ?answers WHERE { ?r a lg:GovernmentResponse ; lg:respondent id:org\\/hksarg ; "
        "lg:respondsTo/lg:attribution ?answers ; lg:sourceParagraph/lg:paragraphNumber ?n }",
    ) == [("5", "Members"), ("6", "Some members")]


def test_english_brief_instruments_bodies_question_and_papers(english: ox.Store) -> None:
    assert _rows(
        english,
        "SELECT ?cap ?name WHERE { ?o lg:capNumber ?cap ; rdfs:label ?name "
        'FILTER(LANG(?name) = "en") }',
    ) == [
        ("368", "Road Tunnels (Government) Ordinance"),
        ("374", "Road Traffic Ordinance"),
        ("486", "Personal Data (Privacy) Ordinance"),
    ]
    assert BASE + "ordinance/cap374" in _values(
        english, 'SELECT ?o WHERE { ?p lg:paragraphNumber "6" ; lg:mentions ?o }'
    )
    assert _rows(
        english,
        "SELECT ?o ?short WHERE { ?o lg:abbreviation ?short "
        'FILTER(?short IN ("TD"@en, "TSO"@en)) }',
    ) == [(BASE + "org/td", "TD"), (BASE + "org/tollingsystemsoffice", "TSO")]
    assert _rows(
        english,
        "SELECT ?title ?date WHERE { ?d a lg:PolicyDocument ; dcterms:title ?title ; "
        "dcterms:date ?date }",
    ) == [("Hong Kong Major Transport Infrastructure Development Blueprint", "2023-12")]
    assert _rows(
        english,
        "SELECT ?q ?title ?type WHERE { ?q a lg:CouncilQuestion ; dcterms:title ?title ; "
        "lg:questionType ?type }",
    ) == [
        (
            BASE + "question/2023-11-22/12",
            "Implementation of the free-flow tolling system",
            LG_NAMESPACE + "WrittenQuestion",
        )
    ]
    assert _rows(
        english,
        "SELECT ?n ?url WHERE { ?p lg:paperNumber ?n ; schema:url ?url ; a lg:FollowUpPaper }",
    ) == [
        (
            "CB(4)321/2023(01)",
            "https://www.legco.gov.hk/yr2023/english/panels/tp/papers/tp20230116cb4-321-1-e.pdf",
        )
    ]
    assert len(_values(english, "SELECT DISTINCT ?u WHERE { ?p schema:url ?u }")) == 6


# --- The second Chinese brief of our own -------------------------------------------------


def test_other_chinese_brief_learns_a_bills_committee_from_its_urls(
    chinese_other: ox.Store,
) -> None:
    assert _rows(
        chinese_other,
        "SELECT ?c ?code ?name WHERE { ?c lg:committeeCode ?code ; rdfs:label ?name "
        'FILTER(?code = "bc51") }',
    ) == [
        (BASE + "committee/2020-21/bc51", "bc51", "廢物處置(都市固體廢物收費)(修訂)條例草案委員會")
    ]
    assert _values(
        chinese_other,
        'SELECT ?c WHERE { ?p lg:paragraphNumber "1" ; lg:mentions ?c . ?c a lg:Committee }',
    ) == [BASE + "committee/2020-21/bc51", BASE + "committee/panel/ea"]


def test_other_chinese_brief_meetings_measures_and_contributions(chinese_other: ox.Store) -> None:
    assert _values(
        chinese_other,
        'SELECT ?m WHERE { ?p lg:paragraphNumber "3" ; lg:mentions ?m . ?m a lg:Meeting }',
    ) == [BASE + f"meeting/panel/ea/{d}" for d in ("2023-10-23", "2023-11-27", "2024-01-22")]
    assert _rows(
        chinese_other,
        "SELECT ?label ?target ?type WHERE { ?m lg:measureLabel ?label ; lg:targetDate ?target "
        "BIND(DATATYPE(?target) AS ?type) }",
    ) == [
        ("(a)", "2025-12", "http://www.w3.org/2001/XMLSchema#gYearMonth"),
        ("(b)", "2024-08-01", "http://www.w3.org/2001/XMLSchema#date"),
        ("(c)", "2023-12", "http://www.w3.org/2001/XMLSchema#gYearMonth"),
    ]
    assert _rows(
        chinese_other,
        "SELECT ?n ?who WHERE { ?c a lg:Concern ; lg:attribution ?who ; "
        "lg:sourceParagraph/lg:paragraphNumber ?n }",
    ) == [("4", "委員"), ("4", "有委員"), ("5", "另有委員"), ("5", "委員")]
    assert (
        len(
            _values(
                chinese_other, "SELECT ?r WHERE { ?r a lg:GovernmentResponse ; lg:respondsTo ?c }"
            )
        )
        == 3
    )


def test_other_chinese_brief_bodies_ordinance_and_question(chinese_other: ox.Store) -> None:
    assert _rows(
        chinese_other,
        "SELECT ?o ?short WHERE { ?o a lg:GovernmentBody ; lg:abbreviation ?short "
        'FILTER(LANG(?short) = "zh-hant") }',
    ) == [(BASE + "org/eeb", "環生局"), (BASE + "org/環境保護署", "環保署")]
    assert _values(
        chinese_other, "SELECT ?cap WHERE { ?o a lg:Ordinance ; lg:capNumber ?cap }"
    ) == ["354"]
    assert _rows(
        chinese_other, "SELECT ?q ?title WHERE { ?q a lg:CouncilQuestion ; dcterms:title ?title }"
    ) == [(BASE + "question/2023-11-08/5", "都市固體廢物收費的宣傳工作")]
    assert _rows(
        chinese_other,
        "SELECT ?title ?date WHERE { ?d a lg:PolicyDocument ; dcterms:title ?title ; "
        "dcterms:date ?date }",
    ) == [("香港資源循環藍圖2035", "2021-02")]


# --- Detection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [SAMPLE, FIXTURES / "brief-en.txt", FIXTURES / "brief-zh-other.txt"],
    ids=lambda p: p.name,
)
def test_briefs_are_detected_as_briefs(path: Path) -> None:
    assert detect(clean_text(path.read_text(encoding="utf-8"))) >= 0.8


def test_agendas_and_submissions_are_not_detected_as_briefs() -> None:
    if not SHARED_DOCS.is_dir():
        pytest.skip("../shared/legco-docs not present: real agendas and submissions are shared")
    for path in sorted(SHARED_DOCS.glob("*.txt")):
        assert detect(clean_text(path.read_text(encoding="utf-8"))) < 0.5, path.name
