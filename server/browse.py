"""Browse pages: meetings, committees, papers, council questions, concerns, measures, members.

Each list is paged and has JSON and CSV twins with the same parameters (``/meetings.json?…``).
Queries run in-process over the reader view of the store, like the app's other small queries;
their parameters are bound as pyoxigraph terms (see server/browse_lists.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import gettext

from loader.vocab import LG_NAMESPACE, PREFIXES
from server.browse_lists import HEADINGS, LISTINGS, Filter, Listing
from server.errors import ApiError
from server.labels import Labeller, format_date, language_rank, reader_language
from server.listing import (
    Paging,
    add_twin_routes,
    chosen_format,
    csv_response,
    date_parameter,
    json_response,
    paging,
    twin_links,
)
from server.resource_values import Presenter, Value, base_iri
from server.store import get_store

bp = Blueprint("browse", __name__)

XSD_DATE = ox.NamedNode(PREFIXES["xsd"] + "date")
XSD_GYEARMONTH = PREFIXES["xsd"] + "gYearMonth"
FLAGS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}


@dataclass
class Page:
    """One page of a list: its rows as terms, their total, and the counts shown beside them."""

    listing: Listing
    rows: list[dict[str, ox.NamedNode | ox.Literal | str | bool | None]]
    total: int
    paging: Paging
    facet: list[tuple[ox.NamedNode, int]]
    timeline: list[tuple[str, int]]


def bindings(listing: Listing) -> dict[str, ox.NamedNode | ox.Literal | None]:
    """The listing's filter parameters as terms (None when absent), and ``language`` the
    reader's language (lists sorted by name use it); 400 when a parameter is malformed."""
    language = ox.Literal(reader_language().split("-")[0])
    return {f.name: _term(f) for f in listing.filters} | {"language": language}


def _term(spec: Filter) -> ox.NamedNode | ox.Literal | None:
    raw = request.args.get(spec.name, "").strip()
    if spec.kind == "date":
        day = date_parameter(spec.name) or (dt.date.today() if spec.today_by_default else None)
        return None if day is None else ox.Literal(day.isoformat(), datatype=XSD_DATE)
    if not raw:
        return None
    if spec.kind == "flag":
        if raw.lower() not in FLAGS:
            raise ApiError(400, f"{spec.name} must be true or false, not {raw!r}")
        return ox.Literal(FLAGS[raw.lower()])
    if spec.kind == "term" and ":" not in raw:
        raw = LG_NAMESPACE + raw
    elif spec.kind == "term" and raw.split(":", 1)[0] in PREFIXES:
        prefix, name = raw.split(":", 1)
        raw = PREFIXES[prefix] + name
    elif spec.kind == "iri" and "://" not in raw:
        raw = base_iri() + raw.lstrip("/")
    try:
        return ox.NamedNode(raw)
    except ValueError:
        raise ApiError(400, f"{spec.name} must be an IRI, not {raw!r}") from None


def values_block(terms: dict[str, ox.NamedNode | ox.Literal | None]) -> str:
    """A one-row VALUES block binding ``?f_<name>``, written from the terms (UNDEF for None)."""
    if not terms:
        return ""
    names = " ".join(f"?f_{name}" for name in terms)
    row = " ".join("UNDEF" if term is None else str(term) for term in terms.values())
    return f"VALUES ({names}) {{ ({row}) }}"


def run(listing: Listing) -> Page:
    """The requested page of ``listing``, with its total and, where it has them, facet and
    timeline counts."""
    store = get_store()
    terms = bindings(listing)
    select = listing.query.substitute(values=values_block(terms))
    page = paging()

    def query(text: str):
        return store.query(text, prefixes=PREFIXES)

    (count,) = query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {select} }}")
    # Ordered outside the grouped query: some engines (Virtuoso) refuse ORDER BY on the
    # aggregates' names inside it, which SPARQL allows.
    solutions = query(
        f"SELECT * WHERE {{ {select} }} ORDER BY {listing.order} "
        f"LIMIT {page.per_page} OFFSET {page.offset}"
    )
    names = [c.name for c in listing.columns if c.kind != "text"]
    rows = [{name: solution[name] for name in names} for solution in solutions]
    _add_texts(store, listing, rows)
    facet: list[tuple[ox.NamedNode, int]] = []
    if listing.facet:
        unfiltered = listing.query.substitute(values=values_block(terms | {listing.facet: None}))
        facet = [
            (row["value"], int(row["n"].value))
            for row in query(
                f"SELECT ?value (COUNT(*) AS ?n) WHERE {{ {{ {unfiltered} }} "
                f"BIND(?{listing.facet} AS ?value) FILTER(BOUND(?value)) }} "
                "GROUP BY ?value ORDER BY DESC(?n) ?value"
            )
        ]
    timeline: list[tuple[str, int]] = []
    if listing.timeline:
        timeline = [
            (row["month"].value, int(row["n"].value))
            for row in query(
                f"SELECT ?month (COUNT(*) AS ?n) WHERE {{ {{ {select} }} "
                "BIND(SUBSTR(STR(?date), 1, 7) AS ?month) FILTER(BOUND(?date)) } "
                "GROUP BY ?month ORDER BY DESC(?month)"
            )
        ]
    return Page(listing, rows, int(count["n"].value), page, facet, timeline)


