"""SERVICE and LOAD make the engine fetch URLs; only allow-listed targets get through.

pyoxigraph runs them as real HTTP requests and has no switch to stop it, so a query naming an
address on the server's network would make the server connect there. Requests are checked before
they reach the engine: most never mention either keyword and pass at the cost of one regular
expression; the rest are parsed (with rdflib's SPARQL parser) to find every target.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef

from server.errors import ApiError
from server.query_text import unescape_codepoints

_KEYWORDS = re.compile(r"\b(service|load)\b", re.IGNORECASE)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
#: Schemes pyoxigraph fetches (checked: others fail with "Not supported URL scheme").
_FETCHED = {"http", "https", "file"}


def check_targets(text: str, allowlist: Iterable[str], *, update: bool) -> None:
    """Raise ApiError(403) if ``text`` would make the engine fetch a URL not on ``allowlist``."""
    # SPARQL applies \\u escapes before parsing, so a keyword may be spelt with them.
    if not _KEYWORDS.search(unescape_codepoints(text)):
        return
    allowed = set(allowlist)
    try:
        nodes = list(_nodes(_algebra(text, update)))
    except Exception as error:  # rdflib raises several kinds; any of them means "cannot check"
        message = f"cannot check the SERVICE/LOAD targets of this request: {error}"
        raise ApiError(400, message) from None
    for node in nodes:
        if node.name == "ServiceGraphPattern":
            target = node.term
            kind = "SERVICE"
        elif node.name == "Load":
            target = node.iri
            kind = "LOAD"
        else:
            continue
        if not isinstance(target, URIRef):
            raise ApiError(403, f"{kind} with a variable target is not allowed here")
        if _cannot_fetch(target):
            continue  # the engine refuses the scheme itself: no request can come of it
        if str(target) not in allowed:
            raise ApiError(
                403,
                f"{kind} <{target}> is not allowed here; allowed targets: "
                + (", ".join(sorted(allowed)) or "none"),
            )


def _cannot_fetch(iri: str) -> bool:
    """True for an absolute IRI whose scheme the engine cannot fetch (not http, https or file)."""
    scheme, colon, _ = iri.partition(":")
    return bool(colon) and _SCHEME.fullmatch(scheme) is not None and scheme.lower() not in _FETCHED


def _algebra(text: str, update: bool) -> object:
    if update:
        return translateUpdate(parseUpdate(text)).algebra
    return translateQuery(parseQuery(text)).algebra


def _nodes(node: object) -> Iterator[CompValue]:
    """Every algebra node below ``node``."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _nodes(value)
