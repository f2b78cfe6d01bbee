"""A loopback mirror of LegCo for sync tests: documents at their real LegCo paths, the open-data
API (the recorded answers, plus schedule rows for the documents laid out), and robots.txt.

Documents come from ``../shared/legco-docs`` (real agendas and Hansards) and from tests/data
(real-shaped papers); each is placed at the path LegCo publishes it under. Answers carry an
ETag and Last-Modified and honour ``If-None-Match`` (304). ``fail(path, times, status)`` plans
failures (503s carry ``Retry-After: 0``), ``slow(path, seconds)`` delays an answer, and every
request is logged with its headers and status.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from harvest_support import RECORDINGS, ODataServer, load_entity_sets

SHARED_DOCS = RECORDINGS.parent / "legco-docs"
DATA_DIR = Path(__file__).parent / "data"
_API_PREFIXES = ("ScheduleDB/", "OpenData/", "vrdb/", "BillsDB/")


@dataclass(frozen=True)
class Document:
    """A document laid out on the mirror: its LegCo path, source file and media type."""

    path: str
    source: Path
    media_type: str


@dataclass(frozen=True)
class Seen:
    """One request the mirror answered."""

    path: str
    headers: dict[str, str]
    status: int


class LegcoMirror(ODataServer):
    """LegCo's web site and open-data API on 127.0.0.1 (a context manager)."""

    def __init__(self, documents: list[Document], meetings: list[dict], robots: str = "") -> None:
        sets = load_entity_sets(RECORDINGS)
        sets["ScheduleDB/odata/Tmeeting"] = sets.get("ScheduleDB/odata/Tmeeting", []) + meetings
        super().__init__(sets)
        self._httpd.RequestHandlerClass = _handler(self)
        self.documents = {document.path: document for document in documents}
        self.robots = robots
        self.seen: list[Seen] = []
        self._failures: dict[str, list[int]] = {}
        self._delays: dict[str, float] = {}
        self._mirror_lock = threading.Lock()

    def fail(self, path: str, times: int = 1, status: int = 503, **_: object) -> None:
        """Answer the next ``times`` requests for ``path`` with ``status``."""
        with self._mirror_lock:
            self._failures.setdefault(path, []).extend([status] * times)

    def slow(self, path: str, seconds: float) -> None:
        """Wait ``seconds`` before answering ``path``."""
        self._delays[path] = seconds

    def requested(self, path: str) -> list[Seen]:
        """The requests for one document path."""
        with self._mirror_lock:
            return [seen for seen in self.seen if seen.path == path]

    def document_requests(self) -> list[Seen]:
        """Requests for documents (neither the open-data API nor robots.txt)."""
        with self._mirror_lock:
            return [s for s in self.seen if s.path in self.documents or _is_page(s.path)]

    def file_answer(self, path: str, headers) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for a document path."""
        with self._mirror_lock:
            planned = self._failures.get(path)
            status = planned.pop(0) if planned else None
        if path in self._delays:
            time.sleep(self._delays[path])
        if status is not None:
            return status, {"Retry-After": "0"}, b""
        if path == "/robots.txt":
            if not self.robots:
                return 404, {}, b""
            return 200, {"Content-Type": "text/plain"}, self.robots.encode()
        document = self.documents.get(path)
        if document is None:
            return 404, {}, b""
        data = document.source.read_bytes()
        etag = f'"{hashlib.sha256(data).hexdigest()[:32]}"'
        validators = {"ETag": etag, "Last-Modified": "Mon, 01 Apr 2024 00:00:00 GMT"}
        if headers.get("If-None-Match") == etag:
            return 304, validators, b""
        return 200, validators | {"Content-Type": document.media_type}, data

    def log_seen(self, path: str, headers, status: int) -> None:
        """Remember one request."""
        with self._mirror_lock:
            self.seen.append(Seen(path, dict(headers.items()), status))


def _is_page(path: str) -> bool:
    return path.startswith("/yr") or path.startswith("/gia/")


def _handler(mirror: LegcoMirror) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            if path.lstrip("/").startswith(_API_PREFIXES):
                query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
                status, headers, body = mirror.answer(path.strip("/"), query)
            else:
                status, headers, body = mirror.file_answer(path, self.headers)
            mirror.log_seen(path, self.headers, status)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (a test of slow answers)

        def log_message(self, *args: object) -> None:
            """Quiet: tests read ``mirror.seen``."""

    return Handler


def meeting_row(slot: int, day: str, english: str, chinese: str) -> dict:
    """A ScheduleDB Tmeeting row in LegCo's shape for a meeting whose agendas are laid out."""
    return {
        "slot_id": str(slot),
        "meet_id": slot,
        "subject_eng": "Meeting",
        "subject_chi": "會議",
        "start_date_time": f"{day}T10:30:00",
        "meeting_type_eng": "Open",
        "meeting_type_chi": "公開會議",
        "venue_code": "Chamber",
        "venue_name_eng": "Chamber",
        "venue_name_chi": "會議廳",
        "term_id": 4,
        "agenda_url_eng": f"http://www.legco.gov.hk{english}",
        "agenda_url_chi": f"http://www.legco.gov.hk{chinese}",
    }
