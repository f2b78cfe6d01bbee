"""Names in briefs: curated committees and bodies, abbreviations the text defines, mentions."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from loader.ids import Iris
from loader.names import normalize_for_matching
from loader.paths import ONTOLOGY_DIR
from loader.settings import DEFAULT_BASE_IRI
from loader.text import CJK, QUOTES
from loader.vocab import LG

COMMITTEE_TABLE = ONTOLOGY_DIR / "legco-committees.ttl"
BODY_TABLE = ONTOLOGY_DIR / "hk-government-bodies.ttl"
ORDINANCE_TABLE = ONTOLOGY_DIR / "hk-ordinances.ttl"

#: ``name (“abbreviation”)`` as LegCo papers define a short name, Chinese or English.
DEFINITION = re.compile(
    r"\s?[(（]\s*(?:the\s+)?[“\"]\s*(?P<abbr>[^”\"()（）]{1,40}?)\s*[”\"]\s*[)）]", re.I
)
#: Characters after which a Chinese name cannot continue backwards.
_ZH_BOUNDARY = "的將在於與和由向並而讓把就經為對從以及"
_ZH_STOP = "，。；：、！？“”‘’「」『』()（）《》 \n"
_EN_CONNECTORS = {"of", "on", "and", "for", "the", "in", "to", "&"}
_ORG_SUFFIX = re.compile(
    r"(?:局|署|處|辦公室|公署|政府|機構|公司|委員會|辦事處|中心|學會|商會|協會)$"
    r"|(?:Bureau|Department|Office|Authority|Commission|Council|Corporation|Company|Limited"
    r"|Government|Administration|Judiciary|Agency|Board|Centre|Association)$"
)
_COMMITTEE_SHAPE = re.compile(
    r"(?:委員會)$|^(?:the\s+)?(?:Panel|Subcommittee|Sub-committee|Bills Committee|Select Committee"
    r"|Committee)\b",
    re.I,
)


#: The Council's name before a committee's, as older headings print it.
_LEGCO_PREFIX = re.compile(
    r"^(?:the\s+)?(?:LegCo|Legislative\s+Council)(?:'s)?\s+(?=\w)|^(?:香港特別行政區)?立法[會会](?=\S)",
    re.I,
)


@dataclass(frozen=True)
class Definition:
    """A short name the text defines: ``full`` (“``abbreviation``”) at ``start``."""

    full: str
    abbreviation: str
    start: int
    end: int


@cache
def _table(path: str, base: str) -> Graph:
    """A curated Turtle table with its IRIs moved under ``base``."""
    source = Graph().parse(path, format="turtle")
    if base == DEFAULT_BASE_IRI:
        return source
    iris = Iris(base)
    moved = Graph()
    for s, p, o in source:
        s = iris.rebase(s, DEFAULT_BASE_IRI) if isinstance(s, URIRef) else s
        o = iris.rebase(o, DEFAULT_BASE_IRI) if isinstance(o, URIRef) else o
        moved.add((s, p, o))
    return moved


def body_table(base: str) -> Graph:
    """The whole curated bodies table under ``base``: bodies, answering posts, re-organisations."""
    return _table(str(BODY_TABLE), base)


@cache
def _organizations(base: str) -> Graph:
    """The bodies table's organisations only (not its posts and re-organisations)."""
    table, out = body_table(base), Graph()
    for subject in set(table.subjects(RDF.type, LG.Organization)):
        for triple in table.triples((subject, None, None)):
            out.add(triple)
    return out


