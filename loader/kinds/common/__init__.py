"""What every document kind shares: the extraction result, the "not readable" error, the context,
dates, the graph builder, curated tables, paragraph structure and the meeting/item writers."""

from dataclasses import dataclass

from rdflib import Graph
from rdflib.term import URIRef


@dataclass(frozen=True)
class Extraction:
    """What an extractor made of one document: its triples, its main resource and title.

    ``warnings`` name what a partial or malformed document lacked while still loading what it
    has (one line each, e.g. "no numbered agenda items: the text may be cut short").
    """

    graph: Graph
    document: URIRef
    title: str
    warnings: tuple[str, ...] = ()


class NotReadable(ValueError):
    """The text is not a readable document of the kind asked for (a heading or date missing).

    Kinds raise only this for a document they cannot read; any other exception from ``extract``
    is a bug in the extractor and is reported as an internal error naming the document.
    """
