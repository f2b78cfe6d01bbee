"""The data the query library is tested on, and how a result cell is written in expectations.

The store holds the bundled sample and our agenda and brief fixtures (the same loaders as
production), and the real harvester's output (`legisgraph harvest legco`'s code) over our own
OData fixtures (tests/data/odata) served on 127.0.0.1: memberships, attendance, votes, terms.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from harvest_support import DATA_DIR as ODATA_DIR
from harvest_support import RECORDINGS, ODataServer, fast_client, load_entity_sets, run_harvest

from loader.paths import SAMPLES_DIR
from loader.pipeline import LoadOptions, load_sources
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore
from loader.vocab import LG_NAMESPACE

DATA_DIR = Path(__file__).parent / "data"
EXPECTED_FILE = DATA_DIR / "cookbook-expected.toml"
SOURCES = [SAMPLES_DIR, DATA_DIR / "agendas", DATA_DIR / "briefs"]

_built: dict[str, Path] = {}


def harvest_into(store: GraphStore, odata_dir: Path, cache: Path) -> None:
    """Harvest every database from the OData answers in ``odata_dir``, served on 127.0.0.1."""
    with ODataServer(load_entity_sets(odata_dir)) as server:
        report = run_harvest(store, fast_client(server.base_url, cache))
    assert report.ok, [graph for graph in report.graphs if graph.error]


def cookbook_store(folder: Path) -> Path:
    """A store at ``folder``/store with every source the cookbook is tested on.

    Built once per test session (later calls return the first store, whatever ``folder``).
    """
    if "store" not in _built:
        path = folder / "store"
        with GraphStore.open(path, write=True) as store:
            sources = [str(source) for source in SOURCES]
            report = load_sources(store, sources, LoadOptions(base_iri=DEFAULT_BASE_IRI))
            assert report.ok, report.results
            harvest_into(store, ODATA_DIR, folder / "cache")
        _built["store"] = path
    return _built["store"]


def recorded_store(folder: Path) -> Path:
    """A store at ``folder``/store harvested from LegCo's recorded answers (../shared)."""
    if "recorded" not in _built:
        path = folder / "store"
        with GraphStore.open(path, write=True) as store:
            harvest_into(store, RECORDINGS, folder / "cache")
        _built["recorded"] = path
    return _built["recorded"]


def cell(term: object) -> str:
    """A term as the expectations write it: ``id:…`` and ``lg:…`` IRIs, lexical values, ""."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        if term.value.startswith(DEFAULT_BASE_IRI):
            return "id:" + term.value[len(DEFAULT_BASE_IRI) :]
        if term.value.startswith(LG_NAMESPACE):
            return "lg:" + term.value[len(LG_NAMESPACE) :]
        return term.value
    return term.value
