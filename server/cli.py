"""The `legisgraph` command: the loader's commands plus `serve`."""

from __future__ import annotations

from pathlib import Path

import click

from loader import __version__
from loader.cli import COMMANDS
from loader.settings import DEFAULT_BASE_IRI, DEFAULT_STORE_DIR, ENV_BASE_IRI, ENV_STORE
from loader.store import StoreInUse, hold_read_lock
from server import config


@click.group()
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


for command in COMMANDS:
    cli.add_command(command)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, type=int, help="Worker processes.")
@click.option("--threads", default=4, show_default=True, type=int, help="Threads per worker.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int, threads: int) -> None:
    """Serve the SPARQL endpoint and pages with gunicorn; the store is opened read-only.

    While it runs, `legisgraph load` on the same store is refused.
    """
    from server.wsgi import serve as run_server

    store_path = ctx.obj["store"]
    try:
        # Held for the server's lifetime: loads are refused, readers are welcome.
        guard = hold_read_lock(store_path)
    except StoreInUse as error:
        raise click.ClickException(str(error)) from error
    app_config = {**config.from_environment(), "STORE": str(store_path)}
    app_config["BASE_IRI"] = ctx.obj["base_iri"]
    click.echo(f"serving {store_path} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    try:
        run_server(app_config, host=host, port=port, workers=workers, threads=threads)
    finally:
        guard.close()
