"""`legisgraph release`: a complete, checksummed, described and never-changing dump set."""

from __future__ import annotations

import gzip
import hashlib
import json
import stat
from pathlib import Path

import pytest
from dumps_support import assert_same_dataset, dump_bytes, native_dataset, parse_dataset
from rdflib import Graph, Namespace, URIRef

from loader.release import RELEASE_DUMPS, list_releases, write_release
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore
from loader.void import ontology_version
from server.cli import cli

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")


def _release(runner, store: Path, *args: str):
    return runner.invoke(cli, ["--store", str(store), "release", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def sample_release(sample_store, tmp_path_factory) -> Path:
    """Release 2025.1 of the bundled sample."""
    releases = tmp_path_factory.mktemp("releases")
    with GraphStore.open(sample_store, write=False) as store:
        return write_release(store, "2025.1", releases, base_iri=DEFAULT_BASE_IRI)


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_release_holds_each_dump_plain_and_gzipped_with_manifest_and_description(
    sample_release,
) -> None:
    expected = {"manifest.json", "void.ttl"}
    for name in RELEASE_DUMPS:
        expected |= {name, f"{name}.gz"}
    assert {path.name for path in sample_release.iterdir()} == expected


def test_release_dumps_are_the_exports_of_the_store(sample_release, sample_store) -> None:
    for name, request in RELEASE_DUMPS.items():
        plain = (sample_release / name).read_bytes()
        assert plain == dump_bytes(sample_store, request)
        assert gzip.decompress((sample_release / f"{name}.gz").read_bytes()) == plain
    trig = parse_dataset((sample_release / "legisgraph.trig").read_bytes(), "trig")
    assert_same_dataset(native_dataset(sample_store), trig)


def test_manifest_checksums_and_sizes_match_the_files(sample_release) -> None:
    manifest = _manifest(sample_release)
    entries = [*manifest["files"], manifest["description"]]
    assert len(entries) == 2 * len(RELEASE_DUMPS) + 1
    for entry in entries:
        data = (sample_release / entry["name"]).read_bytes()
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_manifest_gives_counts_sources_and_ontology_version(sample_release, sample_store):
    manifest = _manifest(sample_release)
    with GraphStore.open(sample_store, write=False) as store:
        graphs = store.named_graphs()
        sizes = {graph: store.graph_size(graph) for graph in graphs}
        quads = store.quad_count()
    assert manifest["version"] == "2025.1"
    assert manifest["ontology_version"] == ontology_version() != "None"
    assert manifest["quads"] == quads
    assert [g["iri"] for g in manifest["graphs"]] == graphs
    assert {g["iri"]: g["triples"] for g in manifest["graphs"]} == sizes
    for graph in manifest["graphs"]:
        assert graph["source"] and len(graph["source_sha256"]) == 64 and graph["loaded"]
    gz = {f["name"]: f for f in manifest["files"]}["legisgraph.nq.gz"]
    assert (gz["format"], gz["compression"], gz["graphs"]) == ("nquads", "gzip", "named")


def test_description_links_every_dump_with_its_checksum(sample_release) -> None:
    base = sample_release.as_uri() + "/"
    description = Graph().parse(sample_release / "void.ttl", format="turtle", publicID=base)
    dataset = URIRef(f"{DEFAULT_BASE_IRI}dataset/2025.1")
    dumps = set(description.objects(dataset, VOID.dataDump))
    files = {f["name"]: f for f in _manifest(sample_release)["files"]}
    assert dumps == {URIRef(base + name) for name in files}
    for distribution in description.objects(dataset, DCAT.distribution):
        url = description.value(distribution, DCAT.downloadURL)
        checksum = description.value(distribution, SPDX.checksum)
        value = description.value(checksum, SPDX.checksumValue)
        assert str(value) == files[str(url).removeprefix(base)]["sha256"]
    assert description.value(dataset, DCAT.version).toPython() == "2025.1"


def test_release_files_and_folder_are_read_only(sample_release) -> None:
    for path in [sample_release, *sample_release.iterdir()]:
        assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def test_existing_release_is_never_written_again(runner, mini_store, tmp_path) -> None:
    first = _release(runner, mini_store, "v1", "--into", str(tmp_path))
    assert first.exit_code == 0, first.output
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in (tmp_path / "v1").iterdir()}
    again = _release(runner, mini_store, "v1", "--into", str(tmp_path))
    assert again.exit_code == 1
    assert f"release v1 already exists at {tmp_path / 'v1'}; releases never change" in again.output
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in (tmp_path / "v1").iterdir()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir()] == ["v1"]


@pytest.mark.parametrize("version", ["../escape", "a/b", ".hidden", "", "v1\\x", "x" * 65])
def test_version_that_is_not_a_plain_name_is_refused(runner, mini_store, tmp_path, version):
    result = _release(runner, mini_store, version, "--into", str(tmp_path / "releases"))
    assert result.exit_code == 1
    assert "bad release version" in result.output
    assert not (tmp_path / "releases").exists()


def test_failed_release_leaves_nothing_behind(mini_store, tmp_path) -> None:
    with GraphStore.open(mini_store, write=False) as store:
        store.close()
        with pytest.raises(RuntimeError):
            write_release(store, "v1", tmp_path, base_iri=DEFAULT_BASE_IRI)
    assert list(tmp_path.iterdir()) == []


def test_releases_are_listed_newest_first_without_unfinished_folders(mini_store, tmp_path):
    with GraphStore.open(mini_store, write=False) as store:
        write_release(store, "v1", tmp_path, base_iri=DEFAULT_BASE_IRI)
        write_release(store, "v2", tmp_path, base_iri=DEFAULT_BASE_IRI)
    (tmp_path / ".v3.abc123").mkdir()
    (tmp_path / "empty").mkdir()
    assert [manifest["version"] for manifest in list_releases(tmp_path)] == ["v2", "v1"]
    assert list_releases(tmp_path / "missing") == []


def test_release_command_default_folder_is_var_releases(
    runner, mini_store, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _release(runner, mini_store, "2025.2")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "var" / "releases" / "2025.2" / "manifest.json").is_file()
    assert f"release 2025.2 written to {Path('var/releases/2025.2')}" in result.output
