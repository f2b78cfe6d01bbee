"""The query editor in a real browser: labelled links, plain literals, charts, shared URLs.

Headless Debian Chromium, driven by Playwright, against `legisgraph serve` over the browser tests'
store (tests/browser_support.py). Every page must load without console errors or CSP violations;
screenshots go to var/test-artefacts/browser/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from browser_support import (
    HOSTILE_COMMITTEE,
    HOSTILE_LABELS,
    PageProblems,
    chromium,
    screenshot,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
TABLE_LINKS = ".tabPanel.active .yasr table.dataTable tbody a.iri.labelled"


@pytest.fixture(scope="module")
def server(browser_server: str) -> str:
    """The browser tests' server (conftest: one for every browser test module)."""
    return browser_server


@pytest.fixture(scope="module")
def library(server: str) -> list[dict]:
    """The query library as the editor's example menu lists it."""
    return requests.get(server + "/queries.json", timeout=10).json()["queries"]


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    """One headless Chromium for the module."""
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:
    """A fresh English tab that allows downloads; it must see no console errors."""
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    tab = context.new_page()
    problems = PageProblems()
    problems.watch(tab)
    tab.server = server
    yield tab
    context.close()
    assert problems.messages == []


def expect(locator) -> object:
    """Playwright's waiting assertions (imported here: without Playwright the tests skip)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def _open_editor(page, query: str = "") -> None:
    response = page.goto(page.server + "/editor" + query)
    assert response is not None and response.status == 200
    page.wait_for_selector("#examples:enabled")


def _run_example(page, library: list[dict], name: str) -> object:
    """Open a library query from the example menu, run it, wait for its table; the tab panel."""
    index = [query["name"] for query in library].index(name)
    page.select_option("#examples", str(index))
    active = page.locator(".tabPanel.active")
    active.locator(".yasqe_queryButton").click()
    active.locator(".yasr table.dataTable tbody tr").first.wait_for()
    return active


def _chart(canvas) -> dict:
    """What Chart.js drew on the canvas: type, names, values, sizes and bars."""
    return canvas.evaluate(
        """c => { const chart = Chart.getChart(c);
          return chart && {type: chart.config.type, labels: chart.data.labels,
            values: chart.data.datasets[0].data, width: c.width, height: c.height,
            bars: chart.getDatasetMeta(0).data.filter(bar => bar.height > 0).length}; }"""
    )


def _painted_pixels(canvas, colour: tuple[int, int, int]) -> int:
    """How many of the canvas's pixels are exactly ``colour``."""
    return canvas.evaluate(
        """(c, rgb) => { const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) {
            if (d[i] === rgb[0] && d[i + 1] === rgb[1] && d[i + 2] === rgb[2]) n++;
          }
          return n; }""",
        list(colour),
    )


def _editor_text(page) -> str:
    """The query in the active editor tab."""
    return page.locator(".tabPanel.active .CodeMirror").evaluate("e => e.CodeMirror.getValue()")


def _address(page) -> tuple[dict, dict]:
    """The address bar's query parameters and fragment parameters."""
    parts = urlsplit(page.url)
    return parse_qs(parts.query), parse_qs(parts.fragment)


def _sparql_count(server: str, query: str) -> str:
    """The one value of a one-row, one-column SELECT, asked of /sparql directly."""
    answer = requests.post(
        server + "/sparql",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=10,
    ).json()
    (row,) = answer["results"]["bindings"]
    (binding,) = row.values()
    return binding["value"]


def _labels(server: str, iris: list[str], lang: str) -> dict:
    response = requests.post(server + "/labels.json", data={"iri": iris, "lang": lang}, timeout=10)
    return response.json()


def test_results_table_shows_iris_as_labelled_local_links(page, library) -> None:
    _open_editor(page, "?lang=en")
    _run_example(page, library, "meeting-papers")
    links = page.locator(TABLE_LINKS + "[href^='/id/meeting/']")
    links.first.wait_for()
    meeting = links.first.get_attribute("title")
    assert meeting.startswith("https://w3id.org/legisgraph/id/meeting/")
    label = _labels(page.server, [meeting], "en")[meeting]["label"]
    assert label and not CJK.search(label)
    assert links.first.inner_text() == label
    assert links.first.get_attribute("lang") == "en"
    assert page.locator(TABLE_LINKS + "[href^='/id/paper/']").count() > 0
    screenshot(page, "editor-labelled-table")


