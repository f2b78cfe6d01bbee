"""Writing what a brief points at: meetings, instruments, bodies, questions, appendix papers."""

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDFS, SKOS, XSD

from loader.kinds.brief.appendix import Appendix, Row, url_class
from loader.kinds.brief.raised import NamedMeetings
from loader.kinds.brief.references import (
    Ordinance,
    find_ordinances,
    find_policy_documents,
    ordinance_names,
)
from loader.kinds.common.context import Context, date_label, of_meeting
from loader.kinds.common.dates import date_lists
from loader.kinds.common.structure import BriefLayout
from loader.kinds.common.tables import find_names
from loader.legco_urls import elegislation_page, meeting_page
from loader.paper_numbers import paper_number_from_url
from loader.vocab import LG, SCHEMA

_ZH_MEETING_AFTER = re.compile(r"(?:舉行|召開)?的?(?P<c>[^，。；、的]{0,30}?)會議")
#: What may stand between a committee's name and the dates of its meeting: 「在」「曾於」.
_ZH_LEAD_GAP = re.compile(r"\s*(?:亦|曾|先後|分別)*(?:在|於)?\s*")
_EN_ITS = re.compile(r"\b(?:its|their)\s+meetings?\b", re.I)
_EN_MEETING_BEFORE = re.compile(
    r"meetings?\b(?P<between>[^.;]{0,80}?)\b(?:on|of|held on)\s*$", re.I
)
#: Words naming a paper of each kind, Chinese and English.
_PAPER_KIND = {
    LG.FollowUpPaper: ("跟進文件", "Follow-up paper"),
    LG.AdministrationPaper: ("文件", "Paper"),
    LG.Paper: ("文件", "Paper"),
}
_MEETING_PAPER_KIND = {"agenda": ("議程", "Agenda"), "minutes": ("紀要", "Minutes")}
_QUESTION_KIND = {
    LG.OralQuestion: ("口頭", "Oral question"),
    LG.WrittenQuestion: ("書面", "Written question"),
    LG.UrgentQuestion: ("急切", "Urgent question"),
}


def write_references(
    ctx: Context, brief: URIRef, layout: BriefLayout, paragraphs: dict[int, URIRef]
) -> dict[str, URIRef]:
    """Ordinances, policy documents and bodies, mentioned per paragraph; returns doc titles."""
    out, language = ctx.out, ctx.language
    body = "\n".join(p.text for p in layout.paragraphs)
    ordinances = find_ordinances(body)
    surfaces: dict[str, URIRef] = {}
    for ordinance in ordinances:
        iri = ctx.iris.ordinance(ordinance.cap)
        out.resource(iri, LG.Ordinance)
        for lang, label in sorted(_ordinance_labels(ctx, ordinance).items()):
            out.add(iri, RDFS.label, Literal(label, lang=lang))
        out.add(iri, LG.capNumber, Literal(ordinance.cap))
        out.add(iri, FOAF.page, URIRef(elegislation_page(ordinance.cap)))
        out.add(brief, DCTERMS.references, iri)
    for surface, cap in ordinance_names(ordinances, language).items():
        surfaces[surface] = ctx.iris.ordinance(cap)
    policy_of: dict[str, URIRef] = {}
    for document in find_policy_documents(body, ctx.definitions, ordinances):
        iri = ctx.iris.policy_document(document.title)
        out.resource(iri, LG.PolicyDocument, document.title)
        out.add(iri, DCTERMS.title, out.text(document.title))
        out.add(iri, DCTERMS.date, document.date)
        out.add(brief, DCTERMS.references, iri)
        for alias in document.aliases:
            out.add(iri, LG.abbreviation, out.text(alias))
        for name in (document.title, *document.aliases):
            key = f"《{name}》" if language.startswith("zh") else name
            surfaces[key] = iri
            policy_of[key] = iri
    surfaces.update(_body_surfaces(ctx))
    _write_mentions(ctx, layout, paragraphs, surfaces)
    return policy_of


def _ordinance_labels(ctx: Context, ordinance: Ordinance) -> dict[str, str]:
    """The curated short titles; else the name the text gives, and ``Cap. N`` / ``第N章``."""
    labels = ctx.tables.ordinance_titles(ctx.iris.ordinance(ordinance.cap))
    if ordinance.name:
        labels.setdefault(ctx.language, ordinance.name)
    for lang in (ctx.language, ctx.other_language()):
        labels.setdefault(
            lang, f"第{ordinance.cap}章" if lang.startswith("zh") else f"Cap. {ordinance.cap}"
        )
    return labels


def _body_surfaces(ctx: Context) -> dict[str, URIRef]:
    """Names of committees and bodies to look for: curated names and text-defined ones."""
    surfaces: dict[str, URIRef] = {}
    tables = ctx.tables
    for predicate in (RDFS.label, SKOS.altLabel, LG.abbreviation):
        for subject, name in tables.bodies.subject_objects(predicate):
            surfaces.setdefault(str(name), subject)
        for subject, name in tables.committees.subject_objects(predicate):
            surfaces.setdefault(str(name), subject)
    for surface, iri in {**ctx.committee_surfaces, **ctx.org_surfaces}.items():
        surfaces[re.sub(r"^the\s+", "", surface, flags=re.I)] = iri
    return surfaces


