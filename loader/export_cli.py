"""`legisgraph export`: write the dataset as a dump."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pyoxigraph as ox

from loader.cli_support import open_store

EXPORT_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(EXPORT_FORMATS)),
    default="trig",
    show_default=True,
    help="TriG or N-Quads; both keep each document's named graph.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Write the whole dataset, with its named graphs, as TriG or N-Quads."""
    with open_store(ctx, write=False) as store:
        if output is None:
            store.dump(sys.stdout.buffer, EXPORT_FORMATS[fmt])
        else:
            with output.open("wb") as stream:
                store.dump(stream, EXPORT_FORMATS[fmt])
