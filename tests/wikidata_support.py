"""A Wikibase API on 127.0.0.1 answering from recorded-shape files, and a store to link.

tests/data/wikidata/ holds items as ``wbgetentities`` returns them (``entities/Q….json``) and
``searches.json``: for each language, the Q-ids ``wbsearchentities`` finds for a search string,
best first. A search not listed finds nothing; an id without a file is "missing", as on
Wikidata. Every request is logged (``api.requests``) so tests can count what reached the server.
"""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from localserver import LoopbackServer

from loader.pipeline import LoadOptions, load_sources
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore

DATA = Path(__file__).parent / "data"
WIKIDATA = DATA / "wikidata"
#: Documents whose members, bodies and Council the linking tests reconcile.
LINKED_DOCUMENTS = [
    DATA / "agendas" / "council-agenda-en.txt",
    DATA / "briefs" / "brief-zh-other.txt",
]


class WikibaseApi(LoopbackServer):
    """Serve the recorded items at ``{base_url}w/api.php`` in a background thread."""

    def __init__(self, root: Path = WIKIDATA) -> None:
        self.root = root
        self.requests: list[dict[str, str]] = []
        self.broken = False
        super().__init__(_handler(self))

    @property
    def api_url(self) -> str:
        """The API's URL."""
        return f"{self.origin}/w/api.php"

    def answer(self, params: dict[str, str]) -> dict:
        """What the API says to one request."""
        self.requests.append(params)
        if self.broken:
            return {"error": {"code": "internal_api_error", "info": "database is read-only"}}
        if params.get("action") == "wbsearchentities":
            searches = json.loads((self.root / "searches.json").read_text(encoding="utf-8"))
            found = searches.get(params.get("language", ""), {}).get(params.get("search", ""), [])
            hits = [self._hit(qid, params.get("language", "en")) for qid in found]
            return {"searchinfo": {"search": params.get("search")}, "search": hits, "success": 1}
        if params.get("action") == "wbgetentities":
            ids = params.get("ids", "").split("|")
            return {"entities": {qid: self._entity(qid) for qid in ids}, "success": 1}
        return {"error": {"code": "badvalue", "info": f"unknown action {params.get('action')}"}}

    def _entity(self, qid: str) -> dict:
        path = self.root / "entities" / f"{qid}.json"
        if not path.is_file():
            return {"id": qid, "missing": ""}
        return json.loads(path.read_text(encoding="utf-8"))

    def _hit(self, qid: str, language: str) -> dict:
        entity = self._entity(qid)
        label = entity.get("labels", {}).get(language, {}).get("value", qid)
        description = entity.get("descriptions", {}).get(language, {}).get("value", "")
        return {
            "id": qid,
            "title": qid,
            "repository": "wikidata",
            "url": f"//www.wikidata.org/wiki/{qid}",
            "concepturi": f"http://www.wikidata.org/entity/{qid}",
            "label": label,
            "description": description,
            "match": {"type": "label", "language": language, "text": label},
        }


def _handler(api: WikibaseApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path != "/w/api.php":
                self.send_error(404)
                return
            params = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            body = json.dumps(api.answer(params), ensure_ascii=False).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            """Quiet: tests read ``api.requests``."""

    return Handler


def build_store(path: Path) -> Path:
    """A store at ``path`` with the documents the linking tests reconcile."""
    with GraphStore.open(path, write=True) as store:
        sources = [str(p) for p in LINKED_DOCUMENTS]
        report = load_sources(store, sources, LoadOptions(base_iri=DEFAULT_BASE_IRI))
    assert report.ok, report.results
    return path
