"""Page times of the pictures (issue 25): each page with charts, fetched through the app.

Budget: every page with pictures answers in under 1 second (median of the runs) on `make run`'s
default store, and in under 2 seconds on a larger generated store (bench.scale's corpus). A
report, never a test assertion::

    python -m bench.pages --store var/store --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import time

from server import create_app

#: Pages with pictures, and the per-page budget in seconds.
PAGES = ("/", "/measures", "/id/member/187", "/id/committee/council", "/search?q=water")
BUDGET_SECONDS = 1.0


def measure(store: str, runs: int, pages: tuple[str, ...] = PAGES) -> dict[str, float]:
    """Median seconds per page over ``runs`` fetches (after one warm-up fetch each)."""
    app = create_app({"STORE": store, "QUERY_WORKERS": 2, "QUERY_TIMEOUT": 60})
    client = app.test_client()
    medians = {}
    try:
        for path in pages:
            client.get(path)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                status = client.get(path).status_code
                times.append(time.perf_counter() - start)
                if status != 200:
                    raise SystemExit(f"{path}: HTTP {status}")
            medians[path] = statistics.median(times)
    finally:
        app.extensions["legisgraph.store"].close()
    return medians


def main() -> None:
    """Print each page's median time against the budget."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=BUDGET_SECONDS)
    parser.add_argument("pages", nargs="*", default=list(PAGES))
    args = parser.parse_args()
    for path, seconds in measure(args.store, args.runs, tuple(args.pages)).items():
        verdict = "met" if seconds <= args.budget else "NOT met"
        print(f"{path:40} {seconds:7.3f} s  (budget {args.budget:.1f} s: {verdict})")


if __name__ == "__main__":
    main()
