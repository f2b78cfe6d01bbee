"""Submissions (意見書) to LegCo committees: who submitted, to which committee and meeting, on
what, under which paper number and date, and what they ask for.

``extract`` writes each submission as ``lg:Submission`` (``paper/CB3-634-2026-01`` by its LC
Paper No.) with ``dcterms:creator`` the submitter (an ``lg:Organization`` or a ``foaf:Person``),
``lg:committee``, ``lg:forMeeting`` when the text names the meeting that will discuss it,
``dcterms:title``, ``lg:paperNumber`` and ``dcterms:date``; its paragraphs as ``lg:Paragraph``
with ``lg:position``; and the sentences that ask for something (促請、建議、要求 …; "urge",
"recommend" …) as ``lg:Concern`` attributed to the submitter. A bundle of many submissions is
one ``lg:Paper`` (its stamp without sub-numbers) that ``dcterms:hasPart`` each submission.
"""

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, XSD

from loader.ids import Iris, iri_segment, short_hash
from loader.kinds.common import Extraction, NotReadable
from loader.kinds.common.context import Context
from loader.kinds.common.graph import short_label
from loader.kinds.common.origin import legco_origin
from loader.kinds.submission.flat import unflatten
from loader.kinds.submission.layout import Part, split_parts
from loader.kinds.submission.paragraphs import Body, read_body, submitter_named
from loader.legco_urls import LegcoUrl
from loader.names import normalize_for_matching, person_name
from loader.paper_numbers import PaperNumber, paper_number_from_url
from loader.text import detect_language
from loader.vocab import LG

_PERSON = re.compile(
    r"(?:先生|女士|小姐|太太|博士|教授|議員|议员|市民|居民|用家)$|^(?:Mr|Ms|Mrs|Miss|Dr|Prof)\.?\s"
    r"|(?i:\b(?:citizen|resident|commuter|user|member of the public)\b)"
    r"|^[A-Z]{2,}\s+[A-Z][a-z]+(?:-[a-z]+)?(?:\s+[A-Z][a-z]+)?$|^[A-Z][a-z]+\s+[A-Z]{2,}$"
)
_ORG = re.compile(
    r"(?:會|会|公司|團隊|团队|聯盟|联盟|組織|组织|中心|學會|協會|工會|商會|集團|集团|黨|党|社"
    r"|Limited|Ltd\.?|Association|Union|Council|Group|Team|Society|Federation|Alliance"
    r"|Institute|Company|Foundation|Centre|Center|Party|Chamber)$",
    re.I,
)
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def extract(text: str, *, language: str, base_iri: str, origin: str | None = None) -> Extraction:
    """The graph of one file of submissions (a single one, or a bundle)."""
    text = unflatten(text)
    parts = [part for part in split_parts(text) if part.lines]
    if not parts:
        raise NotReadable("no text in the submission")
    url = legco_origin(text, origin)
    ctx = Context(Iris(base_iri), language, "")
    warnings: list[str] = []
    fallback = paper_number_from_url(url.url) if url else None
    written = [
        _write_part(ctx, part, url, fallback if len(parts) == 1 else None, warnings)
        for part in parts
    ]
    if len(written) == 1:
        iri, title = written[0]
        return Extraction(ctx.out.graph, iri, title, tuple(warnings))
    return _write_bundle(ctx, parts, written, tuple(warnings))


def _write_part(
    ctx: Context,
    part: Part,
    url: LegcoUrl | None,
    fallback: PaperNumber | None,
    warnings: list[str],
) -> tuple[URIRef, str]:
    out = ctx.out
    number = part.number or fallback
    language = detect_language("\n".join(part.lines))
    body = read_body(part)
    iri = ctx.iris.paper(number) if number else ctx.iris.iri(f"submission/{short_hash(body.text)}")
    who = part.submitter or submitter_named(body)
    title = part.title or (f"{who}的意見書" if who else "意見書")
    out.resource(iri, LG.Submission, short_label(title))
    out.add(iri, DCTERMS.title, Literal(title, lang=language))
    out.add(iri, DCTERMS.language, Literal(language))
    if number is not None:
        out.add(iri, LG.paperNumber, Literal(str(number)))
    if part.date is not None:
        out.add(iri, DCTERMS.date, Literal(part.date.isoformat(), datatype=XSD.date))
    submitter = _submitter(ctx, who, language) if who else None
    out.add(iri, DCTERMS.creator, submitter)
    label = f"paper {number}" if number else "a submission"
    if submitter is None:
        warnings.append(f"{label}: no submitter found")
    committee = _committee(ctx, part.committee, url)
    if committee is None:
        warnings.append(f"{label}: no committee named")
    else:
        out.add(iri, LG.committee, committee)
        if body.meeting_date is not None:
            out.add(iri, LG.forMeeting, ctx.meeting(committee, body.meeting_date))
    _write_paragraphs(ctx, iri, body, submitter, language)
    return iri, title


