"""What every CLI command shares: finding and opening the store named on the command line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from loader.engine import EngineSettings, RemoteEngine
from loader.engine_results import EngineError
from loader.store import GraphStore, StoreInUse


def store_path(ctx: click.Context) -> Path:
    """The store folder given by --store or $LEGISGRAPH_STORE."""
    return ctx.obj["store"]


@contextmanager
def open_store(ctx: click.Context, *, write: bool) -> Iterator[GraphStore | RemoteEngine]:
    """Open the store named on the command line; a missing store or a held lock is a user error.

    With $LEGISGRAPH_ENGINE_QUERY_URL set, every command works on that remote engine instead.
    """
    settings = EngineSettings.from_environment(base_iri=ctx.obj["base_iri"])
    if settings is not None:
        with RemoteEngine(settings) as engine:
            try:
                yield engine
            except EngineError as error:
                raise click.ClickException(str(error)) from error
        return
    if not write and not GraphStore.exists(store_path(ctx)):
        raise click.ClickException(
            f"no store at {store_path(ctx)} (check --store or $LEGISGRAPH_STORE, "
            "or load documents into it first)"
        )
    try:
        store = GraphStore.open(store_path(ctx), write=write)
    except StoreInUse as error:
        raise click.ClickException(str(error)) from error
    try:
        yield store
    finally:
        store.close()
