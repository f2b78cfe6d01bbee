"""Queries waiting for a query worker get one in arrival order, within their client's share."""

from __future__ import annotations

import threading
import time

from server.worker_pool import Limits, Pool, PoolBusy, Worker


def _deadline(seconds: float = 30) -> float:
    return time.monotonic() + seconds


def _queue(pool: Pool, client: str, served: list[str]) -> threading.Thread:
    """A query of ``client`` that waits for a worker, notes its turn and gives the worker back."""

    def run() -> None:
        worker = pool.acquire(client, _deadline())
        served.append(client)
        pool.release(worker)

    thread = threading.Thread(target=run)
    waiting = len(pool._waiting)
    thread.start()
    while len(pool._waiting) == waiting:  # queued before the next one arrives
        time.sleep(0.005)
    return thread


def test_waiting_queries_are_served_in_arrival_order() -> None:
    pool = Pool(Limits(readers=1))
    served: list[str] = []
    try:
        held = pool.acquire("first", _deadline())
        threads = [_queue(pool, client, served) for client in ("b", "c", "d", "e")]
        pool.release(held)
        for thread in threads:
            thread.join(timeout=30)
        assert served == ["b", "c", "d", "e"]
    finally:
        pool.close()


def test_a_client_at_its_share_does_not_hold_up_the_next_client() -> None:
    pool = Pool(Limits(readers=2))  # a client may hold one of the two workers
    served: list[str] = []
    try:
        first = pool.acquire("a", _deadline())
        waiting_a = _queue(pool, "a", served)  # a's second query waits for its share
        second: list[Worker] = []
        thread_b = threading.Thread(target=lambda: second.append(pool.acquire("b", _deadline())))
        thread_b.start()
        thread_b.join(timeout=30)
        assert second and served == []  # b arrived later but got the free worker
        pool.release(first)
        waiting_a.join(timeout=30)
        assert served == ["a"]
        pool.release(second[0])
    finally:
        pool.close()


def test_a_query_that_waits_past_its_deadline_is_refused_and_the_next_goes_on() -> None:
    pool = Pool(Limits(readers=1))
    served: list[str] = []
    try:
        held = pool.acquire("a", _deadline())
        try:
            pool.acquire("b", _deadline(0.2))
            raise AssertionError("a query waited past its deadline")
        except PoolBusy as busy:
            assert busy.status == 503
        later = _queue(pool, "c", served)
        pool.release(held)
        later.join(timeout=30)
        assert served == ["c"]
    finally:
        pool.close()


def test_closing_the_pool_refuses_the_queries_still_waiting() -> None:
    pool = Pool(Limits(readers=1))
    refused: list[int] = []

    def wait() -> None:
        try:
            pool.acquire("b", _deadline())
        except PoolBusy as busy:
            refused.append(busy.status)

    pool.acquire("a", _deadline())
    thread = threading.Thread(target=wait)
    thread.start()
    while not pool._waiting:
        time.sleep(0.005)
    pool.close()
    thread.join(timeout=5)
    assert refused == [503]
