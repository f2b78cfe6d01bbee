"""The parts of a page that depend on what the resource is, and where its facts came from.

A meeting shows its agenda items with their papers; a paper its paragraphs in order; a concern
or question the government responses beside it (and a response what it answers); a member the
bodies they belong to, the questions they asked and the concerns they raised; a named graph its
size and a download link. Every page shows its sources: the documents (named graphs) stating
facts about it with their provenance, and the paragraph and quoted words it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import current_app, url_for

from loader.store import GraphStore
from loader.vocab import LG_NAMESPACE, PREFIXES
from server import resource_queries as q
from server.resource_charts import resource_charts
from server.resource_page import query
from server.resource_values import Presenter, Value


@dataclass(frozen=True)
class Document:
    """One source document (named graph) and its provenance."""

    graph: Value
    topic: Value | None
    kind: Value | None
    source_name: str | None
    source_url: Value | None
    sha256: str | None
    loaded: Value | None
    loader_version: str | None
    download: str | None


@dataclass(frozen=True)
class Evidence:
    """The paragraph a statement was read from and the words quoted from it."""

    paragraph: Value
    exact: str | None
    prefix: str | None
    suffix: str | None


def _value(row, name: str, presenter: Presenter) -> Value | None:
    term = row[name]
    return presenter.term(term) if term is not None else None


def _text(row, name: str) -> str | None:
    term = row[name]
    return term.value if term is not None else None


def documents(store: GraphStore, this: ox.NamedNode, presenter: Presenter) -> list[Document]:
    """The named graphs that state facts about the resource, with what they were loaded from."""
    rows = list(query(store, q.PROVENANCE, this))
    presenter.prefetch(
        [row[name] for row in rows for name in ("graph", "topic", "kind") if row[name]]
    )
    seen: dict[str, Document] = {}
    for row in rows:
        graph = row["graph"].value
        if graph in seen:
            continue
        source = row["primary"] or row["derived"]
        seen[graph] = Document(
            graph=presenter.term(row["graph"]),
            topic=_value(row, "topic", presenter),
            kind=_value(row, "kind", presenter),
            source_name=_text(row, "source"),
            source_url=presenter.term(source) if source is not None else None,
            sha256=_text(row, "sha"),
            loaded=_value(row, "loaded", presenter),
            loader_version=_text(row, "version"),
            download=_download(graph),
        )
    return list(seen.values())


def _download(graph: str) -> str | None:
    if "gsp.graph_store" not in current_app.view_functions:
        return None
    return url_for("gsp.graph_store", graph=graph)


def evidence(store: GraphStore, this: ox.NamedNode, presenter: Presenter) -> list[Evidence]:
    """Each paragraph the resource was read from, with the exact words when they are recorded."""
    rows = list(query(store, q.EVIDENCE, this))
    presenter.prefetch([row["paragraph"] for row in rows])
    return [
        Evidence(
            paragraph=presenter.term(row["paragraph"]),
            exact=_text(row, "exact"),
            prefix=_text(row, "prefix"),
            suffix=_text(row, "suffix"),
        )
        for row in rows
    ]


def kind_views(
    store: GraphStore, this: ox.NamedNode, types: set[str], presenter: Presenter
) -> dict[str, object]:
    """The views that fit the resource's types (and named-graph-ness), by template name."""
    views: dict[str, object] = {}
    if LG_NAMESPACE + "Meeting" in types:
        views["meeting"] = meeting(store, this, presenter)
    if LG_NAMESPACE + "Paper" in types:
        views["paper"] = paragraphs(store, this, presenter)
    asked = {LG_NAMESPACE + "Concern", LG_NAMESPACE + "CouncilQuestion"}
    if types & asked:
        views["exchange"] = exchange(store, this, q.RESPONSES, presenter, this_asks=True)
    if LG_NAMESPACE + "GovernmentResponse" in types:
        views["exchange"] = exchange(store, this, q.ANSWERS, presenter, this_asks=False)
    if LG_NAMESPACE + "Member" in types:
        views["member"] = member(store, this, presenter)
    if bool(query(store, q.IS_GRAPH, this)):
        (row,) = query(store, q.GRAPH_SIZE, this)
        views["graph"] = {"triples": int(row["triples"].value), "download": _download(this.value)}
    views["charts"] = resource_charts(this.value, types)
    return {name: view for name, view in views.items() if view}


