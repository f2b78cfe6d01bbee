"""`legisgraph sync legco` and `legisgraph sync snapshot`: parse, call loader.sync, report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from loader.cli_support import cache_options, server_options, write_target
from loader.harvest.odata import DEFAULT_BASE_URL, ODataClient
from loader.paths import DEFAULT_CACHE_DIR
from loader.pipeline import FAILED, LoadError
from loader.sources import SourceError
from loader.sync.fetch import DEFAULT_REQUESTS_PER_HOUR, PoliteFetcher, Politeness
from loader.sync.run import MISSING, SyncOptions, SyncReport, SyncResult, sync
from loader.sync.scope import SYNC_KINDS, SYNC_LANGUAGES, SyncScope, parse_list
from loader.sync.snapshot import SnapshotError, load_snapshot

_DAY = click.DateTime(formats=["%Y-%m-%d"])


def _listed(allowed: tuple[str, ...], what: str):
    def callback(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
        try:
            return parse_list(value, allowed, what)
        except ValueError as error:
            raise click.BadParameter(str(error)) from error

    return callback


@click.group("sync")
def sync_group() -> None:
    """Bring the store up to date with LegCo's record (or a bundled snapshot of it)."""


@sync_group.command("legco")
@click.option(
    "--committee",
    "committees",
    multiple=True,
    metavar="CODE",
    help="A committee to sync (council, hc, fc, itb, hs02 …); repeatable. Default: all.",
)
@click.option("--since", type=_DAY, metavar="YYYY-MM-DD", help="Meetings on or after DATE.")
@click.option("--until", type=_DAY, metavar="YYYY-MM-DD", help="Meetings on or before DATE.")
@click.option(
    "--kinds",
    default=",".join(SYNC_KINDS),
    show_default=True,
    callback=_listed(SYNC_KINDS, "--kinds"),
    help="Comma-separated document kinds to fetch.",
)
@click.option(
    "--lang",
    "languages",
    default=",".join(SYNC_LANGUAGES),
    show_default=True,
    callback=_listed(SYNC_LANGUAGES, "--lang"),
    help="Comma-separated languages to fetch.",
)
@click.option("--dry-run", is_flag=True, help="List what would be fetched; fetch no document.")
@cache_options(
    DEFAULT_CACHE_DIR,
    "The cache `load` shares (documents; open-data pages under odata/; the sync state).",
    "Use only the cache; never fetch.",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="One host standing in for LegCo's sites and open-data API (a mirror).",
)
@click.option(
    "--requests-per-hour",
    type=click.FloatRange(min=0),
    default=DEFAULT_REQUESTS_PER_HOUR,
    show_default=True,
    help="Request budget per site (robots.txt's Crawl-delay wins when longer); 0: no pause.",
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of each graph.")
@server_options
@click.pass_context
def legco(
    ctx: click.Context,
    committees: tuple[str, ...],
    since: dt.datetime | None,
    until: dt.datetime | None,
    kinds: tuple[str, ...],
    languages: tuple[str, ...],
    dry_run: bool,
    cache_dir: Path,
    offline: bool,
    base_url: str | None,
    requests_per_hour: float,
    no_validate: bool,
    server: str | None,
    token: str | None,
) -> None:
    """Discover, fetch and load LegCo's record for a scope: agendas and minutes of the
    meetings in the open-data schedule, papers and question releases their agendas link to,
    and the Council's Hansards.

    Polite (robots.txt, a request budget, conditional GET) and resumable (an interrupted sync
    goes on where it stopped). Exit status 1 unless every document found was loaded.
    """
    try:
        scope = SyncScope(
            committees=frozenset(code.strip().lower() for code in committees),
            since=since.date() if since else None,
            until=until.date() if until else None,
            kinds=kinds,
            languages=languages,
        )
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    options = SyncOptions(
        ctx.obj["base_iri"], cache_dir, offline=offline, dry_run=dry_run, validate=not no_validate
    )
    politeness = Politeness(requests_per_hour=requests_per_hour)
    client = ODataClient(
        base_url or DEFAULT_BASE_URL,
        cache_dir / "odata",
        offline=offline,
        refresh=not offline,
        requests_per_hour=requests_per_hour,
    )
    fetcher = PoliteFetcher(cache_dir, base_url=base_url, offline=offline, politeness=politeness)
    try:
        with _progress() as on_event:
            if dry_run:
                report = sync(None, client, fetcher, scope, options, on_event)
            else:
                with write_target(ctx, server, token) as target:
                    report = sync(target, client, fetcher, scope, options, on_event)
    except (SourceError, LoadError) as error:
        raise click.ClickException(str(error)) from error
    finally:
        client.close()
        fetcher.close()
    _print_report(report, dry_run)
    if not report.ok:
        ctx.exit(1)


@contextmanager
def _progress() -> Iterator:
    """A progress bar on a terminal; one line per document otherwise."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield _line
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("discovering", total=None)

        def on_event(what: str, result: SyncResult | None, done: int, total: int) -> None:
            bar.update(task, description="syncing", completed=done, total=total)
            if result is not None and result.status in (FAILED, MISSING):
                bar.console.print(_describe(result))

        yield on_event


def _line(what: str, result: SyncResult | None, done: int, total: int) -> None:
    if result is None:
        click.echo(f"found {total} documents", err=True)
        return
    colour = "red" if result.status == FAILED else None
    click.secho(f"[{done}/{total}] {_describe(result)}", err=True, fg=colour)


def _describe(result: SyncResult) -> str:
    detail = f": {result.reason}" if result.reason else ""
    resumed = " (done before the interruption)" if result.resumed else ""
    return f"{result.status}: {result.planned.url}{detail}{resumed}"


def _print_report(report: SyncReport, dry_run: bool) -> None:
    for note in report.notes:
        click.secho(f"note: {note}", err=True, fg="yellow")
    if dry_run:
        for result in report.results:
            item = result.planned
            click.echo(
                f"{item.day or '-'}\t{item.committee}\t{item.kind}\t{item.language}\t{item.url}"
            )
        click.echo("papers and question releases are found in the agendas once fetched", err=True)
    for result in report.results:
        if result.status in (FAILED, MISSING):
            click.secho(_describe(result), err=True, fg="red" if result.status == FAILED else None)
    click.echo(report.summary(), err=True)


@sync_group.command("snapshot")
@click.argument(
    "path", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE"
)
@server_options
@click.pass_context
def snapshot(ctx: click.Context, path: Path, server: str | None, token: str | None) -> None:
    """Load an open-data snapshot (TriG or N-Quads, optionally gzipped) graph by graph, e.g.
    the bundled samples/legco-open-data.nq.gz; graphs already held unchanged are left alone."""
    try:
        with write_target(ctx, server, token) as target:
            report = load_snapshot(target, path, ctx.obj["base_iri"])
    except (SnapshotError, LoadError) as error:
        raise click.ClickException(str(error)) from error
    for note in report.notes:
        click.secho(f"note: {note}", err=True, fg="yellow")
    click.echo(report.summary(), err=True)
