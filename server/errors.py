"""One error shape for every page and API: raised anywhere, rendered here."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from loader.engine_results import EngineError

ERROR_MEDIA_TYPES = ["application/json", "text/html", "text/plain"]


class ApiError(Exception):
    """A client-facing error with an HTTP status and a message that says what to fix."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error_body(status: int, title: str, message: str) -> dict[str, object]:
    """The canonical error document: every error response carries exactly these keys."""
    return {"ok": False, "status": status, "title": title, "error": message}


def error_response(status: int, title: str, message: str) -> Response:
    """The error in the representation the client asked for; JSON when it did not say."""
    accept = request.accept_mimetypes
    best = accept.best_match(ERROR_MEDIA_TYPES) if accept else None
    if best == "text/html" and accept["text/html"] > accept["application/json"]:
        response = Response(
            render_template("errors/error.html", status=status, title=title, message=message)
        )
    elif best == "text/plain":
        response = Response(f"{status} {title}: {message}\n", mimetype="text/plain")
    else:
        response = jsonify(error_body(status, title, message))
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    """Route every HTTP error and ApiError through error_response."""

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
