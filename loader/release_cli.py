"""`legisgraph release`: write a citable, checksummed, never-changing release of the dataset."""

from __future__ import annotations

from pathlib import Path

import click

from loader.cli_support import open_store
from loader.paths import DEFAULT_RELEASES_DIR
from loader.release import ReleaseError, write_release


@click.command()
@click.argument("version")
@click.option(
    "--into",
    "releases_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_RELEASES_DIR,
    show_default=True,
    help="Folder of releases; this one goes into its VERSION subfolder.",
)
@click.pass_context
def release(ctx: click.Context, version: str, releases_dir: Path) -> None:
    """Write release VERSION: TriG, N-Quads and Turtle dumps (plain and gzipped), manifest.json
    with sizes and SHA-256 checksums, and a VoID/DCAT description (void.ttl).

    An existing version is never overwritten.
    """
    with open_store(ctx, write=False) as store:
        try:
            folder = write_release(store, version, releases_dir, base_iri=ctx.obj["base_iri"])
        except ReleaseError as error:
            raise click.ClickException(str(error)) from error
    click.echo(f"release {version} written to {folder}", err=True)
