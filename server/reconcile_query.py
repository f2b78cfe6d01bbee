"""Answering reconciliation queries and suggest requests from the index (W3C Reconciliation
Service API 0.2): candidates scored 0..100, with the name and property features behind them."""

from __future__ import annotations

from collections.abc import Mapping

from loader.names import has_han, name_key, person_name
from loader.vocab import PREFIXES
from server.errors import ApiError
from server.reconcile_match import MIN_SIMILARITY, PROPERTIES, SHORT_TYPES, TYPES, Index, Record

DEFAULT_LIMIT = 5
MAX_LIMIT = 25
SUGGEST_LIMIT = 10
#: Weight of the name in the score when the query also gives properties.
NAME_SHARE = 0.8


def type_id(value: object) -> str:
    """A type as given (IRI, ``lg:Member`` or ``member``) as its IRI; unknown ones are an error."""
    text = value.get("id") if isinstance(value, Mapping) else value
    if isinstance(text, str):
        text = SHORT_TYPES.get(text.lower(), text)
        for iri in TYPES:
            if text in (iri, compact(iri)):
                return iri
    known = ", ".join(sorted(SHORT_TYPES))
    raise ApiError(400, f"unknown type {value!r}; use one of {known} or their IRIs")


def property_id(value: object) -> str:
    """A property as given (IRI or prefixed name, e.g. ``lg:memberId``) as its IRI."""
    if isinstance(value, str):
        for iri in PROPERTIES:
            if value in (iri, compact(iri)):
                return iri
    raise ApiError(400, f"unknown property {value!r}; see /reconcile/suggest/property")


def compact(iri: str) -> str:
    """``lg:memberId`` for the IRI of lg:memberId (the IRI itself when no prefix fits)."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def answer(index: Index, query: Mapping, base: str) -> list[dict]:
    """The candidates for one reconciliation query, best first."""
    text = query.get("query")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "each query needs a non-empty 'query' string")
    wanted = query.get("type")
    types = (
        {type_id(t) for t in (wanted if isinstance(wanted, list) else [wanted])}
        if wanted
        else set()
    )
    limit = query.get("limit", DEFAULT_LIMIT)
    if not isinstance(limit, int) or limit < 1:
        raise ApiError(400, "'limit' must be a positive integer")
    given = [(property_id(p.get("pid")), p.get("v")) for p in query.get("properties") or []]
    exact = index.by_id(text.strip(), base)
    if exact is not None and (not types or exact.types & types):
        return [_candidate(exact, text, base, 100.0, True, [("id", True)])]
    scored = []
    for record in index.records.values():
        if types and not record.types & types:
            continue
        similarity = index.name_score(record, text)
        if similarity < MIN_SIMILARITY:
            continue
        features: list[tuple[str, float | bool]] = [("name", similarity)]
        score = similarity * 100
        if given:
            hits = sum(_property_matches(record, pid, value) for pid, value in given)
            features.append(("properties", round(hits / len(given), 3)))
            score = NAME_SHARE * score + (1 - NAME_SHARE) * 100 * hits / len(given)
        scored.append((round(score, 1), record, features))
    scored.sort(key=lambda item: (-item[0], item[1].iri))
    top = [s for s, _, _ in scored if s >= 100]
    return [
        _candidate(record, text, base, score, score >= 100 and len(top) == 1, features)
        for score, record, features in scored[: min(limit, MAX_LIMIT)]
    ]


def _property_matches(record: Record, pid: str, value: object) -> bool:
    values = value if isinstance(value, list) else [value]
    wanted = {name_key(v.get("id", "") if isinstance(v, Mapping) else str(v)) for v in values}
    return bool(wanted & {name_key(v) for v in record.values.get(pid, ())})


def _candidate(
    record: Record, text: str, base: str, score: float, match: bool, features: list
) -> dict:
    chinese = has_han(text)
    other = record.label(not chinese)
    names = ", ".join(t["name"] for t in record.type_list())
    return {
        "id": local_id(record.iri, base),
        "name": record.label(chinese),
        "description": f"{other} · {names}" if other != record.label(chinese) else names,
        "score": score,
        "match": match,
        "type": record.type_list(),
        "features": [{"id": name, "value": value} for name, value in features],
    }


def local_id(iri: str, base: str) -> str:
    """The id the service uses for an IRI: its local name under the base IRI."""
    return iri[len(base) :] if iri.startswith(base) else iri


def suggest_entities(index: Index, prefix: str, cursor: int, base: str) -> list[dict]:
    """Entities one of whose names starts with ``prefix`` (titles ignored), shortest first."""
    keys = {name_key(prefix), name_key(person_name(prefix))} - {""}
    found = []
    for record in index.records.values():
        starts = any(k.startswith(key) for k in record.keys for key in keys)
        if starts or local_id(record.iri, base) == prefix.strip():
            name = record.label(has_han(prefix))
            found.append((len(name), name, record))
    found.sort(key=lambda item: (item[0], item[1], item[2].iri))
    return [
        {
            "id": local_id(record.iri, base),
            "name": name,
            "description": record.label(not has_han(prefix)),
            "notable": record.type_list(),
        }
        for _, name, record in found[cursor : cursor + SUGGEST_LIMIT]
    ]


def suggest_from(table: Mapping[str, str], prefix: str, cursor: int) -> list[dict]:
    """Types or properties whose name or IRI contains ``prefix``."""
    wanted = prefix.strip().casefold()
    hits = [
        {"id": iri, "name": name}
        for iri, name in sorted(table.items(), key=lambda item: item[1])
        if wanted in name.casefold() or wanted in iri.casefold()
    ]
    return hits[cursor : cursor + SUGGEST_LIMIT]
