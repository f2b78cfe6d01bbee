"""A real OData server on 127.0.0.1 for harvest tests, serving entity sets from JSON files.

Files have the shape of LegCo's answers (``{"odata.metadata", "odata.count", "value"}``) and
are named after the API path with ``/`` as ``_`` (``ScheduleDB_odata_Tmember.json``); the
recordings in ``../shared/legco-api-samples`` (``…_Tmember-5e5b0e__schedule-6.json``) load
the same way, several files of one set merged. Records nested by ``$expand`` (a
``Tmembership`` row's ``Tmember``) also count as records of their own set.

Supported: ``$top``, ``$skip``, ``$inlinecount=allpages`` (``odata.count`` as a string, like
LegCo), ``$orderby`` (ascending, comma-separated), ``$filter`` (conditions joined by ``and``:
``eq ne ge gt le lt`` against numbers, ``'strings'`` and ``datetime'…'``; a condition on a field
the records do not carry — HansardType in the recordings — holds), ``page_cap`` (fewer rows than
``$top``, as LegCo sometimes answers), planned 503s (with Retry-After) and over-limit empty
replies. Every request is logged.
"""

from __future__ import annotations

import io
import json
import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pyoxigraph as ox
from localserver import LoopbackServer
from rdflib import Graph

from loader.harvest.odata import ODataClient, RetryPolicy
from loader.harvest.run import HarvestOptions, HarvestReport, harvest
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore

DATA_DIR = Path(__file__).parent / "data" / "odata"
SHARED_DIR = Path(__file__).resolve().parent.parent.parent / "shared"
RECORDINGS = SHARED_DIR / "legco-api-samples"
_CONDITION = re.compile(
    r"^\s*(?P<field>\w+)\s+(?P<op>eq|ne|ge|gt|le|lt)\s+"
    r"(?:datetime'(?P<date>[^']*)'|'(?P<text>[^']*)'|(?P<number>-?\d+))\s*$"
)
_ENTITY_SETS = {"Tmeeting", "Tcommittee", "Tmember"}
ID = DEFAULT_BASE_IRI
LG = "https://w3id.org/legisgraph/ontology#"
PREFIXES = f"""
PREFIX lg: <{LG}>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX void: <http://rdfs.org/ns/void#>
PREFIX id: <{ID}>
"""


@dataclass(frozen=True)
class Logged:
    """One request: the entity-set path, its query parameters and the status sent."""

    path: str
    query: dict[str, str]
    status: int


def entity_path(file_name: str) -> str:
    """``ScheduleDB_odata_Tmember_term-fff9fb__x-7.json`` → ``ScheduleDB/odata/Tmember_term``."""
    stem = re.sub(r"(-[0-9a-f]{6}__.*)?\.json$", "", file_name)
    parts = stem.split("_", 3 if stem.startswith("OpenData_") else 2)
    return "/".join(parts)


def load_entity_sets(folder: Path) -> dict[str, list[dict]]:
    """Every record of every file in ``folder``, by entity-set path, duplicates dropped."""
    sets: dict[str, dict[str, dict]] = defaultdict(dict)
    for file in sorted(folder.glob("*.json")):
        path = entity_path(file.name)
        prefix = path.rsplit("/", 1)[0]
        for record in json.loads(file.read_text(encoding="utf-8"))["value"]:
            flat = {k: v for k, v in record.items() if k not in _ENTITY_SETS}
            sets[path][json.dumps(flat, sort_keys=True)] = flat
            for name in _ENTITY_SETS & record.keys():
                nested = record[name]
                sets[f"{prefix}/{name}"][json.dumps(nested, sort_keys=True)] = nested
    return {path: list(records.values()) for path, records in sets.items()}


