"""Searching the index: ranked resources with their best label, types and a highlighted snippet.

Terms of three or more characters go through the FTS5 trigram index (ranked by bm25, weighted
so that a label outranks a paragraph); shorter terms (a two-character Chinese word) are matched
with LIKE over the folded text, which scans, and such hits rank shorter texts first. Every term
must occur in the same text. SQL text is fixed; the query only ever travels as parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field

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
    #: Speeches among the matches by speaker (IRI, label, count) and by day (day, count).
    speaker_counts: list[tuple[str, str | None, int]] = field(default_factory=list)
    date_counts: list[tuple[str, int]] = field(default_factory=list)


def search(
    index: SearchIndex,
    query: str,
    *,
    types: Sequence[str] = (),
    language: str | None = None,
    prefer: Sequence[str] = ("en",),
    limit: int = 20,
    offset: int = 0,
    speaker: str | None = None,
    date: str | None = None,
) -> Results:
    """Resources whose indexed text matches every term, best first; ``types`` are IRIs that the
    resource must have one of, ``language`` a language tag the matched text must have (or none),
    ``speaker`` the IRI of a speech's speaker, ``date`` the day, month or year it was made
    (``2015-04-29``, ``2015-04``, ``2015``)."""
    terms = query_terms(query)
    if not terms:
        return Results(terms, 0, [], [])
    hits_sql, params = _hits(terms, language)
    matched = f"WITH hits AS MATERIALIZED ({hits_sql}), matched AS ({_BEST_PER_SUBJECT})"
    conditions, type_params = [], []
    if types:
        marks = ", ".join("?" for _ in types)
        conditions.append(f"subject IN (SELECT subject FROM types WHERE type IN ({marks}))")
        type_params += list(types)
    if speaker:
        conditions.append(_FACET_IS + "facet = 'speaker' AND value = ?)")
        type_params.append(speaker)
    if date:
        conditions.append(_FACET_IS + "facet = 'date' AND (value = ? OR value LIKE ? ESCAPE '\\'))")
        type_params += [date, _like_escape(date) + "-%"]
    type_filter = " WHERE " + " AND ".join(conditions) if conditions else ""
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
        speakers, days = _facet_counts(db, matched, type_filter, params + type_params, prefer)
    return Results(terms, total, hits, [(t, n) for t, n in facets], speakers, days)


_FACET_IS = "subject IN (SELECT subject FROM facets WHERE "
#: How many speakers and days a search lists at most.
FACET_LIMIT = 20


def _facet_counts(db, matched: str, where: str, params: list[object], prefer: Sequence[str]):
    """Speeches among the (filtered) matches, counted by speaker (most first, labelled) and by
    day (latest first)."""
    counted = (
        f"{matched} SELECT f.value, COUNT(DISTINCT f.subject) FROM facets f"
        f" WHERE f.subject IN (SELECT subject FROM matched{where}) AND f.facet = ?"
        " GROUP BY f.value ORDER BY {order} LIMIT ?"
    )
    speakers = db.execute(
        counted.replace("{order}", "2 DESC, 1"), [*params, "speaker", FACET_LIMIT]
    ).fetchall()
    days = db.execute(counted.replace("{order}", "1 DESC"), [*params, "date", FACET_LIMIT])
    labelled = []
    for iri, count in speakers:
        label = best_label(_labels(db, iri), prefer)
        labelled.append((iri, label[1] if label else None, count))
    return labelled, [(day, count) for day, count in days.fetchall()]


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
    labels = _labels(db, subject)
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


def _labels(db, subject: str) -> list[tuple[str, str, str]]:
    """(predicate, language, text) of every label-like entry of ``subject``."""
    marks = ", ".join("?" for _ in LABEL_PREDICATES)
    return db.execute(
        f"SELECT predicate, lang, text FROM entries WHERE subject = ? AND predicate IN ({marks})",
        (subject, *LABEL_PREDICATES),
    ).fetchall()


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
