"""The app's settings: defaults, overridden by LEGISGRAPH_* variables or the factory argument."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Config

from loader.settings import DEFAULT_BASE_IRI, DEFAULT_STORE_DIR

ENV_PREFIX = "LEGISGRAPH"

#: Every setting, with its default. Documented in README ("Configuration").
DEFAULTS: Mapping[str, Any] = {
    # Folder of the on-disk store (created empty when missing).
    "STORE": str(DEFAULT_STORE_DIR),
    # Where instance IRIs live; pages link to local paths for IRIs under it.
    "BASE_IRI": DEFAULT_BASE_IRI,
    # Whether the SPARQL default graph is the union of all named graphs.
    "UNION_DEFAULT_GRAPH": True,
    # Writes (SPARQL Update, Graph Store writes): "off", "token" (bearer WRITE_TOKEN) or "open".
    "WRITE_ACCESS": "off",
    "WRITE_TOKEN": None,
    # Hard limit on one query or update, in seconds; past it the worker process is killed.
    "QUERY_TIMEOUT": 30,
    # Query worker processes (0: one per CPU core).
    "QUERY_WORKERS": 0,
    # Longest query or update text accepted, in bytes.
    "MAX_QUERY_BYTES": 100_000,
    # Largest serialised result, in bytes; a result that passes it ends in an error.
    "MAX_RESULT_BYTES": 1_000_000_000,
    # Queries one client (IP address) may run at once.
    "MAX_CONCURRENT_PER_CLIENT": 4,
    # Largest request body (Graph Store uploads), in bytes; larger requests get 413.
    "MAX_CONTENT_LENGTH": 256 * 1024 * 1024,
    # Endpoints that SERVICE may call; every other target is refused before any connection.
    "SERVICE_ALLOWLIST": ["https://query.wikidata.org/sparql"],
}


def from_environment() -> dict[str, Any]:
    """Settings given as LEGISGRAPH_* variables (values parsed as JSON where they parse)."""
    config = Config(root_path=".")
    config.from_prefixed_env(ENV_PREFIX)
    return dict(config)
