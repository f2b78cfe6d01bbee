"""The data the query library is tested on, and how a result cell is written in expectations.

The store holds the bundled sample, our agenda and brief fixtures (the same loaders as
production) and a hand-written harvest fixture for attendance, memberships and votes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from loader.paths import SAMPLES_DIR
from loader.pipeline import LoadOptions, load_sources
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore
from loader.vocab import LG_NAMESPACE

DATA_DIR = Path(__file__).parent / "data"
HARVEST_FIXTURE = DATA_DIR / "harvest-fixture.trig"
EXPECTED_FILE = DATA_DIR / "cookbook-expected.toml"
SOURCES = [SAMPLES_DIR, DATA_DIR / "agendas", DATA_DIR / "briefs"]

_built: dict[str, Path] = {}


def cookbook_store(folder: Path) -> Path:
    """A store at ``folder``/store with every source the cookbook is tested on (built once)."""
    if "store" not in _built:
        path = folder / "store"
        with GraphStore.open(path, write=True) as store:
            sources = [str(source) for source in SOURCES]
            report = load_sources(store, sources, LoadOptions(base_iri=DEFAULT_BASE_IRI))
            assert report.ok, report.results
            store.raw.load(path=str(HARVEST_FIXTURE), format=ox.RdfFormat.TRIG)
        _built["store"] = path
    return _built["store"]


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