class Tables:
    """The curated committee, body and ordinance tables, indexed by every name they give."""

    def __init__(self, base: str) -> None:
        self.committees = _table(str(COMMITTEE_TABLE), base)
        self.bodies = _organizations(base)
        self.ordinances = _table(str(ORDINANCE_TABLE), base)
        self.committee_by_name = _index(self.committees, (RDFS.label, SKOS.altLabel))
        self.org_by_name = _index(self.bodies, (RDFS.label, SKOS.altLabel, LG.abbreviation))
        self.org_by_generic = _index(self.bodies, (SKOS.hiddenLabel,))

    def names(self) -> list[str]:
        """Every name and abbreviation the tables give, in any language."""
        return sorted(
            str(name)
            for table in (self.committees, self.bodies)
            for predicate in (RDFS.label, SKOS.altLabel, LG.abbreviation)
            for name in table.objects(None, predicate)
        )

    def committee(self, name: str) -> URIRef | None:
        """The curated committee called ``name`` (any language, any width), also as older
        headings print it (``LegCo Panel on …``, ``立法會…事務委員會``)."""
        for candidate in (name, _LEGCO_PREFIX.sub("", name.strip())):
            found = self.committee_by_name.get(normalize_for_matching(strip_article(candidate)))
            if found is not None:
                return found
        return None

    def org(self, name: str) -> URIRef | None:
        """The curated body called or abbreviated ``name``."""
        return self.org_by_name.get(normalize_for_matching(strip_article(name)))

    def generic_body(self, words: str) -> URIRef | None:
        """The body a generic word stands for ("政府當局", "the Administration")."""
        return self.org_by_generic.get(normalize_for_matching(strip_article(words)))

    def ordinance_titles(self, iri: URIRef) -> dict[str, str]:
        """The short titles of a curated ordinance by language (empty when not curated)."""
        return {
            label.language: str(label)
            for label in self.ordinances.objects(iri, RDFS.label)
            if isinstance(label, Literal) and label.language
        }

    def describe(self, iri: URIRef) -> Graph:
        """The table's triples about ``iri`` (labels, classes, codes, abbreviations)."""
        out = Graph()
        for table in (self.committees, self.bodies):
            for triple in table.triples((iri, None, None)):
                out.add(triple)
        return out

    def is_committee(self, iri: URIRef) -> bool:
        """True when ``iri`` is a curated committee."""
        return (iri, RDF.type, LG.Committee) in self.committees


def _index(graph: Graph, predicates: tuple[URIRef, ...]) -> dict[str, URIRef]:
    index: dict[str, URIRef] = {}
    for predicate in predicates:
        for subject, name in sorted(graph.subject_objects(predicate)):
            index.setdefault(normalize_for_matching(strip_article(str(name))), subject)
    return index


def strip_article(name: str) -> str:
    """``the Transport Department`` → ``Transport Department``."""
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I)


def find_definitions(text: str, known: Iterable[str] = ()) -> list[Definition]:
    """Every ``full name (“abbreviation”)`` in ``text``, the full name cut at its start.

    A ``known`` name (from the curated tables) that ends right before the definition is taken
    whole; otherwise the name starts after the nearest word that cannot be part of it.
    """
    names = sorted({name for name in known if name}, key=len, reverse=True)
    found = []
    for match in DEFINITION.finditer(text):
        abbreviation = match["abbr"].strip()
        before = text[: match.start()].rstrip()
        full = next((n for n in names if before.endswith(n)), None)
        full = full or _full_name(before, abbreviation)
        if full:
            found.append(Definition(full, abbreviation, len(before) - len(full), match.end()))
    return found


def _full_name(before: str, abbreviation: str) -> str | None:
    before = before.rstrip()
    if not before:
        return None
    if re.match(rf"[{CJK}{QUOTES}]", before[-1]) or before.endswith("》"):
        return _zh_name(before, abbreviation)
    return _en_name(before)


def _zh_name(before: str, abbreviation: str) -> str | None:
    if before.endswith("》"):
        opening = before.rfind("《")
        return before[opening:] if opening >= 0 else None
    clause = _zh_clause(before).lstrip("及和與")
    key = abbreviation.strip("《》")
    cuts = [c for c in range(len(clause) - 1, -1, -1) if c == 0 or clause[c - 1] in _ZH_BOUNDARY]
    for cut in cuts:
        if _is_subsequence(key, clause[cut:]):
            return clause[cut:]
    return clause[cuts[0] :] if cuts else None


def _zh_clause(before: str) -> str:
    """The run of text before a definition back to punctuation, keeping balanced (…).

    A bracketed group that is itself a definition (it holds quotes) ends the run.
    """
    start = len(before)
    while start > 0:
        char = before[start - 1]
        if char in ")）":
            opening = _matching_open(before, start - 1)
            if opening is None or "“" in before[opening:start] or '"' in before[opening:start]:
                break
            start = opening
            continue
        if char in _ZH_STOP:
            break
        start -= 1
    return before[start:]


def _matching_open(text: str, close: int) -> int | None:
    depth = 0
    for index in range(close, -1, -1):
        if text[index] in ")）":
            depth += 1
        elif text[index] in "(（":
            depth -= 1
            if depth == 0:
                return index
    return None


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(char in chars for char in short if not char.isspace())


