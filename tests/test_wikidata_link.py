"""`legisgraph link wikidata` against a local Wikibase API answering recorded-shape responses."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from wikidata_support import WIKIDATA, WikibaseApi, build_store

from loader import __version__
from loader.linking.config import load_config
from loader.linking.decisions import OurEntity, Scored, decide
from loader.linking.names import similarity
from loader.linking.wikidata import WikidataApi
from loader.names import person_name
from loader.store import GraphStore
from server.cli import cli

LINKS_GRAPH = "https://w3id.org/legisgraph/id/graph/links/wikidata"
ID = "https://w3id.org/legisgraph/id/"
TABLE_HEAD = """@base <https://w3id.org/legisgraph/id/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Members, the Council and bodies from two of our fixture documents."""
    return build_store(tmp_path_factory.mktemp("linking") / "store")


@pytest.fixture
def api():
    with WikibaseApi() as server:
        yield server


def run_link(runner, store: Path, tmp_path: Path, api_url: str, *extra: str):
    """Run the command with its files under ``tmp_path``; returns the click result."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    table = tmp_path / "confirmed.ttl"
    if not table.exists():
        table.write_text(TABLE_HEAD, encoding="utf-8")
    args = ["--store", str(store), "link", "wikidata", "--api-url", api_url, "--interval", "0"]
    args += ["--cache", str(tmp_path / "cache"), "--review-file", str(tmp_path / "review.csv")]
    args += ["--confirmed", str(table), *extra]
    return runner.invoke(cli, args)


def stored_links(store: Path) -> Graph:
    """The links graph as the store holds it."""
    with GraphStore.open(store, write=False) as opened:
        out = io.BytesIO()
        opened.dump(out, ox.RdfFormat.N_TRIPLES, LINKS_GRAPH)
    return Graph().parse(data=out.getvalue().decode(), format="nt")


def expected_links() -> Graph:
    """tests/data/wikidata/expected-links.ttl, its literals written the way the store writes."""
    text = (WIKIDATA / "expected-links.ttl").read_text(encoding="utf-8")
    memory = ox.Store()
    memory.load(text.replace('"VERSION"', f'"{__version__}"').encode(), ox.RdfFormat.TURTLE)
    dumped = memory.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return Graph().parse(data=dumped.decode(), format="nt")


def assert_same_graph(actual: Graph, expected: Graph) -> None:
    if not isomorphic(actual, expected):
        _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        pytest.fail(
            f"missing:\n{missing.serialize(format='nt')}\nunexpected:\n{extra.serialize(format='nt')}"
        )


def review_rows(tmp_path: Path) -> list[dict[str, str]]:
    with (tmp_path / "review.csv").open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_link_accepts_good_matches_with_how_they_were_made(runner, store, api, tmp_path) -> None:
    result = run_link(runner, store, tmp_path, api.api_url)
    assert result.exit_code == 0, result.output
    assert_same_graph(stored_links(store), expected_links())


def test_several_candidates_without_the_key_fact_go_to_review(runner, store, api, tmp_path) -> None:
    run_link(runner, store, tmp_path, api.api_url, "--types", "member")
    rows = review_rows(tmp_path)
    assert [(r["iri"], r["candidate_qid"], r["score"]) for r in rows] == [
        (ID + "member/name/wongtai-man", "Q900002", "0.700"),
        (ID + "member/name/wongtai-man", "Q900003", "0.700"),
    ]
    assert "Legislative Council of Hong Kong: no" in rows[0]["reasons"]
    assert rows[0]["label"] == "Dr Hon WONG Tai-man, JP"
    assert list(rows[0]) == ["iri", "label", "candidate_qid", "candidate_label", "score", "reasons"]


def test_wrong_type_candidate_is_neither_linked_nor_reviewed(runner, store, api, tmp_path) -> None:
    run_link(runner, store, tmp_path, api.api_url, "--types", "member")
    assert "Q900004" not in (tmp_path / "review.csv").read_text(encoding="utf-8")
    assert "Q900004" not in stored_links(store).serialize(format="nt")


def test_entity_without_candidates_gets_no_link_and_no_review(runner, store, api, tmp_path) -> None:
    run_link(runner, store, tmp_path, api.api_url, "--types", "member")
    searched = [r["search"] for r in api.requests if r["action"] == "wbsearchentities"]
    assert "LEE Mei-ling" in searched
    lee = ID + "member/name/leemei-ling"
    assert lee not in stored_links(store).serialize(format="nt")
    assert all(row["iri"] != lee for row in review_rows(tmp_path))


def test_confirmed_link_wins_without_asking_wikidata(runner, store, api, tmp_path) -> None:
    (tmp_path / "confirmed.ttl").write_text(
        TABLE_HEAD
        + "<member/name/wongtai-man> owl:sameAs wd:Q900002 .\n"
        + "[] a owl:Axiom ; owl:annotatedSource <member/name/wongtai-man> ;\n"
        + "   owl:annotatedProperty owl:sameAs ; owl:annotatedTarget wd:Q900002 ;\n"
        + '   dcterms:date "2026-03-01"^^xsd:date ;\n'
        + '   <http://www.w3.org/2000/01/rdf-schema#comment> "Checked by hand." .\n',
        encoding="utf-8",
    )
    result = run_link(runner, store, tmp_path, api.api_url, "--types", "member")
    assert "1 confirmed by a human" in result.output
    rows = list(
        stored_links(store).query(
            "SELECT ?how ?date ?why WHERE { ?a owl:annotatedSource ?s ; owl:annotatedTarget ?q ;"
            " sssom:mapping_justification ?how ; sssom:mapping_date ?date ; rdfs:comment ?why }",
            initNs={"sssom": "https://w3id.org/sssom/"},
            initBindings={
                "s": URIRef(ID + "member/name/wongtai-man"),
                "q": URIRef("http://www.wikidata.org/entity/Q900002"),
            },
        )
    )
    assert [(str(r.how), str(r.date), str(r.why)) for r in rows] == [
        ("https://w3id.org/semapv/vocab/ManualMappingCuration", "2026-03-01", "Checked by hand.")
    ]
    assert "WONG Tai-man" not in [r.get("search") for r in api.requests]
    assert all("wongtai-man" not in row["iri"] for row in review_rows(tmp_path))


def test_rejected_pair_is_never_linked_nor_reviewed(runner, store, api, tmp_path) -> None:
    (tmp_path / "confirmed.ttl").write_text(
        TABLE_HEAD + "<member/name/chansiu-ming> owl:differentFrom wd:Q900001 .\n", encoding="utf-8"
    )
    run_link(runner, store, tmp_path, api.api_url, "--types", "member")
    assert "Q900001" not in stored_links(store).serialize(format="nt")
    assert all(row["candidate_qid"] != "Q900001" for row in review_rows(tmp_path))


def test_contradicting_table_is_refused(runner, store, api, tmp_path) -> None:
    pair = "<member/name/chansiu-ming> {} wd:Q900001 .\n"
    table = TABLE_HEAD + pair.format("owl:sameAs") + pair.format("owl:differentFrom")
    (tmp_path / "confirmed.ttl").write_text(table, encoding="utf-8")
    result = run_link(runner, store, tmp_path, api.api_url)
    assert result.exit_code == 1
    assert "both confirmed and rejected" in result.output
    assert api.requests == []


def test_offline_rerun_from_the_cache_alone_gives_the_same_graph(runner, store, tmp_path) -> None:
    with WikibaseApi() as server:
        first = run_link(runner, store, tmp_path, server.api_url)
        api_url = server.api_url
    assert first.exit_code == 0, first.output
    graph, review = stored_links(store), (tmp_path / "review.csv").read_bytes()
    rerun = run_link(runner, store, tmp_path, api_url, "--offline")
    assert rerun.exit_code == 0, rerun.output
    assert "0 API requests" in rerun.output
    assert_same_graph(stored_links(store), graph)
    assert (tmp_path / "review.csv").read_bytes() == review


def test_offline_without_cache_fails_and_keeps_the_old_links(runner, store, api, tmp_path) -> None:
    run_link(runner, store, tmp_path / "online", api.api_url)
    before = stored_links(store)
    result = run_link(runner, store, tmp_path / "offline", api.api_url, "--offline")
    assert result.exit_code == 1
    assert "nothing written" in result.output and "not in cache while offline" in result.output
    assert_same_graph(stored_links(store), before)


def test_api_error_fails_the_run_and_writes_nothing(runner, store, api, tmp_path) -> None:
    run_link(runner, store, tmp_path / "good", api.api_url)
    before = stored_links(store)
    api.broken = True
    result = run_link(runner, store, tmp_path / "broken", api.api_url)
    assert result.exit_code == 1
    assert "database is read-only" in result.output
    assert_same_graph(stored_links(store), before)


def test_unknown_kind_is_a_usage_error(runner, store, api, tmp_path) -> None:
    result = run_link(runner, store, tmp_path, api.api_url, "--types", "member,party")
    assert result.exit_code == 2
    assert "party" in result.output


def test_requests_are_spaced_by_the_interval(api, tmp_path) -> None:
    waits: list[float] = []
    client = WikidataApi(api.api_url, tmp_path, interval=30.0, sleep=waits.append)
    client.search("CHAN Siu-ming", "en", 5)
    client.search("立法會", "zh", 5)
    client.close()
    assert len(waits) == 1 and 29.0 < waits[0] <= 30.0


def test_two_qualifying_candidates_are_ambiguous_and_both_reviewed() -> None:
    config = load_config()
    entity = OurEntity(ID + "member/name/x", "member", "X", (("en", "X"),))
    good = [Scored(q, q, 1.0, True, True, ("name 1.00",), 1, "") for q in ("Q2", "Q1")]
    decision = decide(entity, good, config, set())
    assert decision.accepted is None
    assert [s.qid for s in decision.review] == ["Q1", "Q2"]
    assert all("ambiguous: 2 candidates qualify" in s.reasons for s in decision.review)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Dr Hon WONG Tai-man, JP", "WONG Tai-man"),
        ("Ir Dr Hon LO Wai-kwok, SBS, MH, JP", "LO Wai-kwok"),
        ("Hon Andrew LEUNG Kwan-yuen, GBM, GBS, JP (President)", "Andrew LEUNG Kwan-yuen"),
        ("梁君彥議員 (主席)", "梁君彥"),
        ("黃大文議員", "黃大文"),
    ],
)
def test_person_name_drops_titles_and_post_nominals(written: str, name: str) -> None:
    assert person_name(written) == name


def test_names_match_across_scripts_case_and_word_order() -> None:
    assert similarity("黃大文", "黄大文") == 1.0
    assert similarity("WONG Tai-man", "Wong Tai Man") == 1.0
    assert similarity("Andrew Leung Kwan-yuen", "LEUNG Kwan-yuen Andrew") == 0.95
    assert similarity("Wong Tai-man", "Wong Tai-wan") < 0.95
