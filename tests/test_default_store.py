"""`make run`'s default store: the bundled sample plus the bundled open-data snapshot, built
by the very commands the Makefile's `run` target runs (all but `serve`), with no network."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from loader.paths import ROOT
from loader.store import GraphStore
from server.cli import cli

LG = "https://w3id.org/legisgraph/ontology#"


def run_recipe() -> list[list[str]]:
    """The `legisgraph` commands of the Makefile's `run` target, without `serve`."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert recipe is not None, "the Makefile has no run target"
    commands = []
    for line in recipe.group(1).splitlines():
        words = shlex.split(line.strip())
        if words and words[0] == "$(BIN)/legisgraph" and "serve" not in words:
            commands.append(words[1:])
    return commands


@pytest.fixture(scope="module")
def default_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built as `make run` builds it, in a fresh folder."""
    store = tmp_path_factory.mktemp("default") / "store"
    runner = CliRunner()
    commands = run_recipe()
    assert any("snapshot" in words for words in commands)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        for words in commands:
            args = [str(store) if word == "$(STORE)" else word for word in words]
            result = runner.invoke(cli, args)
            assert result.exit_code == 0, (args, result.output)
    return store


def test_members_have_names_in_english_and_chinese(default_store):
    query = f"""PREFIX lg: <{LG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{
      ?m a lg:Member ; rdfs:label ?en, ?zh .
      FILTER (langMatches(lang(?en), "en") && langMatches(lang(?zh), "zh"))
    }}"""
    with GraphStore.open(default_store, write=False) as store:
        (row,) = store.query(query)
    assert int(row[0].value) >= 60


def test_the_members_page_lists_the_open_data_members(default_store, app_factory):
    client = app_factory(default_store).test_client()
    answer = client.get("/members.json?per_page=10")
    assert answer.status_code == 200
    assert answer.get_json()["total"] >= 60
    for lang, script in (
        ("en", re.compile(r"^[A-Za-z]")),
        ("zh-Hant", re.compile(r"[\u4e00-\u9fff]")),
    ):
        items = client.get(f"/members.json?per_page=100&lang={lang}").get_json()["items"]
        named = [item for item in items if script.search(item["item_label"])]
        assert len(named) >= 60, lang


def test_council_questions_have_askers(default_store, app_factory):
    client = app_factory(default_store).test_client()
    items = client.get("/questions.json?per_page=100").get_json()["items"]
    asked = [item for item in items if item["asker"]]
    assert len(asked) >= 60
    assert all(item["asker"].startswith("https://w3id.org/legisgraph/id/member/") for item in asked)


def test_loading_the_snapshot_again_changes_nothing(default_store):
    result = CliRunner().invoke(
        cli,
        [
            "--store",
            str(default_store),
            "sync",
            "snapshot",
            str(ROOT / "samples" / "legco-open-data.nq.gz"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "0 graphs written" in result.output and "16 unchanged" in result.output
