"""`legisgraph query`: run SPARQL over the store and print the result."""

from __future__ import annotations

import sys

import click
import pyoxigraph as ox

from loader.cli_support import open_store
from loader.results import FormatMismatch, serialize, text_table


@click.command()
@click.argument("sparql", required=False)
@click.option(
    "-f", "--file", "query_file", type=click.File("r"), help="Read the query from a file."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(
        ["table", "json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "rdfxml"]
    ),
    default=None,
    help="Output format (default: a table for SELECT/ASK, Turtle for CONSTRUCT/DESCRIBE).",
)
@click.pass_context
def query(ctx: click.Context, sparql: str | None, query_file, fmt: str | None) -> None:
    """Run a SPARQL query ('-' reads it from standard input) over the union of all graphs."""
    if query_file is not None and sparql is not None:
        raise click.UsageError("give the query either as an argument or with -f, not both")
    if query_file is not None:
        sparql = query_file.read()
    elif sparql == "-":
        sparql = sys.stdin.read()
    if not sparql:
        raise click.UsageError("give a query, -f FILE, or - for standard input")
    with open_store(ctx, write=False) as store:
        try:
            result = store.query(sparql)
        except SyntaxError as error:
            raise click.ClickException(f"invalid query: {error}") from error
        if fmt in (None, "table") and isinstance(result, ox.QuerySolutions):
            click.echo(text_table(result))
        elif fmt in (None, "table") and isinstance(result, ox.QueryBoolean):
            click.echo("true" if result else "false")
        else:
            default = "turtle" if isinstance(result, ox.QueryTriples) else "json"
            try:
                data = serialize(result, default if fmt in (None, "table") else fmt)
            except FormatMismatch as error:
                raise click.ClickException(str(error)) from error
            click.echo(data.decode("utf-8"), nl=not data.endswith(b"\n"))
