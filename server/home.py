"""The home page: what the dataset holds and where to query it, as HTML and as JSON."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, current_app, jsonify, redirect, render_template, url_for

from loader.vocab import PREFIXES
from server.charts import chart
from server.labels import class_label, reader_language
from server.store import get_backend, get_store

bp = Blueprint("home", __name__)

#: The dataset at a glance: library queries drawn on the home page, in this order.
HOME_CHARTS = (
    "meetings-per-month",
    "questions-by-body-year",
    "documents-by-kind",
    "recently-loaded",
)

DOCUMENTS_QUERY = """
SELECT ?graph ?document ?title ?kind ?source ?loaded WHERE {
  GRAPH ?graph {
    ?graph foaf:primaryTopic ?document ; lg:documentKind ?kind ; lg:sourceName ?source ;
           prov:wasGeneratedBy/prov:endedAtTime ?loaded .
    OPTIONAL { ?document dcterms:title ?title }
  }
}
ORDER BY ?graph
"""


def dataset_summary() -> dict[str, object]:
    """Counts and the loaded documents, read from each graph's provenance."""
    store = get_store()
    rows = store.query(DOCUMENTS_QUERY, prefixes=PREFIXES)
    documents = [
        {
            "graph": row["graph"].value,
            "document": row["document"].value,
            "title": row["title"].value if row["title"] else None,
            "title_language": row["title"].language if row["title"] else None,
            "kind": row["kind"].value,
            "source": row["source"].value,
            "loaded": row["loaded"].value,
        }
        for row in rows
    ]
    return {
        "quads": _quad_count(store),
        "graphs": len(store.named_graphs()),
        "documents": documents,
        "sparql_endpoint": url_for("sparql.endpoint", _external=True),
    }


def _quad_count(store) -> int:
    """The store's quad count, counted once per committed state (a count is a scan)."""
    token = get_backend().executor.current_snapshot()
    counted = current_app.extensions.setdefault("legisgraph.quad_count", {})
    if token not in counted:
        counted.clear()
        counted[token] = store.quad_count()
    return counted[token]


@bp.route("/")
def index() -> Response:
    """The dataset at a glance, in the reader's language, with links to the endpoint and the
    JSON twin."""
    language = reader_language()
    html = render_template(
        "home/index.html",
        summary=dataset_summary(),
        language=language,
        kind_label=lambda iri: class_label(iri, language),
        charts=[chart(name) for name in HOME_CHARTS],
    )
    return Response(html, headers={"Vary": "Accept-Language, Cookie"})


@bp.app_context_processor
def _chart_global() -> dict[str, object]:
    """``library_chart(name, **parameters)`` and ``today()`` for any page that draws a chart."""
    return {"library_chart": chart, "today": lambda: dt.date.today().isoformat()}


@bp.route("/index.json")
def index_json() -> Response:
    """The home page's facts as JSON."""
    return jsonify(dataset_summary())


@bp.route("/favicon.ico")
def favicon() -> Response:
    """The icon browsers ask for by this name when a page (a Turtle file, say) names none."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)
