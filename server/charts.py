"""Pictures drawn from the query library: every chart is a library query and its chart spec.

The spec is data: one ``# chart:`` line in the query's header, e.g.
``# chart: bar x=month y=meetings series=committee stacked``. Kinds: ``bar``, ``timeline``
(``start=``, ``end=``, ``label=``), ``stages`` and ``table``; a query without the line is a
table. A chart runs its query through /sparql's own ``execute_query`` (same workers and
limits), labels the rows in the reader's language and carries the links that reproduce it: the
query page, the editor, and the CSV and JSON twins. The page shows the rows as a table too, so
the picture has a text alternative and works without script; server/static/charts.js draws it
with the Chart.js the editor serves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from flask_babel import gettext

from loader.canned import CannedQuery, HeaderError
from loader.store import materialized
from server.canned_results import ResultTable, present
from server.errors import ApiError
from server.i18n import N_
from server.jobs import Serialization
from server.labels import reader_language
from server.queries import _editor_url, _link, fitting_suffixes, library
from server.query_editor import editor_installed
from server.resource_values import Value
from server.sparql import execute_query

KINDS = ("bar", "timeline", "stages", "table")
_SPEC_LINE = re.compile(r"^#\s?chart:\s*(.+)$", re.MULTILINE)
#: Largest result a chart reads (its table is on the page).
CHART_RESULT_BYTES = 2_000_000
#: Words queries write as literals (codes, not data), shown in the reader's language.
VALUE_TEXTS = {
    text: text
    for text in (
        N_("with the majority"),
        N_("against the majority"),
        N_("done"),
        N_("overdue"),
        N_("pending"),
        N_("none recorded"),
        N_("none"),
    )
}


@dataclass(frozen=True)
class ChartSpec:
    """How to draw a query's rows: the kind, and which columns are what."""

    kind: str
    options: dict[str, str] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()

    def column(self, name: str) -> str | None:
        """The column given for ``name`` (``x``, ``series``, ``start`` …), if any."""
        return self.options.get(name)

    def columns(self, name: str) -> list[str]:
        """A comma-separated list of columns (``y=items,papers``)."""
        value = self.options.get(name)
        return value.split(",") if value else []


def spec_of(canned: CannedQuery) -> ChartSpec:
    """The ``# chart:`` line of a query's header (a query without one is shown as its table);
    HeaderError when it is malformed."""
    match = _SPEC_LINE.search(canned.text)
    if match is None:
        return ChartSpec("table")
    kind, *words = match.group(1).split()
    if kind not in KINDS:
        raise HeaderError(f"{canned.name}: chart kind {kind!r} is not one of {', '.join(KINDS)}")
    options = dict(word.split("=", 1) for word in words if "=" in word)
    flags = frozenset(word for word in words if "=" not in word)
    return ChartSpec(kind, options, flags)


@dataclass
class Chart:
    """One picture on a page: its query, spec, labelled rows, drawing data and links."""

    name: str
    canned: CannedQuery
    spec: ChartSpec
    table: ResultTable | None
    error: str | None
    data: dict[str, object]
    links: dict[str, str]
    drawable: bool
    title: str = ""
    column_names: dict[str, str] = field(default_factory=dict)

    def rows(self) -> list[dict[str, Value | None]]:
        """The rows as column → value, for templates that lay a table out themselves."""
        if self.table is None:
            return []
        return [dict(zip(self.table.columns, row, strict=True)) for row in self.table.rows]


def chart(name: str, **given: str) -> Chart:
    """The chart of library query ``name`` with parameters ``given`` (the rest default)."""
    canned = library()[name]
    spec = spec_of(canned)
    values = canned.values(given)
    text = canned.bind(values)
    language = reader_language()
    table, error = None, None
    try:
        table = _run(text, language)
    except ApiError as failure:
        error = f"{failure.status}: {failure.message}"
    except RuntimeError as failure:  # a result cut short while streaming
        error = str(failure)
    links = {"page": _link(canned, values), "editor": _editor_url(text)}
    links |= {s: _link(canned, values, s) for s in fitting_suffixes(canned) if s in ("csv", "json")}
    data = drawing(spec, table) if table is not None else {}
    drawable = spec.kind in ("bar", "timeline") and bool(data.get("labels"))
    columns = table.columns if table is not None else []
    return Chart(
        name,
        canned,
        spec,
        table,
        error,
        data,
        links,
        drawable and editor_installed(),
        title=canned.title.get(language) or canned.title["en"],
        column_names={c: gettext(COLUMN_TEXTS[c]) if c in COLUMN_TEXTS else c for c in columns},
    )


