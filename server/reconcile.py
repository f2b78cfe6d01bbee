"""/reconcile: the W3C Reconciliation Service API (0.2), the protocol OpenRefine speaks.

A researcher adds ``{server}/reconcile`` as a standard service in OpenRefine and reconciles a
column of names (Chinese or English, with or without "Hon …, JP" / "…議員") against our members,
committees and bodies. GET without ``queries`` gives the manifest; ``queries`` (form field of a
POST, or GET parameter) is a JSON batch answered with scored candidates. Preview and suggest
(entity, type, property) are here too. GET answers also come as JSONP when ``callback`` names a
JavaScript function (checked strictly), for older clients that cannot use CORS.
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    make_response,
    render_template,
    request,
    url_for,
)

from loader import __version__
from loader.names import has_han
from loader.vocab import LG_NAMESPACE
from server import reconcile_query as rq
from server.errors import ApiError
from server.reconcile_match import PROPERTIES, TYPES, Index
from server.resource_values import base_iri
from server.store import get_backend

bp = Blueprint("reconcile", __name__)

#: Most queries in one batch; larger batches get 413.
BATCH_SIZE = 50
PREVIEW_SIZE = {"width": 420, "height": 140}
_CALLBACK = re.compile(r"[A-Za-z_$][\w$]{0,63}(?:\.[A-Za-z_$][\w$]{0,63}){0,3}")
_INDEX_KEY = "legisgraph.reconcile"
_PLACEHOLDER = "RECONCILE-ID"
_FRAME_ANCESTORS = re.compile(r"frame-ancestors [^;]*")
#: Previews are shown inside OpenRefine (on the researcher's own host): any page may frame them.
FRAMED_BY = "frame-ancestors *"


@bp.route("/reconcile", methods=["GET", "POST"])
def service() -> Response:
    """The manifest, or the answers to a batch of queries."""
    batch = request.values.get("queries")
    if batch is None:
        return _reply(manifest())
    try:
        queries = json.loads(batch)
    except ValueError as error:
        raise ApiError(400, f"'queries' is not JSON: {error}") from None
    except RecursionError:
        raise ApiError(400, "'queries' nests too deeply") from None
    if not isinstance(queries, dict) or not all(isinstance(q, dict) for q in queries.values()):
        raise ApiError(400, "'queries' must be a JSON object of query objects")
    if len(queries) > BATCH_SIZE:
        raise ApiError(413, f"at most {BATCH_SIZE} queries per batch")
    index, base = _index(), base_iri()
    return _reply({key: {"result": rq.answer(index, q, base)} for key, q in queries.items()})


def manifest() -> dict[str, Any]:
    """What the service offers, with URLs on this server."""
    root = request.url_root.rstrip("/")
    out: dict[str, Any] = {
        "versions": ["0.2"],
        "name": "legisgraph: Hong Kong LegCo members, committees and bodies",
        "identifierSpace": base_iri(),
        "schemaSpace": LG_NAMESPACE,
        "serviceVersion": __version__,
        "defaultTypes": [{"id": iri, "name": name} for iri, name in TYPES.items()],
        "preview": {"url": _template("reconcile.preview", id=_PLACEHOLDER), **PREVIEW_SIZE},
        "suggest": {
            kind: {"service_url": root, "service_path": f"/reconcile/suggest/{kind}"}
            for kind in ("entity", "type", "property")
        },
        "batchSize": BATCH_SIZE,
    }
    if "resources.resource" in current_app.view_functions:
        out["view"] = {"url": _template("resources.resource", rest=_PLACEHOLDER)}
    return out


@bp.route("/reconcile/preview")
def preview() -> Response:
    """A small HTML card of one entity, for OpenRefine's preview pane (an iframe on its page)."""
    card = render_template("reconcile/preview.html", **_preview_data(), has_han=has_han)
    response = make_response(card)
    policy = current_app.config["CONTENT_SECURITY_POLICY"]
    response.headers["Content-Security-Policy"] = _FRAME_ANCESTORS.sub(FRAMED_BY, policy)
    return response


@bp.route("/reconcile/preview.json")
def preview_json() -> Response:
    """The preview card's facts as JSON (same ``id`` parameter)."""
    return jsonify(_preview_data())


@bp.route("/reconcile/suggest/entity")
def suggest_entity() -> Response:
    """Entities whose name starts with ``prefix``."""
    prefix, cursor = _suggest_args()
    return _reply({"result": rq.suggest_entities(_index(), prefix, cursor, base_iri())})


@bp.route("/reconcile/suggest/type")
def suggest_type() -> Response:
    """The types a query may be restricted to."""
    prefix, cursor = _suggest_args()
    return _reply({"result": rq.suggest_from(TYPES, prefix, cursor)})


@bp.route("/reconcile/suggest/property")
def suggest_property() -> Response:
    """The properties a query may match on."""
    prefix, cursor = _suggest_args()
    return _reply({"result": rq.suggest_from(PROPERTIES, prefix, cursor)})


def _preview_data() -> dict[str, Any]:
    identifier = request.args.get("id", "")
    record = _index().by_id(identifier, base_iri())
    if record is None:
        raise ApiError(404, f"no member, committee or body with id {identifier!r}")
    href = None
    if "resources.resource" in current_app.view_functions:
        href = url_for("resources.resource", rest=rq.local_id(record.iri, base_iri()))
    name = record.label(chinese=True)
    return {
        "id": rq.local_id(record.iri, base_iri()),
        "iri": record.iri,
        "name": name,
        "other_names": sorted({text for _, text in record.names} - {name}),
        "types": record.type_list(),
        "href": href,
    }


def _suggest_args() -> tuple[str, int]:
    prefix = request.args.get("prefix", "")
    cursor = request.args.get("cursor", "0")
    if not (cursor.isascii() and cursor.isdigit()) or len(cursor) > 9:
        raise ApiError(400, "'cursor' must be a non-negative integer below 10^9")
    return prefix, int(cursor)


def _index() -> Index:
    """The index of the store's current state, rebuilt only after the store changed."""
    view = get_backend().reader()
    cached = current_app.extensions.get(_INDEX_KEY)
    if cached is None or cached[0] is not view:
        cached = (view, Index.from_store(view))
        current_app.extensions[_INDEX_KEY] = cached
    return cached[1]


def _template(endpoint: str, **values: str) -> str:
    """An absolute URL of ``endpoint`` with ``{{id}}`` where the entity id goes."""
    return url_for(endpoint, _external=True, **values).replace(_PLACEHOLDER, "{{id}}")


def _reply(body: dict[str, Any]) -> Response:
    """JSON, or JSONP when a GET names a valid ``callback``."""
    callback = request.args.get("callback") if request.method == "GET" else None
    if callback is None:
        return jsonify(body)
    if not _CALLBACK.fullmatch(callback):
        raise ApiError(400, "'callback' must be a JavaScript name like jQuery123_456")
    text = json.dumps(body, ensure_ascii=False)
    return Response(f"/**/{callback}({text});", mimetype="application/javascript")
