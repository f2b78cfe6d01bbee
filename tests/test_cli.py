"""The `legisgraph` command: every command documented, queries printed, store conflicts refused."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from loader.paths import ROOT
from loader.store import GraphStore
from server.cli import cli

COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
LABELS_QUERY = (
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?label WHERE { <https://w3id.org/legisgraph/id/meeting/panel/ea/2025-05-12> "
    "rdfs:label ?label } ORDER BY ?label"
)


def _run(runner, store: Path, *args: str, **kwargs):
    return runner.invoke(cli, ["--store", str(store), *args], catch_exceptions=False, **kwargs)


def test_help_lists_every_command(runner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    for name in cli.commands:
        assert name in result.output


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_readme(runner, name: str) -> None:
    command = cli.commands[name]
    assert command.help and command.help.strip(), f"{name} has no help text"
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"legisgraph {name}" in readme, f"`legisgraph {name}` is not documented in README.md"


def test_version_is_printed(runner) -> None:
    from loader import __version__

    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_query_prints_an_aligned_table(runner, mini_store) -> None:
    result = _run(runner, mini_store, "query", LABELS_QUERY)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "label"
    assert "Panel on Environmental Affairs meeting 2025-05-12@en" in lines
    assert "環境事務委員會會議 2025-05-12@zh-hant" in lines
    assert lines[-1] == "(2 rows)"


def test_query_json_format_is_sparql_results_json(runner, mini_store) -> None:
    result = _run(runner, mini_store, "query", "--format", "json", COUNT_QUERY)
    assert json.loads(result.output)["results"]["bindings"][0]["n"]["value"] == "30"


def test_query_reads_a_file_and_standard_input(runner, mini_store, tmp_path) -> None:
    query_file = tmp_path / "count.rq"
    query_file.write_text(COUNT_QUERY, encoding="utf-8")
    from_file = _run(runner, mini_store, "query", "-f", str(query_file), "--format", "csv")
    from_stdin = _run(runner, mini_store, "query", "-", "--format", "csv", input=COUNT_QUERY)
    assert from_file.output.split() == from_stdin.output.split() == ["n", "30"]


def test_construct_prints_turtle_by_default(runner, mini_store) -> None:
    result = _run(runner, mini_store, "query", "CONSTRUCT WHERE { ?s ?p ?o }")
    assert result.exit_code == 0
    assert "<https://w3id.org/legisgraph/id/paper/CB2-10-2025-01>" in result.output


def test_format_that_does_not_fit_the_result_is_a_user_error(runner, mini_store) -> None:
    result = _run(runner, mini_store, "query", "--format", "turtle", COUNT_QUERY)
    assert result.exit_code == 1
    assert "does not fit a SELECT/ASK result" in result.output


def test_invalid_query_is_a_user_error(runner, mini_store) -> None:
    result = _run(runner, mini_store, "query", "SELECT WHERE {")
    assert result.exit_code == 1
    assert result.output.startswith("Error: invalid query")


def test_info_lists_graphs_and_quads(runner, mini_store) -> None:
    result = _run(runner, mini_store, "info")
    assert "quads: 30" in result.output
    assert "graphs: 2" in result.output
    assert "https://w3id.org/legisgraph/id/graph/paper/CB2-10-2025-01  13 triples" in result.output


@pytest.mark.parametrize(
    "fmt,rdf_format", [("trig", ox.RdfFormat.TRIG), ("nquads", ox.RdfFormat.N_QUADS)]
)
def test_export_writes_the_whole_dataset(runner, mini_store, tmp_path, fmt, rdf_format) -> None:
    output = tmp_path / f"dump.{fmt}"
    result = _run(runner, mini_store, "export", "--format", fmt, "-o", str(output))
    assert result.exit_code == 0, result.output
    quads = list(ox.parse(path=str(output), format=rdf_format))
    assert len(quads) == 30
    assert {q.graph_name.value for q in quads} == {
        "https://w3id.org/legisgraph/id/graph/meeting/panel/ea/2025-05-12/brief/0a1b2c3d",
        "https://w3id.org/legisgraph/id/graph/paper/CB2-10-2025-01",
    }


def test_load_while_another_process_holds_the_store_fails_at_once(runner, tmp_path) -> None:
    store_path = tmp_path / "store"
    holder = GraphStore.open(store_path, write=False)
    try:
        result = _run(runner, store_path, "load", str(ROOT / "samples" / "legco"))
    finally:
        holder.close()
    assert result.exit_code == 1
    assert f"store {store_path} is in use by another process" in result.output
    assert "legisgraph serve" in result.output


@pytest.mark.parametrize("command", [["info"], ["query", "ASK {}"], ["export"]])
def test_reading_a_store_that_does_not_exist_is_a_user_error(runner, tmp_path, command) -> None:
    missing = tmp_path / "typo"
    result = _run(runner, missing, *command)
    assert result.exit_code == 1
    assert f"no store at {missing}" in result.output
    assert not missing.exists()


def test_query_given_twice_is_a_usage_error(runner, mini_store, tmp_path) -> None:
    query_file = tmp_path / "q.rq"
    query_file.write_text("ASK {}", encoding="utf-8")
    result = _run(runner, mini_store, "query", "-f", str(query_file), "ASK {}")
    assert result.exit_code == 2
    assert "not both" in result.output


def test_a_failed_document_is_named_once_on_its_progress_line(runner, tmp_path) -> None:
    result = runner.invoke(cli, ["--store", str(tmp_path / "store"), "load", "nope.txt"])
    assert result.exit_code == 1
    assert "[1/1] failed: nope.txt: not found" in result.output
    assert "nope.txt: nope.txt" not in result.output


@pytest.mark.parametrize(
    "command", [["load"], ["harvest", "legco"], ["sync", "legco"], ["link", "wikidata"]]
)
def test_commands_that_fetch_share_the_cache_options(runner, command) -> None:
    result = runner.invoke(cli, [*command, "--help"])
    assert "--cache DIRECTORY" in result.output and "--offline" in result.output
    assert "var/cache" in result.output  # the paths module's cache folder
