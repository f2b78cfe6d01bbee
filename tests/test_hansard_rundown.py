"""HansardDB's Rundown in the harvest: each speech segment is the lg:Speech the hansard kind
writes for the same bookmark, so a sitting read from its record and from the harvest gives one
node per speech (the harvest's English text beside the record's Chinese)."""

from __future__ import annotations

from pathlib import Path

import pytest
from queries_support import ODATA_DIR, harvest_into

from loader.pipeline import LoadOptions, load_sources
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore

RECORD = (
    Path(__file__).resolve().parents[2] / "shared" / "legco-docs" / "hansard-2018-01-10-zh.json"
)
SPEECHES = """
PREFIX lg: <https://w3id.org/legisgraph/ontology#>
SELECT ?speech ?meeting (GROUP_CONCAT(DISTINCT LANG(?text); separator=" ") AS ?languages)
WHERE { ?speech a lg:Speech ; lg:spokenAt ?meeting ; lg:text ?text ; lg:bookmark ?mark }
GROUP BY ?speech ?meeting
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    if not RECORD.exists():
        pytest.skip("../shared/legco-docs/hansard-2018-01-10-zh.json not present")
    folder = tmp_path_factory.mktemp("rundown")
    with GraphStore.open(folder / "store", write=True) as opened:
        harvest_into(opened, ODATA_DIR, folder / "cache")
        report = load_sources(opened, [str(RECORD)], LoadOptions(base_iri=DEFAULT_BASE_IRI))
        assert report.ok, report.results
        yield opened


def test_a_rundown_speech_and_the_records_speech_are_one_node(store: GraphStore) -> None:
    rows = {row["speech"].value: row for row in store.query(SPEECHES)}
    meeting = f"{DEFAULT_BASE_IRI}meeting/council/2018-01-10"
    for n in (6, 11):
        row = rows[f"{meeting}/speech/{n}"]
        assert row["meeting"].value == meeting
        assert set(row["languages"].value.split()) == {"en", "zh-hant"}


def test_rundown_events_and_headings_are_not_speeches(store: GraphStore) -> None:
    ask = f"ASK {{ <{DEFAULT_BASE_IRI}meeting/council/2018-01-10/speech/8> ?p ?o }}"
    assert not store.query(ask)


def test_the_presidents_rundown_speech_names_the_member_presiding(store: GraphStore) -> None:
    query = f"""PREFIX lg: <https://w3id.org/legisgraph/ontology#>
    SELECT DISTINCT ?who WHERE {{
      <{DEFAULT_BASE_IRI}meeting/council/2018-01-10/speech/6> lg:speaker ?who }}"""
    assert [row["who"].value for row in store.query(query)] == [f"{DEFAULT_BASE_IRI}member/260"]
