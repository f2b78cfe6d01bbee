"""BillsDB → lg:Bill: title, gazette date, the bill's files and the ordinance it amends.

A bill's IRI is the stem of its gazetted PDF (``bill/b201811022``), LegCo's own key; a bill
without one is keyed by BillsDB's ``internal_key`` (trimmed: LegCo pads it with spaces).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS

from loader.harvest.context import HarvestContext, clean, date_literal, day, describe
from loader.harvest.odata import Page
from loader.ids import iri_segment
from loader.vocab import LG, SCHEMA

_CAP = re.compile(r"/hk/cap(?P<cap>[0-9]+[A-Z]{0,2})\b")
_FILES = ("bill_content_url", "bill_content_url_2", "bill_content_url_3")


def bill_iri(ctx: HarvestContext, record: dict) -> URIRef:
    """``bill/b201811022`` from the bill's PDF, else ``bill/key/{internal_key}``."""
    url = clean(record.get("bill_content_url_eng")) or clean(record.get("bill_content_url_chi"))
    stem = urlsplit(url).path.rsplit("/", 1)[-1].rsplit(".", 1)[0] if url else ""
    if stem:
        return ctx.iris.iri(f"bill/{iri_segment(stem)}")
    return ctx.iris.iri(f"bill/key/{iri_segment(clean(record['internal_key']))}")


def write_bills(ctx: HarvestContext, pages: list[Page]) -> None:
    """Each bill into the graph of the term (or year) it was gazetted in."""
    for page in pages:
        for record in page.records:
            gazetted = day(record.get("bill_gazette_date"))
            graph = ctx.graphs.take(f"odata/bills/bill/{ctx.terms.partition(gazetted)}", page)
            iri = bill_iri(ctx, record)
            titles = {
                "en": clean(record.get("bill_title_eng")),
                "zh-Hant": clean(record.get("bill_title_chi")),
            }
            describe(graph, iri, [LG.Bill], titles)
            for language, title in titles.items():
                if title:
                    graph.add((iri, DCTERMS.title, Literal(title, lang=language)))
            graph.add((iri, DCTERMS.identifier, Literal(clean(record["internal_key"]))))
            if gazetted is not None:
                graph.add((iri, DCTERMS.date, date_literal(gazetted)))
            for prefix in _FILES:
                for language in ("eng", "chi"):
                    url = clean(record.get(f"{prefix}_{language}"))
                    if url.startswith("http"):
                        graph.add((iri, SCHEMA.url, URIRef(url)))
            cap = _CAP.search(clean(record.get("ordinance_content_url_eng")))
            if cap:
                graph.add((iri, DCTERMS.references, ctx.iris.ordinance(cap["cap"])))
            for field_name in ("bills_committee_url_eng", "legco_brief_url_eng"):
                url = clean(record.get(field_name))
                if url.startswith("http"):
                    graph.add((iri, RDFS.seeAlso, URIRef(url)))
