"""One error shape for every page and API: every error raised in a request is rendered here."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from loader.engine_results import EngineError
from server.errors import ApiError, error_body
from server.negotiation import error_media_type


def error_response(status: int, title: str, message: str) -> Response:
    """The error in the representation the client asked for; JSON when it did not say."""
    media_type = error_media_type()
    if media_type == "text/html":
        response = Response(
            render_template("errors/error.html", status=status, title=title, message=message)
        )
    elif media_type == "text/plain":
        response = Response(f"{status} {title}: {message}\n", mimetype="text/plain")
    else:
        response = jsonify(error_body(status, title, message))
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    """Route every HTTP error, ApiError and engine error through error_response."""

    @app.errorhandler(ApiError)
    def handle_api_error(error: ApiError) -> Response:
        return error_response(
            error.status, HTTP_STATUS_CODES.get(error.status, "Error"), error.message
        )

    @app.errorhandler(EngineError)
    def handle_engine_error(error: EngineError) -> Response:
        # A remote engine that is down, slow or refuses a page's own query: its status
        # (502 unreachable, 504 too slow) and message, never an internal error.
        return error_response(
            error.status, HTTP_STATUS_CODES.get(error.status, "Error"), error.message
        )

    @app.errorhandler(HTTPException)
    def handle_http_exception(error: HTTPException) -> Response:
        response = error_response(error.code or 500, error.name, error.description or error.name)
        for name, value in error.get_headers():
            if name.lower() not in ("content-type", "content-length"):
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception) -> Response:
        app.logger.exception("unhandled error", exc_info=error)
        return error_response(500, "Internal Server Error", "internal error; see the server log")
