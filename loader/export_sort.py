"""The code-point sort of `legisgraph export --sorted`, in bounded memory at any size.

Statements are ordered by subject, predicate (``rdf:type`` first) and object, in code point
order of the IRIs and of the N-Triples form of literals (blank nodes after every IRI), so the
same data gives the same bytes in any store or engine and two releases diff line by line. Runs
of ``run_size`` statements are sorted in memory and, when there is more than one, written to
temporary N-Quads files and merged (an external merge sort).
"""

from __future__ import annotations

import heapq
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from itertools import count, islice
from operator import itemgetter
from pathlib import Path
from typing import IO

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: A statement with its sort key.
Keyed = tuple[str, ox.Quad]

#: Statements sorted in memory at a time; beyond this the sort spills to temporary files.
RUN_SIZE = 20_000
#: Run files merged at once; more runs are merged in passes.
MERGE_FAN_IN = 64


def _node_key(term: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    """IRIs by their text; blank nodes after every IRI; the default graph before everything."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "\uffff" + term.value
    return ""


def triple_key(quad: ox.Quad) -> str:
    """Sort key of a statement without its graph; equal keys mean equal triples.

    Tab separates the parts: no IRI or escaped literal contains one and it sorts before every
    character they do contain, so comparing keys compares the parts one after the other. (The
    common cases — an IRI subject, an IRI or literal object — are spelled out: this runs once
    per statement of every sorted dump.)
    """
    subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
    subject_key = subject.value if type(subject) is ox.NamedNode else _node_key(subject)
    object_key = "<" + obj.value if type(obj) is ox.NamedNode else str(obj)
    return f"{subject_key}\t{'' if predicate == RDF_TYPE else predicate}\t{object_key}"


def sorted_unique(
    quads: Iterator[ox.Quad],
    key: Callable[[ox.Quad], str],
    *,
    run_size: int = RUN_SIZE,
    fan_in: int = MERGE_FAN_IN,
) -> Iterator[ox.Quad]:
    """The quads in key order without repeats, holding at most ``run_size`` in memory."""
    first = _sorted_run(islice(quads, run_size), key)
    if len(first) < run_size:
        yield from _unique(first)
        return
    with tempfile.TemporaryDirectory(prefix="legisgraph-sort-") as work:
        names = (Path(work) / f"run-{n:06d}" for n in count())
        runs = [_write_run(next(names), first)]
        del first
        while chunk := _sorted_run(islice(quads, run_size), key):
            runs.append(_write_run(next(names), chunk))
        while len(runs) > fan_in:
            runs = [
                _write_run(next(names), _merge(runs[i : i + fan_in]))
                for i in range(0, len(runs), fan_in)
            ]
        yield from _unique(_merge(runs))


def _sorted_run(quads: Iterable[ox.Quad], key: Callable[[ox.Quad], str]) -> list[Keyed]:
    run = [(key(quad), quad) for quad in quads]
    run.sort(key=itemgetter(0))
    return run


def _write_run(path: Path, run: Iterable[Keyed]) -> Path:
    """A sorted run as N-Quads (``path``.nq) and its keys, one a line (``path``.keys): keys
    hold no line break (IRIs cannot, literals are in their escaped N-Triples form), and
    reading them back is cheaper than building them again."""
    with path.with_suffix(".keys").open("w", encoding="utf-8", newline="\n") as keys:
        ox.serialize(_keys_written(run, keys), str(path.with_suffix(".nq")), ox.RdfFormat.N_QUADS)
    return path


def _keys_written(run: Iterable[Keyed], keys: IO[str]) -> Iterator[ox.Quad]:
    for key, quad in run:
        keys.write(key + "\n")
        yield quad


def _merge(runs: list[Path]) -> Iterator[Keyed]:
    """Merge sorted run files, deleting each once it has been read to the end."""
    return heapq.merge(*(_read_run(path) for path in runs), key=itemgetter(0))


def _read_run(path: Path) -> Iterator[Keyed]:
    quads, keys = path.with_suffix(".nq"), path.with_suffix(".keys")
    with keys.open(encoding="utf-8", newline="\n") as lines:
        parsed = ox.parse(path=str(quads), format=ox.RdfFormat.N_QUADS)
        for line, quad in zip(lines, parsed, strict=True):
            yield line[:-1], quad
    os.unlink(quads)
    os.unlink(keys)


def _unique(run: Iterable[Keyed]) -> Iterator[ox.Quad]:
    previous = None
    for current, quad in run:
        if current != previous:
            yield quad
            previous = current
