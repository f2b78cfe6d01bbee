"""What search and browse pages share: paging, the HTML/JSON/CSV twins, parameter parsing.

Each list is served at ``/name`` (HTML, or JSON/CSV by ``?format=`` or Accept), ``/name.json``
and ``/name.csv``, all with the same parameters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask import Blueprint, Response, current_app, request, url_for

from server.errors import ApiError
from server.negotiation import LISTS, list_format

FORMATS = LISTS
#: ``html``, ``json`` or ``csv`` for a list view (chosen in server/negotiation.py).
chosen_format = list_format
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
#: Highest page number accepted: far past any list, and small enough for every OFFSET.
MAX_PAGE = 1_000_000
_DIGITS = re.compile(r"[0-9]+")


def add_twin_routes(bp: Blueprint, path: str, view: Callable[..., Response]) -> None:
    """Serve ``view`` at ``path`` and at ``path.json`` / ``path.csv`` (endpoint ``name_json``…)."""
    name = view.__name__
    bp.add_url_rule(path, name, view, defaults={"fmt": None})
    for fmt in FORMATS:
        bp.add_url_rule(f"{path}.{fmt}", f"{name}_{fmt}", view, defaults={"fmt": fmt})


@dataclass(frozen=True)
class Paging:
    """Which page of a list is asked for."""

    page: int
    per_page: int

    @property
    def offset(self) -> int:
        """Rows before this page."""
        return (self.page - 1) * self.per_page

    def links(self, total: int) -> dict[str, str | None]:
        """URLs of the previous and next pages (same endpoint and parameters), None at the ends."""
        endpoint = request.endpoint or ""
        args = request.args.to_dict(flat=False)
        prev = next_ = None
        if self.page > 1:
            prev = url_for(endpoint, **(args | {"page": [str(self.page - 1)]}))
        if self.offset + self.per_page < total:
            next_ = url_for(endpoint, **(args | {"page": [str(self.page + 1)]}))
        return {"prev": prev, "next": next_}


def paging(default: int = DEFAULT_PER_PAGE) -> Paging:
    """``?page=`` (from 1) and ``?per_page=`` (at most MAX_PER_PAGE), checked."""
    page = _positive_int("page", 1)
    per_page = _positive_int("per_page", default)
    if per_page > MAX_PER_PAGE:
        raise ApiError(400, f"per_page must be at most {MAX_PER_PAGE}")
    return Paging(page, per_page)


def _positive_int(name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not _DIGITS.fullmatch(raw):
        raise ApiError(400, f"{name} must be a positive integer, not {raw[:40]!r}")
    value = int(raw.lstrip("0")[:12] or "0")
    if value < 1:
        raise ApiError(400, f"{name} must be a positive integer, not {raw[:40]!r}")
    if len(raw.lstrip("0")) > 12 or value > MAX_PAGE:
        raise ApiError(400, f"{name} must be at most {MAX_PAGE}")
    return value


def date_parameter(name: str) -> dt.date | None:
    """An ISO date parameter (YYYY-MM-DD), or None when absent; 400 when malformed."""
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ApiError(400, f"{name} must be a date as YYYY-MM-DD, not {raw!r}") from None


def twin_links() -> dict[str, str]:
    """This page's JSON and CSV twins with the same parameters."""
    endpoint = (request.endpoint or "").removesuffix("_json").removesuffix("_csv")
    args = request.args.to_dict(flat=False)
    args.pop("format", None)
    return {fmt: url_for(f"{endpoint}_{fmt}", **args) for fmt in FORMATS}


def csv_response(columns: list[str], rows: Iterable[dict[str, object]]) -> Response:
    """Rows as CSV with a header line; missing values are empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return Response(
        out.getvalue(), mimetype="text/csv", headers={"Vary": "Accept, Accept-Language, Cookie"}
    )


def json_response(document: dict[str, object]) -> Response:
    """A JSON document (non-ASCII kept as is)."""
    response = current_app.json.response(document)
    response.headers["Vary"] = "Accept, Accept-Language, Cookie"
    return response
