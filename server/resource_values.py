"""How one RDF term appears on a page: labelled local links, ontology links, formatted literals.

IRIs under the configured base IRI link to this server's path for them (so a service on another
host than the base IRI's links to itself while the data keeps its IRIs); lg: terms link to their
entry on the ontology page; other IRIs link out.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import current_app, url_for

from loader.vocab import LG_NAMESPACE
from server.labels import Labeller, compact, format_date, language_rank

#: Literals longer than this are shown as a paragraph rather than inline.
LONG_TEXT = 120
#: The endpoint that serves resources under the base IRI.
RESOURCE_ENDPOINT = "resources.resource"


@dataclass(frozen=True)
class Value:
    """One term as shown: text, its language, where it links, and a machine-readable date."""

    text: str
    lang: str | None = None
    href: str | None = None
    iri: str | None = None
    datetime: str | None = None
    long: bool = False


def base_iri() -> str:
    """The configured base IRI, ending in a slash."""
    base = current_app.config["BASE_IRI"]
    return base if base.endswith("/") else base + "/"


def local_name(iri: str) -> str | None:
    """The part of ``iri`` after the base IRI (``meeting/panel/itb/2023-02-13``), or None."""
    base = base_iri()
    if iri.startswith(base) and len(iri) > len(base):
        return iri[len(base) :]
    return None


def local_path(iri: str) -> str | None:
    """This server's path for an IRI under the base IRI (a fragment is kept as an anchor)."""
    rest = local_name(iri)
    if rest is None:
        return None
    document, hash_sign, fragment = rest.partition("#")
    if not document:
        return None
    return url_for(RESOURCE_ENDPOINT, rest=document) + hash_sign + fragment


#: Schemes whose IRIs pages may link to; any other (``javascript:``, ``data:``) stays text.
LINKABLE_SCHEMES = ("http:", "https:", "ftp:", "mailto:")


def href_of(iri: str) -> str | None:
    """Where a link to ``iri`` goes: a local path, the ontology page, the IRI itself, or
    nowhere (None) for an IRI whose scheme a browser would run or render rather than fetch."""
    local = local_path(iri)
    if local is not None:
        return local
    if iri.startswith(LG_NAMESPACE) and "ontology.page" in current_app.view_functions:
        return url_for("ontology.page") + "#" + iri[len(LG_NAMESPACE) :]
    return iri if iri.lower().startswith(LINKABLE_SCHEMES) else None


class Presenter:
    """Turns the terms of one page into Values, with labels in the reader's language."""

    def __init__(self, labeller: Labeller) -> None:
        self.labeller = labeller
        self.language = labeller.language

    def prefetch(self, terms) -> None:
        """Fetch the labels of every IRI among ``terms`` in one query."""
        self.labeller.fetch(t.value for t in terms if isinstance(t, ox.NamedNode))

    def iri(self, iri: str) -> Value:
        """A labelled link; without a label, the local name or compact IRI is the text."""
        label = self.labeller.label(iri)
        if label is not None:
            text, tag = label
            return Value(text, tag or None, href_of(iri), iri)
        return Value(local_name(iri) or compact(iri), None, href_of(iri), iri)

    def literal(self, literal: ox.Literal) -> Value:
        """Dates in the reader's way of writing them, text with its language tag."""
        datatype = literal.datatype.value
        formatted = format_date(literal.value, datatype, self.language)
        if formatted is not None:
            return Value(formatted, self.language, datetime=literal.value)
        text = literal.value
        return Value(text, literal.language, long=len(text) > LONG_TEXT or "\n" in text)

    def term(self, term) -> Value:
        """Any RDF term."""
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.Literal):
            return self.literal(term)
        return Value(str(term))

    def text_of(self, literals: list[ox.Literal]) -> Value | None:
        """The literal in the reader's best language among several (e.g. a paragraph's text)."""
        if not literals:
            return None
        best = min(literals, key=lambda lit: language_rank(lit.language or "", self.language))
        return self.literal(best)
