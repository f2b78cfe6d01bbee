"""The OData client against a real local server: paging, LegCo's limits, retries, the cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from harvest_support import (
    DATA_DIR,
    ODataServer,
    fast_client,
    load_entity_sets,
    run_harvest,
    store_graphs,
)
from rdflib.compare import graph_diff, isomorphic

from loader.harvest.odata import ODataClient, RetryPolicy
from loader.sources import SourceError
from loader.store import GraphStore

MEMBERS = "ScheduleDB/odata/Tmember"
ROWS = [{"member_id": n, "surname_eng": f"S{n}"} for n in range(1, 8)]


def fetch_members(client):
    return client.fetch_all(MEMBERS, order_by="member_id", page_size=3)


def ids(pages) -> list[int]:
    return [record["member_id"] for page in pages for record in page.records]


def test_pages_follow_the_count_with_top_and_skip(tmp_path: Path):
    with ODataServer({MEMBERS: ROWS}) as server:
        pages = fetch_members(fast_client(server.base_url, tmp_path))
        skips = [entry.query["$skip"] for entry in server.requests_for(MEMBERS)]
    assert ids(pages) == list(range(1, 8))
    assert skips == ["0", "3", "6"]
    assert [page.count for page in pages] == [7, 7, 7]


def test_a_short_page_does_not_end_the_set_while_the_count_says_more(tmp_path: Path):
    with ODataServer({MEMBERS: ROWS}, page_cap=2) as server:
        pages = fetch_members(fast_client(server.base_url, tmp_path))
        skips = [entry.query["$skip"] for entry in server.requests_for(MEMBERS)]
    assert ids(pages) == list(range(1, 8))
    assert skips == ["0", "2", "4", "6"]


@pytest.mark.parametrize("reply", [b"", b"{}", b'{"odata.count": "7", "value": []}'])
def test_the_over_limit_reply_is_retried_not_taken_for_the_end(tmp_path: Path, reply: bytes):
    waits: list[float] = []
    with ODataServer({MEMBERS: ROWS}) as server:
        fetch_members(fast_client(server.base_url, tmp_path, waits))
        server.over_limit(MEMBERS, times=2, body=reply)
        pages = fetch_members(fast_client(server.base_url, tmp_path / "fresh", waits))
    assert ids(pages) == list(range(1, 8))
    assert waits == [1.0, 2.0]


def test_an_empty_page_where_the_count_promises_rows_is_retried(tmp_path: Path):
    waits: list[float] = []
    with ODataServer({MEMBERS: ROWS}) as server:
        client = fast_client(server.base_url, tmp_path, waits)
        first = client.fetch_all(MEMBERS, order_by="member_id", page_size=3)
        assert ids(first) == list(range(1, 8))
    assert waits == []


def test_503_is_retried_honouring_retry_after_up_to_the_cap(tmp_path: Path):
    waits: list[float] = []
    with ODataServer({MEMBERS: ROWS}) as server:
        server.fail(MEMBERS, times=1, status=503, retry_after="2")
        server.fail(MEMBERS, times=1, status=503, retry_after="3600")
        pages = fetch_members(fast_client(server.base_url, tmp_path, waits))
        statuses = [entry.status for entry in server.requests_for(MEMBERS)]
    assert ids(pages) == list(range(1, 8))
    assert waits == [2.0, 5.0]
    assert statuses[:3] == [503, 503, 200]


def test_a_page_that_keeps_failing_stops_the_harvest_naming_it(tmp_path: Path):
    with ODataServer({MEMBERS: ROWS}) as server:
        server.fail(MEMBERS, times=5, status=502)
        client = fast_client(server.base_url, tmp_path, retry=RetryPolicy(attempts=3, backoff=0))
        with pytest.raises(SourceError, match=r"Tmember\?.*HTTP 502 after 3 tries"):
            fetch_members(client)


def test_a_client_error_is_not_retried(tmp_path: Path):
    with ODataServer({}) as server:
        with pytest.raises(SourceError, match="HTTP 404"):
            fetch_members(fast_client(server.base_url, tmp_path))
        assert len(server.log) == 1


def test_the_request_budget_spaces_requests(tmp_path: Path):
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    with ODataServer({MEMBERS: ROWS}) as server:
        client = ODataClient(
            server.base_url, tmp_path, requests_per_hour=1000, sleep=sleep, clock=lambda: now[0]
        )
        fetch_members(client)
    assert waits == pytest.approx([3.6, 3.6])


def test_odata_count_is_read_as_a_string(tmp_path: Path):
    with ODataServer({MEMBERS: ROWS}) as server:
        (page, *_) = fetch_members(fast_client(server.base_url, tmp_path))
        assert page.count == 7
        assert page.records[0] == {"member_id": 1, "surname_eng": "S1"}


def test_an_interrupted_fetch_resumes_without_fetching_cached_pages(tmp_path: Path):
    with ODataServer({MEMBERS: ROWS}) as server:
        server.fail(MEMBERS, times=1, status=503, after=1)
        once = fast_client(server.base_url, tmp_path, retry=RetryPolicy(attempts=1))
        with pytest.raises(SourceError, match=r"\$skip=3.*HTTP 503"):
            fetch_members(once)
        server.recover()
        again = fast_client(server.base_url, tmp_path)
        pages = fetch_members(again)
        skips = [(entry.query["$skip"], entry.status) for entry in server.requests_for(MEMBERS)]
    assert ids(pages) == list(range(1, 8))
    assert skips == [("0", 200), ("3", 503), ("3", 200), ("6", 200)]
    assert again.requests_sent == 2


def test_refresh_asks_the_server_again(tmp_path: Path):
    with ODataServer({MEMBERS: ROWS}) as server:
        fetch_members(fast_client(server.base_url, tmp_path))
        fetch_members(fast_client(server.base_url, tmp_path, refresh=True))
        assert len(server.requests_for(MEMBERS)) == 6


def test_offline_without_the_page_cached_fails_clearly(tmp_path: Path):
    client = fast_client("http://127.0.0.1:9", tmp_path, offline=True)
    with pytest.raises(SourceError, match="not in cache while offline"):
        fetch_members(client)


def test_a_harvest_interrupted_midway_resumes_and_offline_rebuilds_the_same_graphs(
    tmp_path: Path,
):
    cache = tmp_path / "cache"
    questions = "OpenData/HansardDB/Questions"
    with ODataServer(load_entity_sets(DATA_DIR)) as server:
        base_url = server.base_url
        server.fail(questions, times=10)
        broken = fast_client(server.base_url, cache, retry=RetryPolicy(attempts=2, backoff=0))
        with GraphStore.open(tmp_path / "broken", write=True) as store:
            with pytest.raises(SourceError, match="Questions"):
                run_harvest(store, broken)
            assert store.named_graphs() == [], "nothing is loaded from a harvest that failed"
        good_before = {
            (e.path, tuple(sorted(e.query.items()))) for e in server.log if e.status == 200
        }
        server.recover()
        first_resumed = len(server.log)
        with GraphStore.open(tmp_path / "online", write=True) as store:
            assert run_harvest(store, fast_client(server.base_url, cache)).ok
            online = store_graphs(store)
        resumed = server.log[first_resumed:]
    assert resumed[0].path == questions
    assert not any((e.path, tuple(sorted(e.query.items()))) in good_before for e in resumed)
    with GraphStore.open(tmp_path / "offline", write=True) as store:
        assert run_harvest(store, fast_client(base_url, cache, offline=True)).ok
        offline = store_graphs(store)
    assert sorted(online) == sorted(offline) and online
    for name, graph in online.items():
        if not isomorphic(graph, offline[name]):
            _, only_online, only_offline = graph_diff(graph, offline[name])
            pytest.fail(
                f"{name}: online only {sorted(only_online)[:3]}, offline {sorted(only_offline)[:3]}"
            )
