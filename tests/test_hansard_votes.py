"""One division, one node: HansardDB's questions put join vrdb's vote events (a voice vote is
said to have had no recorded division), and a Member's vote is keyed by the Member's id, so the
record's and vrdb's votes are the same nodes. Facts read by hand from the recorded answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from queries_support import RECORDINGS, cookbook_store, recorded_store
from rdflib import URIRef

from loader.harvest.voting import member_vote
from loader.ids import Iris
from loader.kinds.common.context import Context
from loader.names import person_name
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore

ID = DEFAULT_BASE_IRI
QUESTIONS_PUT = """
PREFIX lg: <https://w3id.org/legisgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?event ?mark ?result ?note WHERE {
  ?event a lg:VoteEvent ; lg:bookmark ?mark ; lg:atMeeting ?meeting .
  OPTIONAL { ?event lg:voteResult ?result }
  OPTIONAL { ?event dcterms:description ?note }
  FILTER(?meeting = <%smeeting/council/%s>)
}
"""
VOTES = """
PREFIX lg: <https://w3id.org/legisgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?vote ?event ?voter ?label WHERE {
  ?vote a lg:Vote ; lg:voteEvent ?event ; lg:voter ?voter ; rdfs:label ?label .
  FILTER(LANGMATCHES(LANG(?label), "zh"))
}
"""


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    if not RECORDINGS.is_dir():
        pytest.skip(f"../shared/legco-api-samples not present: {RECORDINGS}")
    with GraphStore.open(recorded_store(tmp_path_factory.mktemp("recorded")), write=False) as s:
        yield s


def _questions_put(store: GraphStore, meeting: str) -> dict[str, tuple[str, str, str]]:
    rows = store.query(QUESTIONS_PUT % (ID, meeting))
    return {
        row["mark"].value: (
            row["event"].value.removeprefix(ID),
            row["result"].value.rsplit("#", 1)[-1] if row["result"] else "",
            row["note"].value if row["note"] else "",
        )
        for row in rows
    }


def test_a_hansarddb_division_is_vrdbs_vote_event(recorded: GraphStore) -> None:
    # VotingResults (introduction-5): "Not forgetting the 4 June incident", Negatived, bookmark
    # EV_VOTED_00349; vrdb (introduction-6): vote 1 of 2018-05-23, the same motion, Negatived.
    found = _questions_put(recorded, "2018-05-23")
    assert found["EV_VOTED_00349"][:2] == ("vote/council/2018-05-23/1", "Negatived")
    events = {event for event, _result, _note in found.values()}
    assert len(events) == len(found) == 3


def test_a_question_without_a_vrdb_division_is_a_voice_vote(recorded: GraphStore) -> None:
    # The two other questions put on 2018-05-23 (EV_VOTED_00264, 00304) were Passed; vrdb has
    # no division for them, so they keep the Hansard's key and say so.
    found = _questions_put(recorded, "2018-05-23")
    for mark in ("EV_VOTED_00264", "EV_VOTED_00304"):
        event, result, note = found[mark]
        assert event == f"vote/council/2018-05-23/hansard/{mark}"
        assert result == "Passed"
        assert "without a recorded division" in note


def test_the_fixture_rows_question_is_vrdbs_first_division(tmp_path_factory) -> None:
    with GraphStore.open(cookbook_store(tmp_path_factory.mktemp("cookbook")), write=False) as s:
        found = _questions_put(s, "2018-05-23")
    assert found == {"EV_VOTED_00349": ("vote/council/2018-05-23/1", "Negatived", "")}


def test_every_recorded_vrdb_vote_has_the_key_the_hansard_kind_gives_it(
    recorded: GraphStore,
) -> None:
    # The kind names a voter as the record prints the Chinese name; vrdb's zh label starts with
    # name_ch. Every one of vrdb's votes must be the node the record would write.
    ctx = Context(Iris(DEFAULT_BASE_IRI), "zh-Hant", "")
    rows = list(recorded.query(VOTES))
    assert len(rows) >= 225
    for row in rows:
        printed = row["label"].value.split("：", 1)[0]
        member = ctx.member_iri(person_name(printed))
        assert str(member) == row["voter"].value, printed
        assert str(member_vote(URIRef(row["event"].value), member)) == row["vote"].value
