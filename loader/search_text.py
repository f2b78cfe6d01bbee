"""Text folding, query terms and highlighted snippets for the full-text search index.

Indexed text and queries are folded the same way, so that a match ignores what a reader would
not: full/half width and compatibility forms (NFKC), upper/lower case, and Traditional versus
Simplified Chinese (OpenCC's Traditional→Simplified conversion, a many-to-one folding): the
fold of ``loader.names``, the one place names and text are folded.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape

from loader.names import fold, to_simplified

#: Shortest term the trigram index can look up; shorter terms are matched by scanning.
TRIGRAM = 3
#: Characters of context shown around the first match in a snippet.
SNIPPET_CONTEXT = 60

_TERM = re.compile(r'"([^"]+)"|(\S+)')


def query_terms(query: str) -> list[str]:
    """The folded terms of a query: words, or "quoted phrases" kept whole; duplicates dropped."""
    terms: list[str] = []
    for match in _TERM.finditer(query):
        term = fold(" ".join((match.group(1) or match.group(2)).split()))
        if term and term not in terms:
            terms.append(term)
    return terms


def folded_with_positions(text: str) -> tuple[str, list[int]]:
    """``text`` folded, and for each folded character the index of the character it came from."""
    pieces = [unicodedata.normalize("NFKC", char) for char in text]
    joined = "".join(pieces)
    converted = to_simplified(joined)
    origin = [index for index, piece in enumerate(pieces) for _ in piece]
    if len(converted) != len(joined):  # a phrase changed length: convert character by character
        parts = [to_simplified(piece) for piece in pieces]
        converted = "".join(parts)
        origin = [index for index, part in enumerate(parts) for _ in part]
    folded_chars = [char.casefold() for char in converted]
    folded = "".join(folded_chars)
    positions = [origin[index] for index, char in enumerate(folded_chars) for _ in char]
    return folded, positions


def match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the terms occur in ``text`` (as spans of the original), merged and sorted."""
    folded, positions = folded_with_positions(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((positions[start], positions[end - 1] + 1))
            start = folded.find(term, end)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, terms: list[str], context: int = SNIPPET_CONTEXT) -> tuple[str, str]:
    """(plain, html): a window of ``text`` around the first match; in the HTML form the text is
    escaped first and the matches then wrapped in ``<mark>``."""
    spans = match_spans(text, terms)
    first = spans[0][0] if spans else 0
    start = max(0, first - context)
    end = min(len(text), (spans[0][1] if spans else 0) + 2 * context)
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    html, position = [escape(lead)], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        html.append(escape(text[position:span_start]))
        html.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    html.append(escape(text[position:end]) + escape(tail))
    return lead + text[start:end] + tail, "".join(html)
