"""The app's settings: defaults, overridden by LEGISGRAPH_* variables or the factory argument."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Config

from loader.paths import DEFAULT_RELEASES_DIR
from loader.settings import DEFAULT_BASE_IRI, DEFAULT_STORE_DIR

ENV_PREFIX = "LEGISGRAPH"

#: Every setting, with its default. Documented in README ("Configuration").
DEFAULTS: Mapping[str, Any] = {
    # Folder of the on-disk store (created empty when missing).
    "STORE": str(DEFAULT_STORE_DIR),
    # Folder of releases written by `legisgraph release`, listed and served under /dumps/.
    "RELEASES_DIR": str(DEFAULT_RELEASES_DIR),
    # Where instance IRIs live; pages link to local paths for IRIs under it.
    "BASE_IRI": DEFAULT_BASE_IRI,
    # Whether the SPARQL default graph is the union of all named graphs.
    "UNION_DEFAULT_GRAPH": True,
    # Writes (SPARQL Update, Graph Store writes): "off", "token" (bearer WRITE_TOKEN) or "open".
    "WRITE_ACCESS": "off",
    "WRITE_TOKEN": None,
    # Hard limit on one query or update, in seconds; past it the worker process is killed.
    "QUERY_TIMEOUT": 30,
    # Query worker processes per web process (0: `serve` sizes them with serving_layout;
    # an app made without `serve`, one per CPU core).
    "QUERY_WORKERS": 0,
    # Longest query or update text accepted, in bytes.
    "MAX_QUERY_BYTES": 100_000,
    # Largest serialised result, in bytes; a result that passes it ends in an error.
    "MAX_RESULT_BYTES": 1_000_000_000,
    # Reverse proxies in front of the app that add X-Forwarded-For (0: none; never more than
    # there are, or clients could choose their own address).
    "PROXY_HOPS": 0,
    # Requests to the SPARQL endpoint one client (IP address) may have in progress at once; its
    # quick queries beyond the worker pool's share wait their turn rather than being refused.
    "MAX_CONCURRENT_PER_CLIENT": 64,
    # Query workers one client may hold at once (0: all but one); its further queries wait.
    # A load generator on one address (bench/) sets it to QUERY_WORKERS.
    "WORKERS_PER_CLIENT": 0,
    # A query still running after this many seconds is long-running: it leaves the pool of
    # query workers (a fresh worker takes its place, so quick queries always find one) ...
    "LIGHT_QUERY_SECONDS": 0.5,
    # ... and takes one of this many slots (0: as many as QUERY_WORKERS); 503 when all are taken,
    "LONG_QUERIES": 0,
    # ... of which one client may hold this many; 429 past that.
    "LONG_QUERIES_PER_CLIENT": 1,
    # Address space of one query worker process, in MiB (0: unlimited); a query past it gets
    # 503 "query used too much memory" and its worker is replaced.
    "QUERY_MEMORY_MB": 2048,
    # Memory for complete query results kept for repeats, in MiB (0: none kept). Keyed by the
    # store's state, so any write makes them unreachable; one result takes at most an eighth.
    "RESULT_CACHE_MB": 64,
    # Largest request body (Graph Store uploads), in bytes; larger requests get 413.
    "MAX_CONTENT_LENGTH": 256 * 1024 * 1024,
    # A remote SPARQL engine to run on instead of the embedded store (README "Scale-out"):
    # its SPARQL query, update and Graph Store URLs, credentials, and kind (oxigraph, virtuoso,
    # fuseki or generic: how it takes a per-query time limit). No query URL: embedded store.
    "ENGINE_QUERY_URL": None,
    "ENGINE_UPDATE_URL": None,
    "ENGINE_STORE_URL": None,
    "ENGINE_USER": None,
    "ENGINE_PASSWORD": None,
    "ENGINE_KIND": "generic",
    # Endpoints that SERVICE may call; every other target is refused before any connection.
    "SERVICE_ALLOWLIST": ["https://query.wikidata.org/sparql"],
    # Local path where IRIs under BASE_IRI are served: {BASE_IRI}x is answered at {RESOURCE_PATH}x.
    "RESOURCE_PATH": "/id/",
    # Predicates whose values name a resource on pages, most preferred first.
    "LABEL_PREDICATES": [
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://purl.org/dc/terms/title",
        "http://xmlns.com/foaf/0.1/name",
        "https://schema.org/name",
    ],
    # Page language when neither ?lang=, the lang cookie nor Accept-Language decides: zh-Hant or en.
    "DEFAULT_LANGUAGE": "en",
    # Incoming links shown per property and page on resource pages.
    "INCOMING_PAGE_SIZE": 50,
    # Content-Security-Policy header sent with every response.
    "CONTENT_SECURITY_POLICY": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
}


#: Settings always read from the environment as the plain string given, never parsed as JSON
#: (a token of ``1e3`` stays ``1e3``, ``"x"`` keeps its quotes).
PLAIN_STRINGS = ("WRITE_TOKEN", "ENGINE_USER", "ENGINE_PASSWORD")


def from_environment() -> dict[str, Any]:
    """Settings given as LEGISGRAPH_* variables (values parsed as JSON where they parse)."""
    config = Config(root_path=".")
    config.from_prefixed_env(ENV_PREFIX)
    for key in PLAIN_STRINGS:
        if (raw := os.environ.get(f"{ENV_PREFIX}_{key}")) is not None:
            config[key] = raw
    return dict(config)


def serving_layout(cores: int, *, writable: bool, processes: int = 0) -> tuple[int, int]:
    """Web processes and query workers per web process for ``cores`` cores: a web process per
    core (light queries are bound by the web processes' CPU), the cores shared out as query
    workers among them, at least two each so no one client holds a process's workers all."""
    processes = processes or (1 if writable else cores)
    return processes, max(2, cores // processes)
