"""/labels.json: labels per language, links local or out, limits, bad IRIs, hostile labels."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from browser_support import HOSTILE_COMMITTEE, HOSTILE_LABELS, hostile_trig
from flask.testing import FlaskClient

from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore
from server import query_editor
from server.labels_api import MAX_IRI_LENGTH, MAX_IRIS

ITB = DEFAULT_BASE_IRI + "committee/panel/itb"
MEETING_CLASS = "https://w3id.org/legisgraph/ontology#Meeting"
ERROR_KEYS = {"ok", "status", "title", "error"}
HTML = {"Accept": "text/html"}


def _labels(client: FlaskClient, *iris: str, **params: str) -> dict:
    response = client.get("/labels.json", query_string={"iri": list(iris), **params})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _assert_refused(response, words: str) -> None:
    assert response.status_code == 400
    body = response.get_json()
    assert set(body) == ERROR_KEYS and body["ok"] is False and body["status"] == 400
    assert words in body["error"]


@pytest.mark.parametrize(
    ("lang", "label", "meeting"),
    [
        ("en", "Panel on Information Technology and Broadcasting", "Meeting"),
        ("zh-Hant", "資訊科技及廣播事務委員會", "會議"),
    ],
)
def test_labels_are_in_the_language_asked_for(
    client: FlaskClient, lang: str, label: str, meeting: str
) -> None:
    found = _labels(client, ITB, MEETING_CLASS, lang=lang)
    assert found[ITB] == {"label": label, "lang": lang, "href": "/id/committee/panel/itb"}
    assert found[MEETING_CLASS]["label"] == meeting  # ontology terms: their ontology label
    assert found[MEETING_CLASS]["lang"] == lang


@pytest.mark.parametrize(
    ("accept", "cookie", "language"),
    [("zh-HK", None, "zh-Hant"), ("en-GB", None, "en"), ("zh-HK", "en", "en")],
)
def test_without_lang_the_reader_language_decides(
    client: FlaskClient, accept: str, cookie: str | None, language: str
) -> None:
    if cookie:
        client.set_cookie("lang", cookie)
    headers = {"Accept-Language": accept}
    response = client.get("/labels.json", query_string={"iri": ITB}, headers=headers)
    assert response.get_json()[ITB]["lang"] == language
    assert response.headers["Vary"] == "Accept-Language, Cookie"


def test_links_go_to_local_pages_the_ontology_or_out(client: FlaskClient) -> None:
    outside = "http://example.org/thing"
    unlinked = ("urn:x:y", "javascript:alert(1)")
    found = _labels(client, ITB, MEETING_CLASS, outside, *unlinked, lang="en")
    assert found[ITB]["href"] == "/id/committee/panel/itb"
    assert found[MEETING_CLASS]["href"] == "/ontology#Meeting"
    assert found[outside] == {"label": None, "lang": None, "href": outside}
    assert found["urn:x:y"]["href"] is None  # shown, not linked
    assert found["javascript:alert(1)"] == {"label": None, "lang": None, "href": None}


def test_many_iris_go_in_a_form_body(client: FlaskClient) -> None:
    iris = [ITB] + [f"{DEFAULT_BASE_IRI}nothing/{n}" for n in range(MAX_IRIS - 1)]
    response = client.post("/labels.json", data={"iri": iris, "lang": "zh-Hant"})
    assert response.status_code == 200
    found = response.get_json()
    assert set(found) == set(iris)
    assert found[ITB]["label"] == "資訊科技及廣播事務委員會"
    assert found[iris[1]] == {"label": None, "lang": None, "href": "/id/nothing/0"}


def test_the_same_iri_twice_counts_once(client: FlaskClient) -> None:
    response = client.post("/labels.json", data={"iri": [ITB] * (MAX_IRIS + 1)})
    assert list(response.get_json()) == [ITB]


@pytest.mark.parametrize("method", ["get", "post"])
def test_more_iris_than_the_limit_are_refused(client: FlaskClient, method: str) -> None:
    iris = [f"http://example.org/{n}" for n in range(MAX_IRIS + 1)]
    if method == "get":
        response = client.get("/labels.json", query_string={"iri": iris})
    else:
        response = client.post("/labels.json", data={"iri": iris})
    _assert_refused(response, f"at most {MAX_IRIS}")


@pytest.mark.parametrize(
    "iri",
    [
        "",
        "committee/panel/itb",
        "http://example.org/a b",
        "http://example.org/a> } UNION { ?s ?p ?o",
        '"><script>alert(1)</script>',
        "http://example.org/" + "a" * MAX_IRI_LENGTH,
    ],
)
def test_what_is_not_an_absolute_iri_is_refused(client: FlaskClient, iri: str) -> None:
    response = client.get("/labels.json", query_string={"iri": [ITB, iri]})
    _assert_refused(response, "IRI")


def test_a_request_without_iris_is_refused(client: FlaskClient) -> None:
    _assert_refused(client.get("/labels.json?lang=en"), "iri=")


def test_an_unknown_language_is_refused(client: FlaskClient) -> None:
    _assert_refused(client.get("/labels.json", query_string={"iri": ITB, "lang": "fr"}), "lang=")


@pytest.fixture
def hostile_client(app_factory, tmp_path: Path) -> FlaskClient:
    """The app over a store whose committee's labels are markup that would run script."""
    with GraphStore.open(tmp_path / "store", write=True) as store:
        store.load_dataset(hostile_trig().encode("utf-8"), rdf_format=ox.RdfFormat.TRIG)
    return app_factory(tmp_path / "store").test_client()


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_labels_with_markup_come_back_as_data(hostile_client: FlaskClient, lang: str) -> None:
    response = hostile_client.post("/labels.json", data={"iri": HOSTILE_COMMITTEE, "lang": lang})
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.get_json()[HOSTILE_COMMITTEE]["label"] in HOSTILE_LABELS


@pytest.fixture
def vendor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The editor's vendor files, as npm lays them out, in a folder of our own."""
    for name, path in query_editor.VENDOR_FILES.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(f"/* {name} */")
    monkeypatch.setattr(query_editor, "vendor_dir", lambda: tmp_path)
    return tmp_path


def test_editor_page_says_where_and_in_which_language_to_label(
    client: FlaskClient, vendor: Path
) -> None:
    response = client.get("/editor", headers={**HTML, "Accept-Language": "zh-HK"})
    page = response.get_data(as_text=True)
    assert 'data-labels-url="/labels.json"' in page
    assert f'data-labels-batch="{MAX_IRIS}"' in page
    assert 'data-language="zh-Hant"' in page
    assert response.headers["Vary"] == "Accept-Language, Cookie"
    english = client.get("/editor?lang=en", headers=HTML).get_data(as_text=True)
    assert 'data-language="en"' in english


def test_editor_serves_chart_js_and_its_chart_view(client: FlaskClient, vendor: Path) -> None:
    page = client.get("/editor", headers=HTML).get_data(as_text=True)
    scripts = ["/editor/vendor/chart.umd.min.js", "/static/editor-labels.js"]
    scripts += ["/static/editor-chart.js", "/static/editor.js"]
    positions = [page.index(f'src="{src}"') for src in scripts]
    assert positions == sorted(positions)  # the chart view registers before editor.js builds
    with client.get("/editor/vendor/chart.umd.min.js") as response:
        assert response.data == b"/* chart.umd.min.js */"
    assert client.get("/editor/vendor/chart.js").status_code == 404
