"""Response headers that keep pages safe to open: a Content-Security-Policy and nosniff.

The policy (CONTENT_SECURITY_POLICY) allows scripts and styles only from this server's own
files: no inline ``<script>`` runs, no ``style=`` attribute or ``<style>`` block applies, no
inline event handler fires. ``<script type="application/ld+json">`` data blocks are not
executed by browsers, so pages may embed their JSON-LD.
"""

from __future__ import annotations

from flask import Flask, Response, current_app


def init_app(app: Flask) -> None:
    """Add the headers to every response, errors and static files included."""

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        # A view that needs another policy (an embeddable preview) sets its own first.
        response.headers.setdefault(
            "Content-Security-Policy", current_app.config["CONTENT_SECURITY_POLICY"]
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
