"""Follow-up actions in minutes: "The Administration was requested to …", 「政府當局須…」.

An action is a sentence whose subject is asked or undertakes to act, or, failing one, the
whole paragraph the "Action" column marks (``Admin``, ``Clerk``, ``政府當局``). Who is to act
comes from the sentence's subject, else from the marker.
"""

import re

from rdflib import URIRef

from loader.kinds.common.context import Context
from loader.kinds.common.discussion import sentences
from loader.kinds.common.graph import short_label
from loader.kinds.common.structure import Paragraph
from loader.vocab import LG

_ACTION_EN = re.compile(
    r"\b(?P<who>the (?:Administration|Government|Clerk|Secretariat|Chairman"
    r"|(?:Assistant )?Legal Adviser))\s+(?:was (?:requested|asked) to|undertook to"
    r"|agreed to (?:provide|follow up|consider|review|revert|circulate))\b",
    re.I,
)
_ACTION_ZH = re.compile(
    r"(?P<who>政府當局|當局|秘書處|秘書|主席|(?:助理)?法律顧問)(?:須|答允|承諾)"
)
_GOVERNMENT = re.compile(r"Admin|Government|政府|當局", re.I)
_SECRETARIAT = re.compile(r"Clerk|Secretariat|Legal Adviser|ALA|\bLA\b|秘書|法律顧問", re.I)
_CHAIR = re.compile(r"Chairman|主席", re.I)


def write_actions(
    ctx: Context,
    meeting: URIRef,
    paragraphs: list[tuple[Paragraph, URIRef]],
    markers: dict[int, str],
    chair: URIRef | None,
) -> int:
    """Write an lg:ActionItem for each action found; returns how many there were."""
    count = 0
    for paragraph, iri in paragraphs:
        marker = markers.get(paragraph.position)
        spans = _spans(paragraph.text)
        if not spans and marker is not None:
            spans = [(0, len(paragraph.text), marker)]
        for number, (start, end, who) in enumerate(spans, start=1):
            resource = URIRef(f"{iri}/action/{number}")
            _write_action(ctx, resource, paragraph, iri, (start, end), who, meeting)
            for agent in _agents(ctx, who, marker, chair):
                ctx.out.add(resource, LG.actionBy, agent)
            count += 1
    return count


def _spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, subject) of each sentence that records an action."""
    found = []
    for start, end in sentences(text):
        match = _ACTION_EN.search(text, start, end) or _ACTION_ZH.search(text, start, end)
        if match:
            found.append((start, end, match["who"]))
    return found


def _write_action(
    ctx: Context,
    resource: URIRef,
    paragraph: Paragraph,
    iri: URIRef,
    span: tuple[int, int],
    who: str,
    meeting: URIRef,
) -> None:
    out = ctx.out
    start, end = span
    out.resource(resource, LG.ActionItem, short_label(paragraph.text[start:end]))
    out.add(resource, LG.attribution, out.text(who))
    out.add(resource, LG.raisedAt, meeting)
    out.evidence(resource, iri, paragraph.text, start, end)


def _agents(ctx: Context, who: str, marker: str | None, chair: URIRef | None) -> list[URIRef]:
    """Who is to act: the Administration, the Secretariat or the chair, by subject or marker."""
    for source in (who, marker or ""):
        agents = []
        if _GOVERNMENT.search(source):
            agents.append(ctx.generic_body("政府當局"))
        if _SECRETARIAT.search(source):
            agents.append(ctx.org("立法會秘書處"))
        if _CHAIR.search(source) and chair is not None:
            agents.append(chair)
        found = [agent for agent in agents if agent is not None]
        if found:
            return found
    return []
