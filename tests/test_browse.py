"""Browse pages over the sample (and a small members dataset): filters, paging, twins, overdue."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest

from loader.store import GraphStore

ID = "https://w3id.org/legisgraph/id/"
LG = "https://w3id.org/legisgraph/ontology#"
ITB = f"{ID}committee/panel/itb"
COUNCIL = f"{ID}committee/council"


def _json(client, path: str, **params) -> dict:
    response = client.get(path, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_meetings_are_newest_first_with_committee_labels(client) -> None:
    document = _json(client, "/meetings.json")
    dates = [item["date"] for item in document["items"]]
    assert dates == sorted(dates, reverse=True)
    assert document["total"] == len(dates) > 0
    first = document["items"][0]
    assert first["committee"].startswith(f"{ID}committee/")
    assert first["committee_label"] and first["item_label"]


def test_meetings_filter_by_committee_and_date_range(client) -> None:
    council = _json(client, "/meetings.json", committee=COUNCIL)["items"]
    assert council and all(item["committee"] == COUNCIL for item in council)
    relative = _json(client, "/meetings.json", committee="committee/council")["items"]
    assert relative == council
    in_2023 = _json(client, "/meetings.json", **{"from": "2023-01-01", "to": "2023-12-31"})
    assert in_2023["items"] and all(i["date"].startswith("2023") for i in in_2023["items"])


def test_meetings_timeline_counts_each_month(client) -> None:
    document = _json(client, "/meetings.json")
    counted = {entry["month"]: entry["count"] for entry in document["timeline"]}
    months = [item["date"][:7] for item in document["items"]]
    assert counted == {month: months.count(month) for month in set(months)}
    page = client.get("/meetings", query_string={"lang": "en"}).get_data(as_text=True)
    assert '<h2 class="month">April 2024</h2>' in page
    assert "from=2024-04-01&amp;to=2024-04-30" in page


def test_paging_keeps_the_filters_and_the_twins_share_them(client) -> None:
    whole = _json(client, "/meetings.json", committee=ITB)
    first = _json(client, "/meetings.json", committee=ITB, per_page=2)
    assert first["total"] == whole["total"] > 2
    assert "committee=" in first["next"] and "page=2" in first["next"]
    second = client.get(first["next"]).get_json()
    assert first["items"] + second["items"] == whole["items"][:4]
    rows = list(csv.DictReader(io.StringIO(client.get(f"/meetings.csv?committee={ITB}").text)))
    assert [row["item"] for row in rows] == [item["item"] for item in whole["items"]]
    page = client.get("/meetings", query_string={"committee": ITB}).get_data(as_text=True)
    assert "/meetings.json?committee=" in page and "/meetings.csv?committee=" in page


def test_accept_header_chooses_the_twin(client) -> None:
    response = client.get("/committees", headers={"Accept": "text/csv"})
    assert response.mimetype == "text/csv"
    assert response.headers["Vary"] == "Accept, Accept-Language, Cookie"


def test_committees_count_their_meetings(client) -> None:
    items = {i["item"]: i for i in _json(client, "/committees.json")["items"]}
    meetings = _json(client, "/meetings.json", committee=ITB)["total"]
    assert items[ITB]["meetings"] == meetings
    assert items[ITB]["kind"] == LG + "Panel" and items[ITB]["code"] == "itb"
    panels = _json(client, "/committees.json", type="Panel")["items"]
    assert [i["item"] for i in panels] == [ITB]


def test_papers_filter_by_kind_and_meeting(client) -> None:
    minutes = _json(client, "/papers.json", type="Minutes")["items"]
    assert minutes and all(item["kind"] == LG + "Minutes" for item in minutes)
    meeting = minutes[0]["meeting"]
    for_meeting = _json(client, "/papers.json", meeting=meeting)["items"]
    assert minutes[0]["item"] in [item["item"] for item in for_meeting]


def test_council_questions_list_their_titles_and_meetings(client) -> None:
    items = _json(client, "/questions.json", lang="zh-Hant")["items"]
    assert items and all(item["meeting"].startswith(f"{ID}meeting/council/") for item in items)
    assert all(item["title"] for item in items)


def test_concerns_are_grouped_by_topic_and_filtered_by_one(client) -> None:
    document = _json(client, "/concerns.json")
    facet = {entry["value"]: entry["count"] for entry in document["facet"]}
    topic = next(iter(facet))
    narrowed = _json(client, "/concerns.json", topic=topic)
    assert narrowed["total"] == facet[topic]
    assert all(item["topic"] == topic for item in narrowed["items"])
    assert {e["value"] for e in narrowed["facet"]} == set(facet)  # other topics stay offered


def test_measures_overdue_relative_to_the_given_day(client) -> None:
    items = {i["label"]: i for i in _json(client, "/measures.json", on="2025-01-01")["items"]}
    late = {label for label, item in items.items() if item["overdue"]}
    for label, item in items.items():
        target, done = item["target"], item["status"] == LG + "StatusCompleted"
        expected = bool(target) and not done and target < "2025-01-01"[: len(target)]
        assert (label in late) == expected, item
    assert late, "the sample has targets before 2025"
    assert any(i["status"] == LG + "StatusCompleted" and not i["overdue"] for i in items.values())
    earlier = _json(client, "/measures.json", on="2020-01-01")["items"]
    assert not any(item["overdue"] for item in earlier)
    only_late = _json(client, "/measures.json", on="2025-01-01", overdue="true")["items"]
    assert {item["label"] for item in only_late} == late


def test_overdue_measures_are_marked_on_the_page(client) -> None:
    page = client.get("/measures", query_string={"on": "2025-01-01", "lang": "en"}).text
    late = _json(client, "/measures.json", on="2025-01-01", overdue="true")["total"]
    assert page.count('<strong class="overdue">overdue</strong>') == late > 0


@pytest.mark.parametrize(
    "path, params",
    [
        ("/meetings", {"from": "2024-13-01"}),
        ("/meetings", {"committee": "bad iri> } DROP ALL"}),
        ("/meetings", {"per_page": "100000"}),
        ("/measures", {"overdue": "maybe"}),
        ("/papers", {"page": "-1"}),
    ],
)
def test_malformed_parameters_are_400(client, path, params) -> None:
    assert client.get(path, query_string=params).status_code == 400


def test_every_list_page_renders_with_headings_and_language(client) -> None:
    for name in ("meetings", "committees", "papers", "questions", "concerns", "measures"):
        page = client.get(f"/{name}", query_string={"lang": "zh-Hant"}).get_data(as_text=True)
        assert '<html lang="zh-Hant">' in page and "<h1>" in page, name


MEMBERS = f"""
@prefix lg: <{LG}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix org: <http://www.w3.org/ns/org#> .
<{ID}graph/members> {{
  <{ID}member/a> a lg:Member ; rdfs:label "Ms A"@en , "甲議員"@zh-Hant ; lg:memberId "101" .
  <{ID}member/b> a lg:Member ; rdfs:label "Mr B"@en .
  <{ID}member/c> a lg:Member ; rdfs:label "Ann C"@en , "乙議員"@zh-Hant .
  <{ID}membership/a-itb> a lg:Membership ; org:member <{ID}member/a> ; org:organization <{ITB}> .
  <{ID}question/2024-01-24/1> a lg:CouncilQuestion ; lg:askedBy <{ID}member/b> .
  <{ID}question/2024-01-24/2> a lg:CouncilQuestion ; lg:askedBy <{ID}member/b> .
}}
"""


@pytest.fixture
def members_client(tmp_path, app_factory):
    """A client of an app over a store holding two members."""
    with GraphStore.open(tmp_path / "store", write=True) as store:
        store.load_dataset(MEMBERS.encode(), rdf_format=ox.RdfFormat.TRIG)
    return app_factory(tmp_path / "store").test_client()


def test_members_list_counts_memberships_and_questions(members_client) -> None:
    items = {i["item"]: i for i in _json(members_client, "/members.json", lang="en")["items"]}
    assert items[f"{ID}member/a"] == {
        "item": f"{ID}member/a",
        "item_label": "Ms A",
        "member_id": "101",
        "memberships": 1,
        "questions": 0,
        "concerns": 0,
    }
    assert items[f"{ID}member/b"]["questions"] == 2
    on_itb = _json(members_client, "/members.json", committee=ITB)["items"]
    assert [item["item"] for item in on_itb] == [f"{ID}member/a"]
    page = members_client.get("/members", query_string={"lang": "zh-Hant"}).text
    assert ">甲議員</a>" in page


@pytest.mark.parametrize(
    "lang, order",
    [("en", ["c", "b", "a"]), ("zh-Hant", ["b", "c", "a"])],  # "Mr B" has no Chinese name
)
def test_members_are_sorted_by_name_in_the_page_language(members_client, lang, order) -> None:
    items = _json(members_client, "/members.json", lang=lang)["items"]
    assert [item["item"] for item in items] == [f"{ID}member/{key}" for key in order]
    page = members_client.get("/members", query_string={"lang": lang}).text
    shown = [page.index(f'href="/id/member/{key}"') for key in order]
    assert shown == sorted(shown)
    two = _json(members_client, "/members.json", lang=lang, per_page=2, page=2)["items"]
    assert [item["item"] for item in two] == [f"{ID}member/{order[2]}"]


@pytest.mark.parametrize(
    "lang, measures, questions",
    [("en", "Responsible body", "Answering body"), ("zh-Hant", "負責機構", "答覆機構")],
)
def test_body_columns_are_named_for_what_each_list_holds(client, lang, measures, questions):
    measures_page = client.get("/measures", query_string={"lang": lang}).text
    questions_page = client.get("/questions", query_string={"lang": lang}).text
    assert f'<th scope="col">{measures}</th>' in measures_page
    assert f'<th scope="col">{questions}</th>' in questions_page
    assert "Answered / carried out by" not in measures_page + questions_page


def test_list_tables_sit_in_a_container_that_scrolls_sideways(client) -> None:
    for name in ("committees", "papers", "questions", "concerns", "measures"):
        page = client.get(f"/{name}", query_string={"lang": "zh-Hant"}).text
        assert '<div class="table-scroll">\n<table class="listing">' in page, name
