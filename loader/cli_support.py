"""What every CLI command shares: finding and opening the store named on the command line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from loader.engine import EngineSettings, RemoteEngine
from loader.engine_results import EngineError
from loader.remote import ServerTarget
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


def cache_options(default: Path, cache_help: str, offline_help: str) -> Callable:
    """``--cache DIR`` (default ``default``, under the paths module's cache folder) and
    ``--offline``: every command that fetches keeps what it fetched and can rerun from it."""

    def decorate(command: Callable) -> Callable:
        command = click.option("--offline", is_flag=True, help=offline_help)(command)
        return click.option(
            "--cache",
            "cache_dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=default,
            show_default=True,
            help=cache_help,
        )(command)

    return decorate


def server_options(command: Callable) -> Callable:
    """``--server URL`` and ``--token`` (or $LEGISGRAPH_WRITE_TOKEN): write through a running
    server's Graph Store Protocol instead of into --store."""
    command = click.option(
        "--token",
        envvar="LEGISGRAPH_WRITE_TOKEN",
        help="The server's write token (or $LEGISGRAPH_WRITE_TOKEN), with --server.",
    )(command)
    return click.option(
        "--server",
        metavar="URL",
        help="Load through a running legisgraph server (its Graph Store Protocol) instead of "
        "--store.",
    )(command)


@contextmanager
def write_target(
    ctx: click.Context, server: str | None, token: str | None
) -> Iterator[GraphStore | RemoteEngine | ServerTarget]:
    """Where a command writes graphs: the running server named by --server, else the store."""
    if server is not None:
        yield ServerTarget(server, token)
        return
    with open_store(ctx, write=True) as store:
        yield store
