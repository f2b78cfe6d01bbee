"""`legisgraph query --name NAME --param key=value` runs a library query; --list shows them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from queries_support import cookbook_store

from loader.canned import load_library
from server.cli import cli


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cookbook's test data."""
    return cookbook_store(tmp_path_factory.mktemp("cookbook"))


def _run(runner, store: Path, *args: str):
    return runner.invoke(cli, ["--store", str(store), "query", *args])


def test_list_shows_every_query_with_its_parameters(runner, store: Path) -> None:
    result = _run(runner, store, "--list")
    assert result.exit_code == 0, result.output
    for canned in load_library().values():
        assert f"{canned.name}: {canned.title['en']} / {canned.title['zh-Hant']}" in result.output
    assert "--param on=VALUE (date; default '2025-01-01')" in result.output


def test_name_runs_the_query_with_its_defaults(runner, store: Path) -> None:
    result = _run(runner, store, "--name", "measures-past-due", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [row["targetDate"] for row in rows] == ["2024-06", "2024-08-01", "2024-12"]
    assert {row["on"] for row in rows} == {"2025-01-01"}


def test_param_sets_a_parameter(runner, store: Path) -> None:
    result = _run(runner, store, "--name", "measures-past-due", "--param", "on=2024-07-01")
    assert result.exit_code == 0, result.output
    assert "para/4/measure/a" in result.output and "(1 row)" in result.output


def test_param_values_may_hold_equals_signs_and_quotes(runner, store: Path) -> None:
    result = _run(runner, store, "--name", "concerns-on-topic", "--param", 'topic=a="}#')
    assert result.exit_code == 0, result.output
    assert "(0 rows)" in result.output


def test_construct_query_prints_turtle(runner, store: Path) -> None:
    result = _run(runner, store, "--name", "meeting-agenda-graph")
    assert result.exit_code == 0, result.output
    assert "<https://w3id.org/legisgraph/id/paper/CB4-120-2024-04>" in result.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--name", "no-such-query"], "no query named 'no-such-query'"),
        (["--name", "measures-past-due", "--param", "colour=red"], "no parameter colour"),
        (["--name", "measures-past-due", "--param", "on=soon"], "not a date"),
        (["--name", "measures-past-due", "--param", "on"], "is not KEY=VALUE"),
        (["--param", "on=2024-01-01", "SELECT * {}"], "--param needs --name"),
        (["--name", "measures-past-due", "SELECT * {}"], "not both"),
    ],
)
def test_mistakes_are_usage_errors(runner, store: Path, args: list[str], words: str) -> None:
    result = _run(runner, store, *args)
    assert result.exit_code == 2
    assert words in result.output


def test_misspelt_query_form_names_the_query_forms(runner, store: Path) -> None:
    result = _run(runner, store, "SELEC * WHERE { ?s ?p ?o }")
    assert result.exit_code == 1
    assert "SELECT, ASK, CONSTRUCT or DESCRIBE" in result.output
    assert "'SELEC'" in result.output
    assert "expected CONSTRUCT" not in result.output


def test_select_star_csv_columns_follow_the_order_the_query_names_them(runner, store: Path) -> None:
    result = _run(runner, store, "--format", "csv", "SELECT * { GRAPH ?g { ?s ?p ?o } } LIMIT 1")
    assert result.exit_code == 0, result.output
    assert next(csv.reader(io.StringIO(result.output))) == ["g", "s", "p", "o"]
