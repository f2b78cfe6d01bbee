"""Labels in the reader's language: which language they read, the best label, dates, term names.

Language tags are compared as RFC 4647 basic filtering (SPARQL ``langMatches``), case-blind:
Oxigraph stores ``zh-Hant`` as ``zh-hant``, and ``zh`` matches both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pyoxigraph as ox
from flask import current_app, request
from rdflib import URIRef
from rdflib.term import Literal as RdfLiteral

from loader.ontology_files import ontology_graph
from loader.vocab import PREFIXES
from server.i18n import text_in
from server.outside_terms import OUTSIDE_TERM_NAMES
from server.resource_queries import LABELS, values

#: The languages pages are offered in, the first one the fallback of the other.
LANGUAGES = ("zh-Hant", "en")
#: Name of the query parameter and cookie that hold the reader's choice.
LANGUAGE_PARAMETER = "lang"

XSD = PREFIXES["xsd"]
ENGLISH_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def reader_language() -> str:
    """``?lang=``, else the cookie, else Accept-Language, else the configured default."""
    for chosen in (request.args.get(LANGUAGE_PARAMETER), request.cookies.get(LANGUAGE_PARAMETER)):
        if chosen in LANGUAGES:
            return chosen
    best = request.accept_languages.best_match(["zh-Hant", "zh-HK", "zh-TW", "zh", "en"])
    if best:
        return "zh-Hant" if best.startswith("zh") else "en"
    return current_app.config["DEFAULT_LANGUAGE"]


def lang_matches(tag: str, language_range: str) -> bool:
    """SPARQL langMatches: ``zh`` matches ``zh-hant``; ``*`` matches any non-empty tag."""
    tag, language_range = tag.lower(), language_range.lower()
    if language_range == "*":
        return bool(tag)
    return tag == language_range or tag.startswith(language_range + "-")


def preference(language: str) -> list[str]:
    """Language ranges in the order labels are picked: the reader's, untagged, then any other."""
    primary = language.split("-", 1)[0]
    others = [other for other in LANGUAGES if other != language]
    return [language, primary, "", *others, "*"]


def language_rank(tag: str, language: str) -> int:
    """Position of ``tag`` in the reader's preference (lower is better)."""
    for rank, language_range in enumerate(preference(language)):
        if (language_range == "" and not tag) or (
            language_range and lang_matches(tag, language_range)
        ):
            return rank
    return len(preference(language))


def label_predicates() -> list[str]:
    """The configured label predicates, most preferred first (LABEL_PREDICATES)."""
    return list(current_app.config["LABEL_PREDICATES"])


def best_label(candidates: Iterable[tuple[str, str, str]], language: str) -> tuple[str, str] | None:
    """(text, language tag) of the best (predicate, text, tag) candidate for the reader.

    Language comes first, then the predicate's place in LABEL_PREDICATES, then the text itself
    so that the choice never depends on the order the store returned the candidates in.
    """
    predicates = label_predicates()

    def key(candidate: tuple[str, str, str]) -> tuple[int, int, str]:
        predicate, text, tag = candidate
        order = predicates.index(predicate) if predicate in predicates else len(predicates)
        return language_rank(tag, language), order, text

    ranked = sorted(candidates, key=key)
    return (ranked[0][1], ranked[0][2]) if ranked else None


def format_date(value: str, datatype: str, language: str) -> str | None:
    """A date, month, year or timestamp the way the language writes it; None if not one."""
    try:
        if datatype == XSD + "date":
            day = dt.date.fromisoformat(value[:10])
            return _day(day, language)
        if datatype == XSD + "gYearMonth":
            year, month = (int(part) for part in value[:7].split("-"))
            if language == "en":
                return f"{ENGLISH_MONTHS[month - 1]} {year}"
            return f"{year}年{month}月"
        if datatype == XSD + "gYear":
            return f"{int(value[:4])}年" if language != "en" else str(int(value[:4]))
        if datatype == XSD + "dateTime":
            moment = dt.datetime.fromisoformat(value)
            zone = moment.strftime("%z")
            zone = "UTC" if zone in ("", "+0000") else f"UTC{zone[:3]}:{zone[3:]}"
            separator = ", " if language == "en" else " "
            return f"{_day(moment.date(), language)}{separator}{moment:%H:%M} {zone}"
    except (ValueError, IndexError):
        return None
    return None


def _day(day: dt.date, language: str) -> str:
    if language == "en":
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def term_label(iri: str, language: str, predicates: Iterable[str]) -> tuple[str, str] | None:
    """The label ontology/legisgraph.ttl gives a class, property or concept, for the reader."""
    graph = ontology_graph()
    candidates = [
        (predicate, str(value), value.language or "")
        for predicate in predicates
        for value in graph.objects(URIRef(iri), URIRef(predicate))
        if isinstance(value, RdfLiteral)
    ]
    if not candidates and iri in OUTSIDE_TERM_NAMES:
        name = OUTSIDE_TERM_NAMES[iri]
        text = text_in(language, name)
        return text, language if text != name or language == "en" else "en"
    return best_label(candidates, language)


def class_label(iri: str, language: str) -> tuple[str, str | None]:
    """(text, language tag) of a class's label for the reader, else (its compact name, None)."""
    label = term_label(iri, language, label_predicates())
    return (label[0], label[1] or None) if label else (compact(iri), None)


def compact(iri: str) -> str:
    """``dcterms:title`` for a term of a known namespace, else the IRI itself."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


class Labeller:
    """Labels of the IRIs one page shows, fetched from the store in batches and remembered."""

    def __init__(self, store, language: str) -> None:
        self.store = store
        self.language = language
        self.predicates = label_predicates()
        self._labels: dict[str, tuple[str, str] | None] = {}

    def fetch(self, iris: Iterable[str]) -> None:
        """Look up the labels of the IRIs not fetched yet, in one query."""
        wanted = sorted({iri for iri in iris if iri not in self._labels})
        if not wanted:
            return
        candidates: dict[str, list[tuple[str, str, str]]] = {iri: [] for iri in wanted}
        query = LABELS.substitute(
            subjects=values(ox.NamedNode(iri) for iri in wanted),
            predicates=", ".join(str(ox.NamedNode(p)) for p in self.predicates),
        )
        for row in self.store.query(query):
            label = row["label"]
            if isinstance(label, ox.Literal):
                tag = label.language or ""
                candidates[row["s"].value].append((row["p"].value, label.value, tag))
        for iri, found in candidates.items():
            self._labels[iri] = best_label(found, self.language) or term_label(
                iri, self.language, self.predicates
            )

    def label(self, iri: str) -> tuple[str, str] | None:
        """(text, language tag) of the IRI's best label, or None when it has none."""
        if iri not in self._labels:
            self.fetch([iri])
        return self._labels[iri]
