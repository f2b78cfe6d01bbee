"""The query editor at /editor: YASGUI (``@zazuko/yasgui``) served from this server, offline.

``make`` installs the npm packages into var/editor (from server/editor/package.json and its lock
file; never committed) and this blueprint serves their built files: YASGUI's script and style
sheet, and Chart.js for the editor's chart view (server/static/editor-chart.js). Without them
the page falls back to a plain form that posts to /sparql, and says how to install the editor.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    current_app,
    make_response,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import lazy_gettext

from loader.paths import EDITOR_DIR
from loader.vocab import PREFIXES
from server.errors import ApiError
from server.labels import reader_language
from server.labels_api import MAX_IRIS

bp = Blueprint("editor", __name__)

#: Where `npm ci --prefix var/editor` puts the packages.
VENDOR_DIR = EDITOR_DIR / "node_modules"
#: The only vendor files served: name → its path under VENDOR_DIR.
VENDOR_FILES = {
    "yasgui.min.js": "@zazuko/yasgui/build/yasgui.min.js",
    "yasgui.min.css": "@zazuko/yasgui/build/yasgui.min.css",
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
}
#: The query a new editor tab (and the plain form without ``?query=``) starts with.
DEFAULT_QUERY = """PREFIX lg: <https://w3id.org/legisgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?meeting ?date WHERE { ?meeting a lg:Meeting ; dcterms:date ?date } ORDER BY ?date
"""
#: YASGUI's result table resizes its columns with column-resizer, which adds <style> elements to
#: the page: its grip rules when a table is drawn, a cursor rule while a column is dragged. The
#: editor's policy allows exactly these two by hash (of @zazuko/yasgui 4.6.2, as the lock file
#: pins it; the browser tests report a CSP violation if an update changes them).
YASGUI_STYLE_HASHES = (
    "'sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk='",
    "'sha256-c0O6TmFAkgpNbHxKAa1BrveWHHopjEtC47i0PzMudxg='",
)
_STYLE_SRC = re.compile(r"((?<![\w-])style-src(?![\w-])[^;]*)")


def vendor_dir() -> Path:
    """The folder npm installed the packages in (a function, so tests can point it elsewhere)."""
    return VENDOR_DIR


def editor_installed() -> bool:
    """Whether every vendor file is there to serve."""
    return all((vendor_dir() / path).is_file() for path in VENDOR_FILES.values())


#: The words the editor's scripts write into the page, in the reader's language (data-words).
EDITOR_WORDS = {
    "tabName": lazy_gettext("Tab name"),
    "endpoint": lazy_gettext("SPARQL endpoint"),
    "queryText": lazy_gettext("SPARQL query"),
    "query": lazy_gettext("Query"),
    "openExample": lazy_gettext("Open an example from the query library…"),
    "libraryFailed": lazy_gettext("The query library could not be loaded:"),
    "chart": lazy_gettext("Chart"),
    "bar": lazy_gettext("Bar"),
    "line": lazy_gettext("Line"),
    "namesFrom": lazy_gettext("Names from"),
    "valuesFrom": lazy_gettext("Values from"),
    "chartType": lazy_gettext("Chart type"),
    "downloadChart": lazy_gettext("Download the chart (PNG)"),
    "rows": lazy_gettext("rows"),
    "of": lazy_gettext("of"),
}


@bp.route("/editor")
def page() -> Response:
    """The editor; the plain form, with ``?query=`` filled in, when YASGUI is not installed.

    YASGUI opens the query of ``?query=`` or ``#query=`` itself (server/static/editor.js).
    """
    query = request.args.get("query") or DEFAULT_QUERY
    html = render_template(
        "editor/page.html",
        installed=editor_installed(),
        query=query,
        default_query=DEFAULT_QUERY,
        endpoint=url_for("sparql.endpoint", _external=True),
        queries_url=url_for("queries.index_json"),
        labels_url=url_for("labels_api.labels"),
        labels_batch=MAX_IRIS,
        language=reader_language(),
        prefixes=json.dumps(PREFIXES),
        words=json.dumps({key: str(text) for key, text in EDITOR_WORDS.items()}),
    )
    response = make_response(html)
    response.headers["Vary"] = "Accept-Language, Cookie"
    policy = current_app.config["CONTENT_SECURITY_POLICY"]
    hashes = " ".join(YASGUI_STYLE_HASHES)
    response.headers["Content-Security-Policy"] = _STYLE_SRC.sub(rf"\1 {hashes}", policy)
    return response


@bp.route("/editor/vendor/<name>")
def vendor(name: str) -> Response:
    """YASGUI's built script and style sheet, and Chart.js, from where npm installed them."""
    if name not in VENDOR_FILES or not editor_installed():
        raise ApiError(404, f"no editor file {name!r} (is the editor installed? see README)")
    return send_from_directory(vendor_dir(), VENDOR_FILES[name], max_age=86400)
