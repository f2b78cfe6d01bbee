"""The harvest-dependent cookbook queries over a harvest of LegCo's real recorded answers.

The facts checked were read by hand from the recordings in ../shared/legco-api-samples.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from queries_support import RECORDINGS, cell, recorded_store

from loader.canned import load_library
from loader.store import GraphStore

pytestmark = pytest.mark.skipif(
    not RECORDINGS.is_dir(), reason=f"../shared/legco-api-samples not present: {RECORDINGS}"
)
LIBRARY = load_library()
EDDIE_CHU = "id:member/910"
JAMES_TO = "id:member/209"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """A harvest of every database over the recordings, open for reading."""
    with GraphStore.open(
        recorded_store(tmp_path_factory.mktemp("recorded")), write=False
    ) as opened:
        yield opened


def _rows(store: GraphStore, query: str, columns: list[str], **parameters: str) -> list[list[str]]:
    result = store.query(LIBRARY[query].bind(parameters))
    return [[cell(row[column]) for column in columns] for row in result]


def test_attendance_rate_counts_a_members_recorded_absences(store: GraphStore) -> None:
    # AttendanceDB (attn-2) lists CHU Hoi-dick absent from four meetings of the Subcommittee on
    # Issues Relating to Bazaars (committee 2704: 2017-04-20, 06-13, 10-13, 10-24), all four in
    # ScheduleDB; and absent from the Chief Executive's Question Time of 2018-05-23 (meet_id
    # 129529) while present at that day's regular Council meeting (126590, introduction-8).
    # His other Council absences are at meetings the recorded ScheduleDB does not hold.
    rows = _rows(
        store,
        "attendance-rate",
        ["committee", "member", "meetings", "attended", "ratePercent"],
        termNumber="6",
    )
    chu = [row for row in rows if row[1] == EDDIE_CHU]
    assert chu == [
        ["id:committee/2016-17/hs02", EDDIE_CHU, "4", "0", "0"],
        ["id:committee/council", EDDIE_CHU, "2", "1", "50"],
    ]
    assert ["id:committee/council", JAMES_TO, "1", "1", "100"] in rows


def test_committee_members_lists_the_deputy_chairman_first(store: GraphStore) -> None:
    # Tmembership of committee 2704 (HS/2/16): 41 posts, one of them Deputy Chairman: KWOK Ka-ki
    # (member 254) from 2016-12-06 to 2017-09-26.
    rows = _rows(
        store,
        "committee-members",
        ["termNumber", "member", "role", "start", "end"],
        committee="hs02",
    )
    assert len(rows) == 41
    assert rows[0] == ["6", "id:member/254", "lg:DeputyChairman", "2016-12-06", "2017-09-26"]


def test_member_votes_finds_each_vote_of_the_member(store: GraphStore) -> None:
    # vrdb: James TO voted Yes on vote 7 of 2016-11-16 (Passed) and vote 1 of 2018-05-23
    # (Negatived).
    rows = _rows(
        store, "member-votes", ["member", "date", "voteEvent", "option", "result"], name="James TO"
    )
    assert rows == [
        [JAMES_TO, "2016-11-16", "id:vote/council/2016-11-16/7", "lg:VoteYes", "lg:Passed"],
        [JAMES_TO, "2018-05-23", "id:vote/council/2018-05-23/1", "lg:VoteYes", "lg:Negatived"],
    ]


def test_split_votes_are_those_where_the_groups_disagreed(store: GraphStore) -> None:
    # The vrdb recordings hold 59 votes; in 16 the geographical and functional results differ.
    # Vote 1 of 2018-05-23: GC 15 yes, 12 no, 1 abstain, Passed; FC 9, 15, 5, Negatived.
    columns = ["voteEvent", "group", "yes", "no", "abstain", "groupResult", "result"]
    rows = _rows(store, "split-votes", columns)
    assert len({row[0] for row in rows}) == 16
    vote = "id:vote/council/2018-05-23/1"
    assert [row for row in rows if row[0] == vote] == [
        [vote, "lg:FunctionalConstituencies", "9", "15", "5", "lg:Negatived", "lg:Negatived"],
        [vote, "lg:GeographicalConstituencies", "15", "12", "1", "lg:Passed", "lg:Negatived"],
    ]