def _en_name(before: str) -> str | None:
    words = before.split()
    taken: list[str] = []
    for word in reversed(words):
        bare = word.strip(",;:")
        if taken and (bare != word or any(q in bare for q in '"”')):
            break
        if bare[:1].isupper() or bare.lower() in _EN_CONNECTORS and taken:
            taken.append(bare)
        else:
            break
    while taken and taken[-1].lower() in _EN_CONNECTORS:
        taken.pop()
    return " ".join(reversed(taken)) or None


def looks_like_committee(name: str) -> bool:
    """A name shaped like a LegCo committee: ``…委員會``, ``Panel on …``, ``Subcommittee on …``."""
    return bool(_COMMITTEE_SHAPE.search(name.strip()))


def looks_like_org(name: str) -> bool:
    """A name shaped like an organisation: ``…局``, ``…辦公室``, ``… Bureau``, ``… Office``."""
    return bool(_ORG_SUFFIX.search(name.strip()))


#: A committee's type by the words of its name (English or Chinese), most specific first.
_NAMED_TYPES: tuple[tuple[re.Pattern[str], URIRef], ...] = tuple(
    (re.compile(pattern, re.I), cls)
    for pattern, cls in (
        (r"Establishment\s+Sub-?committee|人事編制小組委員會", LG.EstablishmentSubcommittee),
        (r"Public\s+Works\s+Sub-?committee|工務小組委員會", LG.PublicWorksSubcommittee),
        (r"小組委員會$|^(?:the\s+)?Sub-?committee\b|\bSub-?committee$", LG.Subcommittee),
        (r"^(?:the\s+)?House\s+Committee$|^內務委員會$", LG.HouseCommittee),
        (r"^(?:the\s+)?Finance\s+Committee$|^財務委員會$", LG.FinanceCommittee),
        (
            r"^(?:the\s+)?Public\s+Accounts\s+Committee$|^政府帳目委員會$",
            LG.PublicAccountsCommittee,
        ),
        (r"\bBills?\s+Committee\b|條例草案》?\s*委員會$|法案委員會$", LG.BillsCommittee),
        (r"事務委員會$|^(?:the\s+)?Panel\b", LG.Panel),
    )
)
#: A committee's type by the code of its LegCo URL folder (``fc/pwsc`` → ``pwsc``).
_CODE_TYPES: tuple[tuple[re.Pattern[str], URIRef], ...] = tuple(
    (re.compile(pattern), cls)
    for pattern, cls in (
        (r"counmtg", LG.Council),
        (r"hc", LG.HouseCommittee),
        (r"fc", LG.FinanceCommittee),
        (r"esc", LG.EstablishmentSubcommittee),
        (r"pwsc", LG.PublicWorksSubcommittee),
        (r"pac", LG.PublicAccountsCommittee),
        (r"bc\d*[a-z]?", LG.BillsCommittee),
    )
)


def committee_class(name: str, folder: str = "") -> URIRef:
    """The committee's most specific class by the words of its name, else by the code of its
    LegCo URL folder (``hc``, ``fc/esc``, ``bc/bc52``, ``hc/sub_leg/sc103``, ``panels/itb``),
    else lg:Committee."""
    name = _LEGCO_PREFIX.sub("", name.strip())
    for pattern, cls in _NAMED_TYPES:
        if pattern.search(name):
            return cls
    parts = [part for part in folder.strip("/").split("/") if part]
    if not parts:
        return LG.Committee
    for pattern, cls in _CODE_TYPES:
        if pattern.fullmatch(parts[-1]) or (cls == LG.BillsCommittee and parts[0] == "bc"):
            return cls
    if parts[0] == "panels":
        return LG.Panel if len(parts) == 2 else LG.Subcommittee
    if len(parts) > 1 or re.fullmatch(r"(?:hs|sc|ss)\d+[a-z]?", parts[-1]):
        return LG.Subcommittee
    return LG.Committee


def find_names(text: str, names: dict[str, URIRef]) -> list[tuple[URIRef, int, int]]:
    """Non-overlapping occurrences of ``names`` (surface form → IRI) in ``text``, longest first."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[URIRef, int, int]] = []
    for surface in sorted(names, key=lambda s: (-len(s), s)):
        pattern = re.escape(surface)
        if surface.isascii():
            pattern = rf"(?<![\w]){pattern}(?![\w])"
        for match in re.finditer(pattern, text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((names[surface], match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])
