"""Every real LegCo document in ../shared/legco-docs loads with its hand-checked core facts, and
so does every layout variant derived from it (flattened, page furniture, piped cells, full-width
digits, Simplified Chinese): the loader reads the kind, not the file."""

from pathlib import Path

import pytest
from corpus_support import (
    OTHER_COMMITTEES,
    VARIANTS,
    as_committee,
    core_facts,
    corpus,
    headerless,
    older_session,
    piped,
    raw_text,
    read,
)
from rdflib import URIRef
from rdflib.namespace import RDFS

from loader.kinds.common.tables import Tables
from loader.pipeline import LoadOptions, build_graph
from loader.settings import DEFAULT_BASE_IRI
from loader.sources import read_source

#: Facts checked by hand against each document (agenda: committee, date, items, papers, Council
#: questions; submission: paper number, date and submitter of each).
EXPECTED: dict[str, dict[str, object]] = {
    "council-agenda-2013-05-08-en.txt": {
        "committee": "committee/council",
        "date": "2013-05-08",
        "items": 7,
        "questions": 22,
    },
    "council-agenda-2014-04-30-zh.txt": {
        "committee": "committee/council",
        "date": "2014-04-30",
        "items": 4,
        "questions": 18,
    },
    "council-agenda-2014-07-09-en.txt": {
        "committee": "committee/council",
        "date": "2014-07-09",
        "items": 5,
        "questions": 22,
    },
    "itb-agenda-2008-04-14-en.txt": {
        "committee": "committee/panel/itb",
        "date": "2008-04-14",
        "items": 7,
        "papers": ["CB(1)1082/07-08"] + [f"CB(1)1200/07-08(0{n})" for n in range(1, 8)],
    },
    "itb-agenda-2010-04-12-zh.txt": {
        "committee": "committee/panel/itb",
        "date": "2010-04-12",
        "items": 6,
        "papers": ["CB(1)1501/09-10"] + [f"CB(1)1520/09-10(0{n})" for n in range(1, 7)],
    },
    "sc103-submission-cb3-634-2026-01-zh.txt": {
        "submissions": [("CB(3)634/2026(01)", "2026-06-04", "Uber香港團隊")]
    },
    "submission-2026-06-05-zh.pdf": {
        "submissions": [("CB(3)641/2026(01)", "2026-06-03", "香港運輸物流業工會聯會")]
    },
    "submission-2026-06-22-zh.pdf": {
        "submissions": [("CB(3)710/2026(11)", "2026-06-15", "汽車交通運輸業總工會")]
    },
}
#: The bundle of 49 submissions: a few of them checked by hand, and how many there are.
BUNDLE = "submission-2026-06-16-zh.pdf"
BUNDLE_SAMPLE = {
    ("CB(3)673/2026(01)", "2026-06-10", "周詠晟"),
    ("CB(3)673/2026(03)", "2026-06-10", "TAMHon-wah"),
    ("CB(3)673/2026(35)", "2026-06-10", "AConcernedHongKongCitizenandCommuter"),
    ("CB(3)673/2026(37)", "2026-06-11", "WEBB-JOHNSONMark"),
}
DOCUMENTS = corpus()


def _check(name: str, kind: str, facts: dict[str, object]) -> None:
    if name == BUNDLE:
        assert kind == "submission"
        found = set(facts["submissions"])
        assert BUNDLE_SAMPLE <= found, BUNDLE_SAMPLE - found
        assert len(found) == 49 + 1  # (01) to (50): one number holds a covering note
        return
    expected = EXPECTED[name]
    assert {key: facts[key] for key in expected} == expected


@pytest.mark.parametrize("path", DOCUMENTS or [None], ids=lambda p: p.name if p else "absent")
def test_every_real_document_loads_with_its_core_facts(path: Path | None):
    if path is None:
        pytest.skip("../shared/legco-docs not present: no real documents")
    source = read_source(str(path), cache_dir=None)
    _, graph, _ = build_graph(source, LoadOptions(DEFAULT_BASE_IRI))
    assert len(graph) > 0
    if path.name.startswith("hansard"):
        return  # the Hansard kind's own tests check its facts
    kind, extraction = read(raw_text(path), path.name)
    _check(path.name, kind, core_facts(kind, extraction.graph, extraction.document))


CASES = [
    pytest.param(path, variant, id=f"{path.name}-{variant}")
    for path in DOCUMENTS
    if not path.name.startswith("hansard")
    for variant in VARIANTS
]


@pytest.mark.parametrize("path, variant", CASES or [pytest.param(None, None, id="absent")])
def test_layout_variants_of_real_documents_keep_their_core_facts(path, variant):
    if path is None:
        pytest.skip("../shared/legco-docs not present: no real documents")
    text = raw_text(path)
    kind, extraction = read(VARIANTS[variant](text), path.name)
    _check(path.name, kind, core_facts(kind, extraction.graph, extraction.document))


AGENDAS = [path for path in DOCUMENTS if "agenda" in path.name]
PANEL_AGENDAS = [
    path for path in AGENDAS if str(EXPECTED[path.name]["committee"]).startswith("committee/panel/")
]


@pytest.mark.parametrize("path", AGENDAS or [None], ids=lambda p: p.name if p else "absent")
def test_an_agenda_saved_without_its_header_loads_from_its_url_with_a_warning(path):
    if path is None:
        pytest.skip("../shared/legco-docs not present: no real documents")
    kind, extraction = read(headerless(raw_text(path)), path.name)
    _check(path.name, kind, core_facts(kind, extraction.graph, extraction.document))
    assert any("from its URL" in warning for warning in extraction.warnings)


def _names(committee: str) -> dict[str, str]:
    table = Tables(DEFAULT_BASE_IRI)
    iri = URIRef(DEFAULT_BASE_IRI + committee)
    return {label.language: str(label) for label in table.committees.objects(iri, RDFS.label)}


@pytest.mark.parametrize(
    "path, other",
    [pytest.param(p, o, id=f"{p.name}-{o}") for p in PANEL_AGENDAS for o in OTHER_COMMITTEES]
    or [pytest.param(None, None, id="absent")],
)
def test_agendas_of_other_committees_name_the_committee_their_url_and_heading_give(path, other):
    if path is None:
        pytest.skip("../shared/legco-docs not present: no real documents")
    expected = EXPECTED[path.name]
    text, key = as_committee(raw_text(path), _names(expected["committee"]), OTHER_COMMITTEES[other])
    for variant in ("piped", "flattened"):
        kind, extraction = read(VARIANTS[variant](text), path.name)
        facts = core_facts(kind, extraction.graph, extraction.document)
        assert facts["committee"] == f"committee/{key}", variant
        assert {k: facts[k] for k in ("date", "items", "papers")} == {
            k: expected[k] for k in ("date", "items", "papers")
        }
        assert not [w for w in extraction.warnings if "names the committee" in w]


@pytest.mark.parametrize("path", PANEL_AGENDAS or [None], ids=lambda p: p.name if p else "absent")
def test_an_older_years_agenda_in_the_table_layout_keeps_its_facts(path):
    if path is None:
        pytest.skip("../shared/legco-docs not present: no real documents")
    years = 8
    kind, extraction = read(piped(older_session(raw_text(path), years)), path.name)
    facts = core_facts(kind, extraction.graph, extraction.document)
    expected = EXPECTED[path.name]
    assert facts["committee"] == expected["committee"]
    assert facts["date"] == older_session(str(expected["date"]), years)
    assert facts["papers"] == sorted(older_session(p, years) for p in expected["papers"])
    assert facts["items"] == expected["items"]
