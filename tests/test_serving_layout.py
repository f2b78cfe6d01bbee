"""How `legisgraph serve` sizes its web processes and query workers for the machine."""

from __future__ import annotations

import pytest

from server.config import serving_layout


@pytest.mark.parametrize(
    ("cores", "writable", "processes", "expected"),
    [
        (1, False, 0, (1, 2)),
        (2, False, 0, (2, 2)),
        (4, False, 0, (4, 2)),
        (8, False, 0, (8, 2)),
        (16, True, 0, (1, 16)),
        (2, True, 0, (1, 2)),
        (8, False, 2, (2, 4)),
        (8, False, 4, (4, 2)),
        (2, False, 2, (2, 2)),
    ],
)
def test_layout_for_a_machine(cores, writable, processes, expected):
    assert serving_layout(cores, writable=writable, processes=processes) == expected


@pytest.mark.parametrize("cores", range(1, 65))
def test_a_web_process_per_core_and_no_client_can_hold_its_workers_all(cores):
    processes, workers = serving_layout(cores, writable=False)
    assert processes == cores
    assert workers == 2
