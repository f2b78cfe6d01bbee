"""The query library: documented in both languages, answering as expected, bound safely."""

from __future__ import annotations

import re
import threading
import tomllib
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl

import pyoxigraph as ox
import pytest
from queries_support import EXPECTED_FILE, cell, cookbook_store

from loader.canned import HeaderError, ParameterError, load_library, parse, where_brace
from loader.store import GraphStore

LIBRARY = load_library()
EXPECTED = tomllib.loads(EXPECTED_FILE.read_text(encoding="utf-8"))
FEDERATED = [name for name, canned in LIBRARY.items() if canned.services]
STATISTICS = ["dataset-classes", "dataset-properties", "dataset-graphs"]
CJK = re.compile(r"[\u4e00-\u9fff]")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
HOSTILE = [
    'say "hello"',
    "it's",
    "} UNION { ?s ?p ?o }",
    "# not a comment",
    "line one\nline two\r\n",
    "<http://example.org/with space> }",
    '"""',
    "back\\slash",
    '" } ; DROP ALL ; SELECT * { "',
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """The cookbook's test data, open for reading."""
    with GraphStore.open(
        cookbook_store(tmp_path_factory.mktemp("cookbook")), write=False
    ) as opened:
        yield opened


def test_library_has_at_least_twenty_queries() -> None:
    assert len(LIBRARY) >= 20


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_query_has_bilingual_title_description_and_question(name: str) -> None:
    canned = LIBRARY[name]
    for texts in (canned.title, canned.description, canned.question):
        assert texts["en"] and not CJK.search(texts["en"]), texts
        assert CJK.search(texts["zh-Hant"]), texts


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_parameter_has_type_default_example_and_meaning(name: str) -> None:
    for parameter in LIBRARY[name].parameters:
        assert parameter.default and parameter.example and parameter.description
        assert parameter.name not in ("format", "lang"), "reserved by the HTTP pages"


def _case(key: str) -> tuple[str, dict[str, str]]:
    """``member-votes?name=James TO`` → the query's name and the parameters it is run with."""
    name, _, query = key.partition("?")
    return name, dict(parse_qsl(query, keep_blank_values=True))


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_query_returns_its_expected_rows(store: GraphStore, key: str) -> None:
    name, parameters = _case(key)
    expected = EXPECTED[key]
    result = store.query(LIBRARY[name].bind(parameters))
    if "triples" in expected:
        assert len(list(result)) == expected["triples"]
        return
    rows = [[cell(row[column]) for column in expected["columns"]] for row in result]
    assert rows == expected["rows"]


def test_every_query_has_its_default_answer_written_down() -> None:
    assert set(LIBRARY) - set(STATISTICS) - set(FEDERATED) <= set(EXPECTED)


def test_every_expectation_names_a_query_and_its_parameters() -> None:
    for key in EXPECTED:
        name, parameters = _case(key)
        assert set(parameters) <= {p.name for p in LIBRARY[name].parameters}, key


@pytest.mark.parametrize("name", sorted(set(LIBRARY) - set(FEDERATED)))
def test_values_binding_answers_as_pyoxigraph_substitutions_do(
    store: GraphStore, name: str
) -> None:
    canned = LIBRARY[name]
    bound = store.query(canned.bind())
    substituted = store.query(canned.text, substitutions=canned.substitutions())
    if isinstance(bound, ox.QueryTriples):
        assert set(bound) == set(substituted)
    else:
        assert Counter(_rows(bound)) == Counter(_rows(substituted))


def _rows(solutions: ox.QuerySolutions) -> list[tuple[str, ...]]:
    names = [v.value for v in solutions.variables]
    return [tuple(cell(row[n]) for n in names) for row in solutions]


def test_dataset_classes_agree_with_a_count_of_type_statements(store: GraphStore) -> None:
    pairs = {(q.subject, q.object) for q in store.raw.quads_for_pattern(None, RDF_TYPE, None)}
    counted = Counter(cell(o) for _, o in pairs)
    rows = store.query(LIBRARY["dataset-classes"].bind())
    assert {cell(r["class"]): int(r["instances"].value) for r in rows} == counted


def test_dataset_properties_agree_with_a_count_of_distinct_triples(store: GraphStore) -> None:
    triples = {(q.subject, q.predicate, q.object) for q in store.raw}
    counted = Counter(cell(p) for _, p, _ in triples)
    rows = store.query(LIBRARY["dataset-properties"].bind())
    assert {cell(r["property"]): int(r["triples"].value) for r in rows} == counted


def test_dataset_graphs_agree_with_the_store_and_its_provenance(store: GraphStore) -> None:
    rows = {cell(r["graph"]): r for r in store.query(LIBRARY["dataset-graphs"].bind())}
    graphs = store.named_graphs()
    assert len(rows) == len(graphs)
    for graph in graphs:
        row = rows[cell(ox.NamedNode(graph))]
        assert int(row["triples"].value) == store.graph_size(graph)
    brief = rows["id:graph/meeting/panel/itb/2024-04-08/brief/7e191147/zh-hant"]
    assert (cell(brief["kind"]), brief["source"].value) == (
        "lg:BackgroundBrief",
        "000_54c751b2ffb728be.txt",
    )
    assert brief["loaded"].datatype.value.endswith("#dateTime")


def test_a_parameter_changes_the_answer(store: GraphStore) -> None:
    rows = store.query(LIBRARY["measures-past-due"].bind({"on": "2024-07-01"}))
    assert [cell(r["measure"]) for r in rows] == [
        "id:meeting/panel/itb/2024-04-08/brief/7e191147/para/4/measure/a"
    ]


PROBE = """# title: probe
# title@zh-Hant: 探針
# description: d
# description@zh-Hant: 說明
# question: q
# question@zh-Hant: 問題
# param: text | string | x | y | any text
SELECT ?s WHERE { ?s <http://example.org/p> ?text }
"""


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_string_values_are_bound_as_values(value: str) -> None:
    data = ox.Store()
    for subject, text in (("hit", value), ("miss", value + " ")):
        data.add(
            ox.Quad(
                ox.NamedNode(f"http://example.org/{subject}"),
                ox.NamedNode("http://example.org/p"),
                ox.Literal(text),
            )
        )
    bound = parse("probe", PROBE).bind({"text": value})
    assert [row["s"].value for row in data.query(bound)] == ["http://example.org/hit"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_leave_a_library_query_whole(store: GraphStore, value: str) -> None:
    rows = list(store.query(LIBRARY["concerns-on-topic"].bind({"topic": value})))
    assert rows == []


def test_a_value_with_quotes_matches_data_with_quotes(store: GraphStore) -> None:
    rows = store.query(LIBRARY["concerns-on-topic"].bind({"topic": "“智方便”"}))
    assert len(list(rows)) == len(EXPECTED["concerns-on-topic"]["rows"])


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("iri", "https://w3id.org/legisgraph/id/meeting with space"),
        ("iri", "https://example.org/x> } <y"),
        ("iri", "not an iri"),
        ("date", "2024-13-01"),
        ("date", '2024-01-01" }'),
        ("integer", "7 } #"),
    ],
)
def test_values_that_do_not_fit_their_type_are_refused(kind: str, value: str) -> None:
    canned = next(c for c in LIBRARY.values() for p in c.parameters if p.type == kind)
    name = next(p.name for p in canned.parameters if p.type == kind)
    with pytest.raises(ParameterError, match=name):
        canned.bind({name: value})


