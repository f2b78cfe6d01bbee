"""A polite client for LegCo's OData APIs: paging, a request budget, retries and a page cache.

Every page is one URL (``$top``/``$skip`` with a stable ``$orderby``), kept on disk by the
loader's HTTP cache (``loader.sources``) once it is known to be good. A cached page is used
without asking the server again (so an interrupted harvest resumes where it stopped, and
``offline`` rebuilds from the cache alone) unless ``refresh`` asks to revalidate it.

LegCo's quirks handled here: ``odata.count`` is a string; a page may hold fewer rows than
``$top`` while more remain (the next page starts after the rows received); over the hourly
request limit the server answers an empty reply, which is retried after a wait, never taken
for "no more data"; 429 and 5xx answers are retried honouring Retry-After, capped.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests
from requests.structures import CaseInsensitiveDict

from loader.sources import (
    DEFAULT_TIMEOUT,
    USER_AGENT,
    CacheEntry,
    HttpCache,
    SourceError,
    make_session,
    retry_after,
)

DEFAULT_BASE_URL = "https://app.legco.gov.hk"
#: LegCo asks for about 1,000 requests per hour per address.
DEFAULT_REQUESTS_PER_HOUR = 1000
#: A query that needs more pages than this is refused rather than run without end.
DEFAULT_MAX_PAGES = 2000
RETRY_STATUSES = frozenset({429, *range(500, 600)})

Record = dict[str, Any]


@dataclass(frozen=True)
class RetryPolicy:
    """How often to try one page and how long to wait between tries (seconds)."""

    attempts: int = 6
    backoff: float = 30.0
    max_wait: float = 600.0


@dataclass(frozen=True)
class Page:
    """One page of an entity set: its URL, when the server sent it, its count and records."""

    url: str
    fetched_at: dt.datetime
    count: int | None
    records: tuple[Record, ...]


class _Retryable(Exception):
    """An answer worth asking again for; ``wait`` is the server's Retry-After, if any."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


