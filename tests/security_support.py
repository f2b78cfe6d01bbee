"""What the security tests share: the token, the write attempts' bodies, the hostile store."""

from __future__ import annotations

from pathlib import Path

from conftest import make_app
from flask import Flask
from fuzz_http_support import fill_store

TOKEN = "s3cret-write-token-do-not-log"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
INSERT = "INSERT DATA { GRAPH <urn:x:pwned> { <urn:x:s> <urn:x:p> <urn:x:o> } }"
TRIPLES = b"<urn:x:s> <urn:x:p> <urn:x:o> .\n"
#: Triples in the default graph (the union of every graph and the plain default graph).
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
WRITE_METHODS = ["POST", "PUT", "DELETE", "PATCH"]
SENTINEL = "SENTINEL-7d1f0c-not-to-be-served"


def make_hostile_store(folder: Path) -> Path:
    """The mini dataset and the hostile graph on disk, with a secret file beside the store."""
    fill_store(folder / "store")
    (folder / "secret.txt").write_text(SENTINEL)
    (folder / "releases").mkdir()
    return folder / "store"


def security_app(store: Path, **settings) -> Flask:
    """An app over ``store`` whose releases folder is beside it."""
    return make_app(store, RELEASES_DIR=str(store.parent / "releases"), **settings)


def fill_rule(rule: str, value: str = "x") -> str:
    """The rule's path with every variable part replaced by ``value``."""
    parts = rule.split("<")
    return parts[0] + "".join(value + part.split(">", 1)[1] for part in parts[1:])
