"""The browse lists: for each, its SPARQL, its columns and the parameters that filter it.

A parameter is never written into the query text as the user typed it: it is parsed into a
pyoxigraph term (an IRI, an xsd:date, a boolean) and bound in the ``$values`` block, written
from that term by pyoxigraph. Unbound parameters are UNDEF, and every filter tests ``BOUND``.
Each query groups by ``?item`` so that a multi-valued property never repeats an item.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template

from flask_babel import LazyString, lazy_gettext


@dataclass(frozen=True)
class Filter:
    """A URL parameter bound to ``?f_<name>``: an ``iri`` (absolute, or relative to the base
    IRI), a ``term`` (an lg: name such as ``Panel``, or an IRI), a ``date`` or a ``flag``."""

    name: str
    kind: str
    today_by_default: bool = False


@dataclass(frozen=True)
class Column:
    """A column: ``iri`` (shown with its label), ``literal`` (dates, numbers, codes), ``flag``,
    or ``text`` (a language-tagged ``predicate`` value in the reader's language)."""

    name: str
    kind: str = "literal"
    predicate: str | None = None


@dataclass(frozen=True)
class Listing:
    """One browse list."""

    name: str
    title: LazyString  # in the reader's language when shown
    query: Template
    order: str
    columns: tuple[Column, ...]
    filters: tuple[Filter, ...] = ()
    facet: str | None = None  # a column whose values are counted over the whole filtered list
    timeline: bool = False  # count the filtered list by the month of its ``?date``


DATES = (Filter("from", "date"), Filter("to", "date"))
DATE_FILTERS = """
  FILTER(!BOUND(?f_from) || ?date0 >= ?f_from)
  FILTER(!BOUND(?f_to) || ?date0 <= ?f_to)
"""

MEETINGS = Listing(
    name="meetings",
    title=lazy_gettext("Meetings"),
    query=Template(f"""
SELECT ?item (SAMPLE(?date0) AS ?date) (SAMPLE(?committee0) AS ?committee) WHERE {{
  $values
  ?item a lg:Meeting .
  OPTIONAL {{ ?item dcterms:date ?date0 }}
  OPTIONAL {{ ?item lg:committee ?committee0 }}
  FILTER(!BOUND(?f_committee) || EXISTS {{ ?item lg:committee ?f_committee }})
  {DATE_FILTERS}
}} GROUP BY ?item"""),
    order="DESC(?date) ?item",
    columns=(Column("item", "iri"), Column("date"), Column("committee", "iri")),
    filters=(Filter("committee", "iri"), *DATES),
    timeline=True,
)

COMMITTEES = Listing(
    name="committees",
    title=lazy_gettext("Committees"),
    query=Template("""
SELECT ?item (SAMPLE(?kind0) AS ?kind) (SAMPLE(?code0) AS ?code)
       (COUNT(DISTINCT ?meeting) AS ?meetings) (MAX(?date0) AS ?latest) WHERE {
  $values
  ?item a lg:Committee .
  OPTIONAL { ?item a ?kind0 FILTER(?kind0 != lg:Committee && STRSTARTS(STR(?kind0), STR(lg:))) }
  OPTIONAL { ?item lg:committeeCode ?code0 }
  OPTIONAL { ?meeting lg:committee ?item OPTIONAL { ?meeting dcterms:date ?date0 } }
  FILTER(!BOUND(?f_type) || EXISTS { ?item a ?f_type })
} GROUP BY ?item"""),
    order="?item",
    columns=(
        Column("item", "iri"),
        Column("kind", "iri"),
        Column("code"),
        Column("meetings"),
        Column("latest"),
    ),
    filters=(Filter("type", "term"),),
)

PAPERS = Listing(
    name="papers",
    title=lazy_gettext("Papers"),
    query=Template(f"""
SELECT ?item (SAMPLE(?number0) AS ?number) (SAMPLE(?date0) AS ?date) (SAMPLE(?kind0) AS ?kind)
       (SAMPLE(?meeting0) AS ?meeting) WHERE {{
  $values
  ?item a lg:Paper .
  OPTIONAL {{ ?item a ?kind0 FILTER(?kind0 != lg:Paper && STRSTARTS(STR(?kind0), STR(lg:))) }}
  OPTIONAL {{ ?item lg:paperNumber ?number0 }}
  OPTIONAL {{ ?item lg:forMeeting ?meeting0 OPTIONAL {{ ?meeting0 dcterms:date ?meetingDate }} }}
  OPTIONAL {{ ?item dcterms:date ?paperDate }}
  BIND(COALESCE(?paperDate, ?meetingDate) AS ?date0)
  FILTER(!BOUND(?f_type) || EXISTS {{ ?item a ?f_type }})
  FILTER(!BOUND(?f_meeting) || EXISTS {{ ?item lg:forMeeting ?f_meeting }})
  FILTER(!BOUND(?f_committee) || EXISTS {{ ?item lg:forMeeting/lg:committee ?f_committee }})
  {DATE_FILTERS}
}} GROUP BY ?item"""),
    order="DESC(?date) ?item",
    columns=(
        Column("item", "iri"),
        Column("number"),
        Column("date"),
        Column("kind", "iri"),
        Column("meeting", "iri"),
    ),
    filters=(
        Filter("type", "term"),
        Filter("meeting", "iri"),
        Filter("committee", "iri"),
        *DATES,
    ),
)

QUESTIONS = Listing(
    name="questions",
    title=lazy_gettext("Council questions"),
    query=Template(f"""
SELECT ?item (SAMPLE(?date0) AS ?date) (SAMPLE(?number0) AS ?number) (SAMPLE(?type0) AS ?type)
       (SAMPLE(?asker0) AS ?asker) (SAMPLE(?body0) AS ?body) (SAMPLE(?meeting0) AS ?meeting)
WHERE {{
  $values
  ?item a lg:CouncilQuestion .
  OPTIONAL {{ ?item dcterms:date ?date0 }}
  OPTIONAL {{ ?item lg:questionNumber ?number0 }}
  OPTIONAL {{ ?item lg:questionType ?type0 }}
  OPTIONAL {{ ?item lg:askedBy ?asker0 }}
  OPTIONAL {{ ?item lg:answeringBody ?body0 }}
  OPTIONAL {{ ?item lg:askedAt ?meeting0 }}
  FILTER(!BOUND(?f_member) || EXISTS {{ ?item lg:askedBy ?f_member }})
  FILTER(!BOUND(?f_body) || EXISTS {{ ?item lg:answeringBody ?f_body }})
  FILTER(!BOUND(?f_type) || EXISTS {{ ?item lg:questionType ?f_type }})
  {DATE_FILTERS}
}} GROUP BY ?item"""),
    order="DESC(?date) ?number ?item",
    columns=(
        Column("item", "iri"),
        Column("title", "text", "http://purl.org/dc/terms/title"),
        Column("date"),
        Column("number"),
        Column("type", "iri"),
        Column("asker", "iri"),
        Column("body", "iri"),
        Column("meeting", "iri"),
    ),
    filters=(Filter("member", "iri"), Filter("body", "iri"), Filter("type", "term"), *DATES),
)

CONCERNS = Listing(
    name="concerns",
    title=lazy_gettext("Concerns by topic"),
    query=Template("""
SELECT ?item (SAMPLE(?topic0) AS ?topic) (SAMPLE(?kind0) AS ?kind) (SAMPLE(?paper0) AS ?paper)
       (SAMPLE(?position0) AS ?position) (COUNT(DISTINCT ?response) AS ?responses) WHERE {
  $values
  ?item a lg:Concern .
  OPTIONAL { ?item lg:topic ?topic0 }
  OPTIONAL { ?item lg:concernKind ?kind0 }
  OPTIONAL { ?item lg:sourceParagraph ?paragraph
             OPTIONAL { ?paragraph lg:partOfDocument ?paper0 }
             OPTIONAL { ?paragraph lg:position ?position0 } }
  OPTIONAL { ?response lg:respondsTo ?item }
  FILTER(!BOUND(?f_topic) || EXISTS { ?item lg:topic ?f_topic })
  FILTER(!BOUND(?f_kind) || EXISTS { ?item lg:concernKind ?f_kind })
  FILTER(!BOUND(?f_member) || EXISTS { ?item lg:raisedBy ?f_member })
  FILTER(!BOUND(?f_meeting) || EXISTS { ?item lg:raisedAt ?f_meeting })
  FILTER(!BOUND(?f_paper) || EXISTS { ?item lg:sourceParagraph/lg:partOfDocument ?f_paper })
} GROUP BY ?item"""),
    order="?topic ?paper ?position ?item",
    columns=(
        Column("item", "iri"),
        Column("topic", "iri"),
        Column("kind", "iri"),
        Column("attribution", "text", "https://w3id.org/legisgraph/ontology#attribution"),
        Column("responses"),
        Column("paper", "iri"),
    ),
    filters=(
        Filter("topic", "iri"),
        Filter("kind", "term"),
        Filter("member", "iri"),
        Filter("meeting", "iri"),
        Filter("paper", "iri"),
    ),
    facet="topic",
)

MEASURES = Listing(
    name="measures",
    title=lazy_gettext("Policy measures"),
    query=Template("""
SELECT ?item (SAMPLE(?label0) AS ?label) (SAMPLE(?target0) AS ?target)
       (SAMPLE(?status0) AS ?status) (SAMPLE(?body0) AS ?body) (SAMPLE(?policy0) AS ?policy)
       (SAMPLE(?late) AS ?overdue) WHERE {
  $values
  ?item a lg:PolicyMeasure .
  OPTIONAL { ?item lg:measureLabel ?label0 }
  OPTIONAL { ?item lg:targetDate ?target0 }
  OPTIONAL { ?item lg:measureStatus ?status0 }
  OPTIONAL { ?item lg:responsibleBody ?body0 }
  OPTIONAL { ?item lg:partOfPolicy ?policy0 }
  # A target is normalised to the latest point its wording allows (a year, a month or a day):
  # it has passed when it sorts before the same-length prefix of the reference date.
  # (No SUBSTR of an unbound length: Virtuoso raises an error where SPARQL leaves it unbound.)
  BIND(STR(COALESCE(?target0, "")) AS ?t)
  BIND(?t != "" && ?t < SUBSTR(STR(?f_on), 1, STRLEN(?t))
       && NOT EXISTS { ?item lg:measureStatus lg:StatusCompleted } AS ?late)
  FILTER(!BOUND(?f_overdue) || (?late && ?f_overdue) || (!?late && !?f_overdue))
  FILTER(!BOUND(?f_policy) || EXISTS { ?item lg:partOfPolicy ?f_policy })
  FILTER(!BOUND(?f_body) || EXISTS { ?item lg:responsibleBody ?f_body })
  FILTER(!BOUND(?f_status) || EXISTS { ?item lg:measureStatus ?f_status })
} GROUP BY ?item"""),
    order="(!BOUND(?target)) STR(?target) ?item",
    columns=(
        Column("item", "iri"),
        Column("label"),
        Column("target"),
        Column("target_text", "text", "https://w3id.org/legisgraph/ontology#targetDateText"),
        Column("overdue", "flag"),
        Column("status", "iri"),
        Column("status_text", "text", "https://w3id.org/legisgraph/ontology#statusText"),
        Column("body", "iri"),
        Column("policy", "iri"),
    ),
    filters=(
        Filter("policy", "iri"),
        Filter("body", "iri"),
        Filter("status", "term"),
        Filter("overdue", "flag"),
        Filter("on", "date", today_by_default=True),
    ),
)

MEMBERS = Listing(
    name="members",
    title=lazy_gettext("Members"),
    query=Template("""
SELECT ?item (SAMPLE(?id0) AS ?member_id) (COUNT(DISTINCT ?membership) AS ?memberships)
       (COUNT(DISTINCT ?question) AS ?questions) (COUNT(DISTINCT ?concern) AS ?concerns)
       (COALESCE(MIN(STR(?own0)), MIN(STR(?name0))) AS ?sort_name) WHERE {
  $values
  ?item a lg:Member .
  OPTIONAL { ?item lg:memberId ?id0 }
  # Sorted by name: one in the reader's language (?f_language), else any.
  OPTIONAL { ?item rdfs:label ?name0 }
  OPTIONAL { ?item rdfs:label ?own0 FILTER(LANGMATCHES(LANG(?own0), ?f_language)) }
  { BIND(0 AS ?none) }
  UNION { ?membership org:member ?item }
  UNION { ?question lg:askedBy ?item }
  UNION { ?concern lg:raisedBy ?item }
  FILTER(!BOUND(?f_committee)
         || EXISTS { ?m org:member ?item ; org:organization ?f_committee })
} GROUP BY ?item"""),
    order="(!BOUND(?sort_name)) ?sort_name ?item",
    columns=(
        Column("item", "iri"),
        Column("member_id"),
        Column("memberships"),
        Column("questions"),
        Column("concerns"),
    ),
    filters=(Filter("committee", "iri"),),
)

LISTINGS = {
    listing.name: listing
    for listing in (MEETINGS, COMMITTEES, PAPERS, QUESTIONS, CONCERNS, MEASURES, MEMBERS)
}

#: Column and filter headings (gettext messages); ``list.column`` words one list's own.
HEADINGS = {
    "item": lazy_gettext("Name"),
    "date": lazy_gettext("Date"),
    "committee": lazy_gettext("Committee"),
    "kind": lazy_gettext("Kind"),
    "code": lazy_gettext("Code"),
    "meetings": lazy_gettext("Meetings"),
    "latest": lazy_gettext("Latest meeting"),
    "number": lazy_gettext("Number"),
    "meeting": lazy_gettext("Meeting"),
    "title": lazy_gettext("Subject"),
    "type": lazy_gettext("Type"),
    "asker": lazy_gettext("Asked by"),
    "body": lazy_gettext("Responsible body"),
    "questions.body": lazy_gettext("Answering body"),
    "topic": lazy_gettext("Topic"),
    "attribution": lazy_gettext("Raised by"),
    "responses": lazy_gettext("Responses"),
    "paper": lazy_gettext("Paper"),
    "label": lazy_gettext("Item"),
    "target": lazy_gettext("Target date"),
    "target_text": lazy_gettext("As worded"),
    "overdue": lazy_gettext("Overdue"),
    "status": lazy_gettext("Status"),
    "status_text": lazy_gettext("Status as worded"),
    "policy": lazy_gettext("Policy"),
    "member_id": lazy_gettext("Member ID"),
    "memberships": lazy_gettext("Memberships"),
    "questions": lazy_gettext("Questions"),
    "concerns": lazy_gettext("Concerns"),
    "from": lazy_gettext("From"),
    "to": lazy_gettext("To"),
    "on": lazy_gettext("Overdue as of"),
    "member": lazy_gettext("Member"),
}
