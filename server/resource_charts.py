"""The pictures and dated lists of a resource page, each drawn from a library query.

A Member's page shows their activity by year, committees and periods, and their speeches and
questions by date; a committee's its meetings on a timeline and its topics; a meeting's the path
from agenda to follow-up (what is missing marked), its items and papers and, for a sitting with
a Hansard, the order of business with its speeches in order.
"""

from __future__ import annotations

from loader.vocab import LG_NAMESPACE
from server.charts import Chart, chart

#: Library queries shown for each type, with the parameter the resource's IRI is bound to.
CHARTS_BY_TYPE: dict[str, tuple[tuple[str, str], ...]] = {
    LG_NAMESPACE + "Member": (
        ("member-activity", "member"),
        ("member-committees", "member"),
        ("member-speeches", "member"),
        ("member-questions", "member"),
    ),
    LG_NAMESPACE + "Committee": (
        ("committee-timeline", "committee"),
        ("committee-topics", "committee"),
    ),
    LG_NAMESPACE + "Meeting": (
        ("meeting-record", "meeting"),
        ("meeting-papers", "meeting"),
        ("sitting-business", "meeting"),
    ),
}
#: Lists that are left off a page when they are empty (the others say what is missing).
OPTIONAL_CHARTS = frozenset({"sitting-business", "member-speeches", "committee-topics"})


def resource_charts(iri: str, types: set[str]) -> dict[str, Chart]:
    """The charts that fit a resource's types, by query name, in the order they are shown."""
    charts: dict[str, Chart] = {}
    for kind, shown in CHARTS_BY_TYPE.items():
        if kind not in types:
            continue
        for name, parameter in shown:
            drawn = chart(name, **{parameter: iri})
            if name in OPTIONAL_CHARTS and drawn.table is not None and not drawn.table.rows:
                continue
            charts[name] = drawn
    return charts
