"""SPARQL for the fuzz tests: a small grammar, mutations of the real queries users start from.

Grammar queries are mostly valid and always small enough to finish on the fuzz store; mutated
queries are the queries of queries/ and README.md with spans cut, doubled, swapped or replaced
by tokens that break parsers and naive checks (escapes, SERVICE, control characters).
"""

from __future__ import annotations

import re

from fuzz_support import HOSTILE, PREFIXES
from hypothesis import strategies as st

from loader.paths import QUERIES_DIR, ROOT


def seed_queries() -> list[str]:
    """The real queries users start from: queries/*.rq and the README's sparql blocks."""
    seeds = [path.read_text(encoding="utf-8") for path in sorted(QUERIES_DIR.glob("*.rq"))]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    seeds += re.findall(r"```sparql\n(.*?)```", readme, flags=re.S)
    return seeds


VARIABLES = st.sampled_from(["?s", "?p", "?o", "?x", "?g", "?label", "$y", "?n"])
IRIS = st.sampled_from(
    [
        "<https://w3id.org/legisgraph/id/meeting/panel/ea/2025-05-12>",
        "<https://w3id.org/legisgraph/id/paper/CB2-10-2025-01>",
        "<https://w3id.org/legisgraph/id/graph/paper/CB2-10-2025-01>",
        "<http://example.org/a>",
        "<>",
        "<#frag>",
        "<../up>",
        "<javascript:alert(1)>",
        "<urn:x>",
        "<http://127.0.0.1:9/x>",
        "<file:///etc/passwd>",
        "<http://[::1]/>",
    ]  # fmt: skip
)
NAMES = st.sampled_from(
    [
        "lg:Meeting",
        "lg:Paper",
        "lg:committee",
        "lg:forMeeting",
        "rdfs:label",
        "dcterms:date",
        "dcterms:title",
        "foaf:primaryTopic",
        "prov:Entity",
        "lg:paperNumber",
        "nope:x",
        ":x",
    ]  # fmt: skip
)
PREDICATES = st.one_of(
    NAMES,
    st.just("a"),
    VARIABLES,
    st.sampled_from(["lg:committee/rdfs:label", "^lg:forMeeting", "rdfs:label*", "(a|lg:x)+"]),
)


@st.composite
def literals(draw) -> str:
    """A SPARQL literal: strings with hostile content, language tags, datatypes, numbers."""
    text = draw(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)))
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    escaped = escaped.replace("\r", "\\r")
    plain = f'"{escaped}"'
    return draw(
        st.sampled_from(
            [
                plain,
                plain + "@zh-Hant",
                plain + "@en",
                plain + "^^xsd:date",
                plain + "^^xsd:integer",
                plain + "@x-" + "a" * 9,
                "42",
                "-1.5e3",
                "true",
                '"2025-05-12"^^xsd:date',
                "'single'",
            ]  # fmt: skip
        )
    )


TERMS = st.one_of(VARIABLES, IRIS, NAMES, literals())
EXPRESSIONS = st.recursive(
    st.one_of(VARIABLES, literals(), IRIS),
    lambda inner: st.one_of(
        st.tuples(
            st.sampled_from(
                [
                    "STR",
                    "LANG",
                    "UCASE",
                    "STRLEN",
                    "isIRI",
                    "BOUND",
                    "ABS",
                    "ENCODE_FOR_URI",
                    "MD5",
                    "xsd:integer",
                    "DATATYPE",
                    "IRI",
                ]  # fmt: skip
            ),
            inner,
        ).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(
            inner, st.sampled_from(["=", "!=", "<", ">=", "+", "*", "/", "&&", "||"]), inner
        ).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(
            st.sampled_from(
                ["CONTAINS", "STRSTARTS", "REGEX", "LANGMATCHES", "STRDT", "COALESCE", "CONCAT"]
            ),
            inner,
            inner,
        ).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
        st.tuples(inner, inner, inner).map(lambda t: f"IF({t[0]}, {t[1]}, {t[2]})"),
        inner.map(lambda e: f"!{e}"),
    ),
    max_leaves=6,
)
TRIPLES = st.lists(
    st.tuples(st.one_of(VARIABLES, IRIS, NAMES), PREDICATES, TERMS).map(" ".join),
    min_size=1,
    max_size=3,
).map(" . ".join)
PATTERNS = st.recursive(
    TRIPLES,
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda t: f"{t[0]} OPTIONAL {{ {t[1]} }}"),
        st.tuples(inner, inner).map(lambda t: f"{{ {t[0]} }} UNION {{ {t[1]} }}"),
        st.tuples(inner, inner).map(lambda t: f"{t[0]} MINUS {{ {t[1]} }}"),
        st.tuples(st.one_of(VARIABLES, IRIS), inner).map(lambda t: f"GRAPH {t[0]} {{ {t[1]} }}"),
        st.tuples(inner, EXPRESSIONS).map(lambda t: f"{t[0]} FILTER ({t[1]})"),
        st.tuples(inner, EXPRESSIONS, VARIABLES).map(lambda t: f"{t[0]} BIND ({t[1]} AS {t[2]})"),
        st.tuples(VARIABLES, st.lists(TERMS, max_size=3), inner).map(
            lambda t: f"VALUES {t[0]} {{ {' '.join(t[1])} }} {t[2]}"
        ),
        inner.map(lambda p: f"{{ SELECT * WHERE {{ {p} }} LIMIT 5 }}"),
    ),
    max_leaves=4,
)


