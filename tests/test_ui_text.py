"""UI text comes from the gettext catalogues, in the reader's language."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from resources_support import path_of, select

from server.i18n import TRANSLATIONS

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _catalogues() -> list:
    """Every .po catalogue under server/translations, read with Babel."""
    found = []
    for po in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as source:
            found.append((po, read_po(source)))
    return found


def test_every_catalogue_entry_is_translated_and_not_fuzzy() -> None:
    catalogues = _catalogues()
    assert catalogues, "no catalogue under server/translations"
    for po, catalog in catalogues:
        untranslated = [m.id for m in catalog if m.id and not m.string]
        fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
        assert not untranslated, f"{po}: untranslated {untranslated}"
        assert not fuzzy, f"{po}: fuzzy {fuzzy}"


def test_page_chrome_follows_the_chosen_language(mini_client) -> None:
    chinese = mini_client.get("/?lang=zh-Hant").get_data(as_text=True)
    english = mini_client.get("/?lang=en").get_data(as_text=True)
    assert '<nav aria-label="網站">' in chinese
    assert '<nav aria-label="Site">' in english


def test_accept_language_chooses_the_chinese_catalogue(app_factory, tmp_path) -> None:
    client = app_factory(tmp_path / "empty").test_client()
    html = client.get("/", headers={"Accept-Language": "zh-HK,zh;q=0.9"}).get_data(as_text=True)
    assert '<nav aria-label="網站">' in html


#: Template code that picks words by the page language instead of asking the catalogue.
LANGUAGE_BRANCH = re.compile(
    r"""\{[%{][^%}]*(?:"""
    # {% if en %}, {{ 'a' if english else 'b' }}
    r"""\bif\s+(?:not\s+)?(?:en|english|zh|chinese)\b"""
    r"""|\bset\s+(?:en|english|zh|chinese)\s*="""  # {% set en = … %}
    r"""|[=!]=\s*['"](?:en|zh|zh-hant|zh-hk)['"]"""  # language == 'en'
    r"""|['"](?:en|zh|zh-hant|zh-hk)['"]\s*[=!]="""  # 'zh-Hant' != language
    r"""|\b(?:language|lang|page_language)\b[^%}]*\bin\s*[(\[]\s*['"](?:en|zh)"""  # in ('en', …)
    r""")""",
    re.IGNORECASE,
)
TEMPLATES = Path(__file__).resolve().parent.parent / "server" / "templates"


def test_branch_pattern_finds_the_ways_templates_used_to_choose_words() -> None:
    for branch in (
        "{% if en %}Home{% else %}首頁{% endif %}",
        "{{ 'Search' if language == 'en' else '搜尋' }}",
        "{% set en = language == 'en' %}",
        "{%- set other = 'en' if language == 'zh-Hant' else 'zh-Hant' -%}",
        "{{ 'Site' if english else '網站' }}",
    ):
        assert LANGUAGE_BRANCH.search(branch), branch
    assert not LANGUAGE_BRANCH.search("{{ _('Search') }} <span lang=\"zh-Hant\">x</span>")


def test_no_template_chooses_words_by_language() -> None:
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LANGUAGE_BRANCH.search(line)
    ]
    assert not found, "language branches in templates:\n" + "\n".join(found)


BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
#: Words of the page chrome every page shows: (Chinese, the English it replaces).
CHROME = [
    ('<nav aria-label="網站">', '<nav aria-label="Site">'),
    ("資料：香港立法會的紀錄", "Data: Hong"),
]


def _html_pages(client, app) -> dict[str, tuple[str, str]]:
    """Every HTML page kind: path → (a Chinese UI string it shows, the English one it replaces)."""
    home = client.get("/?lang=zh-Hant", headers=BROWSER).get_data(as_text=True)
    nav = re.search(r'<nav aria-label="網站">(.*?)</nav>', home, re.S).group(1)
    pages = {href: ("legisgraph", "legisgraph") for href in re.findall(r'href="([^"]+)"', nav)}
    pages |= {
        "/": ("已載入的文件", "Loaded documents"),
        "/sparql": ("SPARQL 端點", "SPARQL endpoint"),
        "/editor": ("<h1>查詢編輯器</h1>", "Query editor"),
        "/ontology": ("<dt>命名空間</dt>", "Namespace"),
        "/queries": ("<h1>查詢庫</h1>", "Query library"),
        "/search?q=%E6%99%BA%E6%96%B9%E4%BE%BF": ("字詞（中文或英文）", "Words (Chinese"),
        "/no/such/page": ("404 找不到", "Not Found"),
    }
    first_query = client.get("/queries.json").get_json()["queries"][0]["name"]
    pages[f"/queries/{first_query}"] = ("<h2>結果</h2>", "<h2>Results</h2>")
    kinds = select(
        app,
        "SELECT ?kind (MIN(STR(?s)) AS ?page) WHERE { ?s a ?kind"
        " VALUES ?kind { lg:Meeting lg:Committee lg:Paper lg:Concern lg:Member } } GROUP BY ?kind",
    )
    assert len(kinds) >= 4, kinds
    for row in kinds:
        pages[path_of(row["page"])] = ("<h2>屬性</h2>", "<h2>Properties</h2>")
    return pages


def test_every_html_page_answers_in_chinese(client, app) -> None:
    pages = _html_pages(client, app)
    assert {"/meetings", "/committees", "/papers", "/members"} <= set(pages), pages
    for path, (chinese, english) in pages.items():
        separator = "&" if "?" in path else "?"
        html = client.get(f"{path}{separator}lang=zh-Hant", headers=BROWSER).get_data(as_text=True)
        assert '<html lang="zh-Hant">' in html, path
        for want, unwanted in [*CHROME, (chinese, english)]:
            assert want in html, f"{path}: {want!r} missing"
            if unwanted != want:
                assert unwanted not in html, f"{path}: {unwanted!r} still in English"


def test_accept_language_alone_gives_chinese_pages(client) -> None:
    headers = BROWSER | {"Accept-Language": "zh-Hant"}
    for path in ("/sparql", "/editor", "/ontology"):
        html = client.get(path, headers=headers).get_data(as_text=True)
        assert '<html lang="zh-Hant">' in html and '<nav aria-label="網站">' in html, path


@pytest.mark.parametrize(
    "lang, label, other", [("zh-Hant", "標籤", "rdfs:label"), ("en", "label", "rdfs:label")]
)
def test_outside_property_names_on_resource_pages_follow_the_reader(
    client, app, lang, label, other
) -> None:
    iri = select(app, "SELECT ?s WHERE { ?s a lg:Meeting ; rdfs:label ?l } ORDER BY ?s LIMIT 1")
    html = client.get(path_of(iri[0]["s"]), query_string={"lang": lang}).get_data(as_text=True)
    assert f'title="{RDFS_LABEL}">{label}</a>' in html
    assert f">{other}<" not in html


def test_one_english_term_has_one_chinese_word() -> None:
    for _, catalog in _catalogues():
        words = {}
        for message in catalog:
            if message.id and not message.pluralizable:
                words.setdefault(message.id.lower(), set()).add(message.string)
        clashes = {term: found for term, found in words.items() if len(found) > 1}
        assert not clashes, clashes


@pytest.mark.parametrize("path", ["/", "/sparql", "/editor", "/ontology", "/queries"])
def test_pages_in_the_readers_language_tell_caches_what_they_vary_by(client, path) -> None:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.mimetype == "text/html"
    vary = {value.strip() for value in response.headers["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary


def test_the_editors_scripts_get_their_words_in_the_readers_language(client) -> None:
    html = client.get("/editor?lang=zh-Hant", headers={"Accept": "text/html"}).text
    words = json.loads(html_lib.unescape(re.search(r'data-words="([^"]*)"', html).group(1)))
    assert words["openExample"] == "從查詢庫開啟範例…" and words["chart"] == "圖表"
