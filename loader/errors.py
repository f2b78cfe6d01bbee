"""The loader's base error, at the bottom of the import graph: web processes import it cheaply."""

from __future__ import annotations


class LoadError(Exception):
    """A source that could not become a graph; the message is one line naming the reason."""
