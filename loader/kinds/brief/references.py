"""Instruments a brief cites: ordinances (Cap. N) and named policy documents (《…》)."""

import re
from dataclasses import dataclass

from rdflib import Literal

from loader.kinds.common.dates import point_in_time
from loader.kinds.common.tables import Definition
from loader.names import normalize_for_matching

_ZH_ORDINANCE = re.compile(
    r"《(?P<name>[^《》]+?(?:條例|規例|規則))》\s*[(（]\s*第\s*(?P<cap>\d+[A-Z]{0,2})\s*章\s*[)）]"
)
_EN_ORDINANCE = re.compile(
    r"(?:the\s+)?(?P<name>(?:[A-Z][\w'’()-]*\s+)(?:(?:[A-Z(][\w'’()-]*|of|and|for|the|on|in)\s+)*"
    r"(?:Ordinance|Regulation|Regulations|Rules))\s*\(\s*Cap\.?\s*(?P<cap>\d+[A-Z]{0,2})\s*\)"
)
_BARE_CAP = re.compile(r"\bCap\.?\s*(?P<cap>\d+[A-Z]{0,2})\b|第\s*(?P<zhcap>\d+[A-Z]{0,2})\s*章")
_ZH_TITLE = re.compile(r"《(?P<title>[^《》]{2,80})》")
_ZH_PUBLISHED = re.compile(
    r"(?P<when>\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?|年底|年中|底|上半年|下半年)?)"
    r"[^，。；《》]{0,12}?(?:發表|發布|公布|公佈|推出|簽訂|簽署|發出|頒布|公告|制定|印發)(?:了)?(?:的)?$"
)
_EN_DOC_KEYWORD = (
    r"(?:Blueprint(?: [\d.]+)?|Policy Statement|Statement|Memorandum(?: of Understanding)?"
    r"|Policy Address|Plan|Strategy|Guidelines|Framework|Charter|Report|Roadmap|Programme"
    r"|Agreement|Arrangement|Declaration|Outline|Code of Practice)"
)
_EN_TITLE = re.compile(
    r"(?P<title>(?:[A-Z][\w'’.-]*|[0-9][\w.]*)(?:\s+(?:[A-Z0-9][\w'’.-]*|of|on|for|and|the|in|to))*"
    rf"\s+{_EN_DOC_KEYWORD})\b"
)
_EN_PUBLISHED = re.compile(
    r"(?:published|promulgated|released|issued|signed|launched|announced|unveiled)\s+"
    r"(?:(?:in|on)\s+(?P<when>(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?\d{4})\s+)?(?:the\s+|a\s+)?$"
)
_EN_DATE_BEFORE = re.compile(
    r"(?:[Ii]n|[Oo]n)\s+(?P<when>(?:end-|mid-)?(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?\d{4}),?\s+"
    r"(?:the\s+)?(?:[A-Z][\w\s,]*?\s+)?(?:published|promulgated|released|issued|signed|launched"
    r"|announced|unveiled)\s+(?:the\s+|a\s+)?$"
)


@dataclass(frozen=True)
class Ordinance:
    """An ordinance the text cites with its chapter number."""

    cap: str
    name: str | None


@dataclass(frozen=True)
class PolicyDocument:
    """A named policy document: its title, date where the text gives one, and its short names."""

    title: str
    date: Literal | None
    aliases: tuple[str, ...]


def find_ordinances(text: str) -> list[Ordinance]:
    """Every ordinance cited with a chapter number, named where the text names it."""
    found: dict[str, Ordinance] = {}
    for match in list(_ZH_ORDINANCE.finditer(text)) + list(_EN_ORDINANCE.finditer(text)):
        cap = match["cap"]
        if cap not in found or found[cap].name is None:
            found[cap] = Ordinance(cap, match["name"].strip())
    for match in _BARE_CAP.finditer(text):
        cap = match["cap"] or match["zhcap"]
        found.setdefault(cap, Ordinance(cap, None))
    return sorted(found.values(), key=lambda o: (len(o.cap), o.cap))


def ordinance_names(ordinances: list[Ordinance], language: str) -> dict[str, str]:
    """Surface forms (``《名》``, ``Cap. 486``, the English name) → chapter number."""
    names: dict[str, str] = {}
    for ordinance in ordinances:
        if ordinance.name:
            names[f"《{ordinance.name}》" if language.startswith("zh") else ordinance.name] = (
                ordinance.cap
            )
        names[f"第{ordinance.cap}章"] = ordinance.cap
        names[f"Cap. {ordinance.cap}"] = ordinance.cap
    return names


def find_policy_documents(
    text: str, definitions: list[Definition], ordinances: list[Ordinance]
) -> list[PolicyDocument]:
    """Named documents other than ordinances, with dates and the short names standing for them."""
    ordinance_keys = {normalize_for_matching(o.name) for o in ordinances if o.name}
    titles: dict[str, PolicyDocument] = {}
    order: list[str] = []
    for title, start in _titles(text):
        key = normalize_for_matching(title)
        if key in ordinance_keys or re.search(r"(?:條例|規例|規則|Ordinance|Regulations?)$", title):
            continue
        if any(key != k and k.endswith(key) for k in titles) or _is_alias(title, definitions):
            continue
        date = _publication_date(text[:start])
        if key not in titles:
            order.append(key)
            titles[key] = PolicyDocument(title, date, ())
        elif titles[key].date is None and date is not None:
            titles[key] = PolicyDocument(title, date, ())
    out = []
    for key in order:
        document = titles[key]
        aliases = {
            d.abbreviation.strip("《》") for d in definitions if _same(d.full, document.title)
        }
        aliases |= {
            t
            for t, _ in _titles(text)
            if normalize_for_matching(t) != key and key.endswith(normalize_for_matching(t))
        }
        out.append(PolicyDocument(document.title, document.date, tuple(sorted(aliases))))
    return out


def _titles(text: str) -> list[tuple[str, int]]:
    zh = [(m["title"], m.start()) for m in _ZH_TITLE.finditer(text)]
    en = [(m["title"].removeprefix("The ").strip(), m.start()) for m in _EN_TITLE.finditer(text)]
    return zh + [(title, start) for title, start in en if len(title.split()) >= 3]


def _is_alias(title: str, definitions: list[Definition]) -> bool:
    return any(_same(d.abbreviation.strip('《》“”"'), title) for d in definitions)


def _same(a: str, b: str) -> bool:
    return normalize_for_matching(a.strip("《》")) == normalize_for_matching(b.strip("《》"))


def _publication_date(before: str) -> Literal | None:
    tail = before[-40:]
    match = _ZH_PUBLISHED.search(tail)
    if match:
        return point_in_time(match["when"])
    for match in (_EN_PUBLISHED.search(tail), _EN_DATE_BEFORE.search(before[-80:])):
        if match and match["when"]:
            return point_in_time(match["when"])
    return None