class ODataServer(LoopbackServer):
    """Serve entity sets with OData paging on 127.0.0.1 (a context manager)."""

    def __init__(self, sets: dict[str, list[dict]], page_cap: int | None = None) -> None:
        self.sets = sets
        self.page_cap = page_cap
        self.log: list[Logged] = []
        self._planned: dict[str, list[tuple[int, dict[str, str], bytes] | None]] = defaultdict(list)
        self._lock = threading.Lock()
        super().__init__(_handler(self))

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return self.origin

    def fail(
        self, path: str, times: int = 1, status: int = 503, retry_after: str = "", after: int = 0
    ) -> None:
        """Answer ``times`` requests for ``path`` with ``status``, after ``after`` good ones."""
        headers = {"Retry-After": retry_after} if retry_after else {}
        with self._lock:
            self._planned[path] += [None] * after + [(status, headers, b"")] * times

    def recover(self) -> None:
        """Drop every planned failure: from now on every request gets its page."""
        with self._lock:
            self._planned.clear()

    def over_limit(self, path: str, times: int = 1, body: bytes = b"") -> None:
        """Answer the next ``times`` requests for ``path`` as LegCo does over its limit."""
        with self._lock:
            self._planned[path] += [(200, {"Content-Type": "application/json"}, body)] * times

    def requests_for(self, path: str) -> list[Logged]:
        """The logged requests for one entity set."""
        with self._lock:
            return [entry for entry in self.log if entry.path == path]

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        """The planned answer for ``path``, else the page the query asks for."""
        with self._lock:
            planned = self._planned.get(path)
            answer = planned.pop(0) if planned else None
        if answer is None:
            answer = self._page(path, query)
        with self._lock:
            self.log.append(Logged(path, query, answer[0]))
        return answer

    def _page(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if path not in self.sets:
            return 404, {}, b""
        rows = [r for r in self.sets[path] if _matches(r, query.get("$filter", ""))]
        for field in reversed(
            [f.strip() for f in query.get("$orderby", "").split(",") if f.strip()]
        ):
            rows.sort(key=lambda r, f=field: (r.get(f) is None, str(r.get(f) or "")))
        skip, top = int(query.get("$skip", 0)), int(query.get("$top", len(rows) or 1))
        if self.page_cap is not None:
            top = min(top, self.page_cap)
        body = {"odata.metadata": f"{self.base_url}/{path}/$metadata"}
        if query.get("$inlinecount") == "allpages":
            body["odata.count"] = str(len(rows))
        body["value"] = rows[skip : skip + top]
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return 200, {"Content-Type": "application/json; charset=utf-8"}, data


def _matches(record: dict, where: str) -> bool:
    for condition in filter(None, re.split(r"\s+and\s+", where.strip())):
        match = _CONDITION.match(condition)
        if match is None:
            raise ValueError(f"unsupported $filter condition: {condition!r}")
        if match["field"] not in record:
            continue
        value = record[match["field"]]
        if value is None:
            return False
        if match["number"] is not None:
            left, right = float(value), float(match["number"])
        else:
            left, right = str(value), match["date"] if match["date"] is not None else match["text"]
        if not _compare(left, match["op"], right):
            return False
    return True


def _compare(left, op: str, right) -> bool:
    return {
        "eq": left == right,
        "ne": left != right,
        "ge": left >= right,
        "gt": left > right,
        "le": left <= right,
        "lt": left < right,
    }[op]


def _handler(server: ODataServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            status, headers, body = server.answer(unquote(parts.path).strip("/"), query)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            """Quiet: tests read ``server.log``."""

    return Handler


def fast_client(
    base_url: str, cache_dir: Path, waits: list[float] | None = None, **options
) -> ODataClient:
    """A client with no request budget that never really waits: the waits it asks for are
    appended to ``waits``."""
    kept = waits if waits is not None else []
    options.setdefault("retry", RetryPolicy(attempts=3, backoff=1.0, max_wait=5.0))
    return ODataClient(base_url, cache_dir, requests_per_hour=0, sleep=kept.append, **options)


def run_harvest(store: GraphStore, client: ODataClient, **options) -> HarvestReport:
    """Harvest into ``store`` under the default base IRI."""
    return harvest(store, client, HarvestOptions(base_iri=DEFAULT_BASE_IRI, **options))


def store_graphs(store: GraphStore) -> dict[str, Graph]:
    """Each named graph of the store as an rdflib Graph, for isomorphism checks."""
    graphs = {}
    for name in store.named_graphs():
        buffer = io.BytesIO()
        store.dump(buffer, ox.RdfFormat.N_TRIPLES, name)
        graphs[name] = Graph().parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    return graphs


def select(store: GraphStore, query: str) -> set[tuple]:
    """The rows of a SELECT over the store (union of graphs), as tuples of plain values."""
    return {tuple(t.value if t else None for t in row) for row in store.query(PREFIXES + query)}