def _write_mentions(
    ctx: Context, layout: BriefLayout, paragraphs: dict[int, URIRef], surfaces: dict[str, URIRef]
) -> None:
    out = ctx.out
    sourced: set[URIRef] = set()
    for paragraph in layout.paragraphs:
        iri = paragraphs[paragraph.position]
        for thing, _start, _end in find_names(paragraph.text, surfaces):
            ctx.describe(thing)
            out.add(iri, LG.mentions, thing)
            if thing not in sourced and not thing.startswith(ctx.iris.iri("committee/")):
                sourced.add(thing)
                out.add(thing, LG.sourceParagraph, iri)


def write_meetings(
    ctx: Context,
    brief: URIRef,
    layout: BriefLayout,
    paragraphs: dict[int, URIRef],
    own_committee: URIRef | None,
) -> dict[int, list[NamedMeetings]]:
    """Meetings named in the text (dates before ``…會議`` / after ``meetings on``); returns
    each paragraph's runs of meeting dates by its position."""
    surfaces = {**ctx.committee_surfaces}
    for predicate in (RDFS.label, SKOS.altLabel):
        for subject, name in ctx.tables.committees.subject_objects(predicate):
            surfaces.setdefault(str(name), subject)
    surfaces = {re.sub(r"^the\s+", "", s, flags=re.I): i for s, i in surfaces.items()}
    named: dict[int, list[NamedMeetings]] = {}
    for paragraph in layout.paragraphs:
        text = paragraph.text
        for dates in date_lists(text):
            committee = _meeting_committee(ctx, text, dates[0].start, dates[-1].end, surfaces)
            if committee is False:
                continue
            committee = committee or own_committee
            if committee is None:
                continue
            meetings = []
            for mention in dates:
                meeting = ctx.meeting(committee, mention.date)
                meetings.append((meeting, mention.date))
                if not ctx.out.graph.value(meeting, LG.sourceParagraph):
                    ctx.out.add(meeting, LG.sourceParagraph, paragraphs[paragraph.position])
                ctx.out.add(paragraphs[paragraph.position], LG.mentions, meeting)
                ctx.out.add(brief, DCTERMS.references, meeting)
            run = NamedMeetings(tuple(meetings), dates[0].start, dates[-1].end)
            named.setdefault(paragraph.position, []).append(run)
    return named


def _meeting_committee(
    ctx: Context, text: str, start: int, end: int, surfaces: dict[str, URIRef]
) -> URIRef | None | bool:
    """The committee of a meeting date list; False when the dates are not meeting dates.

    Chinese names it before 會議 (「…舉行的小組委員會會議」), else just before the dates
    (「財務委員會在2019年11月18日的會議上」); English between "meeting" and the dates ("the
    meetings of the Panel held on"), before them in the sentence, or, for "its meeting on", as
    the subject after them ("At its meeting on 18.11.2019, the Subcommittee …").
    """
    sentence_end = min(
        (text.find(m, end) for m in "。；.;" if text.find(m, end) >= 0), default=len(text)
    )
    sentence_start = max(text.rfind(m, 0, start) for m in "。；.;\n") + 1
    after = text[end:sentence_end]
    zh = _ZH_MEETING_AFTER.match(after)
    if zh:
        named = zh["c"].strip()
        if named:
            return ctx.committee(named) or _first(find_names(named, surfaces))
        lead = text[sentence_start:start]
        close = [f for f in find_names(lead, surfaces) if _ZH_LEAD_GAP.fullmatch(lead[f[2] :])]
        return _first(find_names(after, surfaces)) or _last(close)
    en = _EN_MEETING_BEFORE.search(text[max(sentence_start, start - 120) : start])
    if en:
        before = text[sentence_start:start]
        found = _first(find_names(en["between"], surfaces)) or _last(find_names(before, surfaces))
        if found is None and _EN_ITS.search(before):
            found = _first(find_names(after, surfaces))
        return found
    return False


def _first(found: list[tuple[URIRef, int, int]]) -> URIRef | None:
    return found[0][0] if found else None


def _last(found: list[tuple[URIRef, int, int]]) -> URIRef | None:
    return found[-1][0] if found else None


def write_appendix(ctx: Context, brief: URIRef, appendix: Appendix) -> None:
    """Council questions, and each row's meeting, agenda item and papers with their URLs."""
    for row in appendix.rows:
        if row.council:
            _write_question(ctx, brief, row)
            continue
        committee = ctx.committee(row.committee) if row.committee else None
        if committee is None:
            continue
        meeting = ctx.meeting(committee, row.date)
        ctx.out.add(brief, DCTERMS.references, meeting)
        _write_row_papers(ctx, brief, meeting, row)
    for url in appendix.unmatched:
        committee = ctx.committee_from_url(url.committee_key, url.folder, url.committee_code)
        if url.date is not None:
            meeting = ctx.meeting(committee, url.date)
            _write_row_papers(ctx, brief, meeting, Row("", False, url.date, urls=[url]))