def _committee(ctx: Context, name: str | None, url: LegcoUrl | None) -> URIRef | None:
    """The committee by name, keyed by the URL's folder code when the tables do not know it."""
    if name and url is not None:
        ctx.learn(name, [url])
    if name:
        found = ctx.committee(name)
        if found is not None:
            return found
    if url is not None and url.committee_code:
        return ctx.committee_from_url(url.committee_key, url.folder, url.committee_code)
    return None


def _submitter(ctx: Context, who: str, language: str) -> URIRef:
    """An organisation, or a person (a member of the public) keyed by the name."""
    who = " ".join(who.split())
    if _ORG.search(who) or not (_PERSON.search(who) or _HAN_NAME.match(who)):
        return ctx.org(who, LG.Organization)
    name = person_name(who) or who
    iri = ctx.iris.iri(f"person/name/{iri_segment(normalize_for_matching(name))}")
    ctx.out.add(iri, RDF.type, FOAF.Person)
    ctx.out.add(iri, FOAF.name, Literal(name, lang=language))
    return iri


def _write_paragraphs(
    ctx: Context, paper: URIRef, body: Body, submitter: URIRef | None, language: str
) -> None:
    out = ctx.out
    for position, paragraph in enumerate(body.paragraphs, start=1):
        iri = ctx.iris.paragraph(paper, str(position))
        out.resource(iri, LG.Paragraph)
        out.add(iri, RDFS.label, Literal(short_label(paragraph.text), lang=language))
        out.add(iri, LG.partOfDocument, paper)
        out.add(iri, LG.position, Literal(position, datatype=XSD.integer))
        out.add(iri, LG.paragraphNumber, Literal(paragraph.number or str(position)))
        out.add(iri, LG.text, Literal(paragraph.text, lang=language))
        for index, (start, end, kind) in enumerate(paragraph.requests, start=1):
            concern = URIRef(f"{iri}/concern/{index}")
            out.resource(concern, LG.Concern)
            out.add(
                concern, RDFS.label, Literal(short_label(paragraph.text[start:end]), lang=language)
            )
            out.add(concern, LG.concernKind, kind)
            out.add(concern, PROV.wasAttributedTo, submitter)
            out.evidence(concern, iri, paragraph.text, start, end)


def _write_bundle(
    ctx: Context, parts: list[Part], written: list[tuple[URIRef, str]], warnings: tuple[str, ...]
) -> Extraction:
    """The bundle as one paper holding every submission."""
    numbers = [part.number for part in parts if part.number is not None]
    first = numbers[0] if numbers else None
    if first is not None:
        bundle = PaperNumber(first.serial, first.division, first.session, (), first.prefix)
        iri = ctx.iris.paper(bundle)
        ctx.out.add(iri, LG.paperNumber, Literal(str(bundle)))
    else:
        iri = ctx.iris.iri(f"submission/{short_hash(''.join(str(i) for i, _ in written))}")
    zh = ctx.language.startswith("zh")
    title = f"意見書（{len(written)}份）" if zh else f"Submissions ({len(written)})"
    ctx.out.resource(iri, LG.Paper, title)
    ctx.out.add(iri, DCTERMS.title, ctx.out.text(title))
    for part_iri, _ in written:
        ctx.out.add(iri, DCTERMS.hasPart, part_iri)
    return Extraction(ctx.out.graph, iri, title, warnings)
