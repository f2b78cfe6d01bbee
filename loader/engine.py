"""A remote SPARQL engine behind the standard protocols, with the embedded store's interface.

When one machine is not enough, legisgraph runs in front of an existing engine (the native
Oxigraph server, Virtuoso, Fuseki, GraphDB …) reached only through SPARQL 1.1 Query, SPARQL 1.1
Update and the Graph Store HTTP Protocol. :class:`RemoteEngine` offers the same operations as
:class:`loader.store.GraphStore`, returning pyoxigraph's own result types, so the loader, the CLI
and the web app's pages run unchanged on either.

The default graph is the merge of our named graphs, kept by our writes (loader.merge): the
engine's own default graph (the Oxigraph server without ``--union-default-graph``, Fuseki
without ``unionDefaultGraph``), or on Virtuoso a graph made the default by a pragma. Only graphs
under the configured base IRI count as ours: a shared engine holds other data (Virtuoso's
system graphs).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO

import pyoxigraph as ox
import requests
from requests.auth import HTTPDigestAuth

from loader import __version__
from loader.engine_results import (
    ACCEPT_RESULTS,
    ACCEPT_TRIPLES,
    EngineError,
    as_boolean,
    parse_response,
    rdf_format_of,
)
from loader.merge import VIRTUOSO_MERGE_GRAPH, MergeTarget
from loader.settings import DEFAULT_BASE_IRI
from loader.sparql_text import bind_values, names_a_graph, query_form
from loader.store import QueryResult, materialized

ENV_QUERY_URL = "LEGISGRAPH_ENGINE_QUERY_URL"
ENV_UPDATE_URL = "LEGISGRAPH_ENGINE_UPDATE_URL"
ENV_STORE_URL = "LEGISGRAPH_ENGINE_STORE_URL"
ENV_USER = "LEGISGRAPH_ENGINE_USER"
ENV_PASSWORD = "LEGISGRAPH_ENGINE_PASSWORD"
ENV_KIND = "LEGISGRAPH_ENGINE_KIND"

#: How each kind of engine takes a per-query time limit as a request parameter.
TIMEOUT_PARAMETERS = {
    "fuseki": ("timeout", 1),  # seconds
    "virtuoso": ("timeout", 1000),  # milliseconds
}


@dataclass(frozen=True)
class EngineSettings:
    """Where the engine is and how to talk to it."""

    query_url: str
    update_url: str | None = None
    store_url: str | None = None
    user: str | None = None
    password: str | None = None
    kind: str = "generic"
    base_iri: str = DEFAULT_BASE_IRI
    timeout: float = 30.0

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] | None = None, **overrides
    ) -> EngineSettings | None:
        """Settings from LEGISGRAPH_ENGINE_*; None when no query URL is set (embedded store)."""
        environ = os.environ if environ is None else environ
        if not environ.get(ENV_QUERY_URL):
            return None
        return cls(
            query_url=environ[ENV_QUERY_URL],
            update_url=environ.get(ENV_UPDATE_URL) or None,
            store_url=environ.get(ENV_STORE_URL) or None,
            user=environ.get(ENV_USER) or None,
            password=environ.get(ENV_PASSWORD) or None,
            kind=environ.get(ENV_KIND) or "generic",
            **overrides,
        )


class RemoteEngine:
    """The GraphStore operations over SPARQL 1.1 Query, Update and the Graph Store Protocol."""

    path = None

    def __init__(self, settings: EngineSettings, *, materialize: bool = False) -> None:
        self.settings = settings
        self.materialize = materialize  # SELECT results as Solutions (see loader.store)
        on_virtuoso = settings.kind == "virtuoso"
        #: Where the merged default graph is kept (loader.merge).
        self.merge = MergeTarget(
            VIRTUOSO_MERGE_GRAPH if on_virtuoso else None, scope=settings.base_iri
        )
        self._merge_checked = False
        self.session = requests.Session()
        self.session.headers["User-Agent"] = f"legisgraph/{__version__}"
        self._foreign_graphs: list[str] | None = None
        if settings.user:
            credentials = (settings.user, settings.password or "")
            # Virtuoso's authenticated endpoints take HTTP Digest; the others Basic.
            digest = settings.kind == "virtuoso"
            self.session.auth = HTTPDigestAuth(*credentials) if digest else credentials

    def __enter__(self) -> RemoteEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP connections."""
        self.session.close()

    @property
    def raw(self) -> ox.Store:
        """There is no pyoxigraph store behind a remote engine."""
        raise RuntimeError("a remote engine has no embedded store; use query() instead")

    # Reading

    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[ox.Variable, object] | None = None,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
        **_options: object,
    ) -> QueryResult:
        """Run a query on the engine and return pyoxigraph results, as GraphStore.query does.

        ``substitutions`` become a VALUES block opening the WHERE group (loader.sparql_text).
        """
        if substitutions:
            sparql = bind_values(sparql, substitutions)
        declarations = "".join(f"PREFIX {p}: <{iri}> " for p, iri in (prefixes or {}).items())
        if base_iri:
            declarations = f"BASE <{base_iri}> {declarations}"
        sparql = declarations + sparql  # on the first line: the engine's positions still hold
        form = query_form(sparql)
        accept = ACCEPT_TRIPLES if form in ("CONSTRUCT", "DESCRIBE") else ACCEPT_RESULTS
        response = self.send_query(sparql, accept=accept)
        result = parse_response(response)
        if form == "ASK":
            return as_boolean(result)
        return materialized(result) if self.materialize else result

    def ask(self, query: str) -> bool:
        """Answer an ASK query."""
        return bool(self.query(query))

    def send_query(
        self,
        sparql: str,
        *,
        accept: str,
        params: Mapping[str, object] | None = None,
        only_ours: bool = True,
    ) -> requests.Response:
        """POST a query to the engine; the raw, streamable response, or EngineError.

        ``only_ours`` makes a Virtuoso's merge graph the default graph and keeps it and the
        engine's other graphs (its system graphs, say) out of GRAPH ?g, so that the dataset is
        the data legisgraph loaded.
        """
        # Virtuoso answers nothing to GRAPH <iri> once a pragma shapes the dataset; such a query
        # names its graph anyway, so it goes as it is (its default graph is then every graph).
        if only_ours and self.settings.kind == "virtuoso" and not names_a_graph(sparql):
            sparql = self._virtuoso_dataset() + sparql
        data = {"query": sparql, **(params or {})}
        data.update(self._timeout_parameter())
        return self._send(
            "post", self.settings.query_url, data=data, headers={"Accept": accept}, stream=True
        )

    def _virtuoso_dataset(self) -> str:
        """Virtuoso pragmas: the merge graph as the default graph, and GRAPH ?g without the
        engine's own graphs (those not under our base IRI, looked up once)."""
        if self._foreign_graphs is None:
            response = self.send_query(
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                f"FILTER(!STRSTARTS(STR(?g), {_string(self.settings.base_iri)})) }}",
                accept=ACCEPT_RESULTS,
                only_ours=False,
            )
            self._foreign_graphs = sorted(row["g"].value for row in parse_response(response))
        # The merge graph stays visible to GRAPH ?g: excluding the graph that is also the
        # default graph makes Virtuoso 7 answer patterns with an unbound predicate with nothing.
        hidden = [g for g in self._foreign_graphs if g != VIRTUOSO_MERGE_GRAPH]
        return f"DEFINE input:default-graph-uri <{VIRTUOSO_MERGE_GRAPH}> " + "".join(
            f"DEFINE input:named-graph-exclude <{graph}> " for graph in hidden
        )

    def named_graphs(self) -> list[str]:
        """IRIs of our named graphs (those under the base IRI), sorted."""
        rows = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(STRSTARTS(STR(?g), {_string(self.settings.base_iri)})) }}"
        )
        return sorted(row["g"].value for row in rows)

    def quad_count(self) -> int:
        """Number of quads in our named graphs."""
        (row,) = self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(STRSTARTS(STR(?g), {_string(self.settings.base_iri)})) }}"
        )
        return int(row["n"].value)

    def graph_size(self, graph_iri: str) -> int:
        """Number of triples in one named graph."""
        (row,) = self.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {ox.NamedNode(graph_iri)} {{ ?s ?p ?o }} }}"
        )
        return int(row["n"].value)

    def graph_triples(self, graph_iri: str) -> Iterator[ox.Triple]:
        """The triples of one named graph, streamed from a CONSTRUCT."""
        graph = ox.NamedNode(graph_iri)
        response = self.send_query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}",
            accept=ACCEPT_TRIPLES,
        )
        yield from ox.parse(response.raw, rdf_format_of(response), base_iri=graph_iri)

    def dump(self, output: IO[bytes], rdf_format: ox.RdfFormat, graph_iri: str | None = None):
        """Serialise our named graphs (or one graph) in ``rdf_format``, graph by graph."""
        graphs = [graph_iri] if graph_iri else self.named_graphs()
        for graph in graphs:
            name = ox.NamedNode(graph)
            triples = self.graph_triples(graph)
            if rdf_format.supports_datasets:
                quads = (ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
                ox.serialize(quads, output, rdf_format)
            else:
                ox.serialize(triples, output, rdf_format)

    # Writing

    def update(self, sparql: str) -> None:
        """Apply a SPARQL update through the engine's update endpoint."""
        url = self.settings.update_url or self.settings.query_url
        self._send(
            "post",
            url,
            data=sparql.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    def replace_graph(self, graph_iri: str, ntriples: str) -> None:
        """Replace a named graph and the merge with it, in one update request."""
        self._derive_merge_if_missing()
        self.update(self.merge.replace(graph_iri, ntriples))

    def drop_graph(self, graph_iri: str) -> None:
        """Remove a named graph, and what only it stated from the merge."""
        self._derive_merge_if_missing()
        self.update(self.merge.drop(graph_iri))

    def _derive_merge_if_missing(self) -> None:
        """Engines loaded before the merge existed have named graphs and no merge: derive it."""
        if self._merge_checked:
            return
        ours = f"FILTER(STRSTARTS(STR(?g), {_string(self.settings.base_iri)}))"
        if self.ask(f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} {ours} }}") and not self.ask(
            "ASK { ?s ?p ?o }"
        ):
            self.update(self.merge.rebuild())
        self._merge_checked = True

    # Plumbing

    def _timeout_parameter(self) -> dict[str, object]:
        parameter = TIMEOUT_PARAMETERS.get(self.settings.kind)
        if parameter is None:
            return {}
        name, scale = parameter
        return {name: int(self.settings.timeout * scale)}

    def _send(self, method: str, url: str, **kwargs) -> requests.Response:
        timeout = (5.0, self.settings.timeout + 1.0)
        try:
            response = self.session.request(method, url, timeout=timeout, **kwargs)
        except requests.Timeout:
            raise EngineError(
                504, f"the SPARQL engine at {url} did not answer within {timeout[1]:.0f} s"
            ) from None
        except requests.RequestException as error:
            raise EngineError(
                502, f"the SPARQL engine at {url} cannot be reached: {error}"
            ) from None
        if response.status_code >= 400:
            detail = response.text.strip()[:500] or response.reason
            response.close()
            status = response.status_code if response.status_code < 500 else 502
            message = f"the SPARQL engine answered {response.status_code}: {detail}"
            raise EngineError(status, message, detail)
        return response


def _string(value: str) -> str:
    return str(ox.Literal(value))
