"""Complete query results kept in memory, keyed by the store's generation: repeats cost nothing.

A key is the whole query job (text, form, negotiated serialisation, union default graph,
protocol dataset, base IRI) and the executor's ``current_snapshot()`` token, which changes with
every write, so a write makes every earlier entry unreachable (they age out of the LRU). Only a
result sent to the end without error is kept, and only up to ``entry_bytes``; failures, time-outs
and results cut short never are. A remote engine's token follows writes by other processes only
within its polling interval, so there entries also expire after ``max_age`` seconds.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, replace

from server.jobs import QueryJob

#: Bytes counted for an entry besides its body and query text (key tuple, dict slot, objects).
ENTRY_OVERHEAD = 512
#: A query whose answer does not depend on the store alone is never cached: SERVICE calls other
#: endpoints, and these functions give a new value on every evaluation.
UNCACHEABLE = re.compile(r"\bSERVICE\b|\b(?:RAND|NOW|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """A kept result: its media type and its whole body."""

    media_type: str
    body: bytes
    stored_at: float


class ResultCache:
    """A byte-bounded LRU of complete results (``max_bytes`` 0: nothing is kept)."""

    def __init__(
        self, max_bytes: int, *, entry_bytes: int | None = None, max_age: float | None = None
    ) -> None:
        self.max_bytes = max_bytes
        self.entry_bytes = max_bytes // 8 if entry_bytes is None else entry_bytes
        self.max_age = max_age
        self.used = 0
        self._entries: OrderedDict[Hashable, Entry] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        """Whether anything can be kept."""
        return self.max_bytes > 0 and self.entry_bytes > 0

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def key(job: QueryJob, generation: str) -> Hashable | None:
        """The cache key of ``job`` on the store state ``generation``; None if not cacheable.

        The byte limit is not part of it: a kept result is served only within the caller's.
        """
        if UNCACHEABLE.search(job.text):
            return None
        return (generation, replace(job, max_bytes=None, snapshot=""))

    def get(self, key: Hashable, max_bytes: int | None = None) -> Entry | None:
        """The entry for ``key`` if kept, fresh and within ``max_bytes``; marks it recently used."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if self.max_age is not None and time.monotonic() - entry.stored_at > self.max_age:
                self._drop(key)
                return None
            if max_bytes is not None and len(entry.body) > max_bytes:
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: Hashable, media_type: str, body: bytes) -> None:
        """Keep a complete result, evicting the least recently used past the byte bound."""
        size = _size(key, body)
        if not self.enabled or len(body) > self.entry_bytes or size > self.max_bytes:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = Entry(media_type, body, time.monotonic())
            self.used += size
            while self.used > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()
            self.used = 0

    def _drop(self, key: Hashable) -> None:
        entry = self._entries.pop(key)
        self.used -= _size(key, entry.body)


def _size(key: Hashable, body: bytes) -> int:
    """Bytes an entry is counted as: its body, its query text and a fixed overhead."""
    job = key[1] if isinstance(key, tuple) else None
    text = len(job.text.encode("utf-8")) if isinstance(job, QueryJob) else 0
    return len(body) + text + ENTRY_OVERHEAD