def _add_texts(store, listing: Listing, rows: list[dict]) -> None:
    """Fill the ``text`` columns with each item's value in the reader's best language."""
    language = reader_language()
    items = [row["item"] for row in rows]
    for column in (c for c in listing.columns if c.kind == "text"):
        found: dict[str, list[ox.Literal]] = defaultdict(list)
        if items:
            subjects = " ".join(str(item) for item in items)
            predicate = ox.NamedNode(column.predicate)
            for solution in store.query(
                f"SELECT ?s ?o WHERE {{ VALUES ?s {{ {subjects} }} ?s {predicate} ?o }}"
            ):
                if isinstance(solution["o"], ox.Literal):
                    found[solution["s"].value].append(solution["o"])
        for row in rows:
            literals = found.get(row["item"].value, [])
            best = min(
                literals, key=lambda lit: language_rank(lit.language or "", language), default=None
            )
            row[column.name] = best


def plain(page: Page, presenter: Presenter) -> tuple[list[str], list[dict[str, object]]]:
    """CSV/JSON columns and rows: IRIs with a ``_label`` column beside, literals as written."""
    columns: list[str] = []
    for column in page.listing.columns:
        columns.append(column.name)
        if column.kind == "iri":
            columns.append(f"{column.name}_label")
    rows = []
    for row in page.rows:
        out: dict[str, object] = {}
        for column in page.listing.columns:
            term = row.get(column.name)
            if isinstance(term, ox.NamedNode):
                out[column.name] = term.value
                out[f"{column.name}_label"] = presenter.iri(term.value).text
            elif column.kind == "flag":
                out[column.name] = _flag(term)
            elif isinstance(term, ox.Literal):
                out[column.name] = int(term.value) if _is_integer(term) else term.value
            else:
                out[column.name] = None
        rows.append(out)
    return columns, rows


def _is_integer(term: ox.Literal) -> bool:
    return term.datatype.value == PREFIXES["xsd"] + "integer"


def respond(listing: Listing, fmt: str | None) -> Response:
    """The listing as HTML, JSON or CSV."""
    fmt = chosen_format(fmt)
    page = run(listing)
    presenter = Presenter(Labeller(get_store(), reader_language()))
    presenter.prefetch(
        [t for row in page.rows for t in row.values() if isinstance(t, ox.NamedNode)]
        + [value for value, _ in page.facet]
    )
    if fmt == "csv":
        return csv_response(*plain(page, presenter))
    links = page.paging.links(page.total)
    if fmt == "json":
        _, rows = plain(page, presenter)
        document: dict[str, object] = {
            "total": page.total,
            "page": page.paging.page,
            "per_page": page.paging.per_page,
            **links,
            "items": rows,
        }
        if listing.facet:
            document["facet"] = [
                {"value": v.value, "label": presenter.iri(v.value).text, "count": n}
                for v, n in page.facet
            ]
        if listing.timeline:
            document["timeline"] = [{"month": m, "count": n} for m, n in page.timeline]
        return json_response(document)
    html = render_template(
        f"browse/{listing.name}.html",
        listing=listing,
        page=page,
        cells=[_cells(row, listing, presenter) for row in page.rows],
        facet=[
            (presenter.iri(v.value), n, _with(**{listing.facet: v.value})) for v, n in page.facet
        ],
        timeline=[(_month(m, presenter.language), n, _month_link(m)) for m, n in page.timeline],
        headings=headings(listing),
        month_label=lambda month: _month(month, presenter.language),
        links=links,
        twins=twin_links(),
        language=presenter.language,
        title=str(listing.title),
        args=request.args,
    )
    return Response(html, headers={"Vary": "Accept, Accept-Language, Cookie"})


def headings(listing: Listing) -> dict[str, str]:
    """Column and filter headings in the reader's language, the list's own words first."""
    words = {name: str(h) for name, h in HEADINGS.items() if "." not in name}
    own = f"{listing.name}."
    words |= {n.removeprefix(own): str(h) for n, h in HEADINGS.items() if n.startswith(own)}
    return words


def _with(**changes: str) -> str:
    """This page's URL with some parameters changed, back on its first page."""
    args = request.args.to_dict(flat=False)
    args.pop("page", None)
    return url_for(request.endpoint or "", **(args | {k: [v] for k, v in changes.items()}))


def _month(month: str, language: str) -> str:
    """``2024-04`` as the reader writes a month; ``undated`` when there is no date."""
    if not month:
        return gettext("undated")
    return format_date(month, XSD_GYEARMONTH, language) or month


def _month_link(month: str) -> str:
    """The list narrowed to one month (``from`` its first day ``to`` its last)."""
    year, number = (int(part) for part in month.split("-"))
    last = calendar.monthrange(year, number)[1]
    return _with(**{"from": f"{month}-01", "to": f"{month}-{last:02d}"})


def _cells(row: dict, listing: Listing, presenter: Presenter) -> dict[str, Value | bool | None]:
    """One row as page Values: labelled links, dates in the reader's way, texts, flags."""
    cells: dict[str, Value | bool | None] = {}
    for column in listing.columns:
        term = row.get(column.name)
        if column.kind == "flag":
            cells[column.name] = _flag(term)
        elif term is None:
            cells[column.name] = None
        else:
            cells[column.name] = presenter.term(term)
    return cells


def _view(listing: Listing):
    def view(fmt: str | None) -> Response:
        return respond(listing, fmt)

    view.__name__ = listing.name
    view.__doc__ = f"The {str(listing.title).lower()} list (HTML, JSON or CSV)."
    return view


for _listing in LISTINGS.values():
    add_twin_routes(bp, f"/{_listing.name}", _view(_listing))


def _flag(term: ox.Literal | None) -> bool:
    """A boolean column's value: xsd:boolean true, or 1 from engines that answer 1/0."""
    return term is not None and term.value in ("true", "1")
