"""Searching the index: ranked resources with their best label, types and a highlighted snippet.

Terms of three or more characters go through the FTS5 trigram index (ranked by bm25, weighted
so that a label outranks a paragraph); shorter terms (a two-character Chinese word) are matched
with LIKE over the folded text, which scans, and such hits rank shorter texts first. Every term
must occur in the same text. SQL text is fixed; the query only ever travels as parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass

from loader.search_index import LABEL_PREDICATES, SearchIndex
from loader.search_text import TRIGRAM, query_terms, snippet


@dataclass(frozen=True)
class Hit:
    """One matching resource."""

    subject: str
    label: str | None
    label_language: str | None
    types: tuple[str, ...]
    predicate: str
    graph: str
    score: float
    snippet: str
    snippet_html: str


@dataclass(frozen=True)
class Results:
    """A page of hits, how many resources match in all, and how many of each type."""

    terms: list[str]
    total: int
    hits: list[Hit]
    type_counts: list[tuple[str, int]]


def search(
    index: SearchIndex,
    query: str,
    *,
    types: Sequence[str] = (),
    language: str | None = None,
    prefer: Sequence[str] = ("en",),
    limit: int = 20,
    offset: int = 0,
) -> Results:
    """Resources whose indexed text matches every term, best first; ``types`` are IRIs that the
    resource must have one of, ``language`` a language tag the matched text must have (or none)."""
    terms = query_terms(query)
    if not terms:
        return Results(terms, 0, [], [])
    hits_sql, params = _hits(terms, language)
    matched = f"WITH hits AS MATERIALIZED ({hits_sql}), matched AS ({_BEST_PER_SUBJECT})"
    type_filter, type_params = "", []
    if types:
        marks = ", ".join("?" for _ in types)
        type_filter = f" WHERE subject IN (SELECT subject FROM types WHERE type IN ({marks}))"
        type_params = list(types)
    with closing(index.connect()) as db:
        total = db.execute(
            f"{matched} SELECT COUNT(*) FROM matched{type_filter}", params + type_params
        ).fetchone()[0]
        facets = db.execute(
            f"{matched} SELECT t.type, COUNT(DISTINCT m.subject) FROM matched m"
            " JOIN types t ON t.subject = m.subject GROUP BY t.type ORDER BY 2 DESC, 1",
            params,
        ).fetchall()
        page = db.execute(
            f"{matched} SELECT subject, id, best FROM matched{type_filter}"
            " ORDER BY best, subject LIMIT ? OFFSET ?",
            [*params, *type_params, limit, offset],
        ).fetchall()
        hits = [_hit(db, subject, entry, score, terms, prefer) for subject, entry, score in page]
    return Results(terms, total, hits, [(t, n) for t, n in facets])


_BEST_PER_SUBJECT = "SELECT subject, id, MIN(rank) AS best FROM hits GROUP BY subject"


def _hits(terms: list[str], language: str | None) -> tuple[str, list[object]]:
    """The SQL of every matching entry with its rank (lower is better), and its parameters."""
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    where: list[str] = []
    params: list[object] = []
    source = "entries_fts JOIN entries e ON e.id = entries_fts.rowid"
    if long_terms:
        rank = "bm25(entries_fts) * e.weight"
        where.append("entries_fts MATCH ?")
        params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
    else:
        rank = "-e.weight / (1.0 + length(entries_fts.folded) / 200.0)"
    for term in terms:
        if len(term) < TRIGRAM:
            where.append("entries_fts.folded LIKE ? ESCAPE '\\'")
            params.append(f"%{_like_escape(term)}%")
    if language:
        where.append("(e.lang = '' OR e.lang = ? OR e.lang LIKE ? ESCAPE '\\')")
        params += [language.lower(), _like_escape(language.lower()) + "-%"]
    sql = f"SELECT e.id AS id, e.subject AS subject, {rank} AS rank FROM {source}"
    return f"{sql} WHERE {' AND '.join(where)}", params


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _hit(db, subject: str, entry: int, score: float, terms: list[str], prefer) -> Hit:
    """The hit for ``subject``: its best label, its types and the snippet of its best entry."""
    graph, predicate, text = db.execute(
        "SELECT graph, predicate, text FROM entries WHERE id = ?", (entry,)
    ).fetchone()
    marks = ", ".join("?" for _ in LABEL_PREDICATES)
    labels = db.execute(
        f"SELECT predicate, lang, text FROM entries WHERE subject = ? AND predicate IN ({marks})",
        (subject, *LABEL_PREDICATES),
    ).fetchall()
    types = tuple(
        t for (t,) in db.execute("SELECT DISTINCT type FROM types WHERE subject = ?", (subject,))
    )
    label = best_label(labels, prefer)
    plain, html = snippet(text, terms)
    return Hit(
        subject=subject,
        label=label[1] if label else None,
        label_language=label[0] if label else None,
        types=tuple(sorted(types)),
        predicate=predicate,
        graph=graph,
        score=float(score),
        snippet=plain,
        snippet_html=html,
    )


def best_label(
    candidates: Sequence[tuple[str, str, str]], prefer: Sequence[str]
) -> tuple[str, str] | None:
    """(language, text) of the best of (predicate, language, text) candidates: a preferred
    language first (in order), then a label predicate's rank, then the shortest text."""

    def key(candidate: tuple[str, str, str]) -> tuple[int, int, int, str]:
        predicate, lang, text = candidate
        primary = lang.split("-")[0]
        rank = prefer.index(primary) if primary in prefer else len(prefer)
        order = LABEL_PREDICATES.index(predicate) if predicate in LABEL_PREDICATES else 99
        return rank, order, len(text), text

    if not candidates:
        return None
    _, lang, text = min(candidates, key=key)
    return lang, text
