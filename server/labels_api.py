"""/labels.json: the best label and the link of many IRIs, for pages that label in the browser.

The query editor's result tables and charts show IRIs as labelled links: they ask here, with
the IRIs a result holds, for what the resource pages would show — the best label in the reader's
language (server/labels.py) and where a link goes (server/resource_values.py: this server's
/id/… page for IRIs under the base IRI, the ontology page for lg: terms, the IRI itself for
other http(s) IRIs). Every IRI is parsed as a pyoxigraph NamedNode before it reaches a query,
and the look-up binds them with VALUES; a request names at most MAX_IRIS of them.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, request

from server.errors import ApiError
from server.labels import LANGUAGE_PARAMETER, LANGUAGES, Labeller, reader_language
from server.resource_values import href_of
from server.store import get_store

bp = Blueprint("labels_api", __name__)

#: The most IRIs one request may name (the editor sends a page of results in batches of this).
MAX_IRIS = 200
#: The longest IRI accepted, in characters.
MAX_IRI_LENGTH = 4096
#: Schemes of IRIs outside this server that are given as links.
LINKED_SCHEMES = ("http://", "https://")


@bp.route("/labels.json", methods=["GET", "POST"])
def labels() -> Response:
    """``{iri: {label, lang, href}}`` for each ``iri=`` (query string, or a form body for many)."""
    iris = list(dict.fromkeys(request.values.getlist("iri")))
    if not iris:
        raise ApiError(400, "give one or more iri= parameters (absolute IRIs)")
    if len(iris) > MAX_IRIS:
        raise ApiError(400, f"{len(iris)} IRIs asked for; at most {MAX_IRIS} per request")
    for iri in iris:
        _check_iri(iri)
    chosen = request.values.get(LANGUAGE_PARAMETER)
    if chosen is not None and chosen not in LANGUAGES:
        raise ApiError(400, f"lang={chosen!r} is not one of {', '.join(LANGUAGES)}")
    labeller = Labeller(get_store(), chosen or reader_language())
    labeller.fetch(iris)
    response = jsonify({iri: _entry(labeller, iri) for iri in iris})
    if chosen is None:
        response.headers["Vary"] = "Accept-Language, Cookie"
    return response


def _check_iri(iri: str) -> None:
    """A 400 unless ``iri`` is a well-formed absolute IRI of a sensible length."""
    if len(iri) > MAX_IRI_LENGTH:
        raise ApiError(400, f"an IRI of {len(iri)} characters; at most {MAX_IRI_LENGTH}")
    try:
        ox.NamedNode(iri)
    except ValueError as error:
        raise ApiError(400, f"<{iri}> is not a well-formed absolute IRI: {error}") from None


def _entry(labeller: Labeller, iri: str) -> dict[str, str | None]:
    """The label (None when the IRI has none), its language tag, and where a link goes."""
    found = labeller.label(iri)
    text, tag = found if found is not None else (None, None)
    href = href_of(iri)
    if href == iri and not iri.startswith(LINKED_SCHEMES):
        href = None  # urn:, mailto:, javascript: … are shown, not linked
    return {"label": text, "lang": _tag(tag), "href": href}


def _tag(tag: str | None) -> str | None:
    """A page language's tag as the pages write it (Oxigraph gives ``zh-hant``), else as given."""
    if not tag:
        return None
    return next((code for code in LANGUAGES if code.lower() == tag.lower()), tag)
