"""What the endpoint must know about a query's text before the engine sees it.

Checks here run on every request, so each starts with a regular expression that clears the
common case, and parses (with rdflib's SPARQL parser) only when the text might matter.
"""

from __future__ import annotations

import re

from rdflib.plugins.sparql.parser import parseQuery

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FROM = re.compile(r"\bfrom\b", re.IGNORECASE)
_DATASET_CLAUSE = re.compile(r"\bfrom\s+(named\s+)?(<|[A-Za-z_][\w.-]*:|:)", re.IGNORECASE)


def unescape_codepoints(text: str) -> str:
    """The text with SPARQL's \\u and \\U escapes applied, as the parser applies them first."""
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def has_dataset_clause(text: str) -> bool:
    """True when the query sets its own dataset with FROM or FROM NAMED."""
    text = unescape_codepoints(text)
    if not _FROM.search(text):
        return False
    try:
        prologue_and_query = parseQuery(text)
    except Exception:  # rdflib cannot parse it: fall back to the shape of a dataset clause
        return bool(_DATASET_CLAUSE.search(text))
    return "datasetClause" in prologue_and_query[1]
