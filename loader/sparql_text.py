"""Binding variables in a query's text, for engines that take no pyoxigraph substitutions.

A remote engine only takes query text, so bound variables travel as a VALUES block placed at
the start of the query's outermost WHERE group: filters of that group see the bindings, as
they see pyoxigraph's substitutions. Terms are written in their N-Triples form by pyoxigraph,
so a value with quotes, braces or newlines is only ever a value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

#: What the scanner skips over as a whole: strings, IRIs and comments (in that order).
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*",
)
_WHERE = re.compile(r"\bWHERE\s*$", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
#: The prologue (BASE, PREFIX and VERSION declarations, their IRIs and strings blanked) and the
#: word after it.
_LEADING_WORD = re.compile(
    r"\s*(?:(?:BASE|VERSION)\s+|PREFIX\s+[^\s:]*:\s*)*([A-Za-z]*)(\S{0,20})", re.IGNORECASE
)
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


class NoWhereClause(ValueError):
    """The text has no group graph pattern to bind variables in."""


def where_brace(sparql: str) -> int:
    """The index of the '{' that opens the query's outermost WHERE group."""
    depth, position, first_top_level = 0, 0, None
    code: list[str] = []
    while position < len(sparql):
        opaque = _OPAQUE.match(sparql, position)
        if opaque:
            code.append(" ")
            position = opaque.end()
            continue
        char = sparql[position]
        if char == "{":
            if depth == 0:
                if _WHERE.search("".join(code)):
                    return position
                if first_top_level is None:
                    first_top_level = position
            depth += 1
        elif char == "}":
            depth -= 1
        code.append(char)
        position += 1
    is_construct = re.search(r"\bCONSTRUCT\b", "".join(code), re.IGNORECASE)
    if first_top_level is None or is_construct:
        raise NoWhereClause("the query has no WHERE group to bind variables in")
    return first_top_level


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the query's form, read past its prologue."""
    match = _FORM.search(_OPAQUE.sub(" ", sparql))
    if match is None:
        raise ValueError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return match.group(1).upper()


def leading_form(sparql: str) -> str:
    """The form a query opens with after its prologue; a ValueError naming the forms if none.

    A parser reports a misspelt form by the last alternative it tried (``SELEC`` as "expected
    CONSTRUCT"); this names what a query may start with and what it started with instead.
    """
    match = _LEADING_WORD.match(_OPAQUE.sub(" ", sparql))
    word = match.group(1) if match else ""
    if word.upper() in QUERY_FORMS:
        return word.upper()
    found = (word + match.group(2)) if match else ""
    instead = f"not {found!r}" if found else "but the text ends before it"
    raise ValueError(
        f"a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE (after any BASE and PREFIX"
        f" declarations), {instead}"
    )


#: ``SELECT *`` (with DISTINCT or REDUCED) after the prologue; the star is the group.
_SELECT_STAR = re.compile(
    r"\s*(?:(?:BASE|VERSION)\s+|PREFIX\s+[^\s:]*:\s*)*SELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?(\*)",
    re.IGNORECASE,
)
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\U000effff]+)")


def mentions_service(sparql: str) -> bool:
    """True when the text has a SERVICE clause: then it must not be parsed by evaluating it on
    an empty store here, since pyoxigraph calls the service as soon as the query is made."""
    code = _OPAQUE.sub(lambda m: " " * len(m.group()), sparql)
    return re.search(r"\bSERVICE\b", code, re.IGNORECASE) is not None


def projection_in_order(sparql: str) -> str:
    """A ``SELECT *`` query with its variables spelt out in the order they first appear.

    pyoxigraph lists the variables of ``SELECT *`` alphabetically (CSV columns ``o,p,s`` for
    ``?s ?p ?o``); the spelt-out projection gives the order the query was written in. Other
    queries, and queries that do not parse (their error is reported when run), are unchanged.
    """
    code = _OPAQUE.sub(lambda m: " " * len(m.group()), sparql)
    star = _SELECT_STAR.match(code)
    if star is None or mentions_service(sparql):  # with SERVICE: the engine's column order
        return sparql
    try:  # parsed only: the solutions of an empty store are never read
        in_scope = {v.value for v in ox.Store().query(sparql).variables}
    except (SyntaxError, ValueError, OSError):
        return sparql
    ordered = list(dict.fromkeys(m.group(1) for m in _VARIABLE.finditer(code, star.end(1))))
    names = [v for v in ordered if v in in_scope] + sorted(in_scope.difference(ordered))
    if not names:
        return sparql
    projection = " ".join(f"?{name}" for name in names)
    return f"{sparql[: star.start(1)]}{projection}{sparql[star.end(1) :]}"


def names_a_graph(sparql: str) -> bool:
    """True when the query has a GRAPH pattern naming its graph (an IRI or a prefixed name)."""
    code = _OPAQUE.sub(lambda m: "<>" if m.group().startswith("<") else " ", sparql)
    return bool(re.search(r"\bGRAPH\s+(<>|[A-Za-z_][\w.-]*:|:)", code, re.IGNORECASE))


def bind_values(sparql: str, bindings: Mapping[ox.Variable | str, object]) -> str:
    """The query with ``bindings`` as a VALUES block opening its outermost WHERE group."""
    if not bindings:
        return sparql
    names = " ".join(f"?{getattr(variable, 'value', variable)}" for variable in bindings)
    terms = " ".join(_term(value) for value in bindings.values())
    brace = where_brace(sparql)
    return f"{sparql[: brace + 1]} VALUES ({names}) {{ ({terms}) }} {sparql[brace + 1 :]}"


def _term(value: object) -> str:
    if not isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
        raise TypeError(f"bind RDF terms, not {type(value).__name__}: {value!r}")
    return str(value)