def meeting(store: GraphStore, this: ox.NamedNode, presenter: Presenter) -> dict[str, object]:
    """Agenda items in order, each with its papers, and the meeting's other papers."""
    items = list(query(store, q.MEETING_ITEMS, this))
    item_papers = list(query(store, q.ITEM_PAPERS, this))
    other = list(query(store, q.MEETING_PAPERS, this))
    presenter.prefetch([r["item"] for r in items] + [r["paper"] for r in item_papers + other])
    papers: dict[str, list[tuple[Value, str | None]]] = {}
    for row in item_papers:
        papers.setdefault(row["item"].value, []).append(
            (presenter.term(row["paper"]), _text(row, "number"))
        )
    shown = []
    for row in items:
        if row["item"].value not in {s["iri"] for s in shown}:
            shown.append(
                {
                    "iri": row["item"].value,
                    "item": presenter.term(row["item"]),
                    "number": _text(row, "number"),
                    "papers": papers.get(row["item"].value, []),
                }
            )
    others = [(presenter.term(r["paper"]), _text(r, "number")) for r in other]
    if not shown and not others:
        return {}
    return {"items": shown, "papers": others}


def paragraphs(store: GraphStore, this: ox.NamedNode, presenter: Presenter) -> list[dict]:
    """The paper's paragraphs in reading order, the text in the reader's best language."""
    rows = list(query(store, q.PAPER_PARAGRAPHS, this))
    presenter.prefetch(
        [r["paragraph"] for r in rows] + [r["section"] for r in rows if r["section"]]
    )
    ordered: dict[str, dict] = {}
    for row in rows:
        entry = ordered.setdefault(
            row["paragraph"].value,
            {
                "paragraph": presenter.term(row["paragraph"]),
                "number": _text(row, "number"),
                "section": _value(row, "section", presenter),
                "texts": [],
            },
        )
        if row["text"] is not None and row["text"] not in entry["texts"]:
            entry["texts"].append(row["text"])
    previous_section = None
    for entry in ordered.values():
        entry["text"] = presenter.text_of(entry.pop("texts"))
        section = entry["section"]
        entry["heading"] = section if section and section != previous_section else None
        previous_section = section
    return list(ordered.values())


def exchange(
    store: GraphStore, this: ox.NamedNode, text: str, presenter: Presenter, *, this_asks: bool
) -> dict[str, list] | None:
    """What was asked beside what the government answered, each with its quoted words."""
    others = [row["other"] for row in query(store, text, this)]
    if not others:
        return None
    quotes: dict[str, list[str]] = {}
    everyone = [this, *others]
    for row in store.query(q.QUOTES.substitute(subjects=q.values(everyone)), prefixes=PREFIXES):
        quotes.setdefault(row["s"].value, []).append(row["exact"].value)
    presenter.prefetch(everyone)
    ours = [exchange_entry(presenter.term(this), quotes.get(this.value, []))]
    theirs = [exchange_entry(presenter.term(o), quotes.get(o.value, [])) for o in others]
    return {"asked": ours, "answered": theirs} if this_asks else {"asked": theirs, "answered": ours}


def exchange_entry(link: Value, quotes: list[str]) -> dict[str, object]:
    """One side of an exchange: a link and the quoted words. A label that only repeats the
    start of a quote (labels are often the quote, cut short) is not shown: that quote is the
    link instead, so the text appears once."""
    label = link.text.removesuffix("…").strip()
    ordered = sorted(quotes, key=lambda quote: (not (label and quote.startswith(label)), quote))
    linked = bool(ordered and label and link.href) and ordered[0].startswith(label)
    return {"link": link, "quotes": ordered, "quote_is_link": linked}


def member(store: GraphStore, this: ox.NamedNode, presenter: Presenter) -> dict[str, list]:
    """Memberships, questions asked and concerns raised (attendance has no term yet)."""
    memberships = list(query(store, q.MEMBERSHIPS, this))
    questions = list(query(store, q.QUESTIONS_ASKED, this))
    concerns = list(query(store, q.CONCERNS_RAISED, this))
    presenter.prefetch(
        [r["organization"] for r in memberships if r["organization"]]
        + [r["role"] for r in memberships if r["role"]]
        + [r["question"] for r in questions]
        + [r["concern"] for r in concerns]
    )
    view = {
        "memberships": [
            {
                "membership": presenter.term(r["membership"]),
                "organization": _value(r, "organization", presenter),
                "role": _value(r, "role", presenter),
            }
            for r in memberships
        ],
        "questions": [
            {"question": presenter.term(r["question"]), "date": _value(r, "date", presenter)}
            for r in questions
        ],
        "concerns": [presenter.term(r["concern"]) for r in concerns],
    }
    return view if any(view.values()) else {}
