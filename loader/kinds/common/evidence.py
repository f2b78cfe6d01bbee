"""A meeting record's LegCo URL as evidence: committee, session, date and language read from it
(``/yr09-10/chinese/panels/itb/agenda/itb20100412.htm``) and cross-checked with the heading.

The heading wins where both speak and disagree (the URL may be a saved copy's guess); the
disagreement is a warning naming both. Where the heading is silent (a page saved without its
header), the URL gives the committee and date, with a warning saying so.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from loader.kinds.common.context import Context
from loader.kinds.common.origin import legco_origin, origin_date
from loader.kinds.common.tables import looks_like_committee
from loader.legco_urls import LegcoUrl, normalize_session

#: Document folders whose file names carry the meeting's date.
_MEETING_DOCS = {"agenda", "minutes", "hansard", "floor"}


@dataclass
class MeetingFacts:
    """The committee and date of a meeting record, and what the cross-check found."""

    committee: URIRef | None
    date: dt.date | None
    warnings: list[str] = field(default_factory=list)


def meeting_url(text: str, origin: str | None) -> LegcoUrl | None:
    """The LegCo URL of a committee's or the Council's record, if the document came from one."""
    url = legco_origin(text, origin)
    return url if url is not None and url.committee_code else None


def learn_committee(ctx: Context, names: Iterable[str], url: LegcoUrl | None) -> None:
    """Heading names the curated table does not know take the URL folder's key; without a URL,
    a committee named in both languages is keyed by the pair of names."""
    if url is None:
        ctx.name_pair(list(names))
        return
    for name in names:
        if looks_like_committee(name):
            ctx.learn(name, [url])


def cross_check(
    ctx: Context,
    url: LegcoUrl | None,
    committee: URIRef | None,
    date: dt.date | None,
    what: str,
) -> MeetingFacts:
    """The committee and date of ``what`` (``the agenda``), the heading's checked against the
    URL's; a silent heading filled from the URL."""
    facts = MeetingFacts(committee, date)
    if url is None:
        named = committee is not None and committee.startswith(ctx.iris.committee("name/"))
        if named and committee not in ctx.paired:
            facts.warnings.append(
                f"the committee of {what} is neither curated nor named by a LegCo URL: keyed by "
                f"its name only ({committee.removeprefix(ctx.iris.committee(''))}), so its "
                "records in the other language may be another node"
            )
        return facts
    key = url.committee_key
    from_url = ctx.iris.committee(key)
    if committee is None:
        facts.committee = ctx.committee_from_url(key, url.folder, url.committee_code)
        facts.warnings.append(
            f"no committee named in {what}'s heading: {key} from its URL {url.url}"
        )
    elif committee != from_url:
        named = committee.removeprefix(f"{ctx.iris.base}committee/")
        facts.warnings.append(
            f"{what}'s heading names the committee {named} but its URL {url.url} names {key}"
        )
    url_date = origin_date(url) if url.doc_type in _MEETING_DOCS else None
    if date is None and url_date is not None:
        facts.date = url_date
        facts.warnings.append(
            f"no meeting date in {what}'s heading: {url_date.isoformat()} from its URL {url.url}"
        )
    elif date is not None and url_date is not None and date != url_date:
        facts.warnings.append(
            f"{what}'s heading gives the meeting date {date.isoformat()} but its URL {url.url} "
            f"gives {url_date.isoformat()}"
        )
    facts.warnings += _session_and_language(url, facts.date, ctx.language, what)
    return facts


def _session_and_language(
    url: LegcoUrl, date: dt.date | None, language: str, what: str
) -> list[str]:
    warnings = []
    if date is not None and url.session and not in_session(date, url.session):
        warnings.append(
            f"{what}'s meeting date {date.isoformat()} is outside the session {url.session} "
            f"its URL {url.url} names"
        )
    if url.language and url.language[:2] != language[:2]:
        warnings.append(f"{what} is in {language} but its URL {url.url} is the {url.language} page")
    return warnings


def in_session(date: dt.date, session: str) -> bool:
    """Whether ``date`` falls in a LegCo session (``2009-10``: October to September, with the
    summer either side; ``2023``: the calendar year)."""
    session = normalize_session(session)
    if re.fullmatch(r"\d{4}", session):
        return date.year == int(session)
    first = int(session[:4])
    return dt.date(first, 7, 1) <= date <= dt.date(first + 1, 10, 31)
