"""The query library served as canned queries: /queries lists them, /queries/NAME runs one.

Each query page shows the research question, a form for the parameters, the results with
labelled links and the SPARQL. The same URL with its GET parameters is a stable link to one
parameter set; the results come as SPARQL JSON, XML, CSV or TSV (Turtle, N-Triples or JSON-LD
for CONSTRUCT) by ``Accept``, ``?format=`` or a suffix (``/queries/NAME.csv``). Queries run
through ``/sparql``'s own ``execute_query``: the same worker processes, limits and SERVICE
allow-list.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, render_template, request, url_for

from loader.canned import CannedQuery, ParameterError, load_library
from loader.sparql_text import leading_form
from loader.store import materialized
from server import negotiation
from server.canned_results import ResultTable, present
from server.errors import ApiError
from server.jobs import GRAPH_FORMS, Serialization
from server.labels import reader_language
from server.sparql import execute_query

bp = Blueprint("queries", __name__)

#: Suffixes of /queries/NAME.<suffix> and the media type each asks for.
SUFFIXES = negotiation.QUERY_SUFFIXES
#: GET parameters that are not query parameters.
RESERVED = frozenset({"format", "lang"})
#: Characters left as they are in query-string values (as url_for leaves them).
URL_SAFE = "!$'()*,/:;?@"
#: Largest result the HTML page renders; larger ones are offered as downloads.
PAGE_RESULT_BYTES = 5_000_000


@cache
def library() -> dict[str, CannedQuery]:
    """The query library, read once per process."""
    return load_library()


@bp.route("/queries")
def index() -> str:
    """Every query with its title, description, question and parameters."""
    language = reader_language()
    return render_template("queries/index.html", queries=library().values(), language=language)


@bp.route("/queries.json")
def index_json() -> Response:
    """The library as JSON: the same facts, with the URLs of each query and its downloads."""
    return jsonify({"queries": [describe(canned) for canned in library().values()]})


def describe(canned: CannedQuery) -> dict[str, object]:
    """One query's header, SPARQL text and URLs, for the JSON list and the editor."""
    return {
        "name": canned.name,
        "title": canned.title,
        "description": canned.description,
        "question": canned.question,
        "parameters": [
            {
                "name": p.name,
                "type": p.type,
                "default": p.default,
                "example": p.example,
                "description": p.description,
            }
            for p in canned.parameters
        ],
        "services": canned.services,
        "sparql": canned.text,
        "bound_sparql": canned.bind(),
        "url": url_for("queries.run", name=canned.name, _external=True),
        "downloads": {
            suffix: url_for("queries.run", name=f"{canned.name}.{suffix}", _external=True)
            for suffix in fitting_suffixes(canned)
        },
    }


@bp.route("/queries/<name>")
def run(name: str) -> Response:
    """Run one query: HTML for browsers, results in the negotiated or suffixed format."""
    stem, dot, suffix = name.partition(".")
    canned = library().get(stem)
    if canned is None or (dot and suffix not in SUFFIXES):
        raise ApiError(404, f"no query named {name!r}; /queries lists them")
    values = _values(canned)
    text = canned.bind(values)
    if dot:
        response = _results(text, lambda form: negotiation.by_query_suffix(suffix, form))
    elif negotiation.prefers_html():
        response = Response(_page(canned, values, text))
    else:
        response = _results(text, negotiation.for_query)
    # The page follows the reader's language too (?lang=, the cookie, Accept-Language).
    response.headers["Vary"] = "Accept, Accept-Language, Cookie"
    if not dot:
        response.headers["Link"] = ", ".join(
            f'<{_link(canned, values, s)}>; rel="alternate"; type="{SUFFIXES[s]}"'
            for s in fitting_suffixes(canned)
        )
    return response


def _values(canned: CannedQuery) -> dict[str, str]:
    """The parameter values from the query string (defaults for the rest); 400 if unfit."""
    given = {key: request.args[key] for key in request.args if key not in RESERVED}
    try:
        values = canned.values(given)
        for parameter in canned.parameters:
            parameter.term(values[parameter.name])
    except ParameterError as error:
        raise ApiError(400, str(error)) from None
    return values


def _link(canned: CannedQuery, values: dict[str, str], suffix: str | None = None) -> str:
    """The stable URL of the query with these values (every parameter spelt out)."""
    name = f"{canned.name}.{suffix}" if suffix else canned.name
    path = url_for("queries.run", name=name)
    # Spelt out here, not as url_for keywords: a parameter may be called ``name``.
    return f"{path}?{urlencode(values, safe=URL_SAFE)}" if values else path


def _results(text: str, output: Callable[[str], Serialization]) -> Response:
    """Run the bound query in a worker and stream it in the serialisation ``output`` gives."""
    stream = execute_query(text, output=output)
    return Response(stream, mimetype=stream.media_type)


def _page(canned: CannedQuery, values: dict[str, str], text: str) -> str:
    """The query's page: form, results (or the error that stopped them) and SPARQL."""
    language = reader_language()
    table: ResultTable | None = None
    error: str | None = None
    try:
        stream = execute_query(text, output=_page_output, max_bytes=PAGE_RESULT_BYTES)
        data = b"".join(stream)
        stream.close()
        if stream.media_type == "application/n-triples":
            triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
            table = present(triples, language, graph=True)
        else:
            parsed = materialized(ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON))
            table = present(parsed, language)
    except ApiError as failure:
        error = f"{failure.status}: {failure.message}"
    except RuntimeError as failure:  # a result cut short while streaming
        error = str(failure)
    downloads = {suffix: _link(canned, values, suffix) for suffix in fitting_suffixes(canned)}
    return render_template(
        "queries/query.html",
        canned=canned,
        values=values,
        text=text,
        table=table,
        error=error,
        language=language,
        permalink=_link(canned, values),
        downloads=downloads,
        media_types=SUFFIXES,
        editor_url=_editor_url(text),
    )


def _page_output(form: str) -> Serialization:
    """What the page reads a result as: SPARQL JSON, or N-Triples for a graph."""
    if form in GRAPH_FORMS:
        return Serialization("application/n-triples", "application/n-triples")
    return Serialization("application/sparql-results+json", "application/sparql-results+json")


def fitting_suffixes(canned: CannedQuery) -> list[str]:
    """The download suffixes that fit the query's form: result formats for SELECT and ASK,
    RDF syntaxes for CONSTRUCT and DESCRIBE (the others would only answer 406)."""
    form = leading_form(canned.text)
    return [s for s in SUFFIXES if negotiation.fits_query(s, form)]


def _editor_url(text: str) -> str:
    """The editor with this query filled in, in the fragment the editor keeps it in (a long
    query in the query string would pass the server's request-line limit)."""
    return url_for("editor.page") + "#" + urlencode({"query": text}, quote_via=quote)
