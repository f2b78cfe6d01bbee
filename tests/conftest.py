"""Shared fixtures: on-disk stores (hand-written, the sample), brief stores, app, client."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from brief_support import FIXTURES, SAMPLE, extract_brief, store_of
from click.testing import CliRunner
from engine_support import ENGINES, app_settings, load_trig, running_engine
from flask import Flask
from flask.testing import FlaskClient

from loader.engine import EngineSettings, RemoteEngine
from loader.merge import merge_counts
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore
from server import create_app
from server.i18n import compile_catalogues

DATA_DIR = Path(__file__).parent / "data"


def _close_checking_the_merge(close: Callable[[GraphStore], None]) -> Callable:
    """GraphStore.close that first checks the invariant every written store must keep: its
    default graph holds each distinct triple of its named graphs once (loader.merge)."""

    def checked(store: GraphStore) -> None:
        if store.writable and store._store is not None:
            merged, distinct = merge_counts(store)
            if merged != distinct:
                close(store)
                raise AssertionError(
                    f"store {store.path}: the default graph holds {merged} triples, "
                    f"the named graphs {distinct} distinct ones"
                )
        close(store)

    return checked


# Every store the suite writes is checked when it is closed.
GraphStore.close = _close_checking_the_merge(GraphStore.close)
SHARED_DIR = Path(__file__).resolve().parent.parent.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    """The UI text catalogues compiled (.po to .mo) before any app or server starts."""
    compile_catalogues()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--engine",
        choices=ENGINES,
        default="embedded",
        help="Run the tests marked 'engine' with the app in front of this SPARQL engine.",
    )


#: Fixtures that give a test the app over the sample or the small dataset, on any engine.
ENGINE_FIXTURES = {"app", "client", "mini_app", "mini_client"}
#: Fixtures that tie a test to the embedded store on disk.
EMBEDDED_FIXTURES = {"app_factory", "sample_store", "mini_store", "writable_store"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests through the app run on every engine; with ``--engine``, only those run.

    A test is storage-independent when it reaches the data only through the app's fixtures
    (or is marked ``engine``); ``embedded_only`` marks one that tests the embedded store's
    own behaviour (worker processes, snapshots) through the app.
    """
    for item in items:
        function = getattr(item, "function", None)
        fixtures = set(inspect.signature(function).parameters) if function else set()
        through_app = fixtures & ENGINE_FIXTURES and not fixtures & EMBEDDED_FIXTURES
        if through_app and "embedded_only" not in item.keywords:
            item.add_marker(pytest.mark.engine)
    if config.getoption("--engine") == "embedded":
        return
    skip = pytest.mark.skip(reason="tests the embedded store; runs without --engine")
    for item in items:
        if "engine" not in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def engine_name(request: pytest.FixtureRequest) -> str:
    """The engine the app runs on: embedded, oxigraph or virtuoso (``--engine``)."""
    return request.config.getoption("--engine")


@pytest.fixture(scope="session")
def mini_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding tests/data/mini.trig: two small document graphs."""
    path = tmp_path_factory.mktemp("mini") / "store"
    with GraphStore.open(path, write=True) as store:
        store.load_dataset(path=str(DATA_DIR / "mini.trig"), rdf_format=ox.RdfFormat.TRIG)
    return path


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store with the bundled LegCo sample loaded through the real pipeline."""
    from loader.paths import SAMPLES_DIR
    from loader.pipeline import LoadOptions, load_sources

    path = tmp_path_factory.mktemp("sample") / "store"
    with GraphStore.open(path, write=True) as store:
        report = load_sources(store, [str(SAMPLES_DIR)], LoadOptions(base_iri=DEFAULT_BASE_IRI))
    assert report.ok, report.results
    return path


def make_app(store_path: Path, **settings: object) -> Flask:
    """An app over ``store_path`` with test settings: two query workers, a short time limit."""
    config = {"TESTING": True, "STORE": str(store_path), "QUERY_WORKERS": 2, "QUERY_TIMEOUT": 5}
    return create_app(config | settings)


@pytest.fixture
def app_factory() -> Iterator:
    """Build apps with extra settings; their store handles are closed afterwards."""
    apps: list[Flask] = []

    def build(store_path: Path, **settings: object) -> Flask:
        apps.append(make_app(store_path, **settings))
        return apps[-1]

    yield build
    for built in apps:
        built.extensions["legisgraph.store"].close()


@contextmanager
def app_on_engine(
    engine_name: str, store: Path, workdir: Path, fill: Callable[[EngineSettings], None]
) -> Iterator[Flask]:
    """The app over ``store`` (embedded), or over a fresh engine that ``fill`` loads."""
    with ExitStack() as stack:
        settings: dict[str, object] = {}
        if engine_name != "embedded":
            engine = stack.enter_context(running_engine(engine_name, workdir))
            fill(engine)
            settings = app_settings(engine)
        app = make_app(store, **settings)
        yield app
        app.extensions["legisgraph.store"].close()


def _load_sample(settings: EngineSettings) -> None:
    from loader.paths import SAMPLES_DIR
    from loader.pipeline import LoadOptions, load_sources

    with RemoteEngine(settings) as engine:
        report = load_sources(engine, [str(SAMPLES_DIR)], LoadOptions(base_iri=DEFAULT_BASE_IRI))
    assert report.ok, report.results


@pytest.fixture(scope="session")
def app(
    sample_store: Path, engine_name: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """The app over the bundled sample (on the engine of ``--engine``); closed afterwards."""
    workdir = tmp_path_factory.mktemp(engine_name)
    with app_on_engine(engine_name, sample_store, workdir, _load_sample) as built:
        yield built


@pytest.fixture(scope="session")
def mini_app(
    mini_store: Path, engine_name: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """The app over the small hand-written dataset (on the engine of ``--engine``)."""
    workdir = tmp_path_factory.mktemp(engine_name)

    def fill(settings: EngineSettings) -> None:
        load_trig(settings, DATA_DIR / "mini.trig")

    with app_on_engine(engine_name, mini_store, workdir, fill) as built:
        yield built


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app over the sample."""
    return app.test_client()


@pytest.fixture
def mini_client(mini_app: Flask) -> FlaskClient:
    """A test client for the app over the small dataset."""
    return mini_app.test_client()


@pytest.fixture
def runner() -> CliRunner:
    """A runner for the `legisgraph` command."""
    return CliRunner()


@pytest.fixture
def writable_store(tmp_path: Path) -> Iterator[GraphStore]:
    """An empty on-disk store open for writing."""
    store = GraphStore.open(tmp_path / "store", write=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def sample() -> ox.Store:
    """The bundled real Chinese background brief, extracted into an in-memory store."""
    return store_of(extract_brief(SAMPLE))


@pytest.fixture(scope="session")
def english() -> ox.Store:
    """Our small English background brief, extracted into an in-memory store."""
    return store_of(extract_brief(FIXTURES / "brief-en.txt"))


@pytest.fixture(scope="session")
def chinese_other() -> ox.Store:
    """Our small Chinese brief on another subject and committee, in an in-memory store."""
    return store_of(extract_brief(FIXTURES / "brief-zh-other.txt"))


@pytest.fixture(scope="session")
def browser_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`legisgraph serve` over the browser tests' store, shared by the browser test modules
    (they only read); skips without a browser."""
    from browser_support import build_store, require_browser
    from serverprocess import running_server

    require_browser()
    folder = tmp_path_factory.mktemp("browser")
    store = build_store(folder / "store")
    with running_server(store, folder / "server.log", QUERY_WORKERS="1") as url:
        yield url
