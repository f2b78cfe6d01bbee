"""Dereferenceable IRIs: every IRI under BASE_IRI is served at RESOURCE_PATH + its local name.

``{BASE_IRI}meeting/panel/itb/2023-02-13`` is answered at ``/id/meeting/panel/itb/2023-02-13``
(RESOURCE_PATH ``/id/``) with ``200`` and content negotiation: HTML for browsers (and ``*/*``),
Turtle, N-Triples, RDF/XML or JSON-LD by Accept, ``?format=`` or a ``.ttl``/``.nt``/``.rdf``/
``.jsonld`` suffix. What the description holds is defined in server/resource_page.py. IRIs the
store does not use get ``404``; paths that cannot form an IRI ``400``; both as error pages.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request, url_for
from flask.blueprints import BlueprintSetupState

from loader.vocab import PREFIXES
from server import negotiation
from server.errors import ApiError
from server.labels import LANGUAGE_PARAMETER, LANGUAGES, Labeller, reader_language
from server.resource_kinds import documents, evidence, kind_views
from server.resource_page import RDF_TYPE, Description, build_page, describe, exists
from server.resource_values import Presenter, base_iri
from server.store import get_store

bp = Blueprint("resources", __name__)

#: Suffixes that ask for one RDF serialisation, whatever the Accept header says.
SUFFIXES = negotiation.RESOURCE_SUFFIXES
#: Names of the page languages, each written in itself, for the language switch.
LANGUAGE_NAMES = {"zh-Hant": "中文", "en": "English"}
#: How long the language cookie lasts, in seconds.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600


@bp.record_once
def _add_resource_route(state: BlueprintSetupState) -> None:
    """Serve the configured RESOURCE_PATH (known only once the app's settings are)."""
    prefix = "/" + state.app.config["RESOURCE_PATH"].strip("/") + "/"
    state.add_url_rule(prefix + "<path:rest>", endpoint="resource", view_func=resource)


def resource(rest: str) -> Response:
    """The resource whose IRI is the base IRI + ``rest``, in the negotiated representation."""
    store = get_store()
    iri = iri_of(rest)
    suffixed = None
    if not exists(store, iri):
        iri, rest, suffixed = _without_suffix(store, rest)
    if suffixed is None:
        media_type = negotiation.choose(negotiation.RESOURCE, "this resource").media_type
    else:
        media_type = suffixed
    description = describe(store, iri)
    if media_type == "text/html":
        response = Response(_html(store, description, rest))
    else:
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        body = ox.serialize(description.triples(), format=rdf_format, prefixes=PREFIXES)
        response = Response(body, mimetype=media_type)
    response.headers["Link"] = ", ".join(_alternates(rest))
    if suffixed is None:
        varies = "Accept, Accept-Language, Cookie" if media_type == "text/html" else "Accept"
        response.headers["Vary"] = varies
    return response


def iri_of(rest: str) -> str:
    """The IRI a path names, or a 400 when no well-formed IRI could be minted like it."""
    if any(segment in ("", ".", "..") for segment in rest.split("/")):
        raise ApiError(400, f"/{rest} has an empty, '.' or '..' path segment: not an IRI we mint")
    iri = base_iri() + rest
    try:
        ox.NamedNode(iri)
    except ValueError as error:
        raise ApiError(400, f"<{iri}> is not a well-formed IRI: {error}") from None
    return iri


def _without_suffix(store, rest: str) -> tuple[str, str, str]:
    """(IRI, local name, media type) for ``name.ttl`` and the like; 404 when nothing fits."""
    for suffix, media_type in SUFFIXES.items():
        if rest.endswith(suffix) and len(rest) > len(suffix):
            iri = base_iri() + rest[: -len(suffix)]
            if exists(store, iri):
                return iri, rest[: -len(suffix)], media_type
    raise ApiError(404, f"nothing in the store is called <{base_iri() + rest}>")


def _query_string() -> str:
    """The request's parameters other than format=, for links to the other representations."""
    kept = [(k, v) for k, v in request.args.items(multi=True) if k != "format"]
    return "?" + urlencode(kept) if kept else ""


def _alternates(rest: str) -> list[str]:
    """``Link`` header values: the page and each RDF serialisation, with the same parameters."""
    url = url_for("resources.resource", rest=rest, _external=True)
    query = _query_string()
    links = [f'<{url}{query}>; rel="alternate"; type="text/html"']
    links += [f'<{url}{s}{query}>; rel="alternate"; type="{t}"' for s, t in SUFFIXES.items()]
    return links


def _html(store, description: Description, rest: str) -> str:
    """The page: labelled description, kind-specific views, incoming links and sources."""
    language = reader_language()
    presenter = Presenter(Labeller(store, language))
    page = build_page(description, presenter)
    this = description.this
    types = {
        t.object.value
        for t in description.outgoing
        if t.subject == this and t.predicate.value == RDF_TYPE
    }
    page.kinds = kind_views(store, this, types, presenter)
    jsonld = json.loads(ox.serialize(description.triples(), format=ox.RdfFormat.JSON_LD))
    local = url_for("resources.resource", rest=rest)
    query = _query_string()
    return render_template(
        "resources/page.html",
        page=page,
        language=language,
        documents=documents(store, this, presenter),
        evidence=evidence(store, this, presenter),
        jsonld=jsonld,
        alternates=[("text/html", local + query)]
        + [(t, f"{local}{s}{query}") for s, t in SUFFIXES.items()],
        incoming_href=lambda prop, number: _incoming_href(local, prop, number),
    )


def _incoming_href(local: str, prop: str, number: int) -> str:
    """This page with page ``number`` of the links made with ``prop``."""
    kept = [(k, v) for k, v in request.args.items(multi=True) if k not in ("incoming", "page")]
    kept += [("incoming", prop), ("page", str(number))]
    return f"{local}?{urlencode(kept)}#incoming"


@bp.after_app_request
def _remember_language(response: Response) -> Response:
    """A ``?lang=`` choice is kept in a cookie, so the next page is in the same language."""
    chosen = request.args.get(LANGUAGE_PARAMETER)
    if chosen in LANGUAGES and request.cookies.get(LANGUAGE_PARAMETER) != chosen:
        response.set_cookie(LANGUAGE_PARAMETER, chosen, max_age=LANGUAGE_COOKIE_AGE, samesite="Lax")
    return response


@bp.app_context_processor
def _language_switch() -> dict[str, object]:
    """``language_links()`` for base.html: this page in each language, the current one marked."""

    def language_links() -> list[dict[str, object]]:
        current = reader_language()
        links = []
        for code in LANGUAGES:
            args = request.args.to_dict(flat=False) | {LANGUAGE_PARAMETER: [code]}
            links.append(
                {
                    "code": code,
                    "name": LANGUAGE_NAMES[code],
                    "href": quote(request.script_root + request.path)
                    + "?"
                    + urlencode(args, doseq=True),
                    "current": code == current,
                }
            )
        return links

    return {"language_links": language_links}
