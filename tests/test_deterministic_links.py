"""Links the loaders make from LegCo's own keys: e-Legislation pages, LegCo files and pages.

schema:url is a document's own file or page, foaf:page a web page about a thing, and a web
page is never owl:sameAs the thing it describes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from agenda_support import read
from brief_support import query_rows
from rdflib.namespace import FOAF

from loader.legco_urls import elegislation_page, meeting_page, parse_legco_url
from loader.linking.web_links import add_source_links
from loader.paper_numbers import paper_number_from_url
from loader.pipeline import LoadOptions, build_graph
from loader.settings import DEFAULT_BASE_IRI
from loader.sources import Source
from loader.vocab import LG, SCHEMA

AGENDAS = Path(__file__).parent / "data" / "agendas"
AGENDA_URL = "https://www.legco.gov.hk/yr2024/english/panels/hs/agenda/hs20240109.htm"
#: The lg: class a LegCo URL's document-type folder says a document is.
FOLDER_CLASSES = {"agenda": LG.Agenda, "minutes": LG.Minutes, "papers": LG.Paper}


@pytest.fixture(scope="module", params=["sample", "english", "chinese_other"])
def brief(request: pytest.FixtureRequest) -> ox.Store:
    """Each of the three briefs (the real sample and our two), extracted."""
    return request.getfixturevalue(request.param)


def test_every_cited_ordinance_has_its_elegislation_page(brief: ox.Store) -> None:
    rows = query_rows(
        brief,
        "SELECT ?o ?cap ?page WHERE { ?o a lg:Ordinance ; lg:capNumber ?cap . "
        "OPTIONAL { ?o foaf:page ?page } }",
    )
    assert rows
    for ordinance, cap, page in rows:
        assert page == elegislation_page(cap), ordinance


def test_file_urls_are_legco_files_of_the_documents_kind(brief: ox.Store) -> None:
    rows = query_rows(
        brief,
        "SELECT ?d ?url (GROUP_CONCAT(STR(?type)) AS ?types) (SAMPLE(?n) AS ?number) WHERE { "
        "?d schema:url ?url ; a ?type . OPTIONAL { ?d lg:paperNumber ?n } } GROUP BY ?d ?url",
    )
    for document, url, types, number in rows:
        parsed = parse_legco_url(url)
        assert parsed is not None and parsed.doc_type in FOLDER_CLASSES, url
        assert str(FOLDER_CLASSES[parsed.doc_type]) in types.split(), (document, url)
        if number:
            assert str(paper_number_from_url(url)) == number


def test_no_web_page_is_said_to_be_the_thing_it_describes(brief: ox.Store) -> None:
    assert not query_rows(brief, "SELECT ?s ?o WHERE { ?s owl:sameAs ?o }")
    typed_pages = "SELECT ?page WHERE { ?s foaf:page|schema:url ?page . ?page a ?type }"
    assert not query_rows(brief, typed_pages)


def test_elegislation_page_of_a_chapter() -> None:
    assert elegislation_page("486") == "https://www.elegislation.gov.hk/hk/cap486"
    assert elegislation_page(" 32A ") == "https://www.elegislation.gov.hk/hk/cap32A"


@pytest.mark.parametrize(
    ("url", "page"),
    [
        (AGENDA_URL, AGENDA_URL),
        ("http://www.legco.gov.hk/yr18-19/english/counmtg/agenda/cm20190320.htm", True),
        ("https://www.legco.gov.hk/yr2023/chinese/panels/itb/minutes/itb20230213.pdf", None),
        (
            "https://www.legco.gov.hk/yr2023/chinese/panels/itb/papers/itb20230213cb1-189-1-c.pdf",
            None,
        ),
        ("https://www.legco.gov.hk/yr18-19/english/counmtg/agenda/cm20190320.pdf", None),
    ],
)
def test_only_an_agenda_web_page_is_a_page_about_its_meeting(url: str, page) -> None:
    parsed = parse_legco_url(url)
    assert parsed is not None
    assert meeting_page(parsed) == (url if page is True else page)


def agenda_graph(url: str | None):
    """The agenda fixture loaded as if read from ``url``, with its source links added."""
    text = read(AGENDAS / "agenda-en.txt")
    source = Source.from_bytes("hs20240109.htm", text.encode(), url=url, media_type="text/plain")
    graph = build_graph(source, LoadOptions(base_iri=DEFAULT_BASE_IRI, validate=False))[1]
    agenda = next(graph.subjects(LG.agendaOf, None))
    add_source_links(graph, agenda, url)
    return graph, agenda


def test_agenda_read_from_its_legco_url_links_its_file_and_its_meetings_page() -> None:
    graph, agenda = agenda_graph(AGENDA_URL)
    meeting = graph.value(agenda, LG.agendaOf)
    assert str(meeting) == DEFAULT_BASE_IRI + "meeting/panel/hs/2024-01-09"
    assert [str(u) for u in graph.objects(agenda, SCHEMA.url)] == [AGENDA_URL]
    assert [str(p) for p in graph.objects(meeting, FOAF.page)] == [AGENDA_URL]


def test_a_copy_served_from_elsewhere_gets_no_web_links() -> None:
    graph, agenda = agenda_graph("http://127.0.0.1:8000/hs20240109.htm")
    assert not list(graph.objects(agenda, SCHEMA.url))
    assert not list(graph.subject_objects(FOAF.page))


def test_meetings_in_a_brief_link_to_their_agenda_pages(sample: ox.Store) -> None:
    rows = query_rows(
        sample,
        "SELECT ?m ?url ?page WHERE { ?a lg:agendaOf ?m ; schema:url ?url . "
        "OPTIONAL { ?m foaf:page ?page } }",
    )
    assert rows
    for meeting, url, page in rows:
        assert page == url, meeting


def test_the_pipeline_links_a_document_read_from_its_legco_url() -> None:
    text = read(AGENDAS / "agenda-en.txt")
    source = Source.from_bytes("hs20240109.htm", text.encode(), url=AGENDA_URL)
    graph = build_graph(source, LoadOptions(base_iri=DEFAULT_BASE_IRI, validate=False))[1]
    assert AGENDA_URL in {str(u) for u in graph.objects(None, SCHEMA.url)}
