"""Defaults shared by the command line and the web app, and the environment that overrides them."""

from loader.paths import DEFAULT_STORE_DIR

#: Where instance IRIs live unless LEGISGRAPH_BASE_IRI says otherwise.
DEFAULT_BASE_IRI = "https://w3id.org/legisgraph/id/"

ENV_STORE = "LEGISGRAPH_STORE"
ENV_BASE_IRI = "LEGISGRAPH_BASE_IRI"

__all__ = ["DEFAULT_BASE_IRI", "DEFAULT_STORE_DIR", "ENV_BASE_IRI", "ENV_STORE"]
