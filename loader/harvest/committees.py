"""ScheduleDB committees and memberships → per-term lg:Committee (linked to the enduring
committee documents name) and lg:Membership.

A committee of one term is ``committee/term/{N}/{committee_id}`` (ScheduleDB gives a new
committee_id per term, and even per session for some bodies). Its enduring committee, the
IRI documents use, is found from LegCo's own data, first rule that applies:
1. the curated table (ontology/legco-committees.ttl) knows its name (``Panel on
   Information Technology and Broadcasting`` → ``committee/panel/itb``);
2. its home page is in a session folder (``yr16-17/english/hc/sub_com/hs02/…`` →
   ``committee/2016-17/hs02``), read by the same rule as document URLs;
3. the agendas of the meetings it held alone are in one folder (``yr17-18/…/bc/bc02/…``
   → ``committee/2017-18/bc02``); the folder most of them share wins.
Otherwise it has no enduring committee and its meetings link to the per-term committee.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS

from loader.harvest.context import HarvestContext, clean, date_literal, day, describe
from loader.harvest.odata import Page
from loader.ids import iri_segment
from loader.kinds.common.tables import committee_class
from loader.legco_urls import parse_legco_url
from loader.members import member_iri
from loader.vocab import LG, ORG, SCHEMA

ROLES = {
    "member": LG.OrdinaryMember,
    "chairman": LG.Chairman,
    "deputy chairman": LG.DeputyChairman,
}


def committee_graph(number: int) -> str:
    """``odata/schedule/committee/term/7``."""
    return f"odata/schedule/committee/term/{number}"


def resolve_committees(
    ctx: HarvestContext, committees: list[Page], meetings: list[Page], links: list[Page]
) -> None:
    """Fill ``ctx.committees``: committee_id → (per-term IRI, enduring IRI or None)."""
    agenda_keys = _own_agenda_keys(meetings, links)
    for page in committees:
        for record in page.records:
            committee_id = clean(record["committee_id"])
            number = int(record["term_id"]) + 1
            per_term = ctx.iris.iri(f"committee/term/{number}/{iri_segment(committee_id)}")
            enduring = _enduring(ctx, record, agenda_keys.get(committee_id, Counter()))
            ctx.committees[committee_id] = (per_term, enduring)
            ctx.labels[per_term] = _names(record)


def write_committees(ctx: HarvestContext, pages: list[Page]) -> None:
    """Each committee of each term, with its enduring committee."""
    for page in pages:
        for record in page.records:
            committee_id = clean(record["committee_id"])
            number = int(record["term_id"]) + 1
            graph = ctx.graphs.take(committee_graph(number), page)
            per_term, enduring = ctx.committees[committee_id]
            classes = _classes(ctx, enduring, record)
            describe(graph, per_term, classes, _names(record))
            graph.add((per_term, LG.committeeId, Literal(committee_id)))
            if clean(record.get("committee_code")):
                graph.add((per_term, DCTERMS.identifier, Literal(clean(record["committee_code"]))))
            graph.add((per_term, LG.inTerm, ctx.term(number)))
            for field_name in ("home_url_eng", "home_url_chi"):
                if clean(record.get(field_name)).startswith("http"):
                    graph.add((per_term, FOAF.page, URIRef(clean(record[field_name]))))
            if enduring is not None:
                graph.add((per_term, LG.enduringCommittee, enduring))
                _describe_enduring(ctx, graph, enduring, classes, record)


def write_memberships(ctx: HarvestContext, pages: list[Page]) -> None:
    """Each post a Member held on a committee of a term, as an lg:Membership."""
    for page in pages:
        for record in page.records:
            number = int(record["term_id"]) + 1
            graph = ctx.graphs.take(f"odata/schedule/membership/term/{number}", page)
            committee_id = clean(record["committee_id"])
            per_term = ctx.committees.get(committee_id, (None, None))[0] or ctx.iris.iri(
                f"committee/term/{number}/{iri_segment(committee_id)}"
            )
            member = member_iri(ctx.iris, clean(record["member_id"]))
            post = clean(record.get("post_eng"))
            role = ROLES.get(post.casefold())
            start, end = day(record.get("post_start_date")), day(record.get("post_end_date"))
            role_key = iri_segment(post.casefold()) if post else "post"
            iri = URIRef(
                f"{per_term}/membership/{iri_segment(clean(record['member_id']))}"
                f"/{role_key}/{start.isoformat() if start else 'undated'}"
            )
            describe(graph, iri, [LG.Membership], _membership_labels(ctx, member, per_term, record))
            graph.add((iri, ORG.member, member))
            graph.add((iri, ORG.organization, per_term))
            if role is not None:
                graph.add((iri, ORG.role, role))
            if start is not None:
                graph.add((iri, SCHEMA.startDate, date_literal(start)))
            if end is not None:
                graph.add((iri, SCHEMA.endDate, date_literal(end)))


def _membership_labels(ctx: HarvestContext, member: URIRef, committee: URIRef, record: dict):
    people = ctx.reconciliation.directory.members.get(member)
    names = people.names if people else {}
    committees = ctx.labels.get(committee, {})
    labels = {}
    for language, post_field in (("en", "post_eng"), ("zh-Hant", "post_chi")):
        who = names.get(language) or names.get("en") or clean(record["member_id"])
        where = committees.get(language) or committees.get("en") or ""
        post = clean(record.get(post_field))
        labels[language] = (
            f"{who}: {post}, {where}" if language == "en" else f"{who}：{where}{post}"
        )
    return labels


def _names(record: dict) -> dict[str, str]:
    return {"en": clean(record.get("name_eng")), "zh-Hant": clean(record.get("name_chi"))}


def _classes(ctx: HarvestContext, enduring: URIRef | None, record: dict) -> list[URIRef]:
    curated = sorted(ctx.tables.committees.objects(enduring, RDF.type)) if enduring else []
    if curated:
        return curated
    found = committee_class(clean(record.get("name_eng")) or clean(record.get("name_chi")))
    return sorted({found, LG.Committee})


def _describe_enduring(ctx: HarvestContext, graph, enduring: URIRef, classes, record) -> None:
    curated = ctx.tables.committees
    if (enduring, None, None) in curated:
        for predicate in (RDFS.label, LG.committeeCode):
            for value in curated.objects(enduring, predicate):
                graph.add((enduring, predicate, value))
        describe(graph, enduring, classes, {})
        return
    describe(graph, enduring, classes, _names(record))
    code = str(enduring).rstrip("/").rsplit("/", 1)[-1]
    graph.add((enduring, LG.committeeCode, Literal(code)))


def _enduring(ctx: HarvestContext, record: dict, agenda_keys: Counter) -> URIRef | None:
    for name in (record.get("name_eng"), record.get("name_chi")):
        curated = ctx.tables.committee(clean(name)) if clean(name) else None
        if curated is not None:
            return curated
    for field_name in ("home_url_eng", "home_url_chi"):
        parsed = parse_legco_url(clean(record.get(field_name)))
        if parsed is not None and parsed.committee_key:
            return ctx.iris.committee(parsed.committee_key)
    if agenda_keys:
        key = min(agenda_keys, key=lambda k: (-agenda_keys[k], k))
        return ctx.iris.committee(key)
    return None


def _own_agenda_keys(meetings: list[Page], links: list[Page]) -> dict[str, Counter]:
    """Per committee_id, the agenda folders of the meetings it held alone."""
    holders: dict[str, set[str]] = defaultdict(set)
    for page in links:
        for record in page.records:
            holders[clean(record["slot_id"])].add(clean(record["committee_id"]))
    keys: dict[str, Counter] = defaultdict(Counter)
    for page in meetings:
        for record in page.records:
            committees = holders.get(clean(record["slot_id"]), set())
            parsed = parse_legco_url(clean(record.get("agenda_url_eng")))
            if len(committees) == 1 and parsed is not None and parsed.committee_key:
                keys[next(iter(committees))][parsed.committee_key] += 1
    return keys