def _write_question(ctx: Context, brief: URIRef, row: Row) -> None:
    if row.question is None:
        return
    out = ctx.out
    meeting = ctx.meeting(ctx.council(), row.date)
    question = ctx.iris.question(row.date, row.question)
    title = row.question_title or str(row.question)
    out.resource(question, LG.CouncilQuestion, title)
    other = ctx.other_language()
    out.add(question, RDFS.label, Literal(_question_label(row, other), lang=other))
    out.add(question, DCTERMS.title, out.text(title))
    out.add(question, DCTERMS.date, Literal(row.date.isoformat(), datatype=XSD.date))
    out.add(question, LG.questionNumber, Literal(row.question, datatype=XSD.integer))
    out.add(question, LG.askedAt, meeting)
    out.add(question, LG.questionType, row.question_type)
    out.add(brief, DCTERMS.references, question)


def _question_label(row: Row, language: str) -> str:
    """``2023年2月22日立法會會議第10項質詢`` / ``Question 10 at the Council meeting on …``."""
    when = date_label(row.date, language)
    kind = _QUESTION_KIND.get(row.question_type, ("", ""))
    if language.startswith("zh"):
        return f"{when}立法會會議第{row.question}項{kind[0]}質詢"
    return f"{kind[1] or 'Question'} {row.question} at the Council meeting on {when}"


def _write_row_papers(ctx: Context, brief: URIRef, meeting: URIRef, row: Row) -> None:
    out, iris, zh = ctx.out, ctx.iris, ctx.language.startswith("zh")
    held = ctx.meeting_labels.get(meeting) or {ctx.language: date_label(row.date, ctx.language)}
    if row.item:
        item = iris.agenda_item(meeting, row.item)
        title = row.item_title or row.item
        out.resource(
            item,
            LG.AgendaItem,
            f"議程第{row.item}項：{title}" if zh else f"Item {row.item}: {title}",
        )
        for language, label in sorted(held.items()):
            if language != ctx.language:
                kind = f"議程第{row.item}項" if language.startswith("zh") else f"Item {row.item}"
                out.add(item, RDFS.label, Literal(of_meeting(kind, label, language), lang=language))
        out.add(item, LG.itemOf, meeting)
        out.add(item, LG.itemNumber, Literal(row.item))
        out.add(item, DCTERMS.title, out.text(title))
    urls = {url.doc_type: url for url in row.urls if url.doc_type in ("agenda", "minutes")}
    for rdf_class, doc_type, link in (
        (LG.Agenda, "agenda", LG.agendaOf),
        (LG.Minutes, "minutes", LG.minutesOf),
    ):
        if rdf_class not in row.documents and doc_type not in urls:
            continue
        paper = iris.agenda(meeting) if doc_type == "agenda" else iris.minutes(meeting)
        out.resource(paper, rdf_class)
        for language, label in sorted(held.items()):
            kind = _MEETING_PAPER_KIND[doc_type][0 if language.startswith("zh") else 1]
            out.add(paper, RDFS.label, Literal(of_meeting(kind, label, language), lang=language))
        out.add(paper, link, meeting)
        out.add(paper, LG.forMeeting, meeting)
        out.add(brief, DCTERMS.references, paper)
        if doc_type in urls:
            out.add(paper, SCHEMA.url, URIRef(urls[doc_type].url))
            if (page := meeting_page(urls[doc_type])) is not None:
                out.add(meeting, FOAF.page, URIRef(page))
            out.add(paper, DCTERMS.language, Literal(urls[doc_type].language))
    for url in row.urls:
        if url.doc_type in ("agenda", "minutes"):
            continue
        number = paper_number_from_url(url.url)
        stem = url.file_name.rsplit(".", 1)[0]
        paper = iris.paper(number) if number else iris.meeting_paper(meeting, stem)
        rdf_class = url_class(url, row)
        out.resource(paper, rdf_class)
        for language in sorted({ctx.language, ctx.other_language()}):
            kind = _PAPER_KIND.get(rdf_class, _PAPER_KIND[LG.Paper])
            name = kind[0 if language.startswith("zh") else 1]
            label = f"{name} {number}" if number else f"{name} {stem}"
            out.add(paper, RDFS.label, Literal(label, lang=language))
        out.add(paper, LG.forMeeting, meeting)
        out.add(paper, SCHEMA.url, URIRef(url.url))
        out.add(paper, DCTERMS.language, Literal(url.language))
        if number:
            out.add(paper, LG.paperNumber, Literal(str(number)))
        out.add(brief, DCTERMS.references, paper)
