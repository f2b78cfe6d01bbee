"""Dumps at /dumps/: live dumps streamed from the store, and releases served from disk.

Live dumps are streamed as they are written (server.dump_stream: chunked, bounded memory, a
client that leaves stops the writer). Their ETag and Last-Modified come from the store's load
state: the graphs' provenance, the quad count and, on a writable server, the snapshot published
after the latest write. Release files never change: they are
sent from disk with their SHA-256 as ETag, Content-Length, ranges and conditional GET.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    render_template,
    request,
    send_file,
    url_for,
)
from werkzeug.http import http_date, is_resource_modified

from loader.export import FORMATS, DumpRequest, DumpSource, write_dump
from loader.release import (
    MANIFEST_NAME,
    VERSION_PATTERN,
    dataset_iri,
    list_releases,
    read_manifest,
)
from loader.void import DumpLink, dataset_facts, describe, provenance
from server.dump_stream import stream_writes
from server.errors import ApiError
from server.labels import reader_language
from server.store import get_backend

bp = Blueprint("dumps", __name__)

#: The live dumps: the dataset with its graphs (TriG, N-Quads) and the union graph, in the
#: store's own order (deterministic for the data; sorted on a remote engine: loader.export).
LIVE_DUMPS = {f"legisgraph.{f.extension}": DumpRequest(name) for name, f in FORMATS.items()}
GZIP_SUFFIX = ".gz"
#: Release files never change: caches may keep them for a year.
RELEASE_MAX_AGE = 365 * 24 * 3600
STATE_KEY = "legisgraph.dumps.state"


@bp.route("/dumps/")
def index() -> Response:
    """The live dumps and the releases, with sizes and checksums, in the reader's language."""
    html = render_template("dumps/index.html", dumps=dumps_index(), language=reader_language())
    return Response(html, headers={"Vary": "Accept-Language, Cookie"})


@bp.route("/dumps/index.json")
def index_json() -> Response:
    """The dumps page as JSON."""
    return jsonify(dumps_index())


@bp.route("/dumps/void.ttl")
def void() -> Response:
    """The VoID/DCAT description of the live dataset, counted from the store."""
    store = get_backend().reader()
    base_iri = current_app.config["BASE_IRI"]
    links = [
        DumpLink(url_for("dumps.file", name=name, _external=True), media_type, compressed)
        for name, media_type, compressed in _live_names()
    ]
    graph = describe(
        dataset_facts(store),
        dataset_iri(base_iri),
        base_iri=base_iri,
        sparql_endpoint=url_for("sparql.endpoint", _external=True),
        dumps=links,
    )
    return _conditional_or(lambda: graph.serialize(format="turtle"), "text/turtle", "void.ttl")


@bp.route("/.well-known/void")
def well_known_void() -> Response:
    """The dataset's VoID description where VoID says to look for it (RFC 5785)."""
    return void()


@bp.route("/dumps/graph.ttl")
def graph_dump() -> Response:
    """One named graph as Turtle, in store order: /dumps/graph.ttl?graph=IRI."""
    graphs = request.args.getlist("graph")
    if len(graphs) != 1:
        raise ApiError(400, "name one graph: /dumps/graph.ttl?graph=IRI")
    store = get_backend().reader()
    if graphs[0] not in store.named_graphs():
        raise ApiError(404, f"no graph <{graphs[0]}> in the store")
    return _live(store, DumpRequest("turtle", graphs=(graphs[0],)), "graph.ttl", compress=False)


@bp.route("/dumps/<path:name>")
def file(name: str) -> Response:
    """A live dump (``legisgraph.trig`` … with ``.gz`` variants) or a release file."""
    if "\\" in name or "\0" in name or name.startswith("/") or ".." in name.split("/"):
        raise ApiError(400, f"not a dump path: {name!r}")
    if name.startswith("releases/"):
        return _release_file(name.removeprefix("releases/"))
    plain = name.removesuffix(GZIP_SUFFIX)
    if plain not in LIVE_DUMPS:
        raise ApiError(404, f"no dump {name!r}; the dumps are listed at /dumps/")
    store = get_backend().reader()
    return _live(store, LIVE_DUMPS[plain], name, compress=name.endswith(GZIP_SUFFIX))


