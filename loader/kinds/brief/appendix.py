"""The appendix of relevant papers: rows of committee, meeting date, agenda item, documents.

PDF extraction tears the table apart: cells arrive one per line, long cells over several
lines, and the hyperlinks of the cells as a detached list of URLs at the end. Rows are
rebuilt from the cells in reading order; URLs are matched to rows by the date and document
type their file names give.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import URIRef

from loader.ids import from_roman
from loader.kinds.common.dates import is_date_line, parse_date
from loader.kinds.common.structure import join_text
from loader.legco_urls import LegcoUrl, parse_legco_url
from loader.vocab import LG

_CELL_GAP = re.compile(r"\s{2,}")
_URL = re.compile(r"https?://\S+")
_ITEM = re.compile(
    r"^(?:議程第\s*(?P<zh>[IVXLC]+)\s*項|Agenda item\s*(?P<en>[IVXLC]+))\s*[：:]?\s*(?P<title>.*)$",
    re.I,
)
_QUESTION = re.compile(
    r"^(?:第\s*(?P<zh>\d{1,3})\s*項(?P<zhtype>口頭|書面|急切)?質詢"
    r"|(?P<entype>Oral|Written|Urgent)?\s*(?:question|LCQ)\s*(?:No\.?\s*)?\(?(?P<en>\d{1,3})\)?)"
    r"\s*[：:]?\s*(?P<title>.*)$",
    re.I,
)
#: Document cells and the class of the paper each names.
DOCUMENT_CELLS = [
    (re.compile(r"議程|Agenda", re.I), LG.Agenda),
    (re.compile(r"會議紀要|紀要|Minutes(?: of (?:the )?meeting)?", re.I), LG.Minutes),
    (re.compile(r"跟進文件|Follow-up papers?|Follow-up", re.I), LG.FollowUpPaper),
    (
        re.compile(
            r"政府當局(?:提供)?的?文件|Administration['’]s papers?"
            r"|Paper provided by the Administration",
            re.I,
        ),
        LG.AdministrationPaper,
    ),
    (re.compile(r"(?:最新)?背景資料簡介|(?:Updated )?background brief", re.I), LG.BackgroundBrief),
]
_HEADER_CELLS = re.compile(r"會議日期|Date of meeting|Meeting date|^文件$|^Papers?$", re.I)
_COUNCIL_CELL = re.compile(r"^(?:立法會會議|立法會|Council meetings?|Legislative Council)$", re.I)
_FOLDER_CLASSES = {"agenda": LG.Agenda, "minutes": LG.Minutes}
QUESTION_TYPES = {
    "口頭": LG.OralQuestion,
    "書面": LG.WrittenQuestion,
    "急切": LG.UrgentQuestion,
    "oral": LG.OralQuestion,
    "written": LG.WrittenQuestion,
    "urgent": LG.UrgentQuestion,
}


@dataclass
class Row:
    """One row of the table: a committee meeting, or a Council meeting with a question."""

    committee: str
    council: bool
    date: dt.date
    item: str | None = None
    item_title: str = ""
    question: int | None = None
    question_type: URIRef | None = None
    question_title: str = ""
    documents: list[URIRef] = field(default_factory=list)
    urls: list[LegcoUrl] = field(default_factory=list)


@dataclass
class Appendix:
    """Rows and the LegCo URLs that matched none of them."""

    rows: list[Row]
    unmatched: list[LegcoUrl]


def parse_appendix(lines: list[str], committee_key: Callable[[str], str | None]) -> Appendix:
    """Rows rebuilt from the table cells, each with the URLs that belong to it.

    ``committee_key`` gives the IRI key of a committee name when it is known; it tells rows of
    the same day apart.
    """
    rows: list[Row] = []
    urls: list[str] = []
    pending: list[str] = []
    council = False
    open_title: str | None = None
    for line in lines:
        found = _URL.findall(line)
        urls.extend(found)
        cells = [c for c in _CELL_GAP.split(_URL.sub("", line).strip()) if c]
        if any(_HEADER_CELLS.search(cell) for cell in cells):
            council = any(_COUNCIL_CELL.match(cell) for cell in cells)
            pending, open_title = [], None
            continue
        for cell in cells:
            open_title = _take_cell(cell, rows, pending, council, open_title)
    return _attach_urls(rows, urls, committee_key)


def _take_cell(
    cell: str, rows: list[Row], pending: list[str], council: bool, open_title: str | None
) -> str | None:
    """Put one cell into the table; returns which title a following line continues."""
    if is_date_line(cell):
        date = parse_date(cell)
        name = "".join(pending) if pending and _is_cjk_name(pending) else " ".join(pending)
        committee = name or (rows[-1].committee if rows and not council else "")
        if date is not None:
            rows.append(Row(committee, council or bool(_COUNCIL_CELL.match(name)), date))
        pending.clear()
        return None
    row = rows[-1] if rows else None
    item, question = _ITEM.match(cell), _QUESTION.match(cell)
    if row is not None and item and from_roman(item["zh"] or item["en"]):
        row.item = (item["zh"] or item["en"]).upper()
        row.item_title = item["title"].strip()
        row.documents.append(LG.Agenda)
        return "item"
    if row is not None and question:
        row.question = int(question["zh"] or question["en"])
        kind = (question["zhtype"] or question["entype"] or "").lower()
        row.question_type = QUESTION_TYPES.get(kind)
        row.question_title = question["title"].strip()
        return "question"
    document = next((cls for pattern, cls in DOCUMENT_CELLS if pattern.fullmatch(cell)), None)
    if row is not None and document is not None:
        if document not in row.documents:
            row.documents.append(document)
        return None
    if row is not None and open_title == "item":
        row.item_title = join_text(row.item_title, cell) if row.item_title else cell
        return "item"
    if row is not None and open_title == "question":
        row.question_title = join_text(row.question_title, cell) if row.question_title else cell
        return "question"
    pending.append(cell)
    return None


def _is_cjk_name(parts: list[str]) -> bool:
    return any(re.search(r"[\u4e00-\u9fff]", part) for part in parts)


def _attach_urls(
    rows: list[Row], urls: list[str], committee_key: Callable[[str], str | None]
) -> Appendix:
    seen: set[str] = set()
    unmatched: list[LegcoUrl] = []
    for url in urls:
        if url in seen:
            continue
        seen.add(url)
        parsed = parse_legco_url(url)
        if parsed is None or parsed.date is None:
            continue
        candidates = [row for row in rows if row.date == parsed.date and not row.council]
        if parsed.committee_key == "council":
            candidates = [row for row in rows if row.date == parsed.date and row.council]
        if len(candidates) > 1:
            candidates = [
                r for r in candidates if committee_key(r.committee) == parsed.committee_key
            ]
        if len(candidates) == 1:
            candidates[0].urls.append(parsed)
        else:
            unmatched.append(parsed)
    return Appendix(rows, unmatched)


def url_class(url: LegcoUrl, row: Row | None) -> URIRef:
    """The paper class of a URL: its folder for agendas/minutes, else the row's document cell."""
    if url.doc_type in _FOLDER_CLASSES:
        return _FOLDER_CLASSES[url.doc_type]
    kinds = [cls for cls in (row.documents if row else []) if cls not in (LG.Agenda, LG.Minutes)]
    return kinds[0] if len(kinds) == 1 else LG.Paper
