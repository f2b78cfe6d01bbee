"""What an error is, at the bottom of the server's imports: raised anywhere, rendered by
server/error_pages.py."""

from __future__ import annotations


class ApiError(Exception):
    """A client-facing error with an HTTP status and a message that says what to fix."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error_body(status: int, title: str, message: str) -> dict[str, object]:
    """The canonical error document: every error response carries exactly these keys."""
    return {"ok": False, "status": status, "title": title, "error": message}
