"""`legisgraph harvest legco`: LegCo's OData APIs into the store (or a running server)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from loader.cli_support import cache_options, server_options, write_target
from loader.errors import LoadError
from loader.harvest.odata import DEFAULT_BASE_URL, DEFAULT_REQUESTS_PER_HOUR, ODataClient
from loader.harvest.run import HarvestOptions, HarvestReport, harvest
from loader.harvest.sets import DATABASES
from loader.paths import DEFAULT_CACHE_DIR
from loader.sources import SourceError


def _databases(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = sorted(set(chosen) - set(DATABASES))
    if unknown or not chosen:
        raise click.BadParameter(f"choose from {','.join(DATABASES)} (got {value!r})")
    return tuple(db for db in DATABASES if db in chosen)


@click.group("harvest")
def harvest_group() -> None:
    """Harvest open-data APIs into the store."""


@harvest_group.command("legco")
@click.option(
    "--db",
    "databases",
    default=",".join(DATABASES),
    show_default=True,
    callback=_databases,
    help="Comma-separated databases whose graphs to write.",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Harvest only the terms (and, for bills, the years) from the one holding DATE on.",
)
@cache_options(
    DEFAULT_CACHE_DIR / "odata",
    "Folder keeping every page fetched; cached pages are not fetched again.",
    "Rebuild from the cache alone; never fetch.",
)
@click.option("--refresh", is_flag=True, help="Revalidate cached pages with the server.")
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help="The OData host.")
@click.option(
    "--requests-per-hour",
    type=click.FloatRange(min=0),
    default=DEFAULT_REQUESTS_PER_HOUR,
    show_default=True,
    help="Request budget (LegCo allows about 1,000 an hour); 0 means no pause.",
)
@click.option(
    "--page-size", type=click.IntRange(min=1), help="Records per page (default: LegCo's cap)."
)
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the member reconciliation report (JSON) to this file.",
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of each graph.")
@server_options
@click.pass_context
def legco(
    ctx: click.Context,
    databases: tuple[str, ...],
    since: dt.datetime | None,
    cache_dir: Path,
    offline: bool,
    refresh: bool,
    base_url: str,
    requests_per_hour: float,
    page_size: int | None,
    report_file: Path | None,
    no_validate: bool,
    server: str | None,
    token: str | None,
) -> None:
    """Harvest LegCo's OData APIs: terms, members, committees, meetings, attendance,
    Council questions, votes and bills, one named graph per entity set and term.

    Progress goes to standard error; exit status 1 when a graph failed or a page could not
    be fetched (what was cached so far stays cached, so running again resumes).
    """
    options = HarvestOptions(
        base_iri=ctx.obj["base_iri"],
        databases=databases,
        since=since.date() if since else None,
        page_size=page_size,
        validate=not no_validate,
    )
    client = ODataClient(
        base_url,
        cache_dir,
        offline=offline,
        refresh=refresh,
        requests_per_hour=requests_per_hour,
        on_event=_progress,
    )
    try:
        with write_target(ctx, server, token) as target:
            report = harvest(target, client, options, _progress)
    except (SourceError, LoadError) as error:
        raise click.ClickException(str(error)) from error
    finally:
        client.close()
    _print_report(report)
    if report_file is not None:
        report_file.write_text(json.dumps(_report_json(report), ensure_ascii=False, indent=1))
    click.echo(report.summary(), err=True)
    if not report.ok:
        ctx.exit(1)


def _progress(message: str) -> None:
    click.echo(message, err=True)


def _print_report(report: HarvestReport) -> None:
    for reason, count in sorted(report.skipped.items()):
        click.echo(f"skipped {count} rows: {reason}", err=True)
    for item in report.unmatched:
        click.echo(f"unmatched member name ({item.source}): {item.name}: {item.reason}", err=True)
    for item in report.relinked.unlinked:
        click.echo(
            f"member name left unlinked in {item.graph}: {item.names}: {item.reason}", err=True
        )


def _report_json(report: HarvestReport) -> dict:
    return {
        "matched": dict(sorted(report.matched.items())),
        "unmatched": [item.__dict__ for item in report.unmatched],
        "relinked": dict(sorted(report.relinked.relinked.items())),
        "unlinked": [item.__dict__ for item in report.relinked.unlinked],
        "skipped": dict(sorted(report.skipped.items())),
        "graphs": [result.__dict__ for result in report.graphs],
    }
