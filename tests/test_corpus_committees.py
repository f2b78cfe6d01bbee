"""Agendas of every committee type, derived from the real Panel agendas in ../shared: the
Finance Committee and its subcommittees (Arabic items opening with FCR/PWSC/EC papers), the
House Committee, the Public Accounts Committee, Bills Committees and subcommittees, and the
Seventh Council's year-only paper numbers, each giving its committee, type, date, items and
papers in every layout."""

import pytest
from corpus_support import (
    FINANCE_BODIES,
    OTHER_COMMITTEES,
    VARIANTS,
    Committee,
    as_committee,
    as_finance_items,
    core_facts,
    corpus,
    raw_text,
    read,
    year_only_sessions,
)
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS
from test_corpus import EXPECTED

from loader.kinds.common.tables import Tables
from loader.settings import DEFAULT_BASE_IRI
from loader.vocab import LG

PANEL_AGENDAS = [
    path
    for path in corpus()
    if "agenda" in path.name
    and str(EXPECTED[path.name]["committee"]).startswith("committee/panel/")
]
#: Each committee type beyond the Finance Committee's, and the class its node must have.
TYPES = {
    "house-committee": LG.HouseCommittee,
    "bills-committee": LG.BillsCommittee,
    "finance-subcommittee": LG.PublicWorksSubcommittee,
    "another-panel": LG.Panel,
}
MORE_COMMITTEES = {
    "public-accounts-committee": (
        Committee("Public Accounts Committee", "政府帳目委員會", "pac", "pac", "pac"),
        LG.PublicAccountsCommittee,
    ),
    "house-committee-subcommittee": (
        Committee(
            "Subcommittee on Rules of Procedure Amendments",
            "議事規則修訂小組委員會",
            "hc/sub_com/hs02",
            "hs02",
            "{session}/hs02",
        ),
        LG.Subcommittee,
    ),
}


def _names(committee: str) -> dict[str, str]:
    table = Tables(DEFAULT_BASE_IRI)
    iri = URIRef(DEFAULT_BASE_IRI + committee)
    return {label.language: str(label) for label in table.committees.objects(iri, RDFS.label)}


def _absent() -> None:
    pytest.skip("../shared/legco-docs not present: no real documents")


@pytest.mark.parametrize(
    "path, body",
    [pytest.param(p, b, id=f"{p.name}-{b}") for p in PANEL_AGENDAS for b in FINANCE_BODIES]
    or [pytest.param(None, None, id="absent")],
)
def test_finance_committee_agendas_give_their_arabic_items_and_fcr_pwsc_ec_papers(path, body):
    if path is None:
        _absent()
    expected = EXPECTED[path.name]
    committee, prefix, cls = FINANCE_BODIES[body]
    text, key = as_committee(raw_text(path), _names(expected["committee"]), committee)
    year = int(str(expected["date"])[:4]) - 1
    text, added = as_finance_items(text, prefix, year)
    for variant in ("piped", "flattened", "full-width-digits", "simplified"):
        kind, extraction = read(VARIANTS[variant](text), path.name)
        facts = core_facts(kind, extraction.graph, extraction.document)
        assert facts["committee"] == f"committee/{key}", variant
        assert facts["date"] == expected["date"], variant
        assert facts["items"] == expected["items"], variant
        assert facts["papers"] == sorted(set(expected["papers"]) | set(added)), variant
        node = URIRef(DEFAULT_BASE_IRI + facts["committee"])
        assert (node, RDF.type, cls) in extraction.graph, variant
        numbers = {str(n) for n in extraction.graph.objects(None, LG.paperNumber)}
        assert set(added) <= numbers, variant


@pytest.mark.parametrize(
    "path, other",
    [pytest.param(p, o, id=f"{p.name}-{o}") for p in PANEL_AGENDAS for o in TYPES]
    + [pytest.param(p, o, id=f"{p.name}-{o}") for p in PANEL_AGENDAS for o in MORE_COMMITTEES]
    or [pytest.param(None, None, id="absent")],
)
def test_each_committee_types_node_has_its_class(path, other):
    if path is None:
        _absent()
    expected = EXPECTED[path.name]
    committee, cls = (
        (OTHER_COMMITTEES[other], TYPES[other]) if other in TYPES else MORE_COMMITTEES[other]
    )
    text, key = as_committee(raw_text(path), _names(expected["committee"]), committee)
    kind, extraction = read(text, path.name)
    facts = core_facts(kind, extraction.graph, extraction.document)
    assert facts["committee"] == f"committee/{key}"
    assert {k: facts[k] for k in ("date", "items", "papers")} == {
        k: expected[k] for k in ("date", "items", "papers")
    }
    node = URIRef(DEFAULT_BASE_IRI + facts["committee"])
    assert (node, RDF.type, cls) in extraction.graph
    assert (node, RDF.type, LG.Committee) in extraction.graph


@pytest.mark.parametrize("path", PANEL_AGENDAS or [None], ids=lambda p: p.name if p else "absent")
def test_seventh_council_year_only_paper_numbers_are_read_in_every_layout(path):
    if path is None:
        _absent()
    expected = EXPECTED[path.name]
    text = year_only_sessions(raw_text(path))
    papers = sorted(year_only_sessions(p) for p in expected["papers"])
    assert papers != sorted(expected["papers"])
    for variant in ("piped", "flattened", "simplified"):
        kind, extraction = read(VARIANTS[variant](text), path.name)
        facts = core_facts(kind, extraction.graph, extraction.document)
        assert facts["committee"] == expected["committee"], variant
        assert facts["papers"] == papers, variant
        assert facts["items"] == expected["items"], variant
