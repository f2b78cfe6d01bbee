"""Serving the app with gunicorn, a production WSGI server, from our own command line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from server import create_app


class LegisgraphServer(BaseApplication):
    """A gunicorn application whose workers each build the app (and open the store) themselves."""

    def __init__(self, app_config: Mapping[str, Any], options: Mapping[str, Any]) -> None:
        self.app_config = dict(app_config)
        self.options = {**options, "worker_exit": self._close_app}
        self.app: Flask | None = None
        super().__init__()

    def load_config(self) -> None:
        """Pass our options to gunicorn's settings."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        """Build the app inside the worker, after the fork, so each has its own store handle."""
        self.app = create_app(self.app_config)
        return self.app

    def _close_app(self, server: object, worker: object) -> None:
        """Stop the query workers and close the store before the interpreter shuts down."""
        if self.app is not None:
            self.app.extensions["legisgraph.store"].close()


def serve(
    app_config: Mapping[str, Any],
    *,
    host: str,
    port: int,
    threads: int,
    processes: int = 1,
    access_log: bool = True,
) -> None:
    """Run the app on host:port until interrupted.

    Each web process owns a share of the store's lock and its own query workers, and serves
    many threads; the heavy work happens in the query worker processes. A server that writes
    has exactly one web process, since it has exactly one writer.
    """
    options = {
        "bind": f"{host}:{port}",
        "workers": processes,
        "threads": threads,
        "worker_class": "gthread",
        "accesslog": "-" if access_log else None,
        "timeout": 120,
        # No control socket in the home folder: two servers on one machine would share it.
        "control_socket_disable": True,
    }
    LegisgraphServer(app_config, options).run()
