"""Loader commands: parse arguments, call the library, report. No logic lives here."""

from __future__ import annotations

from pathlib import Path

import click

from loader.cli_support import (
    cache_options,
    open_store,
    server_options,
    store_path,
    write_target,
)
from loader.kinds.registry import KINDS
from loader.paths import DEFAULT_CACHE_DIR
from loader.pipeline import FAILED, LoadOptions, LoadResult, load_sources


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(sorted(KINDS)), help="Force the document kind.")
@cache_options(
    DEFAULT_CACHE_DIR,
    "Folder for fetched URLs (ETag/Last-Modified aware).",
    "Use only the cache for URLs; never fetch.",
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of each graph.")
@server_options
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
    with write_target(ctx, server, token) as target:
        report = load_sources(target, sources, options, on_result=_print_progress)
    for note in report.notes:
        click.secho(f"warning: {note}", err=True, fg="yellow")
    click.echo(report.summary(), err=True)
    if not report.ok:
        ctx.exit(1)


def _print_progress(index: int, total: int, result: LoadResult) -> None:
    detail = f"{result.quads} quads → {result.graph}" if result.graph else result.message
    for named in (result.source, Path(result.source).name):  # the reason names it already
        detail = detail.removeprefix(f"{named}: ")
    line = f"[{index}/{total}] {result.status}: {result.source}: {detail}"
    click.secho(line, err=True, fg="red" if result.status == FAILED else None)
    for warning in result.warnings:
        click.secho(f"    warning: {warning}", err=True, fg="yellow")


@click.command()
@click.pass_context
def info(ctx: click.Context) -> None:
    """Show the store path, its named graphs with their sizes, and the quad count."""
    with open_store(ctx, write=False) as store:
        graphs = store.named_graphs()
        click.echo(f"store: {store_path(ctx)}")
        click.echo(f"quads: {store.quad_count()}")
        click.echo(f"graphs: {len(graphs)}")
        for graph in graphs:
            click.echo(f"  {graph}  {store.graph_size(graph)} triples")
