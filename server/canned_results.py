"""Query results as a table for a page: every IRI a labelled link, dates in the reader's style."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from server.labels import Labeller
from server.resource_values import Presenter, Value
from server.store import get_store


@dataclass
class ResultTable:
    """Column names and rows of presented values (None where a variable is unbound)."""

    columns: list[str]
    rows: list[list[Value | None]]
    boolean: bool | None = None


def present(
    result: ox.QuerySolutions | ox.QueryBoolean | Iterable, language: str, *, graph: bool = False
) -> ResultTable:
    """A SELECT/ASK result, or CONSTRUCT triples (``graph``), ready for the template."""
    if isinstance(result, ox.QueryBoolean):
        return ResultTable([], [], bool(result))
    if graph:
        columns = ["subject", "predicate", "object"]
        terms = [[t.subject, t.predicate, t.object] for t in result]
    else:
        columns = [variable.value for variable in result.variables]
        terms = [[solution[name] for name in columns] for solution in result]
    presenter = Presenter(Labeller(get_store(), language))
    presenter.prefetch(term for row in terms for term in row if term is not None)
    rows = [[None if term is None else presenter.term(term) for term in row] for row in terms]
    return ResultTable(columns, rows)
