"""Loading through a running legisgraph server, so a load never needs the server stopped.

The server is reached only through the standard protocols: SPARQL 1.1 Query (ASK, to skip
unchanged documents) and the Graph Store HTTP Protocol (PUT, to replace a document's graph in
one transaction), with the write token as a bearer token.
"""

from __future__ import annotations

import pyoxigraph as ox
import requests

from loader import __version__
from loader.errors import LoadError
from loader.store import Solutions, materialized

TIMEOUT = (10, 300)


class ServerTarget:
    """A legisgraph server (or any SPARQL 1.1 + Graph Store Protocol endpoint pair)."""

    def __init__(self, base_url: str, token: str | None) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.headers["User-Agent"] = f"legisgraph/{__version__}"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def ask(self, query: str) -> bool:
        """POST the ASK query to /sparql and read its answer."""
        return bool(self.query(query))

    def query(self, sparql: str) -> Solutions | ox.QueryBoolean:
        """POST a SELECT or ASK query to /sparql; the answer, read with pyoxigraph's parser."""
        response = self._send(
            "post",
            "/sparql",
            data=sparql.encode("utf-8"),
            headers={
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json",
            },
        )
        results = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        return materialized(results)

    def replace_graph(self, graph_iri: str, ntriples: str) -> None:
        """PUT the graph to /store?graph=IRI."""
        self._send(
            "put",
            "/store",
            params={"graph": graph_iri},
            data=ntriples.encode("utf-8"),
            headers={"Content-Type": "application/n-triples"},
        )

    def _send(self, method: str, path: str, **kwargs) -> requests.Response:
        url = self.base_url + path
        try:
            response = self.session.request(method, url, timeout=TIMEOUT, **kwargs)
        except requests.RequestException as error:
            raise LoadError(f"server {self.base_url} cannot be reached: {error}") from None
        if response.status_code >= 400:
            try:
                message = response.json()["error"]
            except (ValueError, KeyError, TypeError):
                message = response.text.strip()[:200]
            raise LoadError(
                f"server answered {response.status_code} to {method.upper()} {path}: {message}"
            )
        return response
