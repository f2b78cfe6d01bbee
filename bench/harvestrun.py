"""The harvest stage: LegCo's OData answers, multiplied, served on 127.0.0.1 and harvested by
`legisgraph harvest legco` end to end; the same quads through `Store.bulk_load`.

The recorded entity sets (../shared/legco-api-samples when present, else tests/data/odata) are
served by the test suite's OData server (tests/harvest_support.py: paging, $filter, $orderby
in LegCo's shape). Each meeting-level record (meetings and their committees, Hansard,
questions, subjects, votes, bills) is copied ``copies`` times with its keys moved past
the recorded ones and its dates moved by the fewest days that give it days of its own, so the
copies are new meetings, votes and bills of the same terms, members and committees.
Attendance is not copied: its recorded rows span years of days, so no small move would give a
copy days of its own.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from bench.loadrun import bulk_load_timed, remove_store
from bench.measure import LEGISGRAPH, run_measured
from loader.paths import ROOT
from loader.store import GraphStore

#: Entity sets whose records are per meeting (or vote, or bill), and so are copied.
COPIED = ("Tmeeting", "Tmeeting_committee", "Hansard", "Questions", "Subjects")
COPIED += ("VotingResults", "vVotingResult", "Vbills")
#: The keys that name a copied record, moved by ``copy * KEY_STEP``.
KEYS = ("slot_id", "meet_id", "HansardID", "RundownID", "id", "internal_key")
KEY_STEP = 10_000_000
#: Sets whose records' IRIs are made from their meeting's day.
DAY_KEYED = ("OpenData/HansardDB/", "ScheduleDB/odata/Tmeeting")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T")
_SUMMARY = re.compile(r"(\d+) graphs written \((\d+) quads\), (\d+) failed")


@dataclass(frozen=True)
class HarvestRun:
    """One harvest of the multiplied sets into an empty store, and its bulk-load baseline."""

    records: int
    graphs: int
    failed: int
    quads: int
    seconds: float
    peak_mb: float
    bulk_seconds: float

    @property
    def bulk_rate(self) -> float:
        """Quads per second through Store.bulk_load."""
        return self.quads / self.bulk_seconds if self.bulk_seconds else 0.0


def _support():
    """The test suite's OData server module (tests/ is not a package)."""
    sys.path.insert(0, str(ROOT / "tests"))
    import harvest_support

    return harvest_support


def multiplied_sets(copies: int) -> dict[str, list[dict]]:
    """The recorded entity sets with every meeting-level record copied ``copies`` times."""
    support = _support()
    folder = support.RECORDINGS if support.RECORDINGS.is_dir() else support.DATA_DIR
    sets = support.load_entity_sets(folder)
    copied = {path: records for path, records in sets.items() if path.rsplit("/", 1)[-1] in COPIED}
    shifts = _shifts(copied, copies)
    for records in copied.values():
        recorded = list(records)
        records.extend(_copy(r, c, shifts[c]) for c in range(1, copies) for r in recorded)
    return sets


def _shifts(sets: dict[str, list[dict]], copies: int) -> list[int]:
    """Per copy, the fewest days its dates move so that none of its meetings, questions or
    attendance records shares a day with a recorded one or another copy's (their IRIs are
    their meeting's day)."""
    days = {
        dt.date.fromisoformat(value[:10])
        for path, records in sets.items()
        if path.startswith(DAY_KEYED)
        for record in records
        for value in record.values()
        if isinstance(value, str) and _ISO.match(value)
    }
    taken, shifts, shift = set(days), [0], 0
    while len(shifts) < copies:
        shift += 1
        moved = {day + dt.timedelta(days=shift) for day in days}
        if not moved & taken:
            taken |= moved
            shifts.append(shift)
    return shifts


def _copy(record: dict, copy: int, shift: int) -> dict:
    moved = dict(record)
    for key, value in record.items():
        if key in KEYS and value is not None:
            number = int(str(value).strip()) + copy * KEY_STEP
            moved[key] = number if isinstance(value, int) else str(number)
        elif isinstance(value, str) and _ISO.match(value):
            day = dt.datetime.fromisoformat(value) + dt.timedelta(days=shift)
            moved[key] = day.isoformat()
    return moved


def harvest_stage(workdir: Path, copies: int) -> HarvestRun:
    """Serve the multiplied sets, harvest them into an empty store, bulk-load the result."""
    support = _support()
    sets = multiplied_sets(copies)
    store = workdir / "harvested.store"
    remove_store(store)
    with support.ODataServer(sets) as server, tempfile.TemporaryDirectory() as cache:
        command = [LEGISGRAPH, "--store", str(store), "harvest", "legco"]
        command += ["--base-url", server.base_url, "--cache", cache, "--requests-per-hour", "0"]
        ran = run_measured(command)
    found = _SUMMARY.search(ran.stderr + ran.stdout)
    if found is None:
        raise RuntimeError(f"legisgraph harvest gave no summary: {ran.stderr[-500:]}")
    graphs, quads, failed = (int(v) for v in found.groups())
    nquads = workdir / "harvested.nq"
    with GraphStore.open(store, write=False) as source, nquads.open("wb") as stream:
        source.raw.dump(stream, ox.RdfFormat.N_QUADS)
    stored, bulk_seconds = bulk_load_timed(nquads, workdir / "harvested-bulk.store")
    records = sum(len(records) for records in sets.values())
    return HarvestRun(records, graphs, failed, stored, ran.seconds, ran.peak_mb, bulk_seconds)
