"""`legisgraph export`: write the dataset, some graphs or their union as a deterministic dump."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from loader.cli_support import open_store
from loader.export import FORMATS, DumpError, DumpRequest, write_dump


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="trig",
    show_default=True,
    help="TriG and N-Quads keep each document's named graph; Turtle, N-Triples and JSON-LD "
    "hold the union of the graphs.",
)
@click.option(
    "--graph",
    "graphs",
    metavar="IRI",
    multiple=True,
    help="Only this named graph (repeatable). Default: every graph.",
)
@click.option("--union", is_flag=True, help="Merge the graphs into one (TriG/N-Quads too).")
@click.option(
    "--sorted",
    "sort",
    is_flag=True,
    help="Sort by graph, subject, predicate (rdf:type first) and object in code-point order: "
    "the same bytes from any store, engine or pyoxigraph version, diffable line by line (as "
    "releases are), at about half the speed. Without it the embedded store's dump comes in "
    "its own index order, written by pyoxigraph. A remote engine's dump is always sorted.",
)
@click.option("--gzip", "compress", is_flag=True, help="Compress the output with gzip.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output); written whole or not at all.",
)
@click.pass_context
def export(
    ctx: click.Context,
    fmt: str,
    graphs: tuple[str, ...],
    union: bool,
    sort: bool,
    compress: bool,
    output: Path | None,
) -> None:
    """Write a deterministic dump: the same data always gives the same bytes.

    The embedded store's dump comes in the store's index order, which depends only on the data
    (and the pyoxigraph version); --sorted orders it by code point instead. A remote engine
    ($LEGISGRAPH_ENGINE_QUERY_URL) has no stable order: its dumps are always sorted.
    """
    request = DumpRequest(fmt=fmt, graphs=graphs, union=union, sorted=sort)
    with open_store(ctx, write=False) as store:
        try:
            if output is None:
                count = write_dump(store, sys.stdout.buffer, request, compress=compress)
            else:
                count = _write_file(
                    output, lambda stream: write_dump(store, stream, request, compress=compress)
                )
        except DumpError as error:
            raise click.ClickException(str(error)) from error
    click.echo(f"{count} statements written ({fmt}{', gzip' if compress else ''})", err=True)


def _write_file(output: Path, write) -> int:
    """Write into ``output`` through a temporary neighbour, renamed once complete."""
    partial = output.with_name(f".{output.name}.partial")
    try:
        with partial.open("wb") as stream:
            count = write(stream)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return count
