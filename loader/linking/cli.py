"""`legisgraph link …`: link our entities to other datasets. No logic lives here."""

from __future__ import annotations

from pathlib import Path

import click

from loader.cli_support import cache_options, open_store
from loader.linking.config import CONFIG_FILE, load_config
from loader.linking.confirmed import CONFIRMED_FILE, TableError, load_decisions
from loader.linking.link import reconcile
from loader.linking.output import links_graph, links_graph_iri, write_review
from loader.linking.wikidata import WikidataApi, WikidataError
from loader.paths import DEFAULT_CACHE_DIR

DEFAULT_REVIEW_FILE = Path("var") / "links" / "wikidata-review.csv"


@click.group()
def link() -> None:
    """Link our entities to other datasets (Wikidata)."""


@link.command()
@click.option(
    "--types",
    "types_",
    default="member,committee,body,legislature",
    show_default=True,
    help="Kinds of entity to link, comma-separated.",
)
@cache_options(
    DEFAULT_CACHE_DIR / "wikidata",
    "Folder of cached API answers (reruns with --offline use only these).",
    "Use only the cache; never call Wikidata.",
)
@click.option("--api-url", metavar="URL", help="The Wikibase API (default: from the config).")
@click.option(
    "--interval",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds between two API requests.",
)
@click.option(
    "--review-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_REVIEW_FILE,
    show_default=True,
    help="CSV of candidates for a human to check.",
)
@click.option(
    "--confirmed",
    "confirmed_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=CONFIRMED_FILE,
    help="Turtle table of human-confirmed and rejected links (default: ontology/).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=CONFIG_FILE,
    help="Turtle linking settings (default: ontology/wikidata-config.ttl).",
)
@click.pass_context
def wikidata(
    ctx: click.Context,
    types_: str,
    cache_dir: Path,
    offline: bool,
    api_url: str | None,
    interval: float,
    review_file: Path,
    confirmed_file: Path,
    config_file: Path,
) -> None:
    """Reconcile members, committees, bodies and the Council with Wikidata items.

    Accepted links replace the graph {base}graph/links/wikidata; candidates that need a human
    go to the review file; the confirmed-links table always wins. Nothing is written when a
    request fails.
    """
    config = load_config(config_file)
    kinds = [name.strip() for name in types_.split(",") if name.strip()]
    unknown = sorted(set(kinds) - set(config.kinds))
    if unknown or not kinds:
        known = ", ".join(sorted(config.kinds))
        raise click.BadParameter(f"unknown kind(s) {unknown}; known: {known}", param_hint="--types")
    base_iri = ctx.obj["base_iri"]
    try:
        humans = load_decisions(confirmed_file, base_iri)
    except TableError as error:
        raise click.ClickException(str(error)) from None
    api = WikidataApi(api_url or config.api_url, cache_dir, offline=offline, interval=interval)
    with open_store(ctx, write=True) as store:
        try:
            outcomes = reconcile(store, kinds, config, api, humans)
        except WikidataError as error:
            raise click.ClickException(f"nothing written: {error}") from None
        finally:
            api.close()
        graph = links_graph(outcomes, base_iri)
        store.replace_graph(links_graph_iri(base_iri), graph.serialize(format="nt"))
    reviewed = write_review(outcomes, review_file)
    accepted = [o for o in outcomes if o.decision.accepted is not None]
    confirmed = sum(o.confirmed_by_human for o in accepted)
    click.echo(
        f"{len(outcomes)} entities: {len(accepted)} linked ({confirmed} confirmed by a human), "
        f"{reviewed} candidates to review in {review_file}; "
        f"{api.requests_made} API requests; graph {links_graph_iri(base_iri)}",
        err=True,
    )
