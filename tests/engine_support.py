"""Real remote SPARQL engines on loopback ports, for running the service in front of them.

``pytest --engine oxigraph`` (the native Oxigraph server from the ``oxigraph`` package on PyPI)
or ``--engine virtuoso`` (Debian's ``virtuoso-opensource``) runs the tests marked ``engine``
with the app on that engine instead of the embedded store.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.engines import LOOPBACK, EngineUnavailable, Server, free_port
from bench.virtuoso import Virtuoso
from loader.engine import EngineSettings, RemoteEngine
from loader.merge import merge_counts
from loader.settings import DEFAULT_BASE_IRI

ENGINES = ("embedded", "oxigraph", "virtuoso")


def oxigraph_binary() -> Path | None:
    """The native Oxigraph server installed beside our Python (the test extra), if any."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = beside if beside.exists() else shutil.which("oxigraph")
    return Path(found) if found else None


@contextmanager
def running_engine(name: str, workdir: Path, port: int | None = None) -> Iterator[EngineSettings]:
    """Start an empty, writable engine of kind ``name`` (oxigraph: on ``port`` if given)."""
    if name == "oxigraph":
        binary = oxigraph_binary()
        if binary is None:
            pytest.skip("the native Oxigraph server is not installed: pip install oxigraph")
        port = port or free_port()
        base = f"http://{LOOPBACK}:{port}"
        command = [str(binary), "serve", "--location", str(workdir / "oxigraph")]
        command += ["--bind", f"{LOOPBACK}:{port}"]
        server = Server("oxigraph", f"{base}/query", command, workdir / "oxigraph.log")
        settings = EngineSettings(
            query_url=f"{base}/query",
            update_url=f"{base}/update",
            store_url=f"{base}/store",
            kind="oxigraph",
            base_iri=DEFAULT_BASE_IRI,
            timeout=5,
        )
    elif name == "virtuoso":
        try:
            server = Virtuoso(None, workdir, workdir, writable=True)
        except EngineUnavailable as error:
            pytest.skip(str(error))
        settings = EngineSettings(
            query_url=server.endpoint, kind="virtuoso", base_iri=DEFAULT_BASE_IRI, timeout=5
        )
    else:
        raise ValueError(f"unknown engine {name!r} (known: {', '.join(ENGINES)})")
    try:
        server.start(ready_within=120)
    except EngineUnavailable as error:
        pytest.fail(f"{name} did not start: {error}")
    try:
        yield settings
        with RemoteEngine(settings) as engine:  # every engine the suite writes keeps the merge
            merged, distinct = merge_counts(engine)
        assert merged == distinct, f"{name}: default graph {merged} triples, named {distinct}"
    finally:
        server.stop()


def load_trig(settings: EngineSettings, path: Path) -> None:
    """Put each graph of a TriG file into the engine (Graph Store PUT or DROP + INSERT)."""
    graphs: dict[str, list[str]] = {}
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
        graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else None
        if graph is None:
            raise ValueError(f"{path} has triples in the default graph; name their graph")
        graphs.setdefault(graph, []).append(
            str(ox.Triple(quad.subject, quad.predicate, quad.object)) + " ."
        )
    with RemoteEngine(settings) as engine:
        for graph, lines in graphs.items():
            engine.replace_graph(graph, "\n".join(lines))


def app_settings(settings: EngineSettings) -> dict[str, object]:
    """The app configuration that puts it in front of the engine."""
    return {
        "ENGINE_QUERY_URL": settings.query_url,
        "ENGINE_UPDATE_URL": settings.update_url,
        "ENGINE_STORE_URL": settings.store_url,
        "ENGINE_KIND": settings.kind,
    }
