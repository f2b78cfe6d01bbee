"""The app's settings: defaults, overridden by LEGISGRAPH_* variables or the factory argument."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Config

from loader.settings import DEFAULT_BASE_IRI, DEFAULT_STORE_DIR

ENV_PREFIX = "LEGISGRAPH"

#: Every setting, with its default. Documented in README ("Configuration").
DEFAULTS: Mapping[str, Any] = {
    # Folder of the on-disk store; None for an empty in-memory store.
    "STORE": str(DEFAULT_STORE_DIR),
    # Where instance IRIs live; pages link to local paths for IRIs under it.
    "BASE_IRI": DEFAULT_BASE_IRI,
    # Whether the SPARQL default graph is the union of all named graphs.
    "UNION_DEFAULT_GRAPH": True,
}


def from_environment() -> dict[str, Any]:
    """Settings given as LEGISGRAPH_* variables (values parsed as JSON where they parse)."""
    config = Config(root_path=".")
    config.from_prefixed_env(ENV_PREFIX)
    return dict(config)
