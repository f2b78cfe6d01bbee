"""Rebuild the bundled open-data snapshot from LegCo's recorded OData answers.

    .venv/bin/python -m loader.sync.snapshot_build          # or: make open-data-snapshot

The recordings (``../shared/legco-api-samples``, real answers of app.legco.gov.hk) are served
on 127.0.0.1 by the test suite's OData server (tests/harvest_support.py: paging, ``$filter``
and ``$orderby`` in LegCo's shape), harvested exactly as ``legisgraph harvest legco`` does
into an empty store, and exported as sorted, gzipped N-Quads: facts in our vocabulary, one
named graph per entity set and term, never the raw answers. Only the provenance times (when
the pages were served) differ from one rebuild to the next.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from loader.export import DumpRequest, write_dump
from loader.harvest.odata import ODataClient
from loader.harvest.run import HarvestOptions, harvest
from loader.paths import ROOT, SAMPLES_DIR
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore

SNAPSHOT = SAMPLES_DIR / "legco-open-data.nq.gz"
RECORDINGS = ROOT.parent / "shared" / "legco-api-samples"


def build_snapshot(recordings: Path, out: Path, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Harvest the recordings into a fresh store and write its graphs to ``out``; the quads."""
    sys.path.insert(0, str(ROOT / "tests"))
    import harvest_support  # the test suite's OData server (tests/ is not a package)

    sets = harvest_support.load_entity_sets(recordings)
    with tempfile.TemporaryDirectory() as work, harvest_support.ODataServer(sets) as server:
        client = ODataClient(server.base_url, Path(work) / "cache", requests_per_hour=0)
        with GraphStore.open(Path(work) / "store", write=True) as store:
            report = harvest(store, client, HarvestOptions(base_iri=base_iri))
            client.close()
            if not report.ok:
                raise click.ClickException(f"the harvest failed: {report.summary()}")
            out.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=".tmp-snapshot-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    # Sorted: the snapshot is committed, and a rebuild diffs line by line.
                    request = DumpRequest("nquads", sorted=True)
                    written = write_dump(store, stream, request, compress=True)
                os.chmod(temporary, 0o644)
                os.replace(temporary, out)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
    return written


@click.command()
@click.option(
    "--recordings",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=RECORDINGS,
    show_default=True,
    help="Folder of recorded OData answers.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=SNAPSHOT,
    show_default=True,
    help="The snapshot file to write (gzipped N-Quads).",
)
def main(recordings: Path, out: Path) -> None:
    """Rebuild the bundled open-data snapshot from recorded OData answers."""
    written = build_snapshot(recordings, out)
    click.echo(f"{written} statements written to {out}", err=True)


if __name__ == "__main__":
    main()