@st.composite
def grammar_queries(draw) -> str:
    """A query from the grammar: mostly valid, always small enough to finish on the mini store."""
    where = draw(PATTERNS)
    form = draw(st.sampled_from(["select", "select", "ask", "construct", "describe", "agg"]))
    group = ""
    if form == "select":
        head = draw(st.sampled_from(["SELECT *", "SELECT DISTINCT ?s ?o", "SELECT REDUCED ?x"]))
    elif form == "agg":
        head = "SELECT ?s (COUNT(*) AS ?c) (SAMPLE(?o) AS ?any)"
        group = " GROUP BY ?s HAVING (COUNT(*) > 0)"
    elif form == "ask":
        head = "ASK"
    elif form == "construct":
        head = f"CONSTRUCT {{ {draw(TRIPLES)} }}"
    else:
        head = f"DESCRIBE {draw(st.one_of(VARIABLES, IRIS))}"
    dataset = draw(st.sampled_from(["", "", "FROM <urn:x> ", "FROM NAMED <urn:y> "]))
    modifiers = draw(st.sampled_from(["", " ORDER BY ?s", " ORDER BY DESC(?o)", " OFFSET 2"]))
    limit = "" if form == "ask" else f" LIMIT {draw(st.integers(0, 50))}"
    prologue = "".join(
        f"PREFIX {name}: <{iri}>\n"
        for name, iri in PREFIXES.items()
        if draw(st.integers(0, 20)) > 0  # now and then a prefix is left undeclared
    )
    base = draw(st.sampled_from(["", "", "BASE <http://example.org/base/>\n"]))
    return f"{base}{prologue}{head} {dataset}WHERE {{ {where} }}{group}{modifiers}{limit}"


TOKENS = [
    "{", "}", ".", ";", ",", "(", ")", '"', "'", "<", ">", "?", "$", "#", "\n", "*", "\\u0000",
    "\u202e", "\x00", "😀", "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }", "LOAD <file:///x>",
    "SELECT", "WHERE", "OPTIONAL", "FILTER(", "GRAPH", "UNION", "99999999999999999999", '"""',
    "@en", "^^", "lg:", "<http://", "INSERT DATA { <a> <b> <c> }", ";", "\\", "\ud7ff",
]  # fmt: skip


@st.composite
def mutated(draw, seeds: list[str]) -> str:
    """A real query changed in one to four places: spans cut, doubled, swapped or replaced."""
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 4))):
        size = len(text)
        start = draw(st.integers(0, size))
        end = draw(st.integers(start, min(size, start + 40)))
        action = draw(st.sampled_from(["cut", "double", "insert", "truncate", "case", "swap"]))
        if action == "cut":
            text = text[:start] + text[end:]
        elif action == "double":
            text = text[:end] + text[start:end] + text[end:]
        elif action == "insert":
            text = text[:start] + draw(st.sampled_from(TOKENS)) + text[start:]
        elif action == "truncate":
            text = text[:start]
        elif action == "case":
            text = text[:start] + text[start:end].swapcase() + text[end:]
        else:
            other = draw(st.integers(0, size))
            first, second = sorted((start, other))
            text = text[:first] + text[second:end] + text[first:second] + text[end:]
    return text


def queries(seeds: list[str]) -> st.SearchStrategy[str]:
    """Grammar queries, mutated real queries, and now and then arbitrary text."""
    return st.one_of(grammar_queries(), mutated(seeds), st.text(max_size=60))
