"""The app's handle on the store: opened once per process by the factory, shared by views."""

from __future__ import annotations

from flask import Flask, current_app

from loader.store import GraphStore

EXTENSION_KEY = "legisgraph.store"


def init_app(app: Flask) -> None:
    """Open the configured store for reading (in memory when STORE is None)."""
    path = app.config["STORE"]
    store = GraphStore.in_memory() if path is None else GraphStore.open(path, write=False)
    app.extensions[EXTENSION_KEY] = store


def get_store() -> GraphStore:
    """The store of the current app."""
    return current_app.extensions[EXTENSION_KEY]
