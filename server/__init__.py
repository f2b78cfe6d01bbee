"""legisgraph web app: the SPARQL endpoint, resource pages and UI over the store."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext
from werkzeug.middleware.proxy_fix import ProxyFix

from loader import __version__
from server import config


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from defaults and LEGISGRAPH_* variables, or from ``test_config``."""
    app = Flask(__name__)
    app.config.from_mapping(config.DEFAULTS)
    app.config.update(config.from_environment() if test_config is None else test_config)
    if hops := int(app.config["PROXY_HOPS"]):
        # Behind trusted proxies the client is the address they add to X-Forwarded-For; the
        # per-client limits (fair sharing, 429s) then apply to real clients, not the proxy.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops)
    app.json.ensure_ascii = False
    # Folders given relative to where the server was started, not to the package (send_file).
    for key in ("STORE", "RELEASES_DIR"):
        app.config[key] = str(Path(app.config[key]).resolve())

    from server import (
        browse,
        cors,
        dumps,
        error_pages,
        gsp,
        home,
        i18n,
        labels_api,
        ontology,
        queries,
        query_editor,
        reconcile,
        resources,
        search,
        security,
        sparql,
        store,
    )

    i18n.init_app(app)
    error_pages.init_app(app)
    cors.init_app(app)
    security.init_app(app)
    store.init_app(app)
    for blueprint in (
        home.bp,
        sparql.bp,
        gsp.bp,
        ontology.bp,
        resources.bp,
        search.bp,
        browse.bp,
        queries.bp,
        query_editor.bp,
        labels_api.bp,
        reconcile.bp,
        dumps.bp,
    ):
        app.register_blueprint(blueprint)
    app.context_processor(_template_globals)
    app.jinja_env.filters["isolate"] = isolate
    return app


#: Navigation entries shown when their view is registered: (label, endpoint).
NAV = [
    (lazy_gettext("Search"), "search.search_page"),
    (lazy_gettext("Meetings"), "browse.meetings"),
    (lazy_gettext("Committees"), "browse.committees"),
    (lazy_gettext("Papers"), "browse.papers"),
    (lazy_gettext("Questions"), "browse.questions"),
    (lazy_gettext("Concerns"), "browse.concerns"),
    (lazy_gettext("Measures"), "browse.measures"),
    (lazy_gettext("Members"), "browse.members"),
    (lazy_gettext("Queries"), "queries.index"),
    (lazy_gettext("Editor"), "editor.page"),
    (lazy_gettext("SPARQL"), "sparql.endpoint"),
    (lazy_gettext("Dumps"), "dumps.index"),
    (lazy_gettext("Ontology"), "ontology.page"),
]


def isolate(text: object) -> str:
    """Text from documents wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.

    Where no element can carry ``dir="auto"`` (a page's ``<title>``), right-to-left override
    characters in a document's text then cannot reorder the text around it.
    """
    return f"\u2068{text}\u2069"


def _template_globals() -> dict[str, Any]:
    from flask import current_app, url_for

    def nav_links() -> list[tuple[str, str]]:
        """(label in the page's language, URL) of each registered NAV entry."""
        views = current_app.view_functions
        return [(str(label), url_for(endpoint)) for label, endpoint in NAV if endpoint in views]

    return {"version": __version__, "nav_links": nav_links}
