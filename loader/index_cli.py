"""`legisgraph index`: rebuild the full-text search index beside the store."""

from __future__ import annotations

import click

from loader.cli_support import open_store
from loader.search_index import SearchIndex


@click.command()
@click.pass_context
def index(ctx: click.Context) -> None:
    """Rebuild the full-text search index (<store>.search.sqlite) from the store.

    Loads keep the index current and the server refreshes it after writes; rebuild it after
    changing the store by other means, or to start afresh.
    """
    with open_store(ctx, write=False) as store:
        search_index = SearchIndex.beside(store.path)
        entries = search_index.rebuild(store)
    click.echo(f"search index: {entries} entries → {search_index.path}")
