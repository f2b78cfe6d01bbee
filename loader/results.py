"""Query results for people and programs: pyoxigraph's serialisers plus an aligned text table."""

from __future__ import annotations

import unicodedata

import pyoxigraph as ox

from loader.vocab import PREFIXES

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


class FormatMismatch(ValueError):
    """The requested output format does not fit the kind of query result."""


def serialize(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str) -> bytes:
    """Serialise a result with pyoxigraph in a format named on the command line."""
    if isinstance(result, ox.QueryTriples):
        if fmt not in GRAPH_FORMATS:
            raise FormatMismatch(
                f"--format {fmt} does not fit a CONSTRUCT/DESCRIBE result "
                f"(use one of {', '.join(GRAPH_FORMATS)})"
            )
        return result.serialize(format=GRAPH_FORMATS[fmt])
    if fmt not in RESULT_FORMATS:
        raise FormatMismatch(
            f"--format {fmt} does not fit a SELECT/ASK result "
            f"(use one of {', '.join(RESULT_FORMATS)})"
        )
    return result.serialize(format=RESULT_FORMATS[fmt])


def compact(term: object) -> str:
    """A term as a person reads it: prefixed names, plain strings with their language."""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"{term.value}@{term.language}"
        return term.value
    if term is None:
        return ""
    return str(term)


def text_table(solutions: ox.QuerySolutions) -> str:
    """An aligned table of SELECT solutions; wide CJK characters count as two columns."""
    names = [v.value for v in solutions.variables]
    rows = [[compact(row[name]) for name in names] for row in solutions]
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(names)]
    lines = [_line(names, widths), "  ".join("-" * w for w in widths)]
    lines += [_line(row, widths) for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
