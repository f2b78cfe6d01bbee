"""Cross-origin reads from any web page: browser-based SPARQL clients need it."""

from __future__ import annotations

from flask import Flask, Response, request


def init_app(app: Flask) -> None:
    """Allow any origin; answer preflight requests for the methods and headers we accept."""

    @app.after_request
    def add_cors_headers(response: Response) -> Response:
        response.headers["Access-Control-Allow-Origin"] = "*"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = response.headers.get(
                "Allow", "GET, HEAD, POST, OPTIONS"
            )
            response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type, Authorization"
            response.headers["Access-Control-Max-Age"] = "86400"
        return response
