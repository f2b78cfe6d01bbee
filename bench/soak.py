"""The long soak of the reliability tests: fuzzing, kill -9 rounds and concurrency, on repeat.

``python -m bench.soak --minutes 60`` runs the fuzz, fault and concurrency tests (issue 14) again
and again until the time is up, each round with new random examples (LEGISGRAPH_FUZZ_RANDOM=1)
and ``--scale`` times the CI counts (LEGISGRAPH_FUZZ_SCALE): more requests, more mutated
documents, more kill -9 rounds, more versions loaded under query. Each round prints the tests'
figures; the summary line counts rounds and failed rounds. Exit status 1 if any round failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The tests the soak repeats: the ones whose counts LEGISGRAPH_FUZZ_SCALE multiplies.
SOAK_TESTS = [
    "tests/test_fuzz_http.py",
    "tests/test_fuzz_loaders.py",
    "tests/test_faults.py",
    "tests/test_concurrency.py",
]


def run_round(scale: float, number: int) -> bool:
    """One pytest run of the soak tests at ``scale``; True when it passed."""
    env = {**os.environ, "LEGISGRAPH_FUZZ_SCALE": str(scale), "LEGISGRAPH_FUZZ_RANDOM": "1"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SOAK_TESTS]
    print(f"--- soak round {number} (scale {scale:g}) ---", flush=True)
    return subprocess.run(command, cwd=ROOT, env=env).returncode == 0


def main(argv: list[str] | None = None) -> int:
    """Repeat rounds until ``--minutes`` have passed (at least one round); print a summary."""
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__)
    parser.add_argument("--minutes", type=float, default=30, help="How long to keep going.")
    parser.add_argument("--scale", type=float, default=5, help="Multiplier of the CI counts.")
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.minutes * 60
    rounds = failed = 0
    while rounds == 0 or time.monotonic() < deadline:
        rounds += 1
        failed += not run_round(args.scale, rounds)
    print(
        f"soak: {rounds} rounds, {failed} failed ({args.minutes:g} minutes, scale {args.scale:g})"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
