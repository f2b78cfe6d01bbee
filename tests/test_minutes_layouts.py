"""Minutes printed other ways keep their facts: PDF text with every line break lost, table rows
with ``|`` cells, page headers and numbers, Simplified characters; and minutes whose heading was
lost load from their LegCo URL."""

import pytest
from brief_support import BASE
from corpus_support import VARIANTS
from minutes_support import FIXTURES
from rdflib.namespace import DCTERMS, RDF

from loader.kinds.registry import choose_kind
from loader.text import clean_text, detect_language
from loader.vocab import LG

#: The minutes fixtures long enough to be a page or more when flattened.
MINUTES = ["minutes-en.txt", "minutes-zh.txt", "minutes-table-en.txt", "discussion-en.txt"]


def _facts(text: str, origin: str | None = None) -> tuple[object, ...]:
    text = clean_text(text)
    kind = choose_kind(text)
    extra = {"origin": origin} if kind.reads_origin else {}
    extraction = kind.extract(text, language=detect_language(text), base_iri=BASE, **extra)
    graph = extraction.graph
    meeting = graph.value(extraction.document, LG.minutesOf)
    return (
        kind.name,
        str(graph.value(meeting, LG.committee)).removeprefix(BASE),
        str(graph.value(meeting, DCTERMS.date)),
        len(set(graph.subjects(RDF.type, LG.Attendance))),
        len(set(graph.subjects(LG.itemOf, meeting))),
        len(set(graph.subjects(RDF.type, LG.ActionItem))),
    )


@pytest.mark.parametrize(
    "name, variant", [(n, v) for n in MINUTES for v in VARIANTS], ids=lambda x: str(x)
)
def test_minutes_in_another_layout_give_the_same_meeting_attendance_items_and_actions(
    name, variant
):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert _facts(VARIANTS[variant](text)) == _facts(text)


def test_minutes_without_their_heading_load_from_their_url_with_a_warning():
    text = (FIXTURES / "minutes-en.txt").read_text(encoding="utf-8")
    body = text[text.index("Members present") :]
    url = "https://www.legco.gov.hk/yr07-08/english/panels/itb/minutes/itb20080414.pdf"
    kind, committee, date, *_ = _facts(body, url)
    assert (kind, committee, date) == ("minutes", "committee/panel/itb", "2008-04-14")
