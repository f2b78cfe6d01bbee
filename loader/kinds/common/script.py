"""Simplified Chinese records read through their Hong Kong Traditional form.

The kinds' headings, markers and curated names are Traditional (議程, 立法會, 事務委員會). A
Simplified record (LegCo's 简体 pages) is parsed as its Traditional conversion, and what the
extraction writes in the record's language is turned back into Simplified, so the graph says
what the document says, in its script.
"""

from dataclasses import replace

from rdflib import Graph, Literal

from loader.kinds.common import Extraction
from loader.names import to_simplified, to_traditional
from loader.text import detect_language

SIMPLIFIED = "zh-Hans"


def readable(text: str, language: str) -> str:
    """``text`` in the script the kinds parse: Simplified converted to Traditional."""
    return to_traditional(text) if language == SIMPLIFIED else text


def in_script(extraction: Extraction, language: str) -> Extraction:
    """``extraction`` with its title and every ``@zh-Hans`` literal in Simplified characters."""
    if language != SIMPLIFIED:
        return extraction
    _simplify(extraction.graph)
    return replace(extraction, title=to_simplified(extraction.title))


def _simplify(graph: Graph) -> None:
    changed = [
        (s, p, o)
        for s, p, o in graph
        if isinstance(o, Literal) and o.language and o.language.lower() == "zh-hans"
    ]
    for s, p, o in changed:
        graph.remove((s, p, o))
        graph.add((s, p, Literal(to_simplified(str(o)), lang=o.language)))


def traditional_view(text: str) -> str:
    """A bounded view (``glance`` lines) in Traditional when it is Simplified, for ``detect``."""
    return readable(text, detect_language(text))
