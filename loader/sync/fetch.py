"""Fetch LegCo documents politely: robots.txt, a request budget, retries and conditional GET.

Documents are cached under their LegCo address (the cache ``legisgraph load`` reads), whatever
host served them: with a mirror (``base_url``) a document keeps its real address, so what the
loader reads from it (a committee, a date) and the provenance it records are LegCo's.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.structures import CaseInsensitiveDict

from loader.sources import (
    DEFAULT_MAX_BYTES,
    USER_AGENT,
    CacheEntry,
    HttpCache,
    conditional_headers,
    retry_after,
    validators,
)

#: LegCo's hosts (and the Government's press releases) that ``base_url`` stands in for.
MIRRORED_HOSTS = ("legco.gov.hk", "info.gov.hk")
#: Requests an hour by default: one every 3.6 seconds, well under one a second.
DEFAULT_REQUESTS_PER_HOUR = 1000.0
RETRY_STATUSES = frozenset({429, *range(500, 600)})
FETCHED, NOT_MODIFIED, MISSING, FORBIDDEN, FAILED = (
    "fetched",
    "not-modified",
    "missing",
    "forbidden",
    "failed",
)


@dataclass(frozen=True)
class Politeness:
    """How hard a sync may press a server: a budget, retries with backoff, timeouts."""

    requests_per_hour: float = DEFAULT_REQUESTS_PER_HOUR
    retries: int = 2
    backoff: float = 30.0
    max_wait: float = 300.0
    timeout: tuple[float, float] = (10.0, 60.0)

    @property
    def interval(self) -> float:
        """Seconds between two requests (0 for no budget)."""
        return 3600.0 / self.requests_per_hour if self.requests_per_hour > 0 else 0.0


@dataclass(frozen=True)
class Fetch:
    """What asking for one document gave: a status above, why, and the cached entry."""

    status: str
    reason: str = ""
    entry: CacheEntry | None = None


class PoliteFetcher:
    """Fetch URLs into the shared HTTP cache within robots.txt and the request budget."""

    def __init__(
        self,
        cache_dir: Path,
        *,
        base_url: str | None = None,
        offline: bool = False,
        politeness: Politeness = Politeness(),
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cache = HttpCache(Path(cache_dir))
        self.base_url = base_url.rstrip("/") if base_url else None
        self.offline = offline
        self.politeness = politeness
        self.sleep = sleep
        self.clock = clock
        self.requests_sent = 0
        self._robots: dict[str, tuple[urllib.robotparser.RobotFileParser | None, str]] = {}
        self._next_request = 0.0
        self._session: requests.Session | None = None

    def close(self) -> None:
        """Close the HTTP session, if one was opened."""
        if self._session is not None:
            self._session.close()

    def address(self, url: str) -> str:
        """Where ``url`` is fetched from: itself, or the same path under ``base_url``."""
        parts = urlsplit(url)
        if self.base_url is None or not parts.netloc.lower().endswith(MIRRORED_HOSTS):
            return url
        base = urlsplit(self.base_url)
        path = base.path.rstrip("/") + parts.path
        return urlunsplit((base.scheme, base.netloc, path, parts.query, ""))

    def cached(self, url: str) -> CacheEntry | None:
        """The cached answer for ``url``, if any."""
        return self.cache.load(url)

    def fetch(self, url: str) -> Fetch:
        """Fetch ``url`` (its cached copy revalidated), honouring robots.txt and the budget."""
        cached = self.cache.load(url)
        if self.offline:
            if cached is None:
                return Fetch(FAILED, "not in cache while offline")
            return Fetch(NOT_MODIFIED, "offline: the cached copy", cached)
        address = self.address(url)
        robots, problem = self._robots_for(address)
        if robots is None:
            return Fetch(FORBIDDEN, problem)
        if not robots.can_fetch(USER_AGENT, address):
            return Fetch(FORBIDDEN, f"robots.txt forbids {urlsplit(address).path}")
        return self._get(url, address, cached, robots)

    def _get(self, url, address, cached, robots) -> Fetch:
        headers = {"User-Agent": USER_AGENT, **conditional_headers(cached)}
        delay = float(robots.crawl_delay(USER_AGENT) or 0)
        tries = self.politeness.retries + 1
        for attempt in range(1, tries + 1):
            self._wait_for_budget(delay)
            try:
                answer = self._answer(url, address, headers, cached)
            except _Retry as retry:
                if attempt == tries:
                    return Fetch(FAILED, f"{retry} after {tries} tries")
                wait = retry.wait if retry.wait is not None else self._backoff(attempt)
                self.sleep(min(wait, self.politeness.max_wait))
                continue
            if answer.entry is not None and answer.status in (FETCHED, NOT_MODIFIED):
                self.cache.store(url, answer.entry)
            return answer
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int) -> float:
        return self.politeness.backoff * 2 ** (attempt - 1)

    def _answer(self, url, address, headers, cached) -> Fetch:
        try:
            with self._http().get(
                address, headers=headers, timeout=self.politeness.timeout, stream=True
            ) as response:
                status = response.status_code
                if status == 304 and cached is not None:
                    refreshed = CaseInsensitiveDict(cached.headers)
                    refreshed.update(validators(response.headers))
                    return Fetch(NOT_MODIFIED, "", CacheEntry(url, refreshed, cached.data))
                if status in (404, 410):
                    return Fetch(MISSING, f"HTTP {status} {response.reason or ''}".rstrip())
                if status in RETRY_STATUSES:
                    raise _Retry(f"HTTP {status}", retry_after(response.headers.get("Retry-After")))
                if status >= 400:
                    return Fetch(FAILED, f"HTTP {status} {response.reason or ''}".rstrip())
                data = _body(response)
                if data is None:
                    return Fetch(FAILED, f"too large (over {DEFAULT_MAX_BYTES} bytes)")
        except requests.Timeout:
            raise _Retry("timed out") from None
        except requests.RequestException as error:
            raise _Retry(f"request failed ({type(error).__name__})") from None
        if not data:
            return Fetch(FAILED, f"empty answer (HTTP {status})")
        return Fetch(FETCHED, "", CacheEntry(url, CaseInsensitiveDict(response.headers), data))

    def _robots_for(self, address: str) -> tuple[urllib.robotparser.RobotFileParser | None, str]:
        """The parsed robots.txt of the address's site; None (and why) when it forbids all."""
        parts = urlsplit(address)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin + "/robots.txt")
        return self._robots[origin]

    def _read_robots(self, url: str) -> tuple[urllib.robotparser.RobotFileParser | None, str]:
        parser = urllib.robotparser.RobotFileParser(url)
        self._wait_for_budget(0.0)
        try:
            response = self._http().get(
                url, headers={"User-Agent": USER_AGENT}, timeout=self.politeness.timeout
            )
        except requests.RequestException as error:
            return None, f"robots.txt unreachable ({type(error).__name__}): not fetching that site"
        if response.status_code >= 500:
            return None, f"robots.txt answered HTTP {response.status_code}: not fetching that site"
        if response.status_code in (401, 403):
            parser.disallow_all = True
        elif response.status_code >= 400:
            parser.allow_all = True
        else:
            parser.parse(response.text.splitlines())
        return parser, ""

    def _http(self) -> requests.Session:
        """A plain session: retries go through the budget here, not through urllib3."""
        if self._session is None:
            self._session = requests.Session()
            self._session.headers["User-Agent"] = USER_AGENT
        return self._session

    def _wait_for_budget(self, crawl_delay: float) -> None:
        """At least the budget's interval (or robots.txt's Crawl-delay) between requests."""
        now = self.clock()
        if self._next_request > now:
            self.sleep(self._next_request - now)
        interval = max(self.politeness.interval, crawl_delay)
        self._next_request = max(now, self._next_request) + interval
        self.requests_sent += 1


class _Retry(Exception):
    """A transient failure worth asking again for, after ``wait`` seconds if the server said."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


def _body(response: requests.Response) -> bytes | None:
    """The answer's bytes, or None when they pass the size limit."""
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=1 << 16):
        size += len(chunk)
        if size > DEFAULT_MAX_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
