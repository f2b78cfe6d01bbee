"""Who may write: nobody (off), holders of the bearer token (token), or anyone (open)."""

from __future__ import annotations

import hmac

from flask import current_app, request

from server.errors import ApiError


def require_write_access() -> None:
    """Raise 403 on a read-only server, 401/403 without the right bearer token."""
    mode = current_app.config["WRITE_ACCESS"]
    if mode == "open":
        return
    if mode != "token":
        raise ApiError(403, "the server is read-only")
    expected = current_app.config["WRITE_TOKEN"]
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        raise ApiError(401, "writing needs an Authorization: Bearer token")
    given = header[len("Bearer ") :].encode("utf-8", "surrogatepass")
    if not expected or not hmac.compare_digest(given, str(expected).encode("utf-8")):
        raise ApiError(403, "the bearer token is not valid for writing")