def test_results_table_labels_follow_the_page_language(page, library) -> None:
    _open_editor(page, "?lang=zh-Hant")
    _run_example(page, library, "dataset-classes")
    meeting = page.locator(TABLE_LINKS + "[title='https://w3id.org/legisgraph/ontology#Meeting']")
    meeting.wait_for()
    assert meeting.inner_text() == "會議"  # the ontology's label of lg:Meeting
    assert meeting.get_attribute("href") == "/ontology#Meeting"
    first = page.locator(TABLE_LINKS).first
    assert CJK.search(first.inner_text())
    screenshot(page, "editor-labelled-table-zh-hant")


def test_labels_with_markup_show_as_text_in_the_table(page) -> None:
    query = f"SELECT ?committee WHERE {{ BIND(<{HOSTILE_COMMITTEE}> AS ?committee) }}"
    _open_editor(page, "?" + requests.compat.urlencode({"query": query, "lang": "en"}))
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    link = page.locator(TABLE_LINKS)
    link.wait_for()
    assert link.inner_text() in HOSTILE_LABELS
    assert link.get_attribute("href") == "/id/committee/panel/xss"
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img[src='x']").count() == 0
    screenshot(page, "xss-editor-labelled-link")


def test_chart_view_draws_an_aggregate_query_and_downloads_it(
    page, library, tmp_path: Path
) -> None:
    _open_editor(page, "?lang=en")
    active = _run_example(page, library, "dataset-classes")
    rows = active.locator(".yasr table.dataTable tbody tr").count()
    active.locator(".yasr .select_chart").click()
    canvas = active.locator(".chart-view canvas[aria-label]")  # labelled once the chart is drawn
    canvas.wait_for()
    drawn = _chart(canvas)
    assert drawn["type"] == "bar" and drawn["width"] > 0
    assert len(drawn["labels"]) == len(drawn["values"]) >= rows > 1
    expect(active.locator(".chart-figure")).to_have_attribute("aria-busy", "false")
    assert "Meeting" in _chart(canvas)["labels"]  # IRIs are named by their labels
    assert all(isinstance(value, int | float) and value > 0 for value in drawn["values"])
    assert canvas.get_attribute("aria-label") == "Bar chart of ?instances by ?class"
    screenshot(page, "editor-chart-bar")
    active.get_by_label("Chart type", exact=True).select_option("line")
    expect(canvas).to_have_attribute("aria-label", "Line chart of ?instances by ?class")
    assert canvas.evaluate("c => Chart.getChart(c).config.type") == "line"
    screenshot(page, "editor-chart-line")
    with page.expect_download() as download:
        active.locator(".yasr_downloadIcon").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".png" and saved.read_bytes().startswith(b"\x89PNG")


def test_chart_view_is_offered_only_for_results_with_numbers(page, library) -> None:
    _open_editor(page, "?lang=en")
    active = _run_example(page, library, "meeting-papers")
    expect(active.locator(".yasr .select_chart")).to_have_class(re.compile(r"\bdisabled\b"))
    expect(active.locator(".yasr .select_table")).to_have_class(re.compile(r"\bselected\b"))


MEETINGS = "PREFIX lg: <https://w3id.org/legisgraph/ontology#>\n"
COUNT_MEETINGS = MEETINGS + "SELECT (COUNT(?m) AS ?meetings) WHERE { ?m a lg:Meeting }"