def test_an_unknown_parameter_is_refused() -> None:
    with pytest.raises(ParameterError, match="no parameter colour"):
        LIBRARY["measures-past-due"].bind({"colour": "red"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "{ ?s ?p ?o }"),
        ("# WHERE { in a comment\nSELECT * where {}", "{}"),
        ('SELECT ("WHERE {" AS ?x) WHERE { }', "{ }"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "{ ?s ?p ?o }"),
        ("PREFIX w: <http://x/WHERE/> SELECT * WHERE { }", "{ }"),
    ],
)
def test_where_brace_finds_the_query_s_own_where_clause(text: str, expected: str) -> None:
    assert text[where_brace(text) :] == expected


def test_a_subquery_where_is_not_the_query_s_own() -> None:
    text = "SELECT ?n WHERE { { SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } } }"
    assert where_brace(text) == text.index("WHERE {") + len("WHERE ")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (PROBE.replace("# title@zh-Hant: 探針\n", ""), "no title in zh-Hant"),
        (PROBE.replace("?text }", "?other }"), "not used as ?text"),
        (PROBE.replace("| string |", "| colour |"), "unknown parameter type"),
        (PROBE.replace("| any text", ""), "param needs"),
        (PROBE.replace("| string | x", "| date | x"), "not a date"),
    ],
)
def test_header_mistakes_are_reported(header: str, message: str) -> None:
    with pytest.raises(HeaderError, match=re.escape(message)):
        parse("probe", header)


class _StandIn(BaseHTTPRequestHandler):
    """A SPARQL endpoint on 127.0.0.1 standing in for Wikidata, over a few recorded triples."""

    data = ox.Store()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        if self.headers["Content-Type"].startswith("application/x-www-form-urlencoded"):
            body = parse_qs(body)["query"][0]
        answer = self.data.query(body).serialize(format=ox.QueryResultsFormat.JSON)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        """Quiet."""


WIKIDATA_STAND_IN = Path(__file__).parent / "data" / "wikidata-stand-in.ttl"


@pytest.fixture
def stand_in_wikidata() -> Iterator[str]:
    """The stand-in's URL; it serves tests/data/wikidata-stand-in.ttl."""
    _StandIn.data = ox.Store()
    _StandIn.data.load(path=str(WIKIDATA_STAND_IN), format=ox.RdfFormat.TURTLE)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _StandIn)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.parametrize("name", FEDERATED)
def test_federated_query_joins_the_remote_endpoint(
    store: GraphStore, stand_in_wikidata: str, name: str
) -> None:
    # The engine cannot be pointed elsewhere, so the test runs the query's text with its
    # SERVICE IRI swapped for the stand-in's; the join itself is the engine's, as in production.
    canned = LIBRARY[name]
    (service,) = canned.services
    text = canned.bind().replace(f"<{service}>", f"<{stand_in_wikidata}>")
    rows = [
        (cell(r["body"]), cell(r["item"]), cell(r["itemDescription"])) for r in store.query(text)
    ]
    assert rows == [
        ("id:org/effo", "http://www.wikidata.org/entity/Q5348044", "Hong Kong government office"),
        ("id:org/ogcio", "http://www.wikidata.org/entity/Q7079271", ""),
    ]
