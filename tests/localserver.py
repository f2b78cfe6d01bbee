"""A real HTTP server on 127.0.0.1 serving files from a folder, for tests of code that fetches.

Usage::

    with LocalServer(folder) as server:
        url = server.url("brief.txt")          # http://127.0.0.1:<port>/brief.txt
        server.fail("brief.txt", times=2)      # the next 2 GETs answer 503, then the file
        ...
        assert server.requests[-1].status == 304
        assert server.requests[-1].headers["If-None-Match"]

Files are read on every request, so a test may change one between fetches. Answers carry
``Content-Type`` (from the suffix, or ``content_types``), ``Content-Length``, an ``ETag`` (from
the bytes) and ``Last-Modified`` (from the file's mtime); ``If-None-Match`` and
``If-Modified-Since`` get ``304 Not Modified`` when they match. A missing file is a 404.
"""

import email.utils
import hashlib
import mimetypes
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import unquote, urlsplit

from requests.structures import CaseInsensitiveDict


@dataclass(frozen=True)
class LoggedRequest:
    """One request the server answered: method, path, request headers (case-insensitive) and
    the status sent. It is logged before the answer is sent, so a client that has its answer
    always finds its request in the log."""

    method: str
    path: str
    headers: Mapping[str, str]
    status: int


class LoopbackServer:
    """An HTTP server on 127.0.0.1 at a free port, served from a background thread while the
    context is open; subclasses give it their request handler."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:<port>`` (no trailing slash)."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


class LocalServer(LoopbackServer):
    """Serve ``root`` on 127.0.0.1 at a free port in a background thread (a context manager)."""

    def __init__(self, root: Path, content_types: Mapping[str, str] | None = None) -> None:
        self.root = Path(root).resolve()
        self.content_types = dict(content_types or {})
        self.requests: list[LoggedRequest] = []
        self._failures: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()
        super().__init__(_handler_for(self))

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>/``."""
        return self.origin + "/"

    def url(self, path: str) -> str:
        """The URL of ``path`` (relative to the served folder)."""
        return self.base_url + path.lstrip("/")

    def fail(self, path: str, times: int, status: int = 503) -> None:
        """Answer the next ``times`` requests for ``path`` with ``status`` instead of the file."""
        with self._lock:
            self._failures["/" + path.lstrip("/")] = (times, status)

    def requests_for(self, path: str) -> list[LoggedRequest]:
        """The logged requests for ``path``, oldest first."""
        wanted = "/" + path.lstrip("/")
        with self._lock:
            return [request for request in self.requests if request.path == wanted]

    def _take_failure(self, path: str) -> int | None:
        with self._lock:
            times, status = self._failures.get(path, (0, 0))
            if times <= 0:
                return None
            self._failures[path] = (times - 1, status)
            return status

    def _log(self, request: LoggedRequest) -> None:
        with self._lock:
            self.requests.append(request)


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._answer(with_body=True)

        def do_HEAD(self) -> None:
            self._answer(with_body=False)

        def log_message(self, *args: object) -> None:
            """Stay quiet: tests read ``server.requests`` instead."""

        def _answer(self, with_body: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            status, body, response_headers = self._response(path)
            request_headers = CaseInsensitiveDict(self.headers.items())
            server._log(LoggedRequest(self.command, path, request_headers, int(status)))
            self.send_response(status)
            for name, value in response_headers.items():
                self.send_header(name, value)
            self.end_headers()
            if with_body and body:
                self.wfile.write(body)

        def _response(self, path: str) -> tuple[int, bytes, dict[str, str]]:
            """Status, body and headers: a planned failure, a 404, a 304 or the file."""
            failure = server._take_failure(path)
            if failure is not None:
                return failure, b"", {"Content-Length": "0"}
            file = (server.root / path.lstrip("/")).resolve()
            if not file.is_relative_to(server.root) or not file.is_file():
                return HTTPStatus.NOT_FOUND, b"", {"Content-Length": "0"}
            data = file.read_bytes()
            mtime = int(file.stat().st_mtime)
            etag = f'"{hashlib.sha256(data).hexdigest()[:32]}"'
            headers = {
                "ETag": etag,
                "Last-Modified": email.utils.formatdate(mtime, usegmt=True),
            }
            if self._not_modified(etag, mtime):
                return HTTPStatus.NOT_MODIFIED, b"", headers
            guessed, _ = mimetypes.guess_type(file.name)
            content_type = server.content_types.get(path.lstrip("/"))
            headers["Content-Type"] = content_type or guessed or "application/octet-stream"
            headers["Content-Length"] = str(len(data))
            return HTTPStatus.OK, data, headers

        def _not_modified(self, etag: str, mtime: int) -> bool:
            if_none_match = self.headers.get("If-None-Match")
            if if_none_match is not None:
                tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
                return "*" in tags or etag in tags
            if_modified_since = self.headers.get("If-Modified-Since")
            if if_modified_since:
                try:
                    since = email.utils.parsedate_to_datetime(if_modified_since).timestamp()
                except (TypeError, ValueError):
                    return False
                return mtime <= since
            return False

    return Handler
