"""Fuzzing and fault-test support: settings, hostile strings, response checks, figures.

``check_response`` says what is wrong with an answer (a 500, a body that is not the canonical
error shape or not a well-formed result), and ``Figures`` counts and prints what happened.
The strategies live in sparql_fuzz_support.py (SPARQL) and fuzz_http_support.py (requests).
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from dataclasses import dataclass, field
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, settings

#: Multiplies every example count: 1 in CI; the soak mode (bench/soak.py) raises it.
SCALE = float(os.environ.get("LEGISGRAPH_FUZZ_SCALE", "1"))
#: CI runs the same examples every time; the soak mode sets LEGISGRAPH_FUZZ_RANDOM=1 for new ones.
RANDOM = os.environ.get("LEGISGRAPH_FUZZ_RANDOM") == "1"
ERROR_KEYS = {"ok", "status", "title", "error"}
#: Prefixes the grammar declares (and sometimes forgets to declare).
PREFIXES = {
    "lg": "https://w3id.org/legisgraph/ontology#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
#: Strings that break naive code: markup, escapes, control and bidi characters, huge numbers.
HOSTILE = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
    "../../../../etc/passwd", "..%2f..%2f", "%00", "\x00", "\u202e", "\ufeff", "\ud7ff", "😀",
    "會議", "\\u0000", "\\U0010FFFF", "99999999999999999999999", "-0", "1e400", "NaN", "'", '"',
    '"""', "\\", "\r\n", "%", "%%", "%zz", "${x}", "{{7*7}}", "\t", " ", "",
]  # fmt: skip


def scaled(count: int) -> int:
    """``count`` × SCALE, at least 1."""
    return max(1, int(count * SCALE))


def fuzz_settings(examples: int) -> settings:
    """Settings for a fuzz test: ``examples`` × SCALE examples, no deadline, no database."""
    return settings(
        max_examples=scaled(examples),
        deadline=None,
        database=None,
        derandomize=not RANDOM,
        suppress_health_check=list(HealthCheck),
    )


# --- responses ----------------------------------------------------------------------------

RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


def check_response(method: str, status: int, content_type: str, body: bytes) -> str | None:
    """What is wrong with one answer, or None: no 500, errors in the canonical shape, results
    that parse in the media type they claim."""
    media_type = content_type.split(";")[0].strip().lower()
    if status >= 500 and status != 503:
        return f"status {status}"
    if method == "HEAD" or status in (204, 304) or 300 <= status < 400 or not body:
        return None
    try:
        if status >= 400:
            return _check_error(status, media_type, body)
        return _check_result(media_type, body)
    except (ValueError, SyntaxError, ElementTree.ParseError) as error:
        return f"{media_type} body does not parse: {' '.join(str(error).split())[:200]}"


def _check_error(status: int, media_type: str, body: bytes) -> str | None:
    text = body.decode("utf-8")
    if media_type == "application/json":
        document = json.loads(text)
        if set(document) != ERROR_KEYS or document["status"] != status or document["ok"]:
            return f"error JSON is not the canonical shape: {text[:200]}"
    elif media_type == "text/plain":
        if not text.startswith(f"{status} "):
            return f"plain-text error does not start with its status: {text[:200]}"
    elif media_type == "text/html":
        if str(status) not in text or "<html" not in text.lower():
            return f"HTML error page does not name its status: {text[:200]}"
    else:
        return f"error {status} in an unexpected media type {media_type!r}"
    return None


def _check_result(media_type: str, body: bytes) -> str | None:
    if media_type in ("application/sparql-results+json", "application/json"):
        json.loads(body)
    elif media_type in ("application/sparql-results+xml", "application/xml"):
        ElementTree.fromstring(body)
    elif media_type in RDF_TYPES:
        list(ox.parse(body, format=RDF_TYPES[media_type], base_iri="http://example.org/"))
    elif media_type == "text/html":
        if "<html" not in body.decode("utf-8").lower():
            return "an HTML page without <html>"
    elif media_type.startswith("text/"):
        body.decode("utf-8")
    return None


@dataclass
class Figures:
    """What a fuzz or fault run did: tries, answers by status, problems found (thread-safe)."""

    title: str
    tried: int = 0
    statuses: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    notes: dict[str, object] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, status: int | str, problem: str | None = None, what: str = "") -> None:
        """Count one request (or round) and remember its problem, if any."""
        with self._lock:
            self.tried += 1
            self.statuses[status] += 1
            if problem is not None:
                self.problems.append(f"{problem} <- {what[:300]!r}")

    def lines(self) -> list[str]:
        """The figures as printed."""
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(self.statuses.items(), key=str))
        lines = [f"== {self.title} ==", f"tried: {self.tried}", f"by status: {statuses}"]
        lines += [f"{name}: {value}" for name, value in self.notes.items()]
        lines.append(f"problems (must be 0): {len(self.problems)}")
        return lines + [f"  {problem}" for problem in self.problems[:10]]


def print_figures(config: pytest.Config, figures: Figures) -> None:
    """Print the figures to the terminal even while pytest captures output."""
    capture = config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n" + "\n".join(figures.lines()), flush=True)