def dumps_index() -> dict[str, object]:
    """What /dumps/ lists: the live dumps, one graph's dump, the description and the releases."""
    live = [
        {
            "name": name,
            "url": url_for("dumps.file", name=name, _external=True),
            "media_type": media_type,
            "graphs": "named"
            if LIVE_DUMPS[name.removesuffix(GZIP_SUFFIX)].keeps_graphs
            else "union",
            "compression": "gzip" if compressed else None,
        }
        for name, media_type, compressed in _live_names()
    ]
    releases = []
    for manifest in list_releases(_releases_dir()):
        version = manifest["version"]
        files = [*manifest["files"], {**manifest["description"]}]
        for entry in files:
            entry["url"] = _release_url(version, entry["name"])
        releases.append(
            {
                **{key: manifest[key] for key in ("version", "created", "dataset", "quads")},
                "graphs": len(manifest["graphs"]),
                "ontology_version": manifest["ontology_version"],
                "manifest": _release_url(version, MANIFEST_NAME),
                "files": files,
            }
        )
    return {
        "live": live,
        "graph": url_for("dumps.graph_dump", _external=True) + "?graph={IRI}",
        "description": url_for("dumps.void", _external=True),
        "releases": releases,
    }


def _release_url(version: str, name: str) -> str:
    return url_for("dumps.file", name=f"releases/{version}/{name}", _external=True)


def _live_names() -> Iterator[tuple[str, str, bool]]:
    for name, dump in LIVE_DUMPS.items():
        yield name, dump.format.media_type, False
        yield name + GZIP_SUFFIX, "application/gzip", True


def _releases_dir() -> Path:
    return Path(current_app.config["RELEASES_DIR"])


def _release_file(rest: str) -> Response:
    """A file listed in a release's manifest (or the manifest itself), from disk."""
    version, _, name = rest.partition("/")
    folder = _releases_dir() / version
    manifest = read_manifest(folder) if VERSION_PATTERN.fullmatch(version) else None
    if manifest is None or manifest.get("version") != version:
        raise ApiError(404, f"no release {version!r}; the releases are listed at /dumps/")
    listed = {entry["name"]: entry for entry in [*manifest["files"], manifest["description"]]}
    if name == MANIFEST_NAME:
        response = send_file(folder / name, mimetype="application/json", conditional=True)
    elif name in listed:
        entry = listed[name]
        media_type = "application/gzip" if entry["compression"] else entry["media_type"]
        response = send_file(folder / name, media_type, conditional=True, etag=entry["sha256"])
    else:
        raise ApiError(404, f"release {version} has no file {name!r}")
    response.headers["Cache-Control"] = f"public, max-age={RELEASE_MAX_AGE}, immutable"
    return response


def _state() -> tuple[str, dt.datetime | None]:
    """A digest of the store's load state and the time it last changed.

    Cached per snapshot for the embedded store; asked afresh of a remote engine, which other
    clients may write.
    """
    backend = get_backend()
    snapshot = backend.executor.current_snapshot()
    cached = current_app.extensions.get(STATE_KEY)
    if backend.path is not None and cached is not None and cached[0] == snapshot:
        return cached[1]
    store = backend.reader()
    graphs = provenance(store)
    times = [_utc(g["loaded"]) for g in graphs.values() if g["loaded"]]
    token = None if snapshot == backend.path else snapshot
    if backend.path is not None and token is not None:  # published after a write
        times.append(dt.datetime.fromtimestamp(Path(token).stat().st_mtime, dt.UTC))
    digest = hashlib.sha256(
        json.dumps([store.quad_count(), token, sorted(graphs.items())]).encode()
    ).hexdigest()
    state = (digest, max(times).replace(microsecond=0) if times else None)
    current_app.extensions[STATE_KEY] = (snapshot, state)
    return state


def _utc(timestamp: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(timestamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _conditional_or(make: Callable[[], object], media_type: str, name: str) -> Response:
    """304 when the client's copy is current, else the body ``make`` gives, with validators."""
    digest, last_modified = _state()
    etag = hashlib.sha256(f"{digest}\0{request.full_path}".encode()).hexdigest()[:32]
    headers = {"ETag": f'"{etag}"', "Content-Disposition": f"inline; filename={name}"}
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified)
    if not is_resource_modified(request.environ, etag=etag, last_modified=last_modified):
        return Response(status=304, headers=headers)
    return Response(make(), mimetype=media_type, headers=headers)


def _live(store: DumpSource, dump: DumpRequest, name: str, *, compress: bool) -> Response:
    """A live dump, streamed; 304 when the client's copy is current."""
    media_type = "application/gzip" if compress else dump.format.media_type
    return _conditional_or(
        lambda: stream_writes(lambda out: write_dump(store, out, dump, compress=compress)),
        media_type,
        name,
    )
