"""Matching names against our members, committees and bodies, for the /reconcile service.

The index is read from the store in one query (labels, name variants, abbreviations and the
identifiers a query may give as properties) and kept until the store changes. Names are compared
as keys (loader.linking.names): width, case, spacing, punctuation and Simplified/Traditional
differences never matter, and a member's titles ("Dr Hon", ", JP", "議員") are dropped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from loader.linking.names import token_key
from loader.names import has_han, name_key, person_name
from loader.store import GraphStore
from loader.vocab import LG, PREFIXES

#: The types a query may ask for: id → name. Short names are accepted too.
TYPES = {str(LG.Member): "Member", str(LG.Committee): "Committee", str(LG.Organization): "Body"}
SHORT_TYPES = {
    "member": str(LG.Member),
    "committee": str(LG.Committee),
    "body": str(LG.Organization),
}
#: Properties a query may match on: id → name.
PROPERTIES = {
    PREFIXES["rdfs"] + "label": "label",
    PREFIXES["skos"] + "altLabel": "other name",
    PREFIXES["foaf"] + "name": "name",
    str(LG.abbreviation): "abbreviation",
    str(LG.memberId): "LegCo member id",
    str(LG.committeeCode): "LegCo committee code",
}
NAME_PROPERTIES = [PREFIXES["rdfs"] + "label", PREFIXES["skos"] + "altLabel"]
NAME_PROPERTIES += [PREFIXES["foaf"] + "name", str(LG.abbreviation)]
#: Candidates below this name similarity (0..1) are not returned.
MIN_SIMILARITY = 0.6
INDEX_QUERY = """
SELECT DISTINCT ?s ?type ?p ?v WHERE {
  VALUES ?type { TYPES }
  ?s a ?type .
  VALUES ?p { PROPERTIES }
  ?s ?p ?v .
  FILTER(isLiteral(?v))
}
"""


@dataclass
class Record:
    """One entity: its types, names (language, text), keys and property values."""

    iri: str
    types: set[str] = field(default_factory=set)
    names: set[tuple[str, str]] = field(default_factory=set)
    values: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    keys: set[str] = field(default_factory=set)
    token_keys: set[str] = field(default_factory=set)

    def label(self, chinese: bool) -> str:
        """The label in the asked script (Chinese or not), else any label, else the IRI."""
        labels = sorted(self.values.get(PREFIXES["rdfs"] + "label", ())) or sorted(
            text for _, text in self.names
        )
        fitting = [text for text in labels if has_han(text) == chinese]
        return (fitting or labels or [self.iri])[0]

    def type_list(self) -> list[dict[str, str]]:
        """The types as the protocol writes them."""
        return [{"id": t, "name": TYPES[t]} for t in sorted(self.types)]


class Index:
    """The entities of the reconcilable types, by IRI."""

    def __init__(self, records: dict[str, Record]) -> None:
        self.records = records

    @classmethod
    def from_store(cls, store: GraphStore) -> Index:
        """Read every entity of the TYPES with its names and PROPERTIES."""
        query = INDEX_QUERY.replace("TYPES", " ".join(f"<{t}>" for t in TYPES))
        query = query.replace("PROPERTIES", " ".join(f"<{p}>" for p in PROPERTIES))
        records: dict[str, Record] = {}
        for row in store.query(query):
            record = records.setdefault(row["s"].value, Record(row["s"].value))
            record.types.add(row["type"].value)
            predicate, value = row["p"].value, row["v"]
            record.values[predicate].add(value.value)
            if predicate in NAME_PROPERTIES:
                record.names.add((value.language or "", value.value))
        for record in records.values():
            for _, text in record.names:
                variants = {text, person_name(text)} if str(LG.Member) in record.types else {text}
                record.keys |= {name_key(v) for v in variants} - {""}
                record.token_keys |= {token_key(v) for v in variants if " " in token_key(v)}
        return cls(records)

    def name_score(self, record: Record, text: str) -> float:
        """How well ``text`` names ``record``, 0..1."""
        variants = {text, person_name(text)}
        keys = {name_key(v) for v in variants} - {""}
        if keys & record.keys:
            return 1.0
        if {token_key(v) for v in variants} & record.token_keys:
            return 0.95
        best = 0.0
        for key in keys:
            for own in record.keys:
                matcher = SequenceMatcher(None, key, own, autojunk=False)
                if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                    best = max(best, matcher.ratio())
        return round(best, 3)

    def by_id(self, identifier: str, base: str) -> Record | None:
        """The record whose IRI, or local name under ``base``, is ``identifier``."""
        return self.records.get(identifier) or self.records.get(base + identifier)
