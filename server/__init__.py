"""legisgraph web app: the SPARQL endpoint, resource pages and UI over the store."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from loader import __version__
from server import config


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from defaults and LEGISGRAPH_* variables, or from ``test_config``."""
    app = Flask(__name__)
    app.config.from_mapping(config.DEFAULTS)
    app.config.update(config.from_environment() if test_config is None else test_config)
    app.json.ensure_ascii = False

    from server import (
        browse,
        cors,
        dumps,
        errors,
        gsp,
        home,
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

    errors.init_app(app)
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
    return app


#: Navigation entries shown when their view is registered: (label, endpoint).
NAV = [
    ("Search", "search.search_page"),
    *[
        (name.capitalize(), f"browse.{name}")
        for name in ("meetings", "committees", "papers", "questions", "concerns", "measures")
    ],
    ("Members", "browse.members"),
    ("Queries", "queries.index"),
    ("Editor", "editor.page"),
    ("SPARQL", "sparql.endpoint"),
    ("Dumps", "dumps.index"),
    ("Ontology", "ontology.page"),
]


def _template_globals() -> dict[str, Any]:
    from flask import current_app, url_for

    def nav_links() -> list[tuple[str, str]]:
        views = current_app.view_functions
        return [(label, url_for(endpoint)) for label, endpoint in NAV if endpoint in views]

    return {"version": __version__, "nav_links": nav_links}
