"""Pictures drawn from the query library (issue 25) and speeches in pages and search (issue 21):
each chart names its query with working CSV/JSON twins, labels follow the reader's language, a
meeting's record marks what is missing, and a real Hansard's speeches reach the sitting's page,
the speaker's page and the search facets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from queries_support import cookbook_store

from loader.canned import load_library
from loader.pipeline import LoadOptions, load_sources
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore
from server.charts import spec_of
from server.home import HOME_CHARTS
from server.resource_charts import CHARTS_BY_TYPE

HANSARD = (
    Path(__file__).resolve().parents[2] / "shared" / "legco-docs" / "hansard-2015-04-29-en.html"
)
SITTING = DEFAULT_BASE_IRI + "meeting/council/2015-04-29"


@pytest.fixture(scope="module")
def client(tmp_path_factory, app_factory_module):
    return app_factory_module(cookbook_store(tmp_path_factory.mktemp("cookbook"))).test_client()


@pytest.fixture(scope="module")
def app_factory_module():
    from conftest import make_app

    apps = []
    yield lambda path: apps.append(make_app(path, QUERY_TIMEOUT=30)) or apps[-1]
    for app in apps:
        app.extensions["legisgraph.store"].close()


def test_every_chart_shown_is_a_library_query_with_a_readable_spec() -> None:
    library = load_library()
    shown = set(HOME_CHARTS) | {name for kinds in CHARTS_BY_TYPE.values() for name, _ in kinds}
    assert shown <= set(library)
    for name in shown:
        assert spec_of(library[name]).kind in ("bar", "timeline", "stages", "table")


def test_home_draws_each_picture_beside_its_query_and_downloads(client) -> None:
    html = client.get("/?lang=en").get_data(as_text=True)
    for name in HOME_CHARTS:
        figure = re.search(rf'<figure[^>]*id="chart-{name}".*?</figure>', html, re.DOTALL)
        assert figure is not None, name
        assert f'href="/queries/{name}"' in figure.group(0)
        assert "/editor#query=" in figure.group(0)
        for suffix in ("csv", "json"):
            href = re.search(rf'href="([^"]+)" class="download-{suffix}"', figure.group(0))
            assert href is not None, (name, suffix)
            answer = client.get(href.group(1).replace("&amp;", "&"))
            assert answer.status_code == 200, (name, suffix)
    assert "<table" in html  # the table alternative is on the page, with or without script


def test_chart_tables_follow_the_reader_s_language(client) -> None:
    english = client.get("/?lang=en").get_data(as_text=True)
    chinese = client.get("/?lang=zh-Hant").get_data(as_text=True)
    assert "The dataset at a glance" in english
    assert "資料集概覽" in chinese and "會議數目" in chinese


def test_a_meeting_without_speeches_or_actions_marks_them_missing(client) -> None:
    html = client.get("/id/meeting/panel/hs/2024-01-09?lang=en").get_data(as_text=True)
    path = re.search(r'<ol class="record-path">(.*?)</ol>', html, re.DOTALL).group(1)
    stages = re.findall(r"<li( class=\"missing\")?>", path)
    assert [bool(missing) for missing in stages] == [False, False, False, True, True]


def test_a_member_page_draws_activity_and_lists_questions_by_date(client) -> None:
    html = client.get("/id/member/104?lang=en").get_data(as_text=True)
    for name in ("member-activity", "member-committees", "member-questions"):
        assert f'id="chart-{name}"' in html
    assert "question/2018-05-23/7" in html and "question/2018-05-23/9" in html


@pytest.fixture(scope="module")
def hansard_client(tmp_path_factory, app_factory_module):
    if not HANSARD.exists():
        pytest.skip("../shared/legco-docs/hansard-2015-04-29-en.html not present")
    path = tmp_path_factory.mktemp("hansard") / "store"
    with GraphStore.open(path, write=True) as store:
        report = load_sources(store, [str(HANSARD)], LoadOptions(base_iri=DEFAULT_BASE_IRI))
        assert report.ok, report.results
        speeches = {
            row["s"].value: int(row["n"].value)
            for row in store.query(
                "SELECT ?s ?n WHERE { ?s a <https://w3id.org/legisgraph/ontology#Speech> ;"
                " <https://w3id.org/legisgraph/ontology#position> ?n }"
            )
        }
    return app_factory_module(path).test_client(), speeches


def test_a_sitting_page_shows_every_speech_in_order(hansard_client) -> None:
    client, speeches = hansard_client
    html = client.get(f"/id/{SITTING[len(DEFAULT_BASE_IRI) :]}?lang=en").get_data(as_text=True)
    table = re.search(r'id="chart-sitting-business".*?</figure>', html, re.DOTALL).group(0)
    shown = re.findall(r'href="/id/(meeting/council/2015-04-29/speech/[^"]+)"', table)
    assert len(shown) == len(speeches)
    positions = [speeches[DEFAULT_BASE_IRI + local] for local in shown]
    assert positions == sorted(positions)


def test_search_narrows_speeches_by_speaker_and_date(hansard_client) -> None:
    client, _ = hansard_client
    everything = client.get("/search.json?q=reclaimed water").get_json()
    assert everything["dates"] and everything["dates"][0]["date"] == "2015-04-29"
    speaker = everything["speakers"][0]
    narrowed = client.get(
        "/search.json", query_string={"q": "reclaimed water", "speaker": speaker["speaker"]}
    ).get_json()
    assert 0 < narrowed["total"] <= speaker["count"] < everything["total"]
    assert all("Speech" in " ".join(hit["types"]) for hit in narrowed["results"])
    elsewhere = client.get("/search.json?q=reclaimed water&date=2016").get_json()
    assert elsewhere["total"] == 0
