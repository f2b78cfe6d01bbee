"""The SPARQL 1.1 Graph Store HTTP Protocol at /store: read, replace, add to and drop graphs."""

from __future__ import annotations

import uuid

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request, url_for

from server import negotiation
from server.access import require_write_access
from server.errors import ApiError
from server.jobs import DumpJob
from server.store import get_backend
from server.update_graphs import DEFAULT_GRAPH_WRITE

bp = Blueprint("gsp", __name__)

METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE"]


@bp.route("/store", methods=METHODS)
@bp.route("/store/<path:_graph_path>", methods=METHODS)
def graph_store(_graph_path: str | None = None) -> Response:
    """Dispatch on the method and the graph: ?graph=IRI, ?default, or the URL itself (direct)."""
    graph = request.base_url if _graph_path is not None else _target_graph()
    if request.method in ("GET", "HEAD"):
        if graph is _STORE:
            raise ApiError(400, "name a graph with ?graph=IRI, or ?default for the default graph")
        output = negotiation.choose(negotiation.TRIPLES, "a graph")
        stream = get_backend().executor.read(DumpJob(graph, output))
        return Response(stream, mimetype=stream.media_type, headers={"Vary": "Accept"})
    require_write_access()
    if request.method == "DELETE":
        if graph is _STORE:
            raise ApiError(400, "name the graph to delete with ?graph=IRI or ?default")
        if graph is not None and not _exists(graph):
            raise ApiError(404, f"no graph {graph}")
        _apply(graph, "DROP DEFAULT" if graph is None else f"DROP GRAPH <{graph}>")
        return Response(status=204)
    if graph is _STORE:
        if request.method != "POST":
            raise ApiError(400, "PUT needs ?graph=IRI or ?default")
        # A new graph named by a URL of this store, so that it can be fetched directly.
        graph = url_for("gsp.graph_store", _graph_path=str(uuid.uuid4()), _external=True)
        _write(graph, replace=False)
        response = Response(status=201)
        response.headers["Location"] = graph
        return response
    created = graph is not None and not _exists(graph)
    _write(graph, replace=request.method == "PUT")
    return Response(status=201 if created else 204)


_STORE = object()  # the request names no graph: the whole graph store


def _target_graph() -> str | None | object:
    """The named graph IRI, None for the default graph, or _STORE when neither is named."""
    graphs = request.args.getlist("graph")
    if "default" in request.args:
        if graphs:
            raise ApiError(400, "use either ?graph= or ?default, not both")
        return None
    if len(graphs) > 1:
        raise ApiError(400, "name one graph")
    if graphs:
        try:
            return ox.NamedNode(graphs[0]).value
        except ValueError as error:
            raise ApiError(400, f"not an absolute IRI: {graphs[0]!r} ({error})") from None
    return _STORE


def _exists(graph: str) -> bool:
    return get_backend().executor.graph_exists(graph)


def _write(graph: str | None, *, replace: bool) -> None:
    """Parse the body (or each multipart part) and replace or extend the graph in one update."""
    if request.mimetype == "multipart/form-data":
        parts = [(f.mimetype, f.read()) for f in request.files.values()]
    else:
        parts = [(request.mimetype, request.get_data())]
    triples = []
    for media_type, data in parts:
        rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
        if rdf_format is None:
            raise ApiError(415, f"unsupported RDF media type {media_type!r}")
        try:
            quads = ox.parse(data, format=rdf_format, base_iri=graph, without_named_graphs=True)
            triples += [f"{q.subject} {q.predicate} {q.object} ." for q in quads]
        except (SyntaxError, ValueError) as error:
            raise ApiError(400, f"the {media_type} body does not parse: {error}") from None
    target = "DEFAULT" if graph is None else f"GRAPH <{graph}>"
    body = "\n".join(triples)
    inserted = (
        f"INSERT DATA {{ {body} }}" if graph is None else f"INSERT DATA {{ {target} {{ {body} }} }}"
    )
    drop = f"DROP SILENT {target}" if replace else ""
    create = "" if graph is None else f"CREATE SILENT GRAPH <{graph}>"
    # An empty body writes nothing (Virtuoso refuses an empty INSERT DATA block).
    operations = [op for op in (drop, create, inserted if triples else "") if op]
    _apply(graph, " ;\n".join(operations))


def _apply(graph: str | None, update: str) -> None:
    """Write one graph; the merged default graph follows in the same update (loader.merge)."""
    if current_app.config["UNION_DEFAULT_GRAPH"]:
        if graph is None:
            raise ApiError(400, DEFAULT_GRAPH_WRITE)
        update = get_backend().merge.around([graph], update)
    get_backend().executor.write(update)
