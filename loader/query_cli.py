"""`legisgraph query`: run SPARQL (or a query of the library) over the store and print it."""

from __future__ import annotations

import sys

import click
import pyoxigraph as ox

from loader.canned import CannedQuery, ParameterError, load_library
from loader.cli_support import open_store
from loader.results import FormatMismatch, serialize, text_table
from loader.sparql_text import leading_form, projection_in_order


@click.command()
@click.argument("sparql", required=False)
@click.option(
    "-f", "--file", "query_file", type=click.File("r"), help="Read the query from a file."
)
@click.option("--name", metavar="NAME", help="Run the library query NAME (see --list).")
@click.option(
    "--param",
    "params",
    metavar="KEY=VALUE",
    multiple=True,
    help="A parameter of the --name query (repeatable); the others take their defaults.",
)
@click.option("--list", "list_queries", is_flag=True, help="List the library's queries and exit.")
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
def query(
    ctx: click.Context,
    sparql: str | None,
    query_file,
    name: str | None,
    params: tuple[str, ...],
    list_queries: bool,
    fmt: str | None,
) -> None:
    """Run a SPARQL query ('-' reads it from standard input) over the union of all graphs."""
    if list_queries:
        _print_library()
        return
    given = sum(x is not None for x in (sparql, query_file, name))
    if given > 1:
        raise click.UsageError("give the query as an argument, with -f or with --name, not both")
    if params and name is None:
        raise click.UsageError("--param needs --name")
    if name is not None:
        sparql = _bound_library_query(name, params)
    elif query_file is not None:
        sparql = query_file.read()
    elif sparql == "-":
        sparql = sys.stdin.read()
    if not sparql:
        raise click.UsageError("give a query, -f FILE, - for standard input, or --name NAME")
    try:
        leading_form(sparql)
    except ValueError as error:  # a misspelt form, named as such (not "expected CONSTRUCT")
        raise click.ClickException(f"invalid query: {error}") from None
    sparql = projection_in_order(sparql)  # SELECT * columns in the order the query names them
    with open_store(ctx, write=False) as store:
        try:
            _print_result(store.query(sparql), fmt)
        except SyntaxError as error:
            raise click.ClickException(f"invalid query: {error}") from error
        except OSError as error:  # e.g. a SERVICE endpoint that cannot be reached
            raise click.ClickException(f"the query failed: {error}") from error


def _print_result(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt) -> None:
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


def _bound_library_query(name: str, params: tuple[str, ...]) -> str:
    """The library query's text with the --param values bound (ParameterError → usage error)."""
    library = load_library()
    if name not in library:
        raise click.UsageError(f"no query named {name!r} (legisgraph query --list shows them)")
    given: dict[str, str] = {}
    for param in params:
        key, equals, value = param.partition("=")
        if not equals:
            raise click.UsageError(f"--param {param!r} is not KEY=VALUE")
        given[key.strip()] = value
    try:
        return library[name].bind(given)
    except ParameterError as error:
        raise click.UsageError(str(error)) from error


def _print_library() -> None:
    """Each query's name, title, parameters (with defaults) and research question."""
    for canned in load_library().values():
        click.echo(f"{canned.name}: {canned.title['en']} / {canned.title['zh-Hant']}")
        click.echo(f"    {canned.question['en']}")
        for parameter in canned.parameters:
            click.echo(f"    --param {_parameter_line(canned, parameter.name)}")


def _parameter_line(canned: CannedQuery, name: str) -> str:
    parameter = next(p for p in canned.parameters if p.name == name)
    return (
        f"{parameter.name}=VALUE ({parameter.type}; default {parameter.default!r}): "
        f"{parameter.description}"
    )
