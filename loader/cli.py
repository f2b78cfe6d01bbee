"""Loader commands: parse arguments, call the library, report. No logic lives here."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
import pyoxigraph as ox

from loader.kinds.registry import KINDS
from loader.pipeline import FAILED, LoadOptions, LoadResult, load_sources
from loader.remote import ServerTarget
from loader.results import FormatMismatch, serialize, text_table
from loader.store import GraphStore, StoreInUse

EXPORT_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


def _store_path(ctx: click.Context) -> Path:
    return ctx.obj["store"]


@contextmanager
def _open(ctx: click.Context, *, write: bool) -> Iterator[GraphStore]:
    """Open the store named on the command line; a lock conflict is a user error."""
    if not write and not GraphStore.exists(_store_path(ctx)):
        raise click.ClickException(
            f"no store at {_store_path(ctx)} (check --store or $LEGISGRAPH_STORE, "
            "or load documents into it first)"
        )
    try:
        store = GraphStore.open(_store_path(ctx), write=write)
    except StoreInUse as error:
        raise click.ClickException(str(error)) from error
    try:
        yield store
    finally:
        store.close()


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(sorted(KINDS)), help="Force the document kind.")
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("var/cache"),
    show_default=True,
    help="Folder for fetched URLs (ETag/Last-Modified aware).",
)
@click.option("--offline", is_flag=True, help="Use only the cache for URLs; never fetch.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of each graph.")
@click.option(
    "--server",
    metavar="URL",
    help="Load through a running legisgraph server (its Graph Store Protocol) instead of --store.",
)
@click.option(
    "--token",
    envvar="LEGISGRAPH_WRITE_TOKEN",
    help="The server's write token (or $LEGISGRAPH_WRITE_TOKEN), with --server.",
)
@click.pass_context
def load(
    ctx: click.Context,
    sources: tuple[str, ...],
    kind: str | None,
    cache_dir: Path,
    offline: bool,
    no_validate: bool,
    server: str | None,
    token: str | None,
) -> None:
    """Load documents (files, folders or URLs) into the store, one named graph each.

    Unchanged documents are skipped; a document that fails leaves the store as it was and
    the others still load. Exit status 1 when any document failed.
    """
    options = LoadOptions(
        base_iri=ctx.obj["base_iri"],
        kind=kind,
        cache_dir=cache_dir,
        offline=offline,
        validate=not no_validate,
    )
    if server is not None:
        report = load_sources(ServerTarget(server, token), sources, options, _print_progress)
    else:
        with _open(ctx, write=True) as store:
            report = load_sources(store, sources, options, on_result=_print_progress)
    click.echo(report.summary(), err=True)
    if not report.ok:
        ctx.exit(1)


def _print_progress(index: int, total: int, result: LoadResult) -> None:
    detail = f"{result.quads} quads → {result.graph}" if result.graph else result.message
    line = f"[{index}/{total}] {result.status}: {result.source}: {detail}"
    click.secho(line, err=True, fg="red" if result.status == FAILED else None)


@click.command()
@click.argument("sparql", required=False)
@click.option(
    "-f", "--file", "query_file", type=click.File("r"), help="Read the query from a file."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(
        ["table", "json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "rdfxml"]
    ),
    default=None,
    help="Output format (default: a table for SELECT/ASK, Turtle for CONSTRUCT/DESCRIBE).",
)
@click.pass_context
def query(ctx: click.Context, sparql: str | None, query_file, fmt: str | None) -> None:
    """Run a SPARQL query ('-' reads it from standard input) over the union of all graphs."""
    if query_file is not None and sparql is not None:
        raise click.UsageError("give the query either as an argument or with -f, not both")
    if query_file is not None:
        sparql = query_file.read()
    elif sparql == "-":
        sparql = sys.stdin.read()
    if not sparql:
        raise click.UsageError("give a query, -f FILE, or - for standard input")
    with _open(ctx, write=False) as store:
        try:
            result = store.query(sparql)
        except SyntaxError as error:
            raise click.ClickException(f"invalid query: {error}") from error
        if fmt in (None, "table") and isinstance(result, ox.QuerySolutions):
            click.echo(text_table(result))
        elif fmt in (None, "table") and isinstance(result, ox.QueryBoolean):
            click.echo("true" if result else "false")
        else:
            default = "turtle" if isinstance(result, ox.QueryTriples) else "json"
            try:
                data = serialize(result, default if fmt in (None, "table") else fmt)
            except FormatMismatch as error:
                raise click.ClickException(str(error)) from error
            click.echo(data.decode("utf-8"), nl=not data.endswith(b"\n"))


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
    with _open(ctx, write=False) as store:
        if output is None:
            store.dump(sys.stdout.buffer, EXPORT_FORMATS[fmt])
        else:
            with output.open("wb") as stream:
                store.dump(stream, EXPORT_FORMATS[fmt])


@click.command()
@click.pass_context
def info(ctx: click.Context) -> None:
    """Show the store path, its named graphs with their sizes, and the quad count."""
    with _open(ctx, write=False) as store:
        graphs = store.named_graphs()
        click.echo(f"store: {_store_path(ctx)}")
        click.echo(f"quads: {store.quad_count()}")
        click.echo(f"graphs: {len(graphs)}")
        for graph in graphs:
            click.echo(f"  {graph}  {store.graph_size(graph)} triples")


COMMANDS = [load, query, export, info]