class ODataClient:
    """Fetch OData entity sets page by page through the on-disk cache."""

    def __init__(
        self,
        base_url: str,
        cache_dir: Path,
        *,
        offline: bool = False,
        refresh: bool = False,
        requests_per_hour: float = DEFAULT_REQUESTS_PER_HOUR,
        retry: RetryPolicy = RetryPolicy(),
        max_pages: int = DEFAULT_MAX_PAGES,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        on_event: Callable[[str], None] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.cache = HttpCache(Path(cache_dir))
        self.offline = offline
        self.refresh = refresh
        self.interval = 3600.0 / requests_per_hour if requests_per_hour > 0 else 0.0
        self.retry = retry
        self.max_pages = max_pages
        self.sleep = sleep
        self.clock = clock
        self.on_event = on_event or (lambda message: None)
        self.requests_sent = 0
        self._next_request = 0.0
        self._session: requests.Session | None = None

    def close(self) -> None:
        """Close the HTTP session, if one was opened."""
        if self._session is not None:
            self._session.close()

    def page_url(self, path: str, *, order_by: str, top: int, skip: int, where: str = "") -> str:
        """The URL of one page; its parameters are always in the same order (the cache key)."""
        params = [("$format", "json"), ("$inlinecount", "allpages")]
        if where:
            params.append(("$filter", where))
        params += [("$orderby", order_by), ("$top", str(top)), ("$skip", str(skip))]
        query = "&".join(f"{name}={quote(value, safe=chr(39) + ',()')}" for name, value in params)
        return f"{self.base_url}/{path.strip('/')}?{query}"

    def fetch_all(self, path: str, *, order_by: str, page_size: int, where: str = "") -> list[Page]:
        """Every page of ``path`` matching ``where``, following ``odata.count``."""
        pages: list[Page] = []
        skip = 0
        while True:
            if len(pages) >= self.max_pages:
                raise SourceError(path, f"more than {self.max_pages} pages; refusing to go on")
            url = self.page_url(path, order_by=order_by, top=page_size, skip=skip, where=where)
            page = self._page(url, skip)
            pages.append(page)
            skip += len(page.records)
            done = skip >= page.count if page.count is not None else len(page.records) < page_size
            if done or not page.records:
                return pages

    def _page(self, url: str, skip: int) -> Page:
        cached = self.cache.load(url)
        if cached is not None and (self.offline or not self.refresh):
            return _page_of(url, cached)
        if self.offline:
            raise SourceError(url, "not in cache while offline")
        entry = self._download(url, skip, cached)
        self.cache.store(url, entry)
        page = _page_of(url, entry)
        self.on_event(f"fetched {url} ({len(page.records)} of {page.count} records)")
        return page

    def _download(self, url: str, skip: int, cached: CacheEntry | None) -> CacheEntry:
        """A good answer for ``url``, retrying over-limit replies and transient failures."""
        for attempt in range(1, self.retry.attempts + 1):
            try:
                return self._try(url, skip, cached)
            except _Retryable as problem:
                if attempt == self.retry.attempts:
                    raise SourceError(url, f"{problem} after {attempt} tries") from None
                delay = problem.wait if problem.wait is not None else self._backoff(attempt)
                delay = min(delay, self.retry.max_wait)
                self.on_event(f"{problem}; try {attempt + 1} in {delay:g}s: {url}")
                self.sleep(delay)
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int) -> float:
        return self.retry.backoff * 2 ** (attempt - 1)

    def _try(self, url: str, skip: int, cached: CacheEntry | None) -> CacheEntry:
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if cached is not None and "ETag" in cached.headers:
            headers["If-None-Match"] = cached.headers["ETag"]
        self._wait_for_budget()
        try:
            response = self._http().get(url, headers=headers, timeout=DEFAULT_TIMEOUT)
        except requests.RequestException as error:
            raise _Retryable(f"request failed: {' '.join(str(error).split())}") from None
        if response.status_code == 304 and cached is not None:
            return cached
        if response.status_code in RETRY_STATUSES:
            wait = retry_after(response.headers.get("Retry-After"))
            raise _Retryable(f"HTTP {response.status_code}", wait)
        if response.status_code >= 400:
            raise SourceError(url, f"HTTP {response.status_code} {response.reason or ''}".rstrip())
        answer_headers = CaseInsensitiveDict(response.headers)
        answer_headers.setdefault("Date", email.utils.formatdate(usegmt=True))
        entry = CacheEntry(response.url, answer_headers, response.content)
        _check(entry.data, skip)
        return entry

    def _http(self) -> requests.Session:
        if self._session is None:
            self._session = make_session(retries=0)
        return self._session

    def _wait_for_budget(self) -> None:
        """Keep to the request budget: at least ``interval`` seconds between requests."""
        now = self.clock()
        if self._next_request > now:
            self.sleep(self._next_request - now)
        self._next_request = max(now, self._next_request) + self.interval
        self.requests_sent += 1


def _check(data: bytes, skip: int) -> None:
    """Raise _Retryable for an answer that is not a real page (e.g. the over-limit reply)."""
    if not data.strip():
        raise _Retryable("empty reply (over LegCo's request limit?)")
    try:
        body = json.loads(data)
    except ValueError:
        raise _Retryable("reply is not JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get("value"), list):
        raise _Retryable("reply without a 'value' list (over LegCo's request limit?)")
    count = _count(body)
    if not body["value"] and count is not None and skip < count:
        raise _Retryable(f"no records at $skip={skip} although odata.count is {count}")


def _page_of(url: str, entry: CacheEntry) -> Page:
    body = json.loads(entry.data)
    return Page(url, _fetched_at(entry.headers), _count(body), tuple(body["value"]))


def _count(body: dict) -> int | None:
    """``odata.count`` (a string in LegCo's answers) as a number, when present."""
    value = body.get("odata.count")
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() else None


def _fetched_at(headers: CaseInsensitiveDict) -> dt.datetime:
    """When the server sent the answer (its Date header, kept in the cache), in UTC."""
    parsed = email.utils.parsedate_to_datetime(headers["Date"])
    return parsed.astimezone(dt.UTC).replace(microsecond=0)
