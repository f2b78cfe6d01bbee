"""The `legisgraph` command: the loader's commands plus `serve`."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import click

from loader import __version__
from loader.commands import COMMANDS
from loader.settings import DEFAULT_BASE_IRI, DEFAULT_STORE_DIR, ENV_BASE_IRI, ENV_STORE
from loader.store import StoreInUse, take_lock
from server import config


class LazyGroup(click.Group):
    """A group whose loader commands are imported when they run (click's lazy subcommands)."""

    def __init__(self, *args, lazy: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, loaded or not."""
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """The command, importing its module the first time it is asked for."""
        if name in self.lazy and name not in self.commands:
            module, attribute = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, lazy=COMMANDS)
@click.version_option(__version__, prog_name="legisgraph")
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=ENV_STORE,
    default=DEFAULT_STORE_DIR,
    show_default=True,
    help=f"Folder of the on-disk store (or ${ENV_STORE}).",
)
@click.option(
    "--base-iri",
    envvar=ENV_BASE_IRI,
    default=DEFAULT_BASE_IRI,
    show_default=True,
    help=f"Base of the IRIs minted for LegCo things (or ${ENV_BASE_IRI}).",
)
@click.pass_context
def cli(ctx: click.Context, store: Path, base_iri: str) -> None:
    """legisgraph: LegCo meeting records as linked data — load, query, export and serve."""
    ctx.obj = {"store": store, "base_iri": base_iri}


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers",
    default=0,
    type=int,
    help="Query worker processes per web process (default: the cores shared among the web "
    "processes, at least 2).",
)
@click.option(
    "--query-memory",
    type=click.IntRange(min=0),
    default=None,
    help="Address space of each query worker in MiB, 0 for none "
    "(default: LEGISGRAPH_QUERY_MEMORY_MB, else 2048).",
)
@click.option(
    "--connections",
    default=1000,
    show_default=True,
    type=int,
    help="Connections each web process holds at once (slow clients included).",
)
@click.option(
    "--processes",
    default=0,
    type=int,
    help="Web processes (default: one per core for a read-only server, one if it writes).",
)
@click.option("--access-log/--no-access-log", default=True, help="Log every request.")
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    workers: int,
    query_memory: int | None,
    connections: int,
    processes: int,
    access_log: bool,
) -> None:
    """Serve the SPARQL endpoint and pages with gunicorn.

    Queries run in worker processes with a hard time limit. Unless writes are enabled
    (LEGISGRAPH_WRITE_ACCESS), the store is read-only and other readers may share it; while
    the server runs, `legisgraph load` on the same store is refused.
    """
    from server.wsgi import serve as run_server

    app_config = {
        **config.from_environment(),
        "STORE": str(ctx.obj["store"]),
        "BASE_IRI": ctx.obj["base_iri"],
    }
    writable = app_config.get("WRITE_ACCESS", "off") != "off"
    remote = bool(app_config.get("ENGINE_QUERY_URL"))
    if writable and processes > 1 and not remote:
        raise click.UsageError("a server that writes has one web process (one writer)")
    cores = os.cpu_count() or 1
    if remote:
        processes = processes or cores
    else:
        processes, layout_workers = config.serving_layout(
            cores, writable=writable, processes=processes
        )
        if not app_config.get("QUERY_WORKERS"):
            app_config["QUERY_WORKERS"] = layout_workers
    if workers:
        app_config["QUERY_WORKERS"] = workers
    if query_memory is not None:
        app_config["QUERY_MEMORY_MB"] = query_memory
    if remote:
        where = f"the SPARQL engine at {app_config['ENGINE_QUERY_URL']}"
    else:
        # Fail here with a clear message rather than in a gunicorn worker that cannot boot. Only
        # the lock file is touched: RocksDB must not be opened in a process gunicorn then forks.
        store_path = Path(app_config["STORE"])
        store_path.mkdir(parents=True, exist_ok=True)
        try:
            take_lock(store_path, exclusive=writable).close()
        except StoreInUse as error:
            raise click.ClickException(str(error)) from error
        where = str(ctx.obj["store"])
    click.echo(f"serving {where} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    run_server(
        app_config,
        host=host,
        port=port,
        connections=connections,
        processes=processes,
        access_log=access_log,
    )
