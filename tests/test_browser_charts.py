"""The pictures in a real browser (issue 25): on `make run`'s default store (the bundled sample
and open-data snapshot) plus a real Hansard when ../shared has it, every chart is drawn by the
editor's Chart.js with no console error or CSP violation, its table is one click away, and a
screenshot of each goes to var/test-artefacts/browser/ (charts-*.png)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (
    PageProblems,
    accessibility_problems,
    chromium,
    require_browser,
    screenshot,
)
from click.testing import CliRunner
from test_default_store import run_recipe

from loader.paths import ROOT
from server.cli import cli
from server.query_editor import editor_installed

HANSARD = (
    Path(__file__).resolve().parents[2] / "shared" / "legco-docs" / "hansard-2015-04-29-en.html"
)
#: Each page with its pictures: (path, the figures it must draw).
PAGES = [
    ("/", ["meetings-per-month", "questions-by-body-year", "documents-by-kind", "recently-loaded"]),
    ("/id/member/187", ["member-activity", "member-committees", "member-questions"]),
    ("/id/committee/council", ["committee-timeline", "committee-topics"]),
    ("/measures", ["measures-timeline"]),
    ("/id/meeting/panel/itb/2024-04-08", ["meeting-record"]),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`legisgraph serve` over a store built by the Makefile's run recipe (and a Hansard)."""
    from serverprocess import running_server

    require_browser()
    if not editor_installed():
        pytest.skip("Chart.js not installed in var/editor (make installs it with npm)")
    folder = tmp_path_factory.mktemp("charts")
    store = folder / "store"
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        for words in run_recipe():
            args = [str(store) if word == "$(STORE)" else word for word in words]
            assert runner.invoke(cli, args).exit_code == 0, args
        if HANSARD.exists():
            assert runner.invoke(cli, ["--store", str(store), "load", str(HANSARD)]).exit_code == 0
    with running_server(store, folder / "server.log", QUERY_WORKERS="1") as url:
        yield url


@pytest.mark.parametrize(("path", "figures"), PAGES)
@pytest.mark.parametrize("language", ["en", "zh-Hant"])
def test_each_picture_is_drawn_without_errors(server: str, path: str, figures, language) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        problems = PageProblems()
        problems.watch(page)
        page.goto(f"{server}{path}?lang={language}")
        page.wait_for_load_state("networkidle")
        for name in figures:
            figure = page.locator(f"#chart-{name}")
            assert figure.count() == 1, name
            if figure.locator("canvas").count():
                page.wait_for_selector(f"#chart-{name}[data-drawn=yes]")
            assert figure.locator("a", has_text="CSV").count() == 1, name
        screenshot(page, f"charts-{path.strip('/').replace('/', '-') or 'home'}-{language}")
        assert problems.messages == []
        assert accessibility_problems(page) == []


def test_a_sitting_shows_its_business_with_speeches(server: str) -> None:
    if not HANSARD.exists():
        pytest.skip("../shared/legco-docs/hansard-2015-04-29-en.html not present")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        problems = PageProblems()
        problems.watch(page)
        page.goto(f"{server}/id/meeting/council/2015-04-29?lang=en")
        rows = page.locator("#chart-sitting-business table.sitting tbody tr")
        assert rows.count() > 50
        screenshot(page, "charts-sitting-2015-04-29")
        page.goto(f"{server}/search?q=reclaimed+water&lang=en")
        page.locator("nav.speech-facets ul.speakers a").first.click()
        page.wait_for_load_state("networkidle")
        assert "speaker=" in page.url
        screenshot(page, "charts-search-speaker-facet")
        assert problems.messages == []
