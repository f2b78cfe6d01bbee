"""Long-running queries' workers are reused as spares instead of a new process each time."""

from __future__ import annotations

import time

from server.worker_pool import Limits, Pool


def _deadline() -> float:
    return time.monotonic() + 30


def test_a_finished_long_running_worker_takes_the_place_of_the_next_one_to_leave() -> None:
    pool = Pool(Limits(readers=1, heavy=2, heavy_per_client=2, per_client=1))
    try:
        first = pool.acquire("a", _deadline())
        pool.promote(first)  # leaves the pool; a new worker takes its place
        pool.release(first)  # finished cleanly: kept as a spare
        assert first.process.poll() is None
        second = pool.acquire("b", _deadline())
        assert second is not first
        pool.promote(second)  # its place goes to the spare, not to a new process
        third = pool.acquire("c", _deadline())
        assert third is first and not third.heavy and third.client == "c"
    finally:
        pool.close()
    assert first.process.poll() is not None and second.process.poll() is not None


def test_a_long_running_worker_that_must_be_replaced_is_not_kept() -> None:
    pool = Pool(Limits(readers=1, heavy=2, heavy_per_client=2, per_client=1))
    try:
        first = pool.acquire("a", _deadline())
        pool.promote(first)
        pool.replace(first)  # timed out, or its client left: killed, never a spare
        assert first.process.poll() is not None
        second = pool.acquire("b", _deadline())
        pool.promote(second)
        third = pool.acquire("c", _deadline())
        assert third is not first and third.process.poll() is None
    finally:
        pool.close()