def test_address_bar_keeps_the_query_that_ran_and_its_view(page, browser) -> None:
    _open_editor(page, "?" + urlencode({"query": "ASK {}", "lang": "en"}))
    assert _editor_text(page) == "ASK {}"
    assert page.locator(".tabsList .tab").count() == 1  # opened once, in the fresh tab
    active = page.locator(".tabPanel.active")
    active.locator(".CodeMirror").evaluate("(e, q) => e.CodeMirror.setValue(q)", COUNT_MEETINGS)
    active.locator(".yasqe_queryButton").click()
    active.locator(".yasr table.dataTable tbody tr").first.wait_for()
    search, fragment = _address(page)
    assert fragment["query"] == [COUNT_MEETINGS] and "query" not in search
    assert search["lang"] == ["en"]  # the editor's own parameters stay
    active.locator(".yasr .select_chart").click()
    page.wait_for_function("location.hash.includes('view=chart')")
    shared = page.url
    reader = browser.new_context(locale="en-GB")  # no storage: only the link carries the query
    try:
        opened = reader.new_page()
        opened.goto(shared)
        opened.wait_for_selector("#examples:enabled")
        assert _editor_text(opened) == COUNT_MEETINGS
        opened.locator(".tabPanel.active .yasqe_queryButton").click()
        opened.locator(".tabPanel.active .chart-view canvas[aria-label]").wait_for()
        assert opened.url == shared
    finally:
        reader.close()


def test_address_bar_keeps_an_opened_example_however_long(page, library, browser) -> None:
    _open_editor(page)
    longest = max(library, key=lambda query: len(query["bound_sparql"]))
    page.select_option("#examples", str(library.index(longest)))
    page.wait_for_function("location.hash.startsWith('#query=')")
    assert _address(page)[1]["query"] == [longest["bound_sparql"]]
    assert page.locator(".tabsList .tab.active").inner_text().startswith(longest["title"]["en"])
    reader = browser.new_context(locale="en-GB")
    try:
        opened = reader.new_page()
        response = opened.goto(page.url)  # the fragment is not sent: no request-line limit
        assert response is not None and response.status == 200
        opened.wait_for_selector("#examples:enabled")
        assert _editor_text(opened) == longest["bound_sparql"]
    finally:
        reader.close()


def test_results_table_shows_typed_literals_as_plain_values(page) -> None:
    query = COUNT_MEETINGS.replace(
        "?meetings)", '?meetings) ("會議"@zh-Hant AS ?label) ("2023-02-13"^^xsd:date AS ?day)'
    ).replace("PREFIX lg:", "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\nPREFIX lg:")
    _open_editor(page, "?" + urlencode({"query": query}))
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    cells = page.locator(".tabPanel.active .yasr table.dataTable tbody tr").first.locator("td")
    cells.first.wait_for()
    count = _sparql_count(page.server, COUNT_MEETINGS)
    assert int(count) > 0
    assert cells.nth(1).inner_text() == count
    assert cells.nth(1).locator("[title]").get_attribute("title") == "xsd:integer"
    assert cells.nth(2).inner_text().lower() == "會議@zh-hant"  # the store lower-cases tags
    assert cells.nth(2).locator("[lang]").inner_text() == "會議"
    assert cells.nth(3).inner_text() == "2023-02-13"
    assert cells.nth(3).locator("[title]").get_attribute("title") == "xsd:date"
    screenshot(page, "editor-plain-literals")


def test_chart_view_draws_at_once_when_chosen_as_the_query_finishes(page, library) -> None:
    held = []  # the label look-ups, let through only when the test opens the gate
    gate = {"open": False}
    page.route(
        "**/labels.json",
        lambda route: route.continue_() if gate["open"] else held.append(route),
    )
    _open_editor(page, "?lang=en")
    active = _run_example(page, library, "dataset-classes")
    active.locator(".yasr .select_chart").click()
    canvas = active.locator(".chart-view canvas[aria-label]")
    canvas.wait_for()
    drawn = _chart(canvas)
    assert drawn["width"] > 0 and drawn["height"] > 0
    assert drawn["bars"] == len(drawn["values"]) > 1
    assert _painted_pixels(canvas, (0x2F, 0x6F, 0xB0)) > 1000  # the bars' colour
    assert "lg:Meeting" in drawn["labels"]  # named by prefix while the labels are on their way
    expect(active.locator(".chart-figure")).to_have_attribute("aria-busy", "true")
    assert held
    gate["open"] = True
    for route in held:
        route.continue_()
    expect(active.locator(".chart-figure")).to_have_attribute("aria-busy", "false")
    assert "Meeting" in _chart(canvas)["labels"]
    screenshot(page, "editor-chart-at-once")
