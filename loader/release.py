"""Citable releases: a folder of dumps, a checksummed manifest and a VoID/DCAT description.

A release is written into a temporary folder beside its destination and renamed into place in
one step, so it appears whole or not at all; its files and folder are then read-only, and an
existing version is never written again.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

from loader import __version__
from loader.export import FORMATS, DumpRequest, write_dump
from loader.store import GraphStore
from loader.void import DumpLink, dataset_facts, describe, ontology_version

#: Where `legisgraph release` writes and the server looks, beside the default store.
#: (Kept here until loader/paths.py or loader/settings.py gains it.)

MANIFEST_NAME = "manifest.json"
DESCRIPTION_NAME = "void.ttl"
#: Release versions: a letter or digit, then letters, digits, dots, dashes or underscores.
VERSION_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")

#: The dump set of every release; each file is also written gzipped (name + ".gz"). Sorted:
#: releases are published and diffed, and must not depend on the store or pyoxigraph version.
RELEASE_DUMPS = {
    "legisgraph.trig": DumpRequest("trig", sorted=True),
    "legisgraph.nq": DumpRequest("nquads", sorted=True),
    "legisgraph.ttl": DumpRequest("turtle", sorted=True),
}


class ReleaseError(Exception):
    """A release that cannot be written: a bad version name, or one that already exists."""


@dataclass(frozen=True)
class ReleaseFile:
    """One file of a release as the manifest lists it."""

    name: str
    format: str
    media_type: str
    graphs: str
    compression: str | None
    size: int
    sha256: str


def dataset_iri(base_iri: str, version: str | None = None) -> str:
    """The IRI of the dataset, or of one release of it."""
    return f"{base_iri}dataset" + (f"/{version}" if version else "")


def check_version(version: str) -> str:
    """The version, if it is safe as a folder name and a URL segment."""
    if not VERSION_PATTERN.fullmatch(version) or ".." in version:
        raise ReleaseError(
            f"bad release version {version!r}: use letters, digits, '.', '-' or '_' "
            "(e.g. 2025.1 or v1.0.0)"
        )
    return version


def write_release(store: GraphStore, version: str, releases_dir: Path, *, base_iri: str) -> Path:
    """Write release ``version`` into ``releases_dir/version`` and return that folder."""
    target = releases_dir / check_version(version)
    if target.exists():
        raise ReleaseError(f"release {version} already exists at {target}; releases never change")
    releases_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=releases_dir))
    try:
        files = _write_dumps(store, work)
        facts = dataset_facts(store)
        links = [
            DumpLink(f.name, f.media_type, f.compression is not None, f.size, f.sha256)
            for f in files
        ]
        description = describe(
            facts,
            dataset_iri(base_iri, version),
            base_iri=base_iri,
            dumps=links,
            version=version,
            version_of=dataset_iri(base_iri),
        )
        (work / DESCRIPTION_NAME).write_bytes(description.serialize(format="turtle").encode())
        manifest = {
            "version": version,
            "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "dataset": dataset_iri(base_iri, version),
            "generator": f"legisgraph {__version__}",
            "ontology_version": ontology_version(),
            "base_iri": base_iri,
            "quads": facts.quads,
            "graphs": [asdict(graph) for graph in facts.graphs],
            "files": [asdict(f) for f in files],
            "description": asdict(_describe_file(work / DESCRIPTION_NAME, "turtle")),
        }
        text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
        (work / MANIFEST_NAME).write_text(text, encoding="utf-8")
        _make_read_only(work)
        try:
            os.rename(work, target)
        except OSError as error:
            raise ReleaseError(f"release {version} already exists at {target}") from error
    except BaseException:
        _remove(work)
        raise
    return target


def _write_dumps(store: GraphStore, folder: Path) -> list[ReleaseFile]:
    """Each dump once through the sorter, written plain and gzipped at the same time."""
    files = []
    for name, request in RELEASE_DUMPS.items():
        with (folder / name).open("wb") as plain, (folder / f"{name}.gz").open("wb") as packed:
            with gzip.GzipFile(filename="", mode="wb", fileobj=packed, mtime=0) as zipped:
                write_dump(store, _Tee(plain, zipped), request)
        graphs = "named" if request.keeps_graphs else "union"
        files.append(_describe_file(folder / name, request.fmt, graphs))
        files.append(_describe_file(folder / f"{name}.gz", request.fmt, graphs, "gzip"))
    return files


def _describe_file(
    path: Path, fmt: str, graphs: str = "description", compression: str | None = None
) -> ReleaseFile:
    with path.open("rb") as stream:
        sha256 = hashlib.file_digest(stream, "sha256").hexdigest()
    return ReleaseFile(
        path.name,
        fmt,
        FORMATS[fmt].media_type,
        graphs,
        compression,
        path.stat().st_size,
        sha256,
    )


class _Tee:
    """A writer that writes everything to two streams."""

    def __init__(self, first: IO[bytes], second: IO[bytes]) -> None:
        self._streams = (first, second)

    def write(self, data: bytes) -> int:
        for stream in self._streams:
            stream.write(data)
        return len(data)

    def flush(self) -> None:
        for stream in self._streams:
            stream.flush()


def _make_read_only(folder: Path) -> None:
    read_only = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
    for path in folder.iterdir():
        path.chmod(read_only)
    folder.chmod(read_only | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def _remove(folder: Path) -> None:
    if folder.exists():
        folder.chmod(stat.S_IRWXU)
        shutil.rmtree(folder)


def read_manifest(folder: Path) -> dict | None:
    """The release manifest in ``folder``, or None when it holds no release."""
    try:
        return json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def list_releases(releases_dir: Path) -> list[dict]:
    """Every release in ``releases_dir``, newest first (temporary folders are skipped)."""
    if not releases_dir.is_dir():
        return []
    manifests = [
        manifest
        for folder in releases_dir.iterdir()
        if VERSION_PATTERN.fullmatch(folder.name)
        and (manifest := read_manifest(folder))
        and manifest.get("version") == folder.name
    ]
    return sorted(manifests, key=lambda m: (m.get("created", ""), m["version"]), reverse=True)
