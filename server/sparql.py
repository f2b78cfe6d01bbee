"""The SPARQL 1.1 Protocol endpoint: one URL for queries and (when allowed) updates."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from loader.sparql_text import leading_form, mentions_service, projection_in_order
from server import negotiation
from server.access import require_write_access
from server.description import service_description
from server.errors import ApiError
from server.federation import check_targets
from server.jobs import QueryJob, Serialization
from server.query_text import has_dataset_clause
from server.result_cache import ResultCache
from server.result_stream import ResultStream
from server.store import get_backend
from server.update_dataset import with_protocol_dataset
from server.update_graphs import keeping_merge

bp = Blueprint("sparql", __name__)
#: Where the app keeps its result cache.
RESULT_CACHE_KEY = "legisgraph.result_cache"


@bp.route("/sparql", methods=["GET", "HEAD", "POST"])
def endpoint() -> Response:
    """Dispatch as the protocol says: GET ?query=, form POST, or a direct query/update POST."""
    if request.method in ("GET", "HEAD"):
        if "update" in request.args:
            raise ApiError(400, "updates must be sent with POST")
        if "query" not in request.args:
            if negotiation.prefers_html():
                return Response(render_template("sparql/query.html"))
            return service_description()
        return run_query(_single(request.args, "query"), request.args)
    media_type = request.mimetype
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ApiError(400, f"only UTF-8 is accepted, not charset={charset}")
    if media_type == "application/sparql-query":
        return run_query(_body(), request.args)
    if media_type == "application/sparql-update":
        return run_update(_body(), request.args)
    if media_type == "application/x-www-form-urlencoded":
        form = request.form
        if "query" in form and "update" in form:
            raise ApiError(400, "send either query or update, not both")
        if "query" in form:
            return run_query(_single(form, "query"), form)
        if "update" in form:
            return run_update(_single(form, "update"), form)
        raise ApiError(400, "the form has neither a query nor an update parameter")
    if not media_type:
        raise ApiError(400, "a POST needs a Content-Type")
    raise ApiError(415, f"unsupported Content-Type {media_type!r}")


bp.add_url_rule(  # the W3C protocol tests address the endpoint with a trailing slash
    "/sparql/", endpoint="endpoint_with_slash", view_func=endpoint, methods=["GET", "HEAD", "POST"]
)


def _single(params: MultiDict, name: str) -> str:
    values = params.getlist(name)
    if len(values) != 1:
        raise ApiError(400, f"exactly one {name} parameter is required, got {len(values)}")
    return values[0]


def _body() -> str:
    try:
        return request.get_data().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(400, f"the request body is not valid UTF-8: {error}") from None


def _check_length(text: str) -> None:
    limit = current_app.config["MAX_QUERY_BYTES"]
    if len(text.encode("utf-8")) > limit:
        raise ApiError(413, f"the request is longer than the limit of {limit} bytes")


def run_query(text: str, params: MultiDict) -> Response:
    """Evaluate a protocol query in a worker and stream the negotiated serialisation."""
    stream = execute_query(
        text,
        default_graphs=params.getlist("default-graph-uri") or None,
        named_graphs=params.getlist("named-graph-uri") or None,
    )
    # A complete result goes as one body with its Content-Length: no chunked framing, fewer
    # writes to the socket.
    body = stream.head if stream.complete else stream
    return Response(body, mimetype=stream.media_type, headers={"Vary": "Accept"})


def execute_query(
    text: str,
    *,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    output: Callable[[str], Serialization] = negotiation.for_query,
    max_bytes: int | None = None,
) -> ResultStream:
    """Run a query as /sparql does and return its result stream.

    Length limit, query form, SERVICE allow-list, union default graph (unless the query has
    FROM or FROM NAMED), per-client limit, time limit. ``output`` gives the serialisation for
    the query's form (by default the one the request negotiates, or a 406);
    ``max_bytes`` can only lower the configured result limit.
    """
    config = current_app.config
    _check_length(text)
    try:
        form = leading_form(text)
    except ValueError as error:
        raise ApiError(400, f"invalid query: {error}") from None
    # Before anything evaluates the query: spelling out SELECT * reads its variables, and
    # pyoxigraph calls a SERVICE then.
    check_targets(text, config["SERVICE_ALLOWLIST"], update=False)
    text = projection_in_order(text)  # SELECT * columns in the order the query names them
    try:
        chosen = output(form)
    except ApiError:
        _check_syntax(text)  # a malformed query is a 400, whatever the client accepts
        raise
    job = QueryJob(
        text=text,
        form=form,
        output=chosen,
        # A query's own FROM / FROM NAMED wins over the union default graph.
        union=bool(config["UNION_DEFAULT_GRAPH"]) and not has_dataset_clause(text),
        default_graphs=tuple(default_graphs) if default_graphs is not None else None,
        named_graphs=tuple(named_graphs) if named_graphs is not None else None,
        max_bytes=min(max_bytes or config["MAX_RESULT_BYTES"], config["MAX_RESULT_BYTES"]),
        base_iri=_base_iri(),
    )
    executor = get_backend().executor
    cache = _result_cache(executor)
    key = cache.key(job, executor.current_snapshot()) if cache.enabled else None
    if key is not None and (kept := cache.get(key, job.max_bytes)) is not None:
        # A hit never waits on anything, so under gevent the connection whose next request is
        # already buffered would be served again and again; let the others have their turn.
        time.sleep(0)
        return ResultStream(kept.media_type, kept.body)
    with _client_slot():
        stream = executor.read(job, _client_socket())
    if key is None:
        return stream
    limit = min(cache.entry_bytes, job.max_bytes or cache.entry_bytes)
    return stream.teed(lambda body: cache.put(key, stream.media_type, body), limit)


def _result_cache(executor: object) -> ResultCache:
    """The app's result cache (RESULT_CACHE_MB; server/result_cache.py), made on first use."""
    extensions = current_app.extensions
    if RESULT_CACHE_KEY not in extensions:
        megabytes = float(current_app.config["RESULT_CACHE_MB"])
        extensions[RESULT_CACHE_KEY] = ResultCache(
            int(megabytes * 1024 * 1024),
            max_age=getattr(executor, "result_cache_seconds", None),
        )
    return extensions[RESULT_CACHE_KEY]


