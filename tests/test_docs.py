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
