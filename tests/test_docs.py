"""The README tells the truth: its example queries run on the bundled sample and find rows."""

from __future__ import annotations

import re

import pytest

from loader.paths import ROOT
from loader.store import GraphStore

README_QUERIES = re.findall(r"```sparql\n(.*?)```", (ROOT / "README.md").read_text(), re.S)


def test_readme_has_example_queries() -> None:
    assert len(README_QUERIES) >= 3


@pytest.mark.parametrize("query", README_QUERIES, ids=lambda q: q.splitlines()[0][:60])
def test_readme_query_finds_rows_in_the_sample(sample_store, query: str) -> None:
    with GraphStore.open(sample_store, write=False) as store:
        rows = list(store.query(query))
    assert rows, f"README query returned nothing on the sample:\n{query}"


def test_every_http_path_is_in_the_readme(mini_app) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in mini_app.url_map.iter_rules():
        if (
            rule.endpoint == "static"
            or "<" in rule.rule
            or rule.rule.endswith("/")
            and rule.rule != "/"
        ):
            continue
        assert f"`{rule.rule}`" in readme, f"{rule.rule} is served but not documented in README.md"