def _check_syntax(text: str) -> None:
    """400 for a query pyoxigraph cannot parse.

    Parsed against an empty in-memory store: SELECT, CONSTRUCT and DESCRIBE results are lazy
    and never read here, and an ASK has nothing to look at. A query with SERVICE is left to the
    query worker (which reports a syntax error as 400 too): pyoxigraph would call the service
    from here, outside the time limit.
    """
    if mentions_service(text):
        return
    try:
        ox.Store().query(text, base_iri=_base_iri())
    except SyntaxError as error:
        raise ApiError(400, f"invalid query: {error}") from None


def run_update(text: str, params: MultiDict) -> Response:
    """Apply an update, if this client may write; 204 when it is committed."""
    require_write_access()
    _check_length(text)
    using, using_named = params.getlist("using-graph-uri"), params.getlist("using-named-graph-uri")
    if using or using_named:
        text = with_protocol_dataset(text, using, using_named)
    check_targets(text, current_app.config["SERVICE_ALLOWLIST"], update=True)
    if current_app.config["UNION_DEFAULT_GRAPH"]:
        text = keeping_merge(text, get_backend().merge, _base_iri())
    with _client_slot():
        get_backend().executor.write(text, base_iri=_base_iri())
    return Response(status=204)


def _base_iri() -> str:
    """The service-defined base IRI for relative IRIs in requests: the endpoint's own URL."""
    return url_for("sparql.endpoint", _external=True)


@contextmanager
def _client_slot() -> Iterator[None]:
    """Count the client's running requests; refuse past the per-client limit with 429."""
    client = request.remote_addr or "unknown"
    limit = current_app.config["MAX_CONCURRENT_PER_CLIENT"]
    if not get_backend().clients.enter(client, limit):
        raise ApiError(429, f"at most {limit} queries at once from one client")
    try:
        yield
    finally:
        get_backend().clients.leave(client)


def _client_socket():
    """The client's socket when the WSGI server exposes it, to notice a client that leaves."""
    return request.environ.get("gunicorn.socket") or request.environ.get("werkzeug.socket")
