"""Loading end to end: every form of a document gives one graph; bad input changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from localserver import LocalServer

from loader.paths import SAMPLES_DIR
from loader.pipeline import FAILED, LOADED, UNCHANGED, LoadOptions, load_sources
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore
from loader.text import clean_text
from server.cli import cli

SAMPLE = next(SAMPLES_DIR.glob("legco/*.txt"))
DATA_DIR = Path(__file__).parent / "data"
PROVENANCE_FREE_CONTENT = """
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?s ?p ?o WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER (?s != ?g && NOT EXISTS { ?g prov:wasGeneratedBy ?s })
}
"""


def _options(tmp_path: Path, **overrides) -> LoadOptions:
    return LoadOptions(base_iri=DEFAULT_BASE_IRI, cache_dir=tmp_path / "cache", **overrides)


def _content(store: GraphStore) -> set[tuple[str, str, str]]:
    """Every stored triple except the provenance of the graphs, as comparable strings."""
    return {(str(r["s"]), str(r["p"]), str(r["o"])) for r in store.query(PROVENANCE_FREE_CONTENT)}


def _load(tmp_path: Path, *refs: str, name: str = "store") -> tuple[GraphStore, list]:
    store = GraphStore.open(tmp_path / name, write=True)
    report = load_sources(store, refs, _options(tmp_path))
    return store, report.results


@pytest.fixture(scope="module")
def reference_content(tmp_path_factory) -> set[tuple[str, str, str]]:
    """The sample's triples, loaded from the bundled file."""
    tmp_path = tmp_path_factory.mktemp("reference")
    store, results = _load(tmp_path, str(SAMPLE))
    try:
        assert [r.status for r in results] == [LOADED], results
        return _content(store)
    finally:
        store.close()


def test_sample_loads_into_one_named_graph(reference_content, tmp_path) -> None:
    store, results = _load(tmp_path, str(SAMPLE))
    with store:
        (result,) = results
        assert result.status == LOADED
        assert store.named_graphs() == [result.graph]
        assert result.graph.startswith(DEFAULT_BASE_IRI + "graph/")
        assert result.quads == store.quad_count() > 500


def test_loading_unchanged_content_again_is_a_no_op(tmp_path) -> None:
    store, _ = _load(tmp_path, str(SAMPLE))
    with store:
        before = store.quad_count()
        report = load_sources(store, [str(SAMPLE)], _options(tmp_path))
        assert [r.status for r in report.results] == [UNCHANGED]
        assert report.summary() == "0 loaded, 1 unchanged, 0 failed; 0 quads written"
        assert store.quad_count() == before


def test_sample_from_a_url_gives_the_same_graph(reference_content, tmp_path) -> None:
    with LocalServer(SAMPLE.parent) as server:
        store, results = _load(tmp_path, server.url(SAMPLE.name))
    with store:
        assert [r.status for r in results] == [LOADED], results
        assert _content(store) == reference_content


def test_sample_in_utf16_gives_the_same_graph(reference_content, tmp_path) -> None:
    copy = tmp_path / "brief-utf16.txt"
    copy.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("utf-16"))
    store, results = _load(tmp_path, str(copy))
    with store:
        assert [r.status for r in results] == [LOADED], results
        assert _content(store) == reference_content


def test_sample_already_cleaned_gives_the_same_graph(reference_content, tmp_path) -> None:
    copy = tmp_path / "brief-clean.txt"
    copy.write_text(clean_text(SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    store, results = _load(tmp_path, str(copy))
    with store:
        assert [r.status for r in results] == [LOADED], results
        assert _content(store) == reference_content


def _malformed_inputs(folder: Path) -> dict[str, str]:
    """A file for each kind of bad input, and a word its error message must contain."""
    pdf = next((DATA_DIR / "sources").glob("*.pdf")).read_bytes()
    files = {
        "empty.txt": (b"", "empty"),
        "blank.txt": (b"  \n\n \t\n", "no text"),
        "binary.txt": (bytes(range(256)) * 40, "binary"),
        "truncated.pdf": (pdf[: len(pdf) // 3], "pdf"),
        "wrong-encoding.txt": (
            "會議紀要".encode("big5") * 20 + "議程文件".encode() * 20,
            "encoding",
        ),
        "unknown-kind.txt": (
            b"A shopping list: eggs, milk, bread and two kilograms of rice.\n" * 5,
            "kind",
        ),
    }
    expected = {}
    for name, (data, word) in files.items():
        (folder / name).write_bytes(data)
        expected[name] = word
    return expected


def test_malformed_inputs_fail_clearly_and_leave_the_store_unchanged(tmp_path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    expected = _malformed_inputs(bad)
    store, _ = _load(tmp_path, str(SAMPLE))
    with store:
        graphs, quads = store.named_graphs(), store.quad_count()
        report = load_sources(store, [str(bad / name) for name in expected], _options(tmp_path))
        for result in report.results:
            name = Path(result.source).name
            assert result.status == FAILED, result
            assert name in result.message, result.message
            assert expected[name] in result.message.lower(), result.message
            assert "\n" not in result.message
        assert store.named_graphs() == graphs
        assert store.quad_count() == quads


def test_a_bad_file_does_not_stop_the_others_and_exits_1(runner, tmp_path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "b-brief.txt")
    (folder / "a-empty.txt").write_bytes(b"")
    result = runner.invoke(cli, ["--store", str(tmp_path / "store"), "load", str(folder)])
    assert result.exit_code == 1
    assert "[1/2] failed:" in result.output
    assert "[2/2] loaded:" in result.output
    assert "1 loaded, 0 unchanged, 1 failed;" in result.output


def test_missing_file_and_unreachable_url_are_reported(tmp_path) -> None:
    with LocalServer(tmp_path) as server:
        missing_url = server.url("nothing-here.txt")
    store, results = _load(tmp_path, str(tmp_path / "no-such-file.txt"), missing_url)
    with store:
        assert [r.status for r in results] == [FAILED, FAILED]
        assert store.quad_count() == 0
