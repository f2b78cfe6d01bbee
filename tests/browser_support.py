"""Browser tests' support: the store they serve, a headless Chromium, and page checks.

The browser is Debian's Chromium (/usr/bin/chromium) driven by Playwright from PyPI; Playwright's
own browser downloads are never used. Every page a test opens is watched for console errors and
uncaught exceptions (a Content-Security-Policy violation is reported as a console error).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from loader.paths import ROOT, SAMPLES_DIR
from loader.pipeline import LoadOptions, load_sources
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore

CHROMIUM = Path("/usr/bin/chromium")
DATA_DIR = Path(__file__).parent / "data"
#: Where the screenshots of each step go (var/ is not committed).
ARTEFACTS_DIR = ROOT / "var" / "test-artefacts" / "browser"
#: The bundled sample plus an agenda and minutes, so that meetings have items and papers.
SOURCES = [
    SAMPLES_DIR,
    DATA_DIR / "agendas" / "agenda-zh.txt",
    DATA_DIR / "agendas" / "agenda-en.txt",
    DATA_DIR / "minutes" / "minutes-en.txt",
]
#: Label text that runs script if a page puts it into the DOM as markup instead of as text.
HOSTILE_LABELS = (
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=1">',
)
HOSTILE_COMMITTEE = DEFAULT_BASE_IRI + "committee/panel/xss"
HOSTILE_MEETING = DEFAULT_BASE_IRI + "meeting/panel/xss/2024-03-01"


def _literal(text: str, language: str) -> str:
    """A Turtle literal of ``text`` with a language tag, quotes and backslashes escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{language}'


def hostile_trig() -> str:
    """A committee and its meeting whose labels try to inject script into the pages."""
    labels = " , ".join(
        _literal(text, language) for text in HOSTILE_LABELS for language in ("en", "zh-Hant")
    )
    return f"""
@prefix lg: <https://w3id.org/legisgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{DEFAULT_BASE_IRI}graph/test/hostile> {{
  <{HOSTILE_COMMITTEE}> a lg:Committee , lg:Panel ; lg:committeeCode "xss" ;
    rdfs:label {labels} .
  <{HOSTILE_MEETING}> a lg:Meeting ; lg:committee <{HOSTILE_COMMITTEE}> ;
    dcterms:date "2024-03-01"^^xsd:date ; rdfs:label {labels} .
}}
"""


def build_store(path: Path) -> Path:
    """A store at ``path``: the hostile graph, then SOURCES through the real pipeline.

    The hostile graph goes in first, so that the load builds the search index over everything.
    """
    import pyoxigraph as ox

    with GraphStore.open(path, write=True) as store:
        store.load_dataset(hostile_trig().encode("utf-8"), rdf_format=ox.RdfFormat.TRIG)
        report = load_sources(
            store, [str(source) for source in SOURCES], LoadOptions(base_iri=DEFAULT_BASE_IRI)
        )
    assert report.ok, report.results
    return path


def require_browser() -> None:
    """Skip, saying why, when Playwright or Debian's Chromium is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not present: the browser tests need Debian's chromium package")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright not installed: pip install playwright (the test extra has it)")


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright; closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageProblems:
    """Console errors and uncaught exceptions a page reported, with the URL it was on."""

    messages: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        """Record the page's console errors and uncaught exceptions from now on."""
        page.on(
            "console",
            lambda m: m.type == "error" and self.messages.append(f"{page.url}: {m.text}"),
        )
        page.on("pageerror", lambda error: self.messages.append(f"{page.url}: {error}"))


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot of the current step under ARTEFACTS_DIR."""
    ARTEFACTS_DIR.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS_DIR / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


#: Runs in the page: the accessibility basics the tests check, as a list of problems.
ACCESSIBILITY_SCRIPT = """
() => {
  const problems = [];
  const lang = document.documentElement.getAttribute("lang");
  if (!lang) problems.push("<html> has no lang");
  const h1s = document.querySelectorAll("h1");
  if (h1s.length !== 1) problems.push(`${h1s.length} <h1> elements`);
  let previous = 0;
  for (const heading of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    const level = Number(heading.tagName[1]);
    if (level > previous + 1) {
      problems.push(`heading skips from h${previous} to h${level}: ${heading.textContent.trim()}`);
    }
    previous = level;
  }
  for (const image of document.querySelectorAll("img")) {
    if (!image.hasAttribute("alt")) problems.push(`image without alt: ${image.src}`);
  }
  const fields = document.querySelectorAll(
    "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea"
  );
  for (const input of fields) {
    const labelled = (input.labels && input.labels.length > 0)
      || input.getAttribute("aria-label") || input.getAttribute("aria-labelledby")
      || input.getAttribute("title");
    if (!labelled) problems.push(`unlabelled ${input.tagName.toLowerCase()} ${input.outerHTML}`);
  }
  return problems;
}
"""


def accessibility_problems(page) -> list[str]:
    """What the page gets wrong of: <html lang>, one <h1>, heading order, alt, labels."""
    return page.evaluate(ACCESSIBILITY_SCRIPT)
