"""What resource pages show beyond the description: paging, sources and kind-specific views."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from rdflib import Graph, URIRef
from resources_support import (
    AGENDAS,
    BROWSER_ACCEPT,
    load_files,
    parse_page,
    path_of,
    select,
)

from server.resource_kinds import exchange_entry
from server.resource_values import Value

OTHER_BASE = "https://data.example.org/lg/id/"


@pytest.fixture(scope="module")
def agenda_store(tmp_path_factory: pytest.TempPathFactory):
    """A committee agenda and a Council agenda loaded through the pipeline."""
    files = [AGENDAS / "agenda-zh.txt", AGENDAS / "council-agenda-en.txt"]
    return load_files(tmp_path_factory.mktemp("agendas") / "store", files)


@pytest.fixture
def agenda_app(app_factory, agenda_store):
    return app_factory(agenda_store, QUERY_WORKERS=1)


def page_links(html: str, section: str) -> list[str]:
    """Local link targets inside the <section id=...> of a page, in page order."""
    start = html.index(f'<section id="{section}"')
    body = html[start : html.index("</section>", start)]
    return re.findall(r'<a href="(/id/[^"#?]+)"', body)


def test_incoming_links_are_grouped_counted_and_paged(app_factory, sample_store, app) -> None:
    (row,) = select(
        app,
        "SELECT ?c (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m lg:committee ?c }"
        " GROUP BY ?c ORDER BY DESC(?n) ?c LIMIT 1",
    )
    count = int(row["n"])
    assert count > 2, "the sample should have a committee with more meetings than a page holds"
    client = app_factory(sample_store, QUERY_WORKERS=1, INCOMING_PAGE_SIZE=2).test_client()
    path = path_of(row["c"])
    prop = "https://w3id.org/legisgraph/ontology#committee"
    seen: list[str] = []
    url = path
    while url:
        html = client.get(url, headers={"Accept": BROWSER_ACCEPT}).get_data(as_text=True)
        group = html[html.index(f'title="{prop}">') :]
        group = group[: group.index("</section>")]
        assert f"({count})" in group
        seen += re.findall(r'<li><a href="([^"]+)"', group)
        following = re.search(r'<a rel="next" href="([^"]+)"', group)
        url = following.group(1).replace("&amp;", "&") if following else None
    expected = select(app, f"SELECT ?m WHERE {{ ?m lg:committee <{row['c']}> }} ORDER BY ?m")
    assert seen == [path_of(r["m"]) for r in expected]
    last_page = -(-count // 2)
    twin = client.get(f"{path}.nt?{urlencode({'incoming': prop, 'page': last_page})}").data
    linked = set(Graph().parse(data=twin, format="nt").subjects(URIRef(prop), URIRef(row["c"])))
    assert linked == {URIRef(r["m"]) for r in expected[(last_page - 1) * 2 :]}


@pytest.mark.parametrize("query", ["page=0", "page=two", "page=2", "incoming=not%20an%20iri"])
def test_bad_paging_parameters_are_400(client, app, query) -> None:
    (row,) = select(app, "SELECT ?c WHERE { ?m lg:committee ?c } LIMIT 1")
    assert client.get(path_of(row["c"]) + "?" + query).status_code == 400


def test_concern_shows_its_quoted_source_text_paragraph_and_document(client, app) -> None:
    row = select(
        app,
        "SELECT ?c ?exact ?para ?source ?sha WHERE { ?c a lg:Concern ; lg:evidence ?e ."
        " ?e oa:hasSource ?para ; oa:hasSelector/oa:exact ?exact ."
        " GRAPH ?g { ?c a lg:Concern . ?g lg:sourceName ?source ; lg:sourceSha256 ?sha } }"
        " ORDER BY ?c LIMIT 1",
    )[0]
    html = client.get(path_of(row["c"]), headers={"Accept": BROWSER_ACCEPT}).get_data(as_text=True)
    evidence = html[html.index('<section id="evidence"') :]
    assert f"<mark>{row['exact']}</mark>" in evidence
    assert path_of(row["para"]) in page_links(html, "evidence")
    sources = parse_page(html).text_from("sources")
    assert row["source"] in sources and row["sha"] in sources


def test_concern_shows_the_government_response_beside_it(client, app) -> None:
    row = select(
        app,
        "SELECT ?c ?r ?quote WHERE { ?r lg:respondsTo ?c ; lg:evidence/oa:hasSelector/oa:exact"
        " ?quote . ?c a lg:Concern } ORDER BY ?c ?r LIMIT 1",
    )[0]
    html = client.get(path_of(row["c"])).get_data(as_text=True)
    answered = html[html.index('class="side answered"') :]
    answered = answered[: answered.index("</section>")]
    assert path_of(row["r"]) in answered
    quotes = re.findall(r'<blockquote class="quote">(?:<a [^>]*>)?([^<]*)<', answered)
    assert row["quote"] in quotes
    response_page = client.get(path_of(row["r"])).get_data(as_text=True)
    assert path_of(row["c"]) in page_links(response_page, "exchange")


def test_exchange_shows_each_quote_once_as_the_link_when_the_label_repeats_it(client, app):
    rows = select(
        app,
        "SELECT ?c ?label ?quote WHERE { ?c a lg:Concern ; rdfs:label ?label ;"
        " lg:evidence/oa:hasSelector/oa:exact ?quote . ?r lg:respondsTo ?c }"
        " ORDER BY ?c",
    )
    repeating = [r for r in rows if r["quote"].startswith(r["label"].removesuffix("…"))]
    assert repeating, "the sample's concern labels are their quotes (cut short)"
    for row in repeating[:3]:
        for lang in ("en", "zh-Hant"):
            html = client.get(f"{path_of(row['c'])}?lang={lang}").get_data(as_text=True)
            asked = html[html.index('class="side asked"') : html.index('class="side answered"')]
            assert asked.count(row["quote"]) == 1
            link = re.search(r'<blockquote class="quote"><a href="([^"]+)"[^>]*>([^<]*)</a>', asked)
            assert link is not None and link.groups() == (path_of(row["c"]), row["quote"])


def test_exchange_keeps_a_label_that_is_not_the_quote_as_the_link() -> None:
    question = Value("Question 3 by Hon A", "en", "/id/question/2024-01-10/3")
    entry = exchange_entry(question, ["Will the Government review the scheme?"])
    assert entry["quote_is_link"] is False and entry["link"] is question
    cut_short = Value("Members asked whether the scheme…", "en", "/id/x/concern/1")
    quotes = ["Another sentence.", "Members asked whether the scheme would be reviewed."]
    entry = exchange_entry(cut_short, quotes)
    assert entry["quote_is_link"] is True
    assert entry["quotes"][0] == quotes[1]  # the quote the label repeats becomes the link


def test_paper_shows_its_paragraphs_in_reading_order(client, app) -> None:
    paper = select(app, "SELECT ?p WHERE { ?p a lg:BackgroundBrief } LIMIT 1")[0]["p"]
    expected = select(
        app,
        f"SELECT ?para WHERE {{ ?para lg:partOfDocument <{paper}> ; a lg:Paragraph ;"
        " lg:position ?n } ORDER BY ?n",
    )
    html = client.get(path_of(paper)).get_data(as_text=True)
    shown = re.findall(r'<a class="number" href="([^"]+)"', html)
    assert shown == [path_of(r["para"]) for r in expected]


def test_meeting_shows_agenda_items_in_order_with_their_papers(agenda_app) -> None:
    meeting = select(agenda_app, "SELECT ?m WHERE { ?i lg:itemOf ?m ; lg:position 2 } LIMIT 1")
    meeting = meeting[0]["m"]
    items = select(
        agenda_app, f"SELECT ?i WHERE {{ ?i lg:itemOf <{meeting}> ; lg:position ?n }} ORDER BY ?n"
    )
    client = agenda_app.test_client()
    html = client.get(path_of(meeting)).get_data(as_text=True)
    links = page_links(html, "agenda")
    assert [link for link in links if "/item/" in link] == [path_of(r["i"]) for r in items]
    for item in items:
        papers = select(agenda_app, f"SELECT ?p WHERE {{ ?p lg:consideredUnder <{item['i']}> }}")
        after = links[links.index(path_of(item["i"])) + 1 :]
        following = after[: next((n for n, link in enumerate(after) if "/item/" in link), None)]
        assert sorted(following) == sorted(path_of(p["p"]) for p in papers)


@pytest.mark.parametrize(
    "lang, agenda, papers", [("en", "Agenda items", "Papers"), ("zh-Hant", "議程項目", "文件")]
)
def test_meeting_without_agenda_items_shows_no_empty_agenda_section(
    client, app, lang, agenda, papers
):
    rows = select(
        app,
        # OPTIONAL + !BOUND rather than NOT EXISTS, which overflows Virtuoso's stack here.
        "SELECT ?m ?p WHERE { ?p lg:forMeeting ?m OPTIONAL { ?i lg:itemOf ?m } FILTER(!BOUND(?i)) }"
        " ORDER BY ?m ?p",
    )
    assert rows, "the sample has a meeting with papers and no agenda items"
    html = client.get(f"{path_of(rows[0]['m'])}?lang={lang}").get_data(as_text=True)
    assert '<section id="agenda"' not in html and f"<h2>{agenda}</h2>" not in html
    section = html[html.index('<section id="meeting-papers"') :]
    assert section.index(f"<h2>{papers}</h2>") < section.index("</section>")
    assert path_of(rows[0]["p"]) in page_links(html, "meeting-papers")


def test_member_shows_the_questions_they_asked(agenda_app) -> None:
    row = select(agenda_app, "SELECT ?m ?q WHERE { ?q lg:askedBy ?m } ORDER BY ?m LIMIT 1")[0]
    html = agenda_app.test_client().get(path_of(row["m"])).get_data(as_text=True)
    assert path_of(row["q"]) in page_links(html, "questions")


def test_graph_iri_resolves_with_its_size_provenance_and_load_activity(client, app) -> None:
    store = app.extensions["legisgraph.store"].reader()
    graph = store.named_graphs()[0]
    html = client.get(path_of(graph)).get_data(as_text=True)
    assert f'<dd class="graph-size">{store.graph_size(graph)}</dd>' in html
    assert '<section class="part" id="load">' in html
    turtle = Graph().parse(data=client.get(path_of(graph) + ".ttl").data, format="turtle")
    activity = URIRef(graph + "#load")
    assert (URIRef(graph), URIRef("http://www.w3.org/ns/prov#wasGeneratedBy"), activity) in turtle
    assert any(turtle.predicate_objects(activity))


def test_base_iri_on_another_host_is_served_at_local_paths(app_factory, tmp_path) -> None:
    store = load_files(tmp_path / "store", [AGENDAS / "agenda-zh.txt"], base=OTHER_BASE)
    app = app_factory(store, QUERY_WORKERS=1, BASE_IRI=OTHER_BASE)
    meeting = select(app, "SELECT ?m WHERE { ?m a lg:Meeting ; lg:committee ?c } LIMIT 1")[0]["m"]
    client = app.test_client()
    html = client.get(path_of(meeting, base=OTHER_BASE)).get_data(as_text=True)
    hrefs = parse_page(html).hrefs
    assert not [h for h in hrefs if h.startswith("https://data.example.org")]
    local = [h for h in hrefs if h.startswith("/id/")]
    assert len(local) > 5
    for href in local[:10]:
        target = urlsplit(href)
        if not parse_qs(target.query):
            assert client.get(target.path).status_code == 200, href
    turtle = client.get(path_of(meeting, base=OTHER_BASE) + ".ttl").data
    assert (URIRef(meeting), None, None) in Graph().parse(data=turtle, format="turtle")


def test_resource_path_setting_moves_where_resources_are_served(app_factory, mini_store) -> None:
    client = app_factory(mini_store, QUERY_WORKERS=1, RESOURCE_PATH="/resource/").test_client()
    path = "/resource/paper/CB2-10-2025-01"
    assert client.get(path).status_code == 200
    assert client.get("/id/paper/CB2-10-2025-01").status_code == 404
    assert f'href="{path}"' in client.get("/resource/meeting/panel/ea/2025-05-12").get_data(
        as_text=True
    )
