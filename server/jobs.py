"""What the web process and its query workers say to each other: jobs and replies, typed.

The same classes serve the remote executor, which takes the jobs without a process between.
Across a worker's socket a message travels as ``(class name, fields)`` of plain values
(``to_wire`` / ``from_wire``): the worker runs as a script that imports only this module,
pyoxigraph and the standard library, so it must not unpickle classes of the ``server`` package
(whose ``__init__`` imports Flask).
"""

from __future__ import annotations

from dataclasses import dataclass

#: SPARQL query forms, by the kind of result each gives.
RESULT_FORMS = ("SELECT", "ASK")
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class Serialization:
    """A negotiated output: the media type sent to the client and pyoxigraph's serialiser for it
    (``application/json`` is written by the ``application/sparql-results+json`` serialiser)."""

    media_type: str
    serializer: str


@dataclass(frozen=True)
class QueryJob:
    """Evaluate a SPARQL query of a known form and stream it in the chosen serialisation."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    output: Serialization
    union: bool = False  # the default graph is the union of the named graphs
    default_graphs: tuple[str, ...] | None = None  # the protocol's default-graph-uri
    named_graphs: tuple[str, ...] | None = None  # the protocol's named-graph-uri
    max_bytes: int | None = None
    base_iri: str | None = None
    snapshot: str = ""  # the store view to read; set by the executor


@dataclass(frozen=True)
class DumpJob:
    """Stream one graph (None: the default graph) in the chosen serialisation."""

    graph: str | None
    output: Serialization
    max_bytes: int | None = None
    snapshot: str = ""


@dataclass(frozen=True)
class UpdateJob:
    """Apply an update (if any) in one transaction, then publish a snapshot (if asked)."""

    text: str | None
    base_iri: str | None = None
    snapshot: str | None = None  # where to publish a hard-linked snapshot afterwards


@dataclass(frozen=True)
class GraphExistsJob:
    """Ask the writer whether a named graph exists in the committed state."""

    graph: str


@dataclass(frozen=True)
class Chunk:
    """Part of a serialised result; the first carries the media type, the last is ``final``."""

    data: bytes
    final: bool
    media_type: str | None = None


@dataclass(frozen=True)
class Done:
    """The writer's answer: None, whether a graph exists, or the published snapshot's path."""

    value: bool | str | None


@dataclass(frozen=True)
class Failure:
    """The job failed: the HTTP status and the message for the client."""

    status: int
    message: str


ReadJob = QueryJob | DumpJob
WriteJob = UpdateJob | GraphExistsJob
Message = QueryJob | DumpJob | UpdateJob | GraphExistsJob | Chunk | Done | Failure

_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (QueryJob, DumpJob, UpdateJob, GraphExistsJob, Chunk, Done, Failure)
}


def to_wire(message: Message) -> tuple[str, dict[str, object]]:
    """The message as plain values, for a worker's socket."""
    fields = dict(vars(message))  # shallow: ``asdict`` deep-copies every field, bytes too
    if isinstance(output := fields.get("output"), Serialization):
        fields["output"] = dict(vars(output))
    return type(message).__name__, fields


def from_wire(wire: tuple[str, dict[str, object]]) -> Message:
    """The message ``to_wire`` made, rebuilt."""
    name, fields = wire
    if isinstance(fields.get("output"), dict):
        fields = {**fields, "output": Serialization(**fields["output"])}
    return _CLASSES[name](**fields)