def _run(text: str, language: str) -> ResultTable:
    """Run a bound query and present its rows, literal codes in the reader's language."""
    json = "application/sparql-results+json"
    stream = execute_query(
        text, output=lambda _: Serialization(json, json), max_bytes=CHART_RESULT_BYTES
    )
    body = b"".join(stream)
    stream.close()
    parsed = materialized(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))
    table = present(parsed, language)
    for row in table.rows:
        for i, cell in enumerate(row):
            if cell is not None and cell.iri is None and cell.text in VALUE_TEXTS:
                row[i] = Value(gettext(cell.text))
    return table


def _number(value: Value | None) -> float:
    if value is None:
        return 0.0
    try:
        return float(value.text.replace(",", ""))
    except ValueError:
        return 0.0


def drawing(spec: ChartSpec, table: ResultTable) -> dict[str, object]:
    """Chart.js data from the labelled rows: category labels and one dataset per series."""
    index = {column: i for i, column in enumerate(table.columns)}
    if spec.kind == "timeline":
        return _timeline(spec, table, index)
    x, series, ys = spec.column("x"), spec.column("series"), spec.columns("y")
    if spec.kind != "bar" or x not in index or not all(y in index for y in ys):
        return {}

    def text(row: list[Value | None], column: str) -> str:
        return row[index[column]].text if row[index[column]] else "—"

    labels = list(dict.fromkeys(text(row, x) for row in table.rows))
    position = {label: i for i, label in enumerate(labels)}
    datasets: dict[str, list[float]] = {}
    for row in table.rows:
        for y in ys:
            name = text(row, series) if series in index else _column_label(y)
            values = datasets.setdefault(name, [0.0] * len(labels))
            values[position[text(row, x)]] += _number(row[index[y]])
    return {
        "type": "bar",
        "labels": labels,
        "datasets": [{"label": name, "data": values} for name, values in datasets.items()],
        "stacked": "stacked" in spec.flags,
        "horizontal": "horizontal" in spec.flags,
    }


def _timeline(spec: ChartSpec, table: ResultTable, index: dict[str, int]) -> dict[str, object]:
    """Floating bars from start to end (an open end runs to the latest date shown)."""
    start, end, label = spec.column("start"), spec.column("end"), spec.column("label")
    if not {start, end, label} <= set(index):
        return {}
    dated = [row for row in table.rows if row[index[start]] is not None]
    ends = [row[index[end]] for row in dated if row[index[end]] is not None]
    latest = max((_iso(v) for v in ends), default=None)
    bars = [
        {
            "label": row[index[label]].text if row[index[label]] else "—",
            "from": _iso(row[index[start]]),
            "to": _iso(row[index[end]]) if row[index[end]] else latest or _iso(row[index[start]]),
        }
        for row in dated
    ]
    return {"type": "timeline", "labels": [bar["label"] for bar in bars], "bars": bars}


def _iso(value: Value) -> str:
    """The machine-readable date of a presented value (its text when it has none)."""
    return (value.datetime or value.text)[:10]


def _column_label(column: str) -> str:
    """A count column's name in the reader's language."""
    return gettext(COLUMN_TEXTS.get(column, column))


#: Column names of the chart queries, shown as table headings in the reader's language.
COLUMN_TEXTS = {
    name: text
    for name, text in (
        ("month", N_("month")),
        ("year", N_("year")),
        ("date", N_("date")),
        ("day", N_("day")),
        ("committee", N_("committee")),
        ("meetings", N_("meetings")),
        ("meeting", N_("meeting")),
        ("body", N_("answering body")),
        ("questions", N_("questions")),
        ("question", N_("question")),
        ("kind", N_("kind")),
        ("language", N_("language")),
        ("documents", N_("documents")),
        ("document", N_("document")),
        ("loaded", N_("loaded")),
        ("graph", N_("graph")),
        ("member", N_("Member")),
        ("activity", N_("activity")),
        ("count", N_("count")),
        ("role", N_("role")),
        ("start", N_("from")),
        ("end", N_("until")),
        ("speech", N_("speech")),
        ("position", N_("order")),
        ("section", N_("business")),
        ("part", N_("part of")),
        ("page", N_("PDF")),
        ("pdfPage", N_("page")),
        ("speaker", N_("speaker")),
        ("type", N_("type")),
        ("items", N_("agenda items")),
        ("papers", N_("papers")),
        ("topic", N_("topic")),
        ("things", N_("records")),
        ("stage", N_("stage")),
        ("step", N_("step")),
        ("on", N_("judged on")),
        ("due", N_("due")),
        ("state", N_("state")),
        ("measures", N_("measures")),
    )
}
