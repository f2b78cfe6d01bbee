"""Serving the app with gunicorn, a production WSGI server, from our own command line.

Each web process runs gunicorn's gevent worker: every connection is a greenlet, so a client that
sends its request slowly (a header line every few seconds) costs one idle greenlet, not one of a
few threads; thousands can wait while other requests are answered. The heavy work happens in the
query worker processes, which the web process waits for without blocking its event loop.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from typing import Any

from flask import Flask
from gevent import monkey, socket
from gunicorn import util
from gunicorn.app.base import BaseApplication
from gunicorn.http import errors as http_errors
from gunicorn.workers.ggevent import GeventWorker
from werkzeug.http import HTTP_STATUS_CODES

from server import config, create_app
from server.errors import error_body

#: Statuses of the requests gunicorn refuses before the app sees them (400 for the rest).
PARSE_ERROR_STATUSES = {
    http_errors.LimitRequestLine: 414,
    http_errors.LimitRequestHeaders: 431,
    http_errors.UnsupportedTransferCoding: 501,
    http_errors.ExpectationFailed: 417,
    http_errors.ForbiddenProxyRequest: 403,
}


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
    connections: int = 1000,
    processes: int = 1,
    access_log: bool = True,
) -> None:
    """Run the app on host:port until interrupted.

    Each web process owns a share of the store's lock and its own query workers, and holds up to
    ``connections`` connections at once; the heavy work happens in the query worker processes.
    A server that writes has exactly one web process, since it has exactly one writer.
    """
    options = {
        "bind": f"{host}:{port}",
        "workers": processes,
        "worker_connections": connections,
        "worker_class": "server.wsgi.LegisgraphWorker",
        "accesslog": "-" if access_log else None,
        "timeout": 120,
        # No control socket in the home folder: two servers on one machine would share it.
        "control_socket_disable": True,
    }
    LegisgraphServer(app_config, options).run()


class LegisgraphWorker(GeventWorker):
    """gunicorn's gevent worker, answering requests it cannot parse in the app's error shape.

    A request line over the limit or a malformed header never reaches the app; gunicorn's own
    answer would be an HTML page without the security headers.
    """

    def patch(self) -> None:
        """gevent's patches, except ssl's: modules imported before the fork (requests) hold
        the standard library's ssl classes, and mixing the two breaks; TLS calls simply block."""
        monkey.patch_all(ssl=False)
        self.sockets = [
            socket.socket(s.FAMILY, socket.SOCK_STREAM, fileno=s.sock.detach())
            for s in self.sockets
        ]

    def handle_error(self, req, client, addr, exc) -> None:
        """Answer a client's malformed request as the app would; leave the rest to gunicorn."""
        unparsable = isinstance(exc, http_errors.ParseException) and not isinstance(
            exc,
            (
                http_errors.InvalidResponseHeader,
                http_errors.InvalidResponseHeaderName,
                http_errors.ConfigurationProblem,
            ),
        )
        if not unparsable:
            super().handle_error(req, client, addr, exc)
            return
        status = next((s for k, s in PARSE_ERROR_STATUSES.items() if isinstance(exc, k)), 400)
        title = HTTP_STATUS_CODES[status]
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        body = json.dumps(error_body(status, title, str(exc) or title)).encode("utf-8")
        policy = self.app.app_config.get(
            "CONTENT_SECURITY_POLICY", config.DEFAULTS["CONTENT_SECURITY_POLICY"]
        )
        head = (
            f"HTTP/1.1 {status} {title}\r\nConnection: close\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            f"Content-Security-Policy: {policy}\r\nX-Content-Type-Options: nosniff\r\n\r\n"
        )
        try:
            util.write_nonblock(client, head.encode("latin-1") + body)
            _linger(client)
        except OSError:
            self.log.debug("Failed to send error message.")


#: How long, and how many bytes, a refused request's unread input is drained before closing.
LINGER_SECONDS, LINGER_BYTES = 1.0, 1 << 20


def _linger(client: socket.socket) -> None:
    """Close our side, then read what the client still sends (a body we will not read): closing
    with unread input makes the kernel reset the connection, and the client loses our answer."""
    client.shutdown(socket.SHUT_WR)
    client.settimeout(LINGER_SECONDS)
    drained = 0
    with contextlib.suppress(OSError):
        while drained < LINGER_BYTES and (data := client.recv(65536)):
            drained += len(data)
