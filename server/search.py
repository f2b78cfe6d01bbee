"""Full-text search at /search (HTML), /search.json and /search.csv, all with the same parameters.

``q`` the words (a "quoted phrase" stays whole), ``type`` (repeatable: an lg: name such as
``Concern``, a prefixed name or an IRI), ``speaker`` (a speech's speaker's IRI) and ``date`` (the
day, month or year a speech was made), ``language`` the language the matched text must be in
(``zh``, ``en``; untagged text always qualifies), ``lang`` the reader's language for labels,
``page`` and ``per_page``. The index (loader/search_index.py) is brought up to date from the
store the first time it is used after the store changed.
"""

from __future__ import annotations

import sqlite3
import threading

from flask import Blueprint, Response, current_app, render_template, request, url_for

from loader.search_index import SearchIndex
from loader.search_query import Results, search
from loader.vocab import LG_NAMESPACE, PREFIXES
from server.errors import ApiError
from server.labels import class_label, compact, reader_language
from server.listing import (
    add_twin_routes,
    chosen_format,
    csv_response,
    json_response,
    paging,
    twin_links,
)
from server.resource_values import href_of
from server.store import get_backend

bp = Blueprint("search", __name__)

EXTENSION_KEY = "legisgraph.search"
PER_PAGE = 20
CSV_COLUMNS = ["iri", "label", "types", "snippet", "score", "graph"]


class IndexState:
    """Which store snapshot this process last brought the index up to date with."""

    def __init__(self) -> None:
        self.snapshot: str | None = None
        self.lock = threading.Lock()


@bp.record_once
def _init(state) -> None:
    state.app.extensions[EXTENSION_KEY] = IndexState()


def current_index() -> SearchIndex:
    """The store's search index, refreshed if the store has changed since this process last
    looked; an index that cannot be written here is used as it is, if it exists."""
    backend = get_backend()
    index = SearchIndex.beside(backend.state_path)
    state: IndexState = current_app.extensions[EXTENSION_KEY]
    snapshot = backend.executor.current_snapshot()
    if state.snapshot != snapshot:
        with state.lock:
            if state.snapshot != snapshot:
                try:
                    index.refresh(backend.reader())
                except (sqlite3.Error, OSError) as error:
                    if not _usable(index):
                        raise ApiError(
                            503, f"the search index cannot be built ({error}); run legisgraph index"
                        ) from None
                    current_app.logger.warning("search index not refreshed: %s", error)
                state.snapshot = snapshot
    return index


def _usable(index: SearchIndex) -> bool:
    try:
        return index.exists()
    except sqlite3.Error:
        return False


def type_iri(name: str) -> str:
    """An lg: local name, a prefixed name or an IRI, as an IRI."""
    prefix, _, local = name.partition(":")
    if not local:
        return LG_NAMESPACE + name
    if prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return name


def find() -> Results:
    """The search the request asks for."""
    page = paging(PER_PAGE)
    language = reader_language()
    return search(
        current_index(),
        request.args.get("q", ""),
        types=[type_iri(t) for t in request.args.getlist("type") if t],
        language=request.args.get("language") or None,
        prefer=[language.split("-")[0], "zh", "en"],
        limit=page.per_page,
        offset=page.offset,
        speaker=request.args.get("speaker") or None,
        date=request.args.get("date") or None,
    )


def search_page(fmt: str | None) -> Response:
    """Ranked resources whose labels or texts match, with highlighted snippets."""
    fmt = chosen_format(fmt)
    results = find()
    page = paging(PER_PAGE)
    language = reader_language()
    links = page.links(results.total)
    hits = [
        {
            "iri": hit.subject,
            "href": href_of(hit.subject),
            "label": hit.label,
            "label_language": hit.label_language,
            "types": list(hit.types),
            "snippet": hit.snippet,
            "snippet_html": hit.snippet_html,
            "score": round(hit.score, 4),
            "graph": hit.graph,
            "predicate": hit.predicate,
        }
        for hit in results.hits
    ]
    if fmt == "csv":
        return csv_response(CSV_COLUMNS, [h | {"types": " ".join(h["types"])} for h in hits])
    if fmt == "json":
        return json_response(
            {
                "query": request.args.get("q", ""),
                "terms": results.terms,
                "total": results.total,
                "page": page.page,
                "per_page": page.per_page,
                **links,
                "types": [{"type": t, "count": n} for t, n in results.type_counts],
                "speakers": [
                    {"speaker": iri, "label": label, "count": n}
                    for iri, label, n in results.speaker_counts
                ],
                "dates": [{"date": day, "count": n} for day, n in results.date_counts],
                "results": hits,
            }
        )
    selected = [type_iri(t) for t in request.args.getlist("type") if t]
    html = render_template(
        "search/results.html",
        query=request.args.get("q", ""),
        results=results,
        hits=hits,
        facets=[
            (class_label(t, language), n, _with_type(t), t in selected)
            for t, n in results.type_counts
        ],
        type_label=lambda iri: class_label(iri, language),
        clear_types=_with_type(None) if selected else None,
        speakers=[
            (label or iri, n, _with_facet("speaker", iri), request.args.get("speaker") == iri)
            for iri, label, n in results.speaker_counts
        ],
        dates=[
            (day, n, _with_facet("date", day), request.args.get("date") == day)
            for day, n in results.date_counts
        ],
        clear_speech_facets=_with_facet(None, None)
        if request.args.get("speaker") or request.args.get("date")
        else None,
        links=links,
        first=page.offset + 1,
        twins=twin_links(),
        language=language,
        args=request.args,
    )
    return Response(html, headers={"Vary": "Accept, Accept-Language, Cookie"})


def _with_type(iri: str | None) -> str:
    """This search narrowed to one type (or to none), from its first page."""
    args = request.args.to_dict(flat=False)
    args.pop("page", None)
    args.pop("type", None)
    if iri is not None:
        args["type"] = [compact(iri)]
    return url_for("search.search_page", **args)


def _with_facet(name: str | None, value: str | None) -> str:
    """This search narrowed to a speaker or a day (or to neither), from its first page."""
    args = request.args.to_dict(flat=False)
    args.pop("page", None)
    if name is None:
        args.pop("speaker", None)
        args.pop("date", None)
    else:
        args[name] = [value]
    return url_for("search.search_page", **args)


add_twin_routes(bp, "/search", search_page)
