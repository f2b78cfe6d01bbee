"""Government bodies through time: posts resolve to the body of the day, lineage is written.

The three real Council agendas in ../shared/legco-docs run when that folder is present.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from agenda_support import extract_agenda
from brief_support import BASE, store_of
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from loader.canned import load_library
from loader.government_bodies import government_bodies
from loader.kinds.common.tables import Tables, body_table
from loader.settings import DEFAULT_BASE_IRI
from loader.validate import validate
from loader.vocab import LG, ORG

SHARED_DOCS = Path(__file__).resolve().parent.parent.parent / "shared" / "legco-docs"
AGENDAS = [
    "council-agenda-2013-05-08-en.txt",
    "council-agenda-2014-04-30-zh.txt",
    "council-agenda-2014-07-09-en.txt",
]
BODIES = government_bodies(DEFAULT_BASE_IRI)
TABLE = body_table(DEFAULT_BASE_IRI)


def org(key: str) -> URIRef:
    return URIRef(f"{DEFAULT_BASE_IRI}org/{key}")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("post", "language", "on", "body"),
    [
        # before the 2002 accountability system
        ("Secretary for Trade and Industry", "en", "1999-03-10", "tib"),
        ("工商局局長", "zh-Hant", "1999-03-10", "tib"),
        ("工商局局長", "zh-Hant", "2001-03-10", "cib"),
        ("Secretary for Broadcasting, Culture and Sport", "en", "1998-01-14", "bcsb"),
        ("文康廣播局局長", "zh-Hant", "1998-04-08", "bcsb"),
        ("Secretary for Information Technology and Broadcasting", "en", "1998-04-09", "itbb"),
        ("Secretary for Planning, Environment and Lands", "en", "1999-12-31", "pelb"),
        ("Secretary for the Environment and Food", "en", "2000-01-01", "efb"),
        ("Secretary for the Treasury", "en", "2001-11-07", "fb"),
        ("Secretary for Housing", "en", "2000-05-03", "hb-1997"),
        ("房屋局局長", "zh-Hant", "2000-05-03", "hb-1997"),
        # 2002 to 2007
        ("Secretary for the Environment, Transport and Works", "en", "2005-06-01", "etwb"),
        ("房屋及規劃地政局局長", "zh-Hant", "2003-01-08", "hplb"),
        ("衞生福利及食物局局長", "zh-Hant", "2003-04-02", "hwfb"),
        ("衛生福利及食物局局長", "zh-Hant", "2003-04-02", "hwfb"),
        ("Secretary for Education and Manpower", "en", "2002-07-01", "emb"),
        # 2007 to 2022
        ("Secretary for Transport and Housing", "en", "2007-07-01", "thb"),
        ("Secretary for Transport and Housing", "en", "2022-06-30", "thb"),
        ("運輸及房屋局局長", "zh-Hant", "2014-04-30", "thb"),
        ("运输及房屋局局长", "zh-Hans", "2019-05-15", "thb"),
        ("Secretary for Food and Health", "en", "2013-05-08", "fhb"),
        ("食物及衞生局局長", "zh-Hant", "2013-05-08", "fhb"),
        ("Secretary for the Environment", "en", "2014-07-09", "enb"),
        ("環境局局長", "zh-Hant", "2014-07-09", "enb"),
        ("Secretary for Home Affairs", "en", "2013-05-08", "hab"),
        ("民政事務局局長", "zh-Hant", "2014-04-30", "hab"),
        ("Secretary for Innovation and Technology", "en", "2019-01-09", "itb-bureau"),
        # since 2022
        ("Secretary for Housing", "en", "2023-02-22", "hb"),
        ("房屋局局長", "zh-Hant", "2023-02-22", "hb"),
        ("Secretary for Transport and Logistics", "en", "2023-02-22", "tlb"),
        ("醫務衞生局局長", "zh-Hant", "2024-01-24", "hhb"),
        ("Secretary for Home and Youth Affairs", "en", "2023-02-22", "hyab"),
        ("民政及青年事務局局長", "zh-Hant", "2023-02-22", "hyab"),
        # unchanged through the re-organisations, and the Secretaries of Departments
        ("Secretary for Security", "en", "1998-07-08", "sb"),
        ("保安局局長", "zh-Hant", "2024-01-24", "sb"),
        ("Secretary for the Civil Service", "en", "2010-01-06", "csb"),
        ("The Chief Secretary for Administration", "en", "2013-05-08", "cso"),
        ("政務司司長", "zh-Hant", "2000-01-12", "cso"),
        ("The Secretary for Justice", "en", "2014-07-09", "doj"),
        ("律政司副司長", "zh-Hant", "2023-03-01", "doj"),
        ("Financial Secretary", "en", "2005-03-16", "fso"),
        # deputies, acting officers and heads of department
        ("Acting Secretary for Transport and Housing", "en", "2016-08-10", "thb"),
        ("Under Secretary for the Environment", "en", "2016-08-10", "enb"),
        ("Permanent Secretary for Development (Works)", "en", "2016-08-10", "devb"),
        ("署理運輸及房屋局局長", "zh-Hant", "2016-08-10", "thb"),
        ("運輸及房屋局副局長", "zh-Hant", "2016-08-10", "thb"),
        ("发展局常任秘书长", "zh-Hans", "2016-08-10", "devb"),
        ("Government Chief Information Officer", "en", "2020-01-08", "ogcio"),
        ("Commissioner for Digital Policy", "en", "2024-07-10", "dpo"),
    ],
)
def test_post_resolves_to_the_body_that_held_it_on_the_day(
    post: str, language: str, on: str, body: str
) -> None:
    assert BODIES.answering_body(post, day(on), language) == org(body)


@pytest.mark.parametrize(
    ("post", "on"),
    [
        ("Secretary for Transport and Housing", "2023-02-22"),
        ("Secretary for Transport and Housing", "2007-06-30"),
        ("Secretary for Housing", "2005-01-05"),
        ("Secretary for Broadcasting, Culture and Sport", "1998-04-09"),
        ("Deputy Chief Secretary for Administration", "2021-01-06"),
        ("Secretary for Magic", "2013-05-08"),
    ],
)
def test_post_on_a_day_it_did_not_exist_resolves_to_nothing(post: str, on: str) -> None:
    assert BODIES.answering_body(post, day(on), "en") is None


def _day(iri: URIRef, predicate: URIRef) -> dt.date | None:
    value = TABLE.value(iri, predicate)
    return value.toPython() if value is not None else None


def _bureaux() -> list[URIRef]:
    return sorted(
        body
        for body in TABLE.subjects(RDF.type, LG.GovernmentBody)
        if any(str(label).endswith("Bureau") for label in TABLE.objects(body, RDFS.label))
    )


def test_every_bureau_that_ended_went_into_a_reorganisation_the_next_day() -> None:
    for bureau in _bureaux():
        end = _day(bureau, LG.validUntil)
        if end is None:
            continue
        events = TABLE.subjects(ORG.originalOrganization, bureau)
        dates = {_day(event, DCTERMS.date) for event in events}
        assert max(dates, default=None) == end + dt.timedelta(days=1), bureau


def test_every_bureau_set_up_after_1997_came_out_of_a_reorganisation_on_its_first_day() -> None:
    for bureau in _bureaux():
        start = _day(bureau, LG.validFrom)
        assert start is not None, bureau
        if start == dt.date(1997, 7, 1):
            continue
        events = list(TABLE.subjects(ORG.resultingOrganization, bureau))
        assert [_day(e, DCTERMS.date) for e in events] == [start]


def test_every_post_lies_within_the_days_of_its_body() -> None:
    posts = list(TABLE.subjects(RDF.type, ORG.Post))
    assert len(posts) > 50
    for post in posts:
        body = TABLE.value(post, ORG.postIn)
        assert (body, RDF.type, LG.GovernmentBody) in TABLE, post
        for predicate, later in ((LG.validFrom, True), (LG.validUntil, False)):
            own, bodys = _day(post, predicate), _day(body, predicate)
            if bodys is not None:
                assert own is not None and (own >= bodys if later else own <= bodys), post


def test_every_post_and_bureau_is_named_in_both_languages() -> None:
    for iri in [*TABLE.subjects(RDF.type, ORG.Post), *_bureaux()]:
        languages = {label.language for label in TABLE.objects(iri, RDFS.label)}
        assert languages == {"en", "zh-Hant"}, iri


def test_brief_name_lookup_sees_bodies_but_not_posts_or_reorganisations() -> None:
    tables = Tables(DEFAULT_BASE_IRI)
    assert tables.org("Transport and Housing Bureau") == org("thb")
    assert tables.org("Secretary for Transport and Housing") is None
    assert not any(name.startswith("Re-organisation") for name in tables.names())


@pytest.fixture(scope="module", params=AGENDAS)
def agenda(request: pytest.FixtureRequest) -> Graph:
    return extract_agenda(SHARED_DOCS / request.param)


def test_every_council_question_in_the_real_agendas_has_an_answering_body(agenda: Graph) -> None:
    questions = set(agenda.subjects(RDF.type, LG.CouncilQuestion))
    assert questions
    assert [q for q in questions if (q, LG.answeringBody, None) not in agenda] == []


def test_real_agendas_pass_the_shapes_with_bodies_and_reorganisations(agenda: Graph) -> None:
    report = validate(agenda)
    assert report.conforms, report.results[:3]


@pytest.mark.parametrize(
    ("agenda_file", "number", "post", "bodies"),
    [
        ("council-agenda-2013-05-08-en.txt", 15, "Chief Secretary for Administration", {"cso"}),
        ("council-agenda-2013-05-08-en.txt", 16, "Secretary for Transport and Housing", {"thb"}),
        ("council-agenda-2013-05-08-en.txt", 9, "Secretary for the Environment", {"enb"}),
        ("council-agenda-2013-05-08-en.txt", 10, "Secretary for Justice", {"doj"}),
        ("council-agenda-2013-05-08-en.txt", 2, "Secretary for Food and Health", {"fhb"}),
        ("council-agenda-2014-04-30-zh.txt", 9, "運輸及房屋局局長", {"thb"}),
        ("council-agenda-2014-04-30-zh.txt", 13, "民政事務局局長", {"hab"}),
        ("council-agenda-2014-07-09-en.txt", 3, "Secretary for Development", {"devb", "lwb"}),
        ("council-agenda-2014-07-09-en.txt", 21, "Secretary for Home Affairs", {"hab"}),
    ],
)
def test_hand_checked_questions_are_answered_by_the_body_of_their_post(
    agenda_file: str, number: int, post: str, bodies: set[str]
) -> None:
    graph = extract_agenda(SHARED_DOCS / agenda_file)
    date = agenda_file.split("-", 2)[2][:10]
    question = URIRef(f"{BASE}question/{date}/{number}")
    assert post in {str(p) for p in graph.objects(question, LG.answeringPost)}
    assert set(graph.objects(question, LG.answeringBody)) == {org(key) for key in bodies}


def test_an_answering_body_comes_with_its_predecessors_and_successors() -> None:
    graph = extract_agenda(SHARED_DOCS / "council-agenda-2013-05-08-en.txt")
    made = URIRef(f"{BASE}reorganisation/2007-07-01/thb")
    assert (org("thb"), ORG.resultedFrom, made) in graph
    assert set(graph.objects(made, ORG.originalOrganization)) == {
        org("etwb"),
        org("hplb"),
        org("edlb"),
    }
    assert (org("hb-1997"), ORG.changedBy, URIRef(f"{BASE}reorganisation/2002-07-01/hplb")) in graph
    for successor in ("hb", "tlb"):
        event = URIRef(f"{BASE}reorganisation/2022-07-01/{successor}")
        assert (org("thb"), ORG.changedBy, event) in graph
        assert (org(successor), RDF.type, LG.GovernmentBody) in graph


def test_lineage_query_follows_transport_and_housing_across_the_real_agendas() -> None:
    graph = Graph()
    for name in AGENDAS:
        graph += extract_agenda(SHARED_DOCS / name)
    query = load_library()["questions-by-bureau-lineage"]
    rows = [
        tuple(row[v].value for v in ("year", "body", "questions"))
        for row in store_of(graph).query(query.bind({"bureau": "運輸及房屋"}))
    ]
    assert rows == [("2013", str(org("thb")), "3"), ("2014", str(org("thb")), "7")]
    # Security Bureau went through no re-organisation: its lineage is itself.
    rows = list(store_of(graph).query(query.bind({"bureau": "Security"})))
    assert {row["body"].value for row in rows} == {str(org("sb"))}
