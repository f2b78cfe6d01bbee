"""legisgraph web app: the SPARQL endpoint, resource pages and UI over the store."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
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
        errors,
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
    app.jinja_env.filters["isolate"] = isolate
    return app


#: Navigation entries shown when their view is registered: (English, Chinese, endpoint).
NAV = [
    ("Search", "搜尋", "search.search_page"),
    ("Meetings", "會議", "browse.meetings"),
    ("Committees", "委員會", "browse.committees"),
    ("Papers", "文件", "browse.papers"),
    ("Questions", "質詢", "browse.questions"),
    ("Concerns", "關注事項", "browse.concerns"),
    ("Measures", "政策措施", "browse.measures"),
    ("Members", "議員", "browse.members"),
    ("Queries", "查詢庫", "queries.index"),
    ("Editor", "查詢編輯器", "editor.page"),
    ("SPARQL", "SPARQL", "sparql.endpoint"),
    ("Dumps", "數據下載", "dumps.index"),
    ("Ontology", "本體", "ontology.page"),
]


def isolate(text: object) -> str:
    """Text from documents wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.

    Where no element can carry ``dir="auto"`` (a page's ``<title>``), right-to-left override
    characters in a document's text then cannot reorder the text around it.
    """
    return f"\u2068{text}\u2069"


def _template_globals() -> dict[str, Any]:
    from flask import current_app, url_for

    def nav_links(language: str = "en") -> list[tuple[str, str]]:
        """(label in the page's language, URL) of each registered NAV entry."""
        views = current_app.view_functions
        return [
            (english if language == "en" else chinese, url_for(endpoint))
            for english, chinese, endpoint in NAV
            if endpoint in views
        ]

    return {"version": __version__, "nav_links": nav_links}
