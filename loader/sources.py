"""Read a source — a file path or an http(s) URL — into bytes with the metadata provenance needs."""

import datetime as dt
import email.utils
import hashlib
import json
import mimetypes
import os
import socket
import stat
import tempfile
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.util.retry import Retry

from loader import __version__

#: Largest source accepted, in bytes: a LegCo paper is a few MB at most.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: Seconds to wait for a connection and then between bytes of the answer.
DEFAULT_TIMEOUT = (10.0, 60.0)
#: Retries after the first try, on connection errors, read errors and 5xx answers.
DEFAULT_RETRIES = 3
#: urllib3 backoff factor: waits grow as factor × 2**(n-1) seconds between retries.
DEFAULT_BACKOFF = 0.5
USER_AGENT = f"legisgraph/{__version__} (+https://w3id.org/legisgraph)"

_HTTP_SCHEMES = {"http", "https"}


class SourceError(Exception):
    """A source that could not be read; ``str()`` is one line naming the source and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class Source:
    """The bytes of one document and where they came from.

    ``name`` is the file's name or the URL as given (what provenance records); ``url`` is the
    URL the bytes were finally served from (after redirects), the base for relative links;
    ``charset`` is the one declared by the server's Content-Type, if any.
    """

    name: str
    url: str | None
    data: bytes
    media_type: str | None
    sha256: str
    charset: str | None = None

    @classmethod
    def from_bytes(
        cls,
        name: str,
        data: bytes,
        *,
        url: str | None = None,
        media_type: str | None = None,
        charset: str | None = None,
    ) -> "Source":
        """A source for bytes already in hand, with its sha256 computed."""
        digest = hashlib.sha256(data).hexdigest()
        return cls(name, url, data, media_type, digest, charset)


def make_session(
    retries: int = DEFAULT_RETRIES, backoff_factor: float = DEFAULT_BACKOFF
) -> requests.Session:
    """A requests session that retries connection errors and 5xx answers with backoff."""
    retry = Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        backoff_factor=backoff_factor,
        status_forcelist=frozenset(range(500, 600)),
        allowed_methods=frozenset({"GET", "HEAD"}),
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    return session


def read_source(
    ref: str,
    *,
    cache_dir: Path | None,
    offline: bool = False,
    session: requests.Session | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
) -> Source:
    """Read a file path or an http(s) URL (through the cache, or only from it when offline)."""
    scheme = urlsplit(ref).scheme.lower()
    if scheme in _HTTP_SCHEMES:
        cache = HttpCache(cache_dir) if cache_dir is not None else None
        if offline:
            return _from_cache_only(ref, cache)
        if session is not None:
            return _fetch(ref, cache, session, max_bytes, timeout)
        with make_session() as own_session:
            return _fetch(ref, cache, own_session, max_bytes, timeout)
    if "://" in ref:
        raise SourceError(ref, f"unsupported URL scheme {scheme!r} (use http or https)")
    return _read_file(ref, max_bytes)


def _read_file(ref: str, max_bytes: int) -> Source:
    path = Path(ref)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise SourceError(ref, "is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(ref, "not a regular file")
        _check_size(ref, info.st_size, max_bytes)
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(ref, "not found") from None
    except OSError as error:
        raise SourceError(ref, f"cannot read: {error.strerror or error}") from None
    _check_size(ref, len(data), max_bytes)
    media_type, _ = mimetypes.guess_type(path.name)
    return Source.from_bytes(path.name, data, media_type=media_type)


def _check_size(ref: str, size: int, max_bytes: int) -> None:
    if size == 0:
        raise SourceError(ref, "empty (0 bytes)")
    if size > max_bytes:
        raise SourceError(ref, f"too large ({size} bytes; the limit is {max_bytes})")


def _fetch(
    url: str,
    cache: "HttpCache | None",
    session: requests.Session,
    max_bytes: int,
    timeout: tuple[float, float],
) -> Source:
    cached = cache.load(url) if cache is not None else None
    headers = {"User-Agent": USER_AGENT, **conditional_headers(cached)}
    try:
        with session.get(url, headers=headers, timeout=timeout, stream=True) as response:
            if response.status_code == 304 and cached is not None:
                refreshed = CaseInsensitiveDict(cached.headers)
                refreshed.update(validators(response.headers))
                entry = CacheEntry(cached.final_url, refreshed, cached.data)
            elif response.status_code >= 400:
                raise SourceError(url, _http_failure(response))
            else:
                data = _read_body(url, response, max_bytes)
                entry = CacheEntry(response.url, CaseInsensitiveDict(response.headers), data)
    except requests.RequestException as error:
        raise SourceError(url, _request_failure(error, session, url)) from None
    if cache is not None:
        cache.store(url, entry)
    return entry.source(url)


def _from_cache_only(url: str, cache: "HttpCache | None") -> Source:
    if cache is None:
        raise SourceError(url, "offline and no cache directory given")
    cached = cache.load(url)
    if cached is None:
        raise SourceError(url, "not in cache while offline")
    return cached.source(url)


def _read_body(url: str, response: requests.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise SourceError(url, f"too large ({declared} bytes; the limit is {max_bytes})")
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=1 << 16):
        size += len(chunk)
        if size > max_bytes:
            raise SourceError(url, f"too large (over {max_bytes} bytes)")
        chunks.append(chunk)
    if size == 0:
        raise SourceError(url, f"empty response (HTTP {response.status_code})")
    return b"".join(chunks)


def validators(headers: CaseInsensitiveDict) -> dict[str, str]:
    """The headers that validate a cached answer (ETag, Last-Modified), to keep with it."""
    return {name: headers[name] for name in ("ETag", "Last-Modified") if name in headers}


def conditional_headers(cached: "CacheEntry | None") -> dict[str, str]:
    """The request headers that ask whether a cached answer is still current (conditional GET)."""
    if cached is None:
        return {}
    names = {"ETag": "If-None-Match", "Last-Modified": "If-Modified-Since"}
    return {names[name]: value for name, value in validators(cached.headers).items()}


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), if given."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _http_failure(response: requests.Response) -> str:
    reason = f"HTTP {response.status_code} {response.reason or ''}".rstrip()
    retries = getattr(response.raw, "retries", None)
    if response.status_code >= 500 and retries is not None and retries.history:
        reason += f" after {len(retries.history) + 1} tries"
    return reason


def _request_failure(error: requests.RequestException, session: requests.Session, url: str) -> str:
    if isinstance(error, requests.ConnectTimeout):
        what = "connection timed out"
    elif isinstance(error, requests.ReadTimeout):
        return "timed out waiting for the server's answer"
    elif isinstance(error, requests.ConnectionError):
        what = _connection_cause(error)
    else:
        return f"request failed: {' '.join(str(error).split())}"
    retry = session.get_adapter(url).max_retries
    tries = 1 + (retry.connect if retry.connect is not None else retry.total or 0)
    return f"{what} after {tries} {'try' if tries == 1 else 'tries'}"


def _connection_cause(error: BaseException) -> str:
    """Name the socket-level cause buried in requests' and urllib3's wrapped exceptions."""
    pending: list[object] = [error]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ConnectionRefusedError):
            return "connection refused"
        if isinstance(current, socket.gaierror):
            return "host name not resolved"
        pending.extend([*current.args, getattr(current, "reason", None)])
        pending.extend([current.__cause__, current.__context__])
    return "connection failed"


@dataclass(frozen=True)
class CacheEntry:
    """A cached answer: the URL it finally came from, its headers and its body."""

    final_url: str
    headers: CaseInsensitiveDict
    data: bytes

    def source(self, url: str) -> Source:
        media_type, charset = _content_type(self.headers.get("Content-Type"))
        if media_type is None:
            media_type, _ = mimetypes.guess_type(urlsplit(self.final_url).path)
        return Source.from_bytes(
            url, self.data, url=self.final_url, media_type=media_type, charset=charset
        )


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    """Media type and charset parameter of a Content-Type header value."""
    if not value:
        return None, None
    message = Message()
    message["Content-Type"] = value
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


class HttpCache:
    """On-disk HTTP cache: per URL a body file and a JSON file of headers, written atomically."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.directory / f"{key}.body", self.directory / f"{key}.json"

    def load(self, url: str) -> CacheEntry | None:
        """The cached entry for ``url``, or None when missing or damaged."""
        body_path, meta_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            data = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or hashlib.sha256(data).hexdigest() != meta.get("sha256"):
            return None
        headers = CaseInsensitiveDict(meta.get("headers", {}))
        return CacheEntry(meta.get("final_url", url), headers, data)

    def store(self, url: str, entry: CacheEntry) -> None:
        """Save ``entry``; the JSON file is written last, so a half-written body is never used."""
        body_path, meta_path = self._paths(url)
        meta = {
            "url": url,
            "final_url": entry.final_url,
            "sha256": hashlib.sha256(entry.data).hexdigest(),
            "headers": dict(entry.headers),
        }
        self.directory.mkdir(parents=True, exist_ok=True)
        _write_atomically(body_path, entry.data)
        _write_atomically(meta_path, json.dumps(meta, indent=1, sort_keys=True).encode("utf-8"))


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
