"""`harvest` over LegCo's real recorded OData answers (../shared/legco-api-samples)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from harvest_support import ID, LG, RECORDINGS, ODataServer, load_entity_sets, select

from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore

pytestmark = pytest.mark.skipif(
    not RECORDINGS.is_dir(), reason=f"../shared/legco-api-samples not present: {RECORDINGS}"
)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> Iterator[tuple[GraphStore, dict, str]]:
    """A CLI harvest of every database over the recordings, with the report it wrote."""
    from click.testing import CliRunner

    from server.cli import cli

    folder = tmp_path_factory.mktemp("recorded")
    with ODataServer(load_entity_sets(RECORDINGS), page_cap=50) as server:
        result = CliRunner().invoke(
            cli,
            [
                "--store",
                str(folder / "store"),
                "--base-iri",
                DEFAULT_BASE_IRI,
                "harvest",
                "legco",
                "--base-url",
                server.base_url,
                "--cache",
                str(folder / "cache"),
                "--requests-per-hour",
                "0",
                "--page-size",
                "100",
                "--report",
                str(folder / "report.json"),
            ],
        )
    assert result.exit_code == 0, result.output
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    with GraphStore.open(folder / "store", write=False) as store:
        yield store, report, result.output


def test_the_cli_reports_progress_and_a_summary_on_stderr(recorded):
    _, _, output = recorded
    assert "fetched http://127.0.0.1:" in output
    assert "graphs written" in output and "0 failed" in output
    assert "unmatched member name (vrdb votes): 羅冠聰 / Nathan LAW" in output


def test_attendance_of_a_council_meeting_reaches_the_scheduledb_members(recorded):
    store, _, _ = recorded
    found = select(
        store,
        """SELECT ?who ?s WHERE { ?a lg:atMeeting id:meeting\\/council\\/2018-05-23 ;
             lg:attendee ?who ; lg:attendanceStatus ?s . ?who lg:memberId ?id }""",
    )
    assert (ID + "member/209", LG + "Present") in found
    assert len(found) >= 30


def test_the_same_member_votes_and_attends_under_one_iri(recorded):
    store, _, _ = recorded
    voted = select(store, "SELECT DISTINCT ?who WHERE { ?v lg:voter ?who }")
    attended = select(store, "SELECT DISTINCT ?who WHERE { ?a lg:attendee ?who }")
    shared = {who for (who,) in voted & attended}
    assert ID + "member/209" in shared
    names = select(store, "SELECT ?n WHERE { id:member\\/209 rdfs:label ?n }")
    assert names == {("James TO Kun-sun",), ("涂謹申",)}


def test_the_ceqt_and_the_regular_council_meeting_are_two_meetings(recorded):
    store, _, _ = recorded
    found = select(store, "SELECT ?m WHERE { ?m a lg:CouncilMeeting ; dcterms:date ?d }")
    assert {(ID + "meeting/council/2018-05-23",), (ID + "meeting/council/2018-05-23-q",)} <= found


def test_a_recorded_vote_has_sixty_odd_individual_votes(recorded):
    store, _, _ = recorded
    votes = select(
        store,
        "SELECT ?v WHERE { ?v lg:voteEvent id:vote\\/council\\/2018-05-23\\/1 }",
    )
    assert len(votes) == 68


def test_the_report_lists_names_not_in_the_recorded_member_table(recorded):
    _, report, _ = recorded
    unmatched = {(item["source"], item["name"]) for item in report["unmatched"]}
    assert ("HansardDB Speakers", "余若薇 / AUDREY EU") in unmatched
    assert report["matched"]["vrdb votes"] > 100
