"""One sync: discover, then for each document fetch (politely) and load; report everything."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from loader.harvest.odata import ODataClient
from loader.member_links import relink_after_load
from loader.pipeline import FAILED, LOADED, UNCHANGED, LoadOptions, Target, load_source
from loader.search_index import update_after_load
from loader.sync import fetch as fetching
from loader.sync.discover import Planned, discover, linked_documents
from loader.sync.fetch import PoliteFetcher
from loader.sync.scope import SyncScope
from loader.sync.state import SyncState

MISSING, PLANNED, SCANNED = "missing", "planned", "scanned"
#: The order statuses are reported in.
STATUSES = (LOADED, UNCHANGED, SCANNED, MISSING, FAILED, PLANNED)


@dataclass(frozen=True)
class SyncOptions:
    """How to sync: where IRIs live, the shared cache, offline, dry run, validation."""

    base_iri: str
    cache_dir: Path
    offline: bool = False
    dry_run: bool = False
    validate: bool = True


@dataclass(frozen=True)
class SyncResult:
    """What happened to one document; ``resumed`` when an interrupted run had done it."""

    planned: Planned
    status: str
    reason: str = ""
    graph: str | None = None
    resumed: bool = False


@dataclass
class SyncReport:
    """Everything a sync found and did, for the final report and the exit status."""

    results: list[SyncResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    requests: int = 0

    def count(self, status: str) -> int:
        """How many documents ended with ``status``."""
        return sum(1 for result in self.results if result.status == status)

    @property
    def ok(self) -> bool:
        """True when every document found was loaded (or was already, unchanged)."""
        return all(r.status in (LOADED, UNCHANGED, SCANNED, PLANNED) for r in self.results)

    def summary(self) -> str:
        """One line: found, then each status with its count, and the requests sent."""
        counts = Counter(result.status for result in self.results)
        parts = [f"{len(self.results)} found"]
        parts += [f"{counts[status]} {status}" for status in STATUSES if counts[status]]
        resumed = sum(1 for result in self.results if result.resumed)
        if resumed:
            parts.append(f"{resumed} done before the interruption")
        return ", ".join(parts) + f"; {self.requests} requests sent"


def sync(
    target: Target | None,
    client: ODataClient,
    fetcher: PoliteFetcher,
    scope: SyncScope,
    options: SyncOptions,
    on_event: Callable[[str, SyncResult | None, int, int], None] = lambda *args: None,
) -> SyncReport:
    """Discover the scope's documents, then fetch and load each; one failure never stops it.

    ``on_event(what, result, done, total)`` is told of discovery (``"found"``) and of each
    document (``"done"``); ``target`` may be None for a dry run, which fetches no document.
    """
    found = discover(client, scope)
    report = SyncReport(notes=list(found.notes))
    queue = list(found.planned)
    on_event("found", None, 0, len(queue))
    if options.dry_run:
        report.results = [SyncResult(item, PLANNED) for item in queue]
        report.requests = client.requests_sent
        return report
    if target is None:
        raise ValueError("a sync that is not a dry run needs a target to load into")
    state = SyncState(options.cache_dir, scope.key())
    state.begin()
    load_options = LoadOptions(
        base_iri=options.base_iri,
        cache_dir=options.cache_dir,
        offline=True,
        validate=options.validate,
    )
    seen = {item.url for item in queue}
    index = 0
    while index < len(queue):
        item = queue[index]
        index += 1
        result = _one(target, fetcher, state, item, load_options)
        report.results.append(result)
        state.record(item.url, result.status, result.reason)
        for linked in _links(fetcher, item, result, scope):
            if linked.url not in seen:
                seen.add(linked.url)
                queue.append(linked)
        on_event("done", result, index, len(queue))
    state.finish()
    loaded = [r.graph for r in report.results if r.status == LOADED and r.graph]
    report.notes += relink_after_load(target, options.base_iri, loaded)
    problem = update_after_load(target, loaded)
    if problem is not None:
        report.notes.append(problem)
    report.requests = client.requests_sent + fetcher.requests_sent
    return report


def _one(target: Target, fetcher: PoliteFetcher, state: SyncState, item: Planned, options):
    """Fetch and load one document, or take its outcome from the interrupted run."""
    if item.url in state.done:
        status, reason = state.done[item.url]
        return SyncResult(item, status, reason, resumed=True)
    fetched = fetcher.fetch(item.url)
    if fetched.status == fetching.MISSING:
        return SyncResult(item, MISSING, fetched.reason)
    if fetched.status in (fetching.FORBIDDEN, fetching.FAILED):
        return SyncResult(item, FAILED, fetched.reason)
    if not item.load:
        return SyncResult(item, SCANNED, "read for its links")
    loaded = load_source(target, item.url, options)
    return SyncResult(item, loaded.status, loaded.message, loaded.graph)


def _links(fetcher: PoliteFetcher, item: Planned, result: SyncResult, scope: SyncScope):
    """Papers and releases linked from an agenda that was fetched (or is in the cache)."""
    if item.kind != "agenda" or result.status in (MISSING, FAILED):
        return []
    entry = fetcher.cached(item.url)
    if entry is None:
        return []
    return linked_documents(item, entry.data, item.url, scope)
