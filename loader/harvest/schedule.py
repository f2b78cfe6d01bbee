"""ScheduleDB terms, sessions and members → lg:Term, lg:Session, lg:Member."""

from __future__ import annotations

import re
from dataclasses import replace

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, SKOS, XSD

from loader.harvest.context import HarvestContext, clean, date_literal, day, describe
from loader.harvest.odata import Page
from loader.legco_urls import normalize_session
from loader.member_table import member_table
from loader.members import MemberRecord, member_iri, schedule_member
from loader.vocab import LG, SCHEMA

TERM_GRAPH = "odata/schedule/term"
SESSION_GRAPH = "odata/schedule/session"
MEMBER_GRAPH = "odata/schedule/member"
_ORDINALS = {1: "st", 2: "nd", 3: "rd"}


def ordinal(number: int) -> str:
    """``7th``, ``1st``, ``22nd``."""
    suffix = "th" if 10 <= number % 100 <= 20 else _ORDINALS.get(number % 10, "th")
    return f"{number}{suffix}"


def session_key(code: str) -> str:
    """ScheduleDB ``2012-2013`` → ``2012-13`` (the site's ``yr12-13``); ``2023`` stays."""
    code = clean(code)
    match = re.fullmatch(r"(\d{4})\s*-\s*(\d{2})(\d{2})", code)
    if match:
        return f"{match[1]}-{match[3]}"
    return normalize_session(code)


def write_terms(ctx: HarvestContext, pages: list[Page]) -> None:
    """One lg:Term per ScheduleDB term, numbered as LegCo numbers them (term_id + 1)."""
    for page in pages:
        for record in page.records:
            graph = ctx.graphs.take(TERM_GRAPH, page)
            number = int(record["term_id"]) + 1
            iri = ctx.term(number)
            years = clean(record.get("term"))
            labels = {
                "en": f"{ordinal(number)} Legislative Council" + (f" ({years})" if years else ""),
                "zh-Hant": f"第{number}屆立法會",
            }
            describe(graph, iri, [LG.Term], labels)
            graph.add((iri, LG.termNumber, Literal(number, datatype=XSD.integer)))
            _dates(graph, iri, record, "start_date", "end_date")


def write_sessions(ctx: HarvestContext, pages: list[Page]) -> None:
    """One lg:Session per ScheduleDB session, in its term."""
    for page in pages:
        for record in page.records:
            graph = ctx.graphs.take(SESSION_GRAPH, page)
            key = session_key(record["session_code"])
            iri = ctx.iris.iri(f"session/{key}")
            describe(
                graph, iri, [LG.Session], {"en": f"{key} session", "zh-Hant": f"{key}年度會期"}
            )
            graph.add((iri, LG.inTerm, ctx.term(int(record["term_id"]) + 1)))
            _dates(graph, iri, record, "start_date", "end_date")


def build_directory(ctx: HarvestContext, members: list[Page], terms: list[Page]) -> None:
    """Fill the member directory from ``Tmember`` and ``Tmember_term`` rows, plus the curated
    Members keyed by name whose names no ScheduleDB Member holds (so every source finds them)."""
    directory = ctx.reconciliation.directory
    for record in _records(members):
        directory.add(schedule_member(record, ctx.iris))
    for record in _records(terms):
        iri = member_iri(ctx.iris, clean(record["member_id"]))
        if iri in directory.members:
            directory.members[iri].terms.add(int(record["term_id"]) + 1)
    for curated in member_table(ctx.iris.base).provisional():
        if not any(directory.match(name).candidates for name, _ in curated.variants):
            directory.add(
                replace(curated, variants=set(curated.variants), terms=set(curated.terms))
            )
            ctx.reconciliation.provisional.add(curated.iri)


def write_members(ctx: HarvestContext, pages: list[Page], term_pages: list[Page]) -> None:
    """Every Member: names, variants and the terms served."""
    directory = ctx.reconciliation.directory
    for page in pages:
        for record in page.records:
            graph = ctx.graphs.take(MEMBER_GRAPH, page)
            member = directory.members[member_iri(ctx.iris, clean(record["member_id"]))]
            _write_member(graph, member, record)
    for page in term_pages:
        for record in page.records:
            iri = member_iri(ctx.iris, clean(record["member_id"]))
            if iri in directory.members:
                graph = ctx.graphs.take(MEMBER_GRAPH, page)
                graph.add((iri, LG.inTerm, ctx.term(int(record["term_id"]) + 1)))


def _write_member(graph, member: MemberRecord, record: dict) -> None:
    describe(graph, member.iri, [LG.Member], member.names)
    graph.add((member.iri, LG.memberId, Literal(member.member_id)))
    for language, name in member.names.items():
        graph.add((member.iri, FOAF.name, Literal(name, lang=language)))
    for variant, language in sorted(member.variants | set(_styled_names(record))):
        if member.names.get(language) != variant:
            graph.add((member.iri, SKOS.altLabel, Literal(variant, lang=language)))


def _styled_names(record: dict) -> list[tuple[str, str]]:
    """The name as LegCo styles it: ``Hon Andrew LEUNG Kwan-yuen, SBS, JP``, ``梁君彥議員``."""
    given = " ".join(
        clean(record.get(f))
        for f in ("english_name", "surname_eng", "firstname_eng")
        if clean(record.get(f))
    )
    english = " ".join(part for part in (clean(record.get("title_eng")), given) if part)
    if clean(record.get("honourable_eng")):
        english += ", " + clean(record["honourable_eng"])
    chinese = clean(record.get("surname_chi")) + clean(record.get("firstname_chi"))
    if chinese:
        chinese += clean(record.get("title_chi"))
    return [(name, language) for name, language in ((english, "en"), (chinese, "zh-Hant")) if name]


def _dates(graph, iri: URIRef, record: dict, start: str, end: str) -> None:
    for field_name, predicate in ((start, SCHEMA.startDate), (end, SCHEMA.endDate)):
        value = day(record.get(field_name))
        if value is not None:
            graph.add((iri, predicate, date_literal(value)))


def _records(pages: list[Page]):
    return (record for page in pages for record in page.records)
