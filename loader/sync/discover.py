"""Find the documents of a scope: meetings and Hansards from LegCo's open data, agendas and
minutes by LegCo's URL conventions, papers and question releases from the links in agendas."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from loader.harvest.odata import ODataClient
from loader.harvest.sets import SETS, combine, date_range
from loader.legco_urls import LegcoUrl, committee_code_of, parse_legco_url, sibling_url
from loader.sync.scope import COUNCIL, SYNC_KINDS, SyncScope

#: The OData filter choosing each language's Hansard files.
HANSARD_TYPES = {"en": "English", "zh": "Chinese"}
#: The schedule's agenda address fields, by language.
AGENDA_FIELDS = {"en": "agenda_url_eng", "zh": "agenda_url_chi"}
#: The Government's press releases (LCQ questions and replies) that agendas link to.
RELEASE_PATH = re.compile(r"^/gia/general/\d{6}/\d{2}/P\d+\.html?$", re.IGNORECASE)
_HREF = re.compile(rb"""href\s*=\s*["']([^"'<>\s]+)["']""", re.IGNORECASE)
_LANGUAGES = {"en": "en", "zh-Hant": "zh"}


@dataclass(frozen=True)
class Planned:
    """One document a sync will fetch: its LegCo URL and what it is.

    ``load`` is False for an agenda fetched only to read its links (papers or releases were
    asked for, agendas were not)."""

    url: str
    kind: str
    committee: str
    day: dt.date | None
    language: str
    found_in: str
    load: bool = True


@dataclass
class Discovery:
    """The documents found, and what was found but has no address (never skipped silently)."""

    planned: list[Planned] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def discover(client: ODataClient, scope: SyncScope) -> Discovery:
    """The agendas, minutes and Hansards of the scope, from the open-data schedule and index."""
    found = Discovery()
    if set(scope.kinds) & {"agenda", "minutes", "papers", "lcq"}:
        _meetings(client, scope, found)
    if "hansard" in scope.kinds and scope.has_committee(COUNCIL):
        _hansards(client, scope, found)
    order = {kind: n for n, kind in enumerate(SYNC_KINDS)}
    unique = {item.url: item for item in reversed(found.planned)}
    found.planned = sorted(
        unique.values(),
        key=lambda p: (p.day or dt.date.min, p.committee, order[p.kind], p.language, p.url),
    )
    return found


def canonical(url: str) -> str:
    """A LegCo address as https (the schedule still gives http), without its fragment."""
    parts = urlsplit(url.strip())
    scheme = "https" if parts.netloc.lower().endswith("legco.gov.hk") else parts.scheme
    return urlunsplit((scheme, parts.netloc.lower(), parts.path, parts.query, ""))


def _days(scope: SyncScope, field_name: str) -> str:
    if scope.since is None and scope.until is None:
        return ""
    start = scope.since or dt.date(1990, 1, 1)
    end = scope.until + dt.timedelta(days=1) if scope.until else None
    return date_range(field_name, start, end)


def _meetings(client: ODataClient, scope: SyncScope, found: Discovery) -> None:
    entity = SETS["meeting"]
    where = _days(scope, "start_date_time")
    pages = client.fetch_all(entity.path, order_by=entity.order_by, page_size=10000, where=where)
    for record in (r for page in pages for r in page.records):
        day = _day(record.get("start_date_time"))
        agendas = {
            lang: parse_legco_url(canonical(record.get(name) or ""))
            for lang, name in AGENDA_FIELDS.items()
        }
        known = next((url for url in agendas.values() if url is not None), None)
        if known is None:
            subject = " ".join(str(record.get("subject_eng") or "").split())
            found.notes.append(
                f"meeting {record.get('slot_id')} on {day} ({subject}) has no agenda address"
            )
            continue
        if not scope.has_committee(committee_code_of(known)) or not scope.has_day(day):
            continue
        for lang in scope.languages:
            _plan_meeting(agendas.get(lang) or known, lang, day, scope, found)


def _plan_meeting(agenda: LegcoUrl, lang: str, day, scope: SyncScope, found: Discovery) -> None:
    code = committee_code_of(agenda)
    suffix = "." + agenda.file_name.rsplit(".", 1)[-1]
    agenda_url = sibling_url(agenda, language=lang, doc_type="agenda", suffix=suffix)
    if agenda_url is None:
        found.notes.append(f"{agenda.url}: no session folder, so no address in {lang}")
        return
    wants_links = bool(set(scope.kinds) & {"papers", "lcq"})
    if "agenda" in scope.kinds or wants_links:
        load = "agenda" in scope.kinds
        found.planned.append(Planned(agenda_url, "agenda", code, day, lang, "schedule", load))
    if "minutes" in scope.kinds:
        minutes = sibling_url(agenda, language=lang, doc_type="minutes", suffix=".pdf")
        found.planned.append(Planned(minutes, "minutes", code, day, lang, "URL conventions"))


def _hansards(client: ODataClient, scope: SyncScope, found: Discovery) -> None:
    entity = SETS["hansard"]
    for lang in scope.languages:
        where = combine(f"HansardType eq '{HANSARD_TYPES[lang]}'", _days(scope, "MeetingDate"))
        pages = client.fetch_all(entity.path, order_by=entity.order_by, page_size=1000, where=where)
        for record in (r for page in pages for r in page.records):
            url = canonical(str(record.get("HansardFileURL") or ""))
            parsed = parse_legco_url(url)
            day = _day(record.get("MeetingDate"))
            if parsed is None:
                found.notes.append(f"Hansard {record.get('HansardID')} on {day}: no file address")
                continue
            language = _LANGUAGES.get(parsed.language or "")
            if language in scope.languages and scope.has_day(day):
                found.planned.append(Planned(url, "hansard", COUNCIL, day, language, "HansardDB"))


def linked_documents(
    agenda: Planned, data: bytes, base_url: str, scope: SyncScope
) -> list[Planned]:
    """The papers and question releases an agenda page links to, within the scope."""
    found: dict[str, Planned] = {}
    for match in _HREF.finditer(data):
        href = match.group(1).decode("ascii", errors="ignore")
        url = canonical(urljoin(base_url, href))
        parsed = parse_legco_url(url)
        if parsed is not None and parsed.doc_type == "papers" and "papers" in scope.kinds:
            language = _LANGUAGES.get(parsed.language or "", agenda.language)
            if language == agenda.language:
                found[url] = Planned(
                    url, "papers", agenda.committee, agenda.day, language, agenda.url
                )
        elif "lcq" in scope.kinds and _is_release(url):
            found[url] = Planned(
                url, "lcq", agenda.committee, agenda.day, agenda.language, agenda.url
            )
    return list(found.values())


def _is_release(url: str) -> bool:
    parts = urlsplit(url)
    return parts.netloc.lower().endswith("info.gov.hk") and bool(RELEASE_PATH.match(parts.path))


def _day(value: object) -> dt.date | None:
    text = str(value or "")[:10]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
