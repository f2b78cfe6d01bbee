"""Background briefs: the golden facts of the bundled real brief, asserted by SPARQL.

The sample is the real Chinese brief in samples/legco/; two small briefs of our own (English,
and Chinese on another subject and committee) prove the extractor reads the kind, not the file.
"""

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF

from loader.kinds.brief import detect, extract
from loader.kinds.brief_crossrefs import editorial_notes
from loader.kinds.brief_graph import SUPERCLASSES
from loader.kinds.brief_subjects import subject_bodies
from loader.paths import ROOT, SAMPLES_DIR
from loader.text import clean_text, detect_language
from loader.vocab import LG_NAMESPACE, PREFIXES

BASE = "https://w3id.org/legisgraph/id/"
SAMPLE = SAMPLES_DIR / "legco" / "000_54c751b2ffb728be.txt"
FIXTURES = ROOT / "tests" / "data" / "briefs"
SHARED_DOCS = ROOT.parent / "shared" / "legco-docs"
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + (
    "PREFIX id: <https://w3id.org/legisgraph/id/>\n"
)


def _extract(path: Path, base: str = BASE) -> Graph:
    text = clean_text(path.read_text(encoding="utf-8"))
    return extract(text, language=detect_language(text), base_iri=base).graph


def _store(graph: Graph) -> ox.Store:
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    solutions = store.query(PROLOGUE + query)
    names = [v.value for v in solutions.variables]
    return sorted(tuple("" if row[n] is None else row[n].value for n in names) for row in solutions)


def _values(store: ox.Store, query: str) -> list[str]:
    return [row[0] for row in _rows(store, query)]


@pytest.fixture(scope="module")
def sample() -> ox.Store:
    return _store(_extract(SAMPLE))


@pytest.fixture(scope="module")
def english() -> ox.Store:
    return _store(_extract(FIXTURES / "brief-en.txt"))


@pytest.fixture(scope="module")
def chinese_other() -> ox.Store:
    return _store(_extract(FIXTURES / "brief-zh-other.txt"))


# --- The real sample: every fact of the "Done when" -------------------------------


def test_sample_brief_has_title_date_author_language_and_meeting(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?title ?date ?lang ?author ?parent ?committee ?held WHERE {
             ?brief a lg:BackgroundBrief, lg:Paper ; dcterms:title ?title ; dcterms:date ?date ;
                    dcterms:language ?lang ; dcterms:creator ?org ; lg:forMeeting ?meeting .
             ?org rdfs:label ?author ; org:subOrganizationOf/rdfs:label ?parent .
             FILTER(LANG(?parent) = "zh-hant")
             ?meeting lg:committee ?committee ; dcterms:date ?held }""",
    )
    assert rows == [
        (
            "有關成立“數字政策辦公室”的背景資料簡介",
            "2024-03-28",
            "zh-Hant",
            "議會事務部1暨公共申訴辦事處",
            "立法會秘書處",
            BASE + "committee/panel/itb",
            "2024-04-08",
        )
    ]


def test_sample_has_24_paragraphs_numbered_in_order_with_text(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?n ?pos ?start WHERE { ?p a lg:Paragraph ; lg:paragraphNumber ?n ;
             lg:position ?pos ; lg:text ?text ; lg:partOfDocument/a lg:BackgroundBrief .
             BIND(SUBSTR(?text, 1, 4) AS ?start) }""",
    )
    assert len(rows) == 24
    assert sorted((int(n), int(pos)) for n, pos, _ in rows) == [(i, i) for i in range(1, 25)]
    starts = {int(n): start for n, _, start in rows}
    assert starts[1] == "本文件提"
    assert starts[10] == "議員詢問"


def test_sample_paragraphs_sit_under_their_heading_path(sample: ox.Store) -> None:
    path = _values(
        sample,
        """SELECT ?title WHERE { ?p lg:paragraphNumber "5" ; lg:inSection ?s .
             ?s lg:parentSection* ?up . ?up dcterms:title ?title }""",
    )
    assert sorted(path) == sorted(
        ["《香港促進數據流通及保障數據安全的政策宣言》", "配合數據流通的措施", "背景"]
    )
    assert _values(
        sample, 'SELECT ?t WHERE { ?p lg:paragraphNumber "1" ; lg:inSection/dcterms:title ?t }'
    ) == ["目的"]


def test_sample_earlier_meetings_have_committees_and_dates(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?committee ?date WHERE { ?p lg:paragraphNumber "9" ; lg:mentions ?m .
             ?m a lg:Meeting ; lg:committee ?committee ; dcterms:date ?date .
             ?brief a lg:BackgroundBrief ; dcterms:references ?m }""",
    )
    panel, subcommittee = BASE + "committee/panel/itb", BASE + "committee/2022/hs01"
    assert rows == sorted(
        [
            (panel, "2023-02-13"),
            (panel, "2023-03-20"),
            (panel, "2023-11-13"),
            (panel, "2023-12-12"),
            (subcommittee, "2023-01-31"),
            (subcommittee, "2023-04-25"),
        ]
    )


def test_sample_committees_are_resolved_from_abbreviations_table_and_urls(
    sample: ox.Store,
) -> None:
    rows = _rows(
        sample,
        """SELECT ?c ?code ?label WHERE { ?c a lg:Subcommittee, lg:Committee ;
             lg:committeeCode ?code ; rdfs:label ?label }""",
    )
    assert rows == [(BASE + "committee/2022/hs01", "hs01", "發展智慧城市事宜小組委員會")]
    assert _values(
        sample,
        "SELECT ?en WHERE { id:committee\\/panel\\/itb a lg:Panel ; rdfs:label ?en "
        'FILTER(LANG(?en) = "en") }',
    ) == ["Panel on Information Technology and Broadcasting"]
    assert not _rows(
        sample, 'SELECT ?c WHERE { ?c a lg:Committee FILTER(CONTAINS(STR(?c), "/name/")) }'
    )


def test_sample_latest_meeting_is_mentioned_in_its_paragraph(sample: ox.Store) -> None:
    assert _values(
        sample,
        """SELECT ?m WHERE { ?p lg:paragraphNumber "23" ; lg:mentions ?m . ?m a lg:Meeting ;
             dcterms:date "2024-04-08"^^xsd:date }""",
    ) == [BASE + "meeting/panel/itb/2024-04-08"]


def test_sample_council_questions_have_dates_numbers_titles_and_meetings(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?q ?date ?n ?title ?meeting WHERE {
             ?q a lg:CouncilQuestion ; dcterms:date ?date ; lg:questionNumber ?n ;
                dcterms:title ?title ; lg:askedAt ?meeting .
             ?meeting a lg:CouncilMeeting, lg:Meeting ; lg:committee id:committee\\/council ;
                dcterms:date ?date .
             ?brief a lg:BackgroundBrief ; dcterms:references ?q }""",
    )
    assert rows == [
        (
            BASE + "question/2023-02-22/10",
            "2023-02-22",
            "10",
            "配合國家構建數據基礎制度的措施",
            BASE + "meeting/council/2023-02-22",
        ),
        (
            BASE + "question/2023-04-26/9",
            "2023-04-26",
            "9",
            "推動電子政務的發展",
            BASE + "meeting/council/2023-04-26",
        ),
        (
            BASE + "question/2024-01-24/18",
            "2024-01-24",
            "18",
            "人工智能的發展和應用",
            BASE + "meeting/council/2024-01-24",
        ),
    ]


def test_sample_policy_measures_have_target_dates_and_status(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?label ?title ?target ?type ?wording ?status ?policy WHERE {
             ?m a lg:PolicyMeasure ; lg:measureLabel ?label ; dcterms:title ?title ;
                lg:partOfPolicy/dcterms:title ?policy ; lg:sourceParagraph/lg:paragraphNumber "4" .
             OPTIONAL { ?m lg:targetDate ?target ; lg:targetDateText ?wording
                        BIND(DATATYPE(?target) AS ?type) }
             OPTIONAL { ?m lg:measureStatus ?status } }""",
    )
    month = "http://www.w3.org/2001/XMLSchema#gYearMonth"
    completed = LG_NAMESPACE + "StatusCompleted"
    policy = "香港智慧城市藍圖2.0"
    assert rows == [
        ("(a)", "推動數字政府服務", "2024-06", month, "在2024年年中前", "", policy),
        ("(b)", "擴大“智方便”的應用", "2025-12", month, "在2025年年底前", "", policy),
        ("(c)", "建立“授權數據交換閘”", "2024-12", month, "在2024年年底前", "", policy),
        ("(d)", "促進數據互通", "", "", "", "", policy),
        ("(e)", "促進先進科技應用", "2025-12", month, "於2025年年底前", "", policy),
        ("(f)", "提供共享空間數據", "", "", "", "", policy),
        ("(g)", "進行電子政府審計", "2023-12", month, "已於2023年年底完成", completed, policy),
    ]
    assert _values(
        sample, "SELECT ?t WHERE { ?m lg:measureStatus lg:StatusCompleted ; lg:statusText ?t }"
    ) == ["有關工作已於2023年年底完成。"]


def test_sample_has_concerns_and_responses_in_every_discussion_paragraph(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?n (SUM(?concern) AS ?concerns) (SUM(?response) AS ?responses) WHERE {
             ?c lg:sourceParagraph/lg:paragraphNumber ?n .
             { ?c a lg:Concern, lg:Contribution BIND(1 AS ?concern) BIND(0 AS ?response) }
             UNION { ?c a lg:GovernmentResponse, lg:Contribution
                     BIND(0 AS ?concern) BIND(1 AS ?response) }
           } GROUP BY ?n""",
    )
    counts = {int(n): (int(c), int(r)) for n, c, r in rows}
    assert sorted(counts) == list(range(10, 22))
    assert all(c >= 1 and r >= 1 for c, r in counts.values())
    assert counts[14] == (2, 1) and counts[15] == (2, 2) and counts[19] == (2, 1)


def test_sample_every_response_answers_a_concern_of_its_paragraph(sample: ox.Store) -> None:
    assert not _rows(
        sample,
        """SELECT ?r WHERE { ?r a lg:GovernmentResponse
             FILTER NOT EXISTS { ?r lg:respondsTo ?c . ?c a lg:Concern ;
               lg:sourceParagraph ?p . ?r lg:sourceParagraph ?p } }""",
    )
    assert _values(
        sample,
        """SELECT DISTINCT ?name WHERE { ?r a lg:GovernmentResponse ; lg:respondent/rdfs:label ?name
             FILTER(LANG(?name) = "en") }""",
    ) == ["Government of the Hong Kong Special Administrative Region"]


def test_sample_concerns_have_kind_attribution_and_topic(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?n ?kind ?who ?topic WHERE { ?c a lg:Concern ; lg:concernKind ?kind ;
             lg:attribution ?who ; lg:topic/skos:prefLabel ?topic ;
             lg:sourceParagraph/lg:paragraphNumber ?n FILTER(?n IN ("10", "13", "14")) }""",
    )
    kind = LG_NAMESPACE
    assert rows == [
        ("10", kind + "QuestionRaised", "議員", "數字政策專員"),
        ("13", kind + "SuggestionMade", "議員", "“智方便”平台"),
        ("14", kind + "ViewExpressed", "另有議員", "“智方便”平台"),
        ("14", kind + "ViewExpressed", "議員", "“智方便”平台"),
    ]


def test_sample_evidence_quotes_the_exact_span_of_the_paragraph(sample: ox.Store) -> None:
    assert (
        int(_values(sample, "SELECT (COUNT(?e) AS ?n) WHERE { ?x lg:evidence ?e }")[0])
        == 18 + 13 + 7
    )
    assert not _rows(
        sample,
        """SELECT ?x WHERE { ?x lg:evidence ?e ; lg:sourceParagraph ?p .
             ?e a oa:SpecificResource ; oa:hasSource ?p ; oa:hasSelector ?q, ?pos .
             ?q a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
             ?pos a oa:TextPositionSelector ; oa:start ?s ; oa:end ?end . ?p lg:text ?lang_text
             BIND(STR(?lang_text) AS ?text)
             FILTER(SUBSTR(?text, ?s + 1, ?end - ?s) != ?exact
                    || !STRENDS(SUBSTR(?text, 1, ?s), ?prefix)
                    || !STRSTARTS(SUBSTR(?text, ?end + 1), ?suffix)) }""",
    )
    assert not _rows(
        sample,
        "SELECT ?x WHERE { ?x a ?c "
        "FILTER(?c IN (lg:Concern, lg:GovernmentResponse, lg:PolicyMeasure)) "
        "FILTER NOT EXISTS { ?x lg:evidence ?e } }",
    )


def test_sample_appendix_has_12_distinct_legco_urls_once_each(sample: ox.Store) -> None:
    urls = _rows(sample, "SELECT ?paper ?url WHERE { ?paper a lg:Paper ; schema:url ?url }")
    assert len(urls) == 12
    assert len({url for _, url in urls}) == 12
    assert all(url.startswith("https://www.legco.gov.hk/") for _, url in urls)


def test_sample_appendix_rows_have_agenda_items_and_papers(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?number ?url ?date ?item ?title WHERE {
             ?paper a lg:FollowUpPaper, lg:Paper ; lg:paperNumber ?number ; schema:url ?url ;
                    lg:forMeeting ?m . ?m dcterms:date ?date .
             OPTIONAL { ?i lg:itemOf ?m ; lg:itemNumber ?item ; dcterms:title ?title } }""",
    )
    stem = "https://www.legco.gov.hk/yr2023/chinese/panels/itb/papers/"
    assert rows == [
        (
            "CB(1)1198/2023(01)",
            stem + "itb20231212cb1-1198-1-c.pdf",
            "2023-12-12",
            "III",
            "促進數據流通及保障數據安全",
        ),
        (
            "CB(1)189/2023(01)",
            stem + "itb20230213cb1-189-1-c.pdf",
            "2023-02-13",
            "III",
            "《香港創新科技發展藍圖》",
        ),
        (
            "CB(1)779/2023(01)",
            stem + "itb20230320cb1-779-1-c.pdf",
            "2023-03-20",
            "III",
            "提升“智方便”以實現政府服務“一網通辦”",
        ),
    ]
    assert _values(sample, 'SELECT ?p WHERE { ?p lg:paperNumber "CB(1)189/2023(01)" }') == [
        BASE + "paper/CB1-189-2023-01"
    ]
    agenda = _rows(
        sample,
        """SELECT ?url WHERE { id:meeting\\/2022\\/hs01\\/2023-01-31\\/agenda a lg:Agenda ;
             lg:agendaOf id:meeting\\/2022\\/hs01\\/2023-01-31 ; schema:url ?url }""",
    )
    assert agenda == [
        ("https://www.legco.gov.hk/yr2022/chinese/hc/sub_com/hs01/agenda/hs0120230131.htm",)
    ]
    assert len(_values(sample, "SELECT ?m WHERE { ?m a lg:Minutes ; lg:minutesOf ?x }")) == 6


def test_sample_ordinances_link_to_elegislation(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?o ?cap ?name ?page WHERE { ?o a lg:Ordinance ; lg:capNumber ?cap ;
             rdfs:label ?name ; foaf:page ?page . ?p lg:paragraphNumber "6" ; lg:mentions ?o
             FILTER(LANG(?name) = "zh-hant") }""",
    )
    assert rows == [
        (
            BASE + "ordinance/cap486",
            "486",
            "個人資料(私隱)條例",
            "https://www.elegislation.gov.hk/hk/cap486",
        ),
        (BASE + "ordinance/cap528", "528", "版權條例", "https://www.elegislation.gov.hk/hk/cap528"),
    ]
    assert BASE + "ordinance/cap486" in _values(
        sample, 'SELECT ?o WHERE { ?p lg:paragraphNumber "19" ; lg:mentions ?o }'
    )


def test_sample_policy_documents_have_dates_and_short_names(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?title ?date ?short WHERE { ?d a lg:PolicyDocument ; dcterms:title ?title .
             OPTIONAL { ?d dcterms:date ?date } OPTIONAL { ?d lg:abbreviation ?short } }""",
    )
    assert ("香港創新科技發展藍圖", "2022-12", "") in rows
    assert ("香港智慧城市藍圖2.0", "2020", "") in rows
    assert ("香港促進數據流通及保障數據安全的政策宣言", "2023-12", "政策宣言") in rows
    assert ("促進粵港澳大灣區數據跨境流動的合作備忘錄", "2023-06", "備忘錄") in rows
    assert not [row for row in rows if row[0] in ("政策宣言", "備忘錄")]


def test_sample_organisations_resolve_defined_abbreviations(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?org ?short ?en WHERE { ?org a lg:GovernmentBody, lg:Organization ;
             lg:abbreviation ?short ; rdfs:label ?en FILTER(LANG(?en) = "en")
             FILTER(?short IN ("資科辦"@zh-Hant, "創科工業局"@zh-Hant, "網信辦"@zh-Hant)) }""",
    )
    assert rows == [
        (BASE + "org/cac", "網信辦", "Cyberspace Administration of China"),
        (BASE + "org/itib", "創科工業局", "Innovation, Technology and Industry Bureau"),
        (BASE + "org/ogcio", "資科辦", "Office of the Government Chief Information Officer"),
    ]
    mentioned = _values(sample, 'SELECT ?o WHERE { ?p lg:paragraphNumber "12" ; lg:mentions ?o }')
    assert BASE + "org/ogcio" in mentioned and BASE + "org/cyberport" in mentioned


def test_sample_discussion_headings_are_topics_of_the_committee(sample: ox.Store) -> None:
    topics = _values(
        sample,
        "SELECT ?label WHERE { ?t a lg:Topic, skos:Concept ; skos:prefLabel ?label ; "
        "skos:inScheme ?scheme . ?scheme a skos:ConceptScheme "
        'FILTER(?scheme = IRI("https://w3id.org/legisgraph/id/committee/panel/itb/topics")) }',
    )
    assert sorted(topics) == sorted(
        [
            "數字政策專員",
            "推動電子政務",
            "“智方便”平台",
            "促進數據流通",
            "加強網絡安全保護",
            "推行電子政府審計",
        ]
    )


def test_sample_every_resource_is_labelled_and_typed_with_its_superclasses() -> None:
    graph = _extract(SAMPLE)
    unlabelled = {
        s
        for s, _, c in graph.triples((None, RDF.type, None))
        if str(c).startswith(LG_NAMESPACE)
        and graph.value(s, URIRef(PREFIXES["rdfs"] + "label")) is None
    }
    assert not unlabelled
    for rdf_class, superclasses in SUPERCLASSES.items():
        for subject in graph.subjects(RDF.type, rdf_class):
            for superclass in superclasses:
                assert (subject, RDF.type, superclass) in graph, (subject, superclass)
    assert not [t for t in graph if any(isinstance(term, BNode) for term in t)]


# --- Determinism and idempotence ---------------------------------------------------------


def test_extraction_is_deterministic() -> None:
    first, second = _extract(SAMPLE), _extract(SAMPLE)
    assert isomorphic(first, second), _diff(first, second)
    assert set(first) == set(second)


def test_a_cleaned_copy_gives_the_identical_graph(tmp_path: Path) -> None:
    cleaned = tmp_path / "cleaned.txt"
    cleaned.write_text(clean_text(SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    first, second = _extract(SAMPLE), _extract(cleaned)
    assert set(first) == set(second), _diff(first, second)


def test_another_base_iri_moves_every_minted_and_curated_iri() -> None:
    graph = _extract(SAMPLE, base="https://example.org/lg/")
    iris = {str(term) for triple in graph for term in triple if isinstance(term, URIRef)}
    assert not [iri for iri in iris if iri.startswith(BASE)]
    assert "https://example.org/lg/committee/panel/itb" in iris


def _diff(first: Graph, second: Graph) -> str:
    _, only_first, only_second = graph_diff(to_isomorphic(first), to_isomorphic(second))
    first_nt, second_nt = only_first.serialize(format="nt"), only_second.serialize(format="nt")
    return f"only in first:\n{first_nt}\nonly in second:\n{second_nt}"


# --- The English brief of our own --------------------------------------------------------


def test_english_brief_header_paper_number_and_meeting(english: ox.Store) -> None:
    rows = _rows(
        english,
        """SELECT ?brief ?number ?title ?meeting ?date ?author WHERE { ?brief a lg:BackgroundBrief ;
             lg:paperNumber ?number ; dcterms:title ?title ; lg:forMeeting ?meeting ;
             dcterms:date ?date ; dcterms:creator/rdfs:label ?author
             FILTER(LANG(?author) = "en") }""",
    )
    assert rows == [
        (
            BASE + "paper/CB4-512-2024-05",
            "CB(4)512/2024(05)",
            "Background brief on the free-flow tolling system",
            BASE + "meeting/panel/tp/2024-05-17",
            "2024-05-10",
            "Council Business Division 4",
        )
    ]
    assert len(_values(english, "SELECT ?p WHERE { ?p a lg:Paragraph }")) == 9


def test_english_brief_meetings_carry_the_year_back_and_council_is_told_apart(
    english: ox.Store,
) -> None:
    assert _values(
        english, 'SELECT ?m WHERE { ?p lg:paragraphNumber "4" ; lg:mentions ?m . ?m a lg:Meeting }'
    ) == [BASE + f"meeting/panel/tp/{d}" for d in ("2023-01-16", "2023-06-19", "2023-11-20")]
    assert _values(
        english, 'SELECT ?m WHERE { ?p lg:paragraphNumber "7" ; lg:mentions ?m . ?m a lg:Meeting }'
    ) == [BASE + "meeting/council/2023-11-22"]


def test_english_brief_measures_concerns_and_responses(english: ox.Store) -> None:
    assert _rows(
        english,
        "SELECT ?label ?target ?wording WHERE { ?m a lg:PolicyMeasure ; lg:measureLabel ?label ; "
        "lg:targetDate ?target ; lg:targetDateText ?wording }",
    ) == [
        ("(a)", "2025-12", "by end-2025"),
        ("(b)", "2025-06", "by mid-2025"),
        ("(c)", "2026-06", "in the first half of 2026"),
        ("(d)", "2023-12", "was completed in end-2023"),
    ]
    assert _values(
        english, "SELECT ?l WHERE { ?m lg:measureStatus lg:StatusCompleted ; lg:measureLabel ?l }"
    ) == ["(d)"]
    concerns = _rows(
        english,
        "SELECT ?n ?who ?kind WHERE { ?c a lg:Concern ; lg:attribution ?who ; "
        "lg:concernKind ?kind ; lg:sourceParagraph/lg:paragraphNumber ?n }",
    )
    assert concerns == [
        ("5", "Another member", LG_NAMESPACE + "SuggestionMade"),
        ("5", "Members", LG_NAMESPACE + "QuestionRaised"),
        ("6", "A member", LG_NAMESPACE + "ViewExpressed"),
        ("6", "Some members", LG_NAMESPACE + "ViewExpressed"),
    ]
    assert _rows(
        english,
        "SELECT ?n ?answers WHERE { ?r a lg:GovernmentResponse ; lg:respondent id:org\\/hksarg ; "
        "lg:respondsTo/lg:attribution ?answers ; lg:sourceParagraph/lg:paragraphNumber ?n }",
    ) == [("5", "Members"), ("6", "Some members")]


def test_english_brief_instruments_bodies_question_and_papers(english: ox.Store) -> None:
    assert _rows(
        english,
        "SELECT ?cap ?name WHERE { ?o lg:capNumber ?cap ; rdfs:label ?name "
        'FILTER(LANG(?name) = "en") }',
    ) == [
        ("368", "Road Tunnels (Government) Ordinance"),
        ("374", "Road Traffic Ordinance"),
        ("486", "Personal Data (Privacy) Ordinance"),
    ]
    assert BASE + "ordinance/cap374" in _values(
        english, 'SELECT ?o WHERE { ?p lg:paragraphNumber "6" ; lg:mentions ?o }'
    )
    assert _rows(
        english,
        "SELECT ?o ?short WHERE { ?o lg:abbreviation ?short "
        'FILTER(?short IN ("TD"@en, "TSO"@en)) }',
    ) == [(BASE + "org/td", "TD"), (BASE + "org/tollingsystemsoffice", "TSO")]
    assert _rows(
        english,
        "SELECT ?title ?date WHERE { ?d a lg:PolicyDocument ; dcterms:title ?title ; "
        "dcterms:date ?date }",
    ) == [("Hong Kong Major Transport Infrastructure Development Blueprint", "2023-12")]
    assert _rows(
        english,
        "SELECT ?q ?title ?type WHERE { ?q a lg:CouncilQuestion ; dcterms:title ?title ; "
        "lg:questionType ?type }",
    ) == [
        (
            BASE + "question/2023-11-22/12",
            "Implementation of the free-flow tolling system",
            LG_NAMESPACE + "WrittenQuestion",
        )
    ]
    assert _rows(
        english,
        "SELECT ?n ?url WHERE { ?p lg:paperNumber ?n ; schema:url ?url ; a lg:FollowUpPaper }",
    ) == [
        (
            "CB(4)321/2023(01)",
            "https://www.legco.gov.hk/yr2023/english/panels/tp/papers/tp20230116cb4-321-1-e.pdf",
        )
    ]
    assert len(_values(english, "SELECT DISTINCT ?u WHERE { ?p schema:url ?u }")) == 6


# --- The second Chinese brief of our own -------------------------------------------------


def test_other_chinese_brief_learns_a_bills_committee_from_its_urls(
    chinese_other: ox.Store,
) -> None:
    assert _rows(
        chinese_other,
        "SELECT ?c ?code ?name WHERE { ?c lg:committeeCode ?code ; rdfs:label ?name "
        'FILTER(?code = "bc51") }',
    ) == [
        (BASE + "committee/2020-21/bc51", "bc51", "廢物處置(都市固體廢物收費)(修訂)條例草案委員會")
    ]
    assert _values(
        chinese_other,
        'SELECT ?c WHERE { ?p lg:paragraphNumber "1" ; lg:mentions ?c . ?c a lg:Committee }',
    ) == [BASE + "committee/2020-21/bc51", BASE + "committee/panel/ea"]


def test_other_chinese_brief_meetings_measures_and_contributions(chinese_other: ox.Store) -> None:
    assert _values(
        chinese_other,
        'SELECT ?m WHERE { ?p lg:paragraphNumber "3" ; lg:mentions ?m . ?m a lg:Meeting }',
    ) == [BASE + f"meeting/panel/ea/{d}" for d in ("2023-10-23", "2023-11-27", "2024-01-22")]
    assert _rows(
        chinese_other,
        "SELECT ?label ?target ?type WHERE { ?m lg:measureLabel ?label ; lg:targetDate ?target "
        "BIND(DATATYPE(?target) AS ?type) }",
    ) == [
        ("(a)", "2025-12", "http://www.w3.org/2001/XMLSchema#gYearMonth"),
        ("(b)", "2024-08-01", "http://www.w3.org/2001/XMLSchema#date"),
        ("(c)", "2023-12", "http://www.w3.org/2001/XMLSchema#gYearMonth"),
    ]
    assert _rows(
        chinese_other,
        "SELECT ?n ?who WHERE { ?c a lg:Concern ; lg:attribution ?who ; "
        "lg:sourceParagraph/lg:paragraphNumber ?n }",
    ) == [("4", "委員"), ("4", "有委員"), ("5", "另有委員"), ("5", "委員")]
    assert (
        len(
            _values(
                chinese_other, "SELECT ?r WHERE { ?r a lg:GovernmentResponse ; lg:respondsTo ?c }"
            )
        )
        == 3
    )


def test_other_chinese_brief_bodies_ordinance_and_question(chinese_other: ox.Store) -> None:
    assert _rows(
        chinese_other,
        "SELECT ?o ?short WHERE { ?o a lg:GovernmentBody ; lg:abbreviation ?short "
        'FILTER(LANG(?short) = "zh-hant") }',
    ) == [(BASE + "org/eeb", "環生局"), (BASE + "org/環境保護署", "環保署")]
    assert _values(
        chinese_other, "SELECT ?cap WHERE { ?o a lg:Ordinance ; lg:capNumber ?cap }"
    ) == ["354"]
    assert _rows(
        chinese_other, "SELECT ?q ?title WHERE { ?q a lg:CouncilQuestion ; dcterms:title ?title }"
    ) == [(BASE + "question/2023-11-08/5", "都市固體廢物收費的宣傳工作")]
    assert _rows(
        chinese_other,
        "SELECT ?title ?date WHERE { ?d a lg:PolicyDocument ; dcterms:title ?title ; "
        "dcterms:date ?date }",
    ) == [("香港資源循環藍圖2035", "2021-02")]


# --- Detection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [SAMPLE, FIXTURES / "brief-en.txt", FIXTURES / "brief-zh-other.txt"],
    ids=lambda p: p.name,
)
def test_briefs_are_detected_as_briefs(path: Path) -> None:
    assert detect(clean_text(path.read_text(encoding="utf-8"))) >= 0.8


def test_agendas_and_submissions_are_not_detected_as_briefs() -> None:
    if not SHARED_DOCS.is_dir():
        pytest.skip("../shared/legco-docs not present: real agendas and submissions are shared")
    for path in sorted(SHARED_DOCS.glob("*.txt")):
        assert detect(clean_text(path.read_text(encoding="utf-8"))) < 0.5, path.name


def test_text_without_numbered_paragraphs_is_refused() -> None:
    with pytest.raises(ValueError, match="no numbered paragraphs"):
        extract("目的\n\n本文件沒有編號段落\n", language="zh-Hant", base_iri=BASE)


def test_a_title_line_naming_only_the_kind_takes_the_subject_from_the_next_line() -> None:
    text = (FIXTURES / "brief-en.txt").read_text(encoding="utf-8")
    text = text.replace(
        "Background brief on the free-flow tolling system\n",
        "Background brief prepared by the Legislative Council Secretariat\n\n"
        "Free-flow tolling system\n",
    ).replace("prepared by the Legislative Council Secretariat\n\n\n\nPurpose", "\n\nPurpose")
    cleaned = clean_text(text)
    assert extract(cleaned, language="en", base_iri=BASE).title == "Free-flow tolling system"


# --- Bilingual labels ---------------------------------------------------------------------


def _labels(store: ox.Store, iri: str) -> list[tuple[str, str]]:
    return _rows(
        store,
        f"SELECT ?lang ?label WHERE {{ <{iri}> rdfs:label ?label BIND(LANG(?label) AS ?lang) }}",
    )


def test_sample_meetings_are_labelled_in_both_languages_of_their_committee(
    sample: ox.Store,
) -> None:
    assert _labels(sample, BASE + "meeting/panel/itb/2023-02-13") == [
        (
            "en",
            "Meeting of the Panel on Information Technology and Broadcasting on 13 February 2023",
        ),
        ("zh-hant", "資訊科技及廣播事務委員會2023年2月13日會議"),
    ]
    assert _labels(sample, BASE + "meeting/council/2023-02-22") == [
        ("en", "Meeting of the Legislative Council on 22 February 2023"),
        ("zh-hant", "立法會2023年2月22日會議"),
    ]
    assert _labels(sample, BASE + "question/2023-02-22/10") == [
        ("en", "Question 10 at the Council meeting on 22 February 2023"),
        ("zh-hant", "配合國家構建數據基礎制度的措施"),
    ]


def test_sample_agenda_minutes_and_items_are_labelled_from_the_committee_date_and_kind(
    sample: ox.Store,
) -> None:
    meeting = BASE + "meeting/panel/itb/2023-02-13"
    panel = "the Panel on Information Technology and Broadcasting on 13 February 2023"
    assert _labels(sample, meeting + "/minutes") == [
        ("en", f"Minutes of the meeting of {panel}"),
        ("zh-hant", "資訊科技及廣播事務委員會2023年2月13日會議紀要"),
    ]
    assert _labels(sample, meeting + "/agenda") == [
        ("en", f"Agenda of the meeting of {panel}"),
        ("zh-hant", "資訊科技及廣播事務委員會2023年2月13日會議議程"),
    ]
    assert _labels(sample, meeting + "/item/III") == [
        ("en", f"Item III of the meeting of {panel}"),
        ("zh-hant", "議程第III項：《香港創新科技發展藍圖》"),
    ]
    assert _labels(sample, BASE + "paper/CB1-189-2023-01") == [
        ("en", "Follow-up paper CB(1)189/2023(01)"),
        ("zh-hant", "跟進文件 CB(1)189/2023(01)"),
    ]


def test_a_committee_without_a_known_english_name_gets_no_invented_english_label(
    sample: ox.Store,
) -> None:
    assert not _rows(
        sample,
        """SELECT ?x WHERE { ?x rdfs:label ?l FILTER(LANG(?l) = "en")
             FILTER(STRSTARTS(STR(?x), STR(id:committee\\/2022\\/hs01))
                    || STRSTARTS(STR(?x), STR(id:meeting\\/2022\\/hs01\\/))) }""",
    )
    assert _labels(sample, BASE + "meeting/2022/hs01/2023-01-31/minutes") == [
        ("zh-hant", "發展智慧城市事宜小組委員會2023年1月31日會議紀要")
    ]


def test_curated_ordinances_are_labelled_with_both_short_titles(
    sample: ox.Store, english: ox.Store
) -> None:
    assert _labels(sample, BASE + "ordinance/cap486") == [
        ("en", "Personal Data (Privacy) Ordinance"),
        ("zh-hant", "個人資料(私隱)條例"),
    ]
    assert _labels(sample, BASE + "ordinance/cap528") == [
        ("en", "Copyright Ordinance"),
        ("zh-hant", "版權條例"),
    ]
    assert _labels(english, BASE + "ordinance/cap486") == _labels(sample, BASE + "ordinance/cap486")


def test_an_ordinance_not_in_the_table_keeps_its_text_name_and_gets_its_chapter_in_english() -> (
    None
):
    text = (FIXTURES / "brief-zh-other.txt").read_text(encoding="utf-8")
    text = text.replace("《廢物處置條例》(第 354 章 )", "《空氣污染管制條例》(第 311 章 )")
    graph = extract(clean_text(text), language="zh-Hant", base_iri=BASE).graph
    assert _labels(_store(graph), BASE + "ordinance/cap311") == [
        ("en", "Cap. 311"),
        ("zh-hant", "空氣污染管制條例"),
    ]


def test_an_english_brief_labels_meetings_and_papers_in_chinese_the_same_way(
    english: ox.Store,
) -> None:
    assert _labels(english, BASE + "meeting/panel/tp/2023-01-16") == [
        ("en", "Meeting of the Panel on Transport on 16 January 2023"),
        ("zh-hant", "交通事務委員會2023年1月16日會議"),
    ]
    assert _labels(english, BASE + "meeting/panel/tp/2023-01-16/item/IV") == [
        ("en", "Item IV: Free-flow tolling at government tolled tunnels"),
        ("zh-hant", "交通事務委員會2023年1月16日會議議程第IV項"),
    ]
    assert _labels(english, BASE + "question/2023-11-22/12") == [
        ("en", "Implementation of the free-flow tolling system"),
        ("zh-hant", "2023年11月22日立法會會議第12項書面質詢"),
    ]


# --- Clean IRIs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [SAMPLE, FIXTURES / "brief-en.txt", FIXTURES / "brief-zh-other.txt"],
    ids=lambda p: p.name,
)
def test_minted_iris_hold_only_letters_digits_and_joining_punctuation(path: Path) -> None:
    graph = _extract(path)
    minted = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    minted = {iri[len(BASE) :] for iri in minted if iri.startswith(BASE)}
    assert minted
    bad = [iri for iri in minted if not re.fullmatch(r"(?:\w+(?:[-.]\w+)*/?)+", iri)]
    assert not bad


def test_topic_and_policy_iris_drop_quotes_and_brackets_but_labels_keep_them(
    sample: ox.Store,
) -> None:
    assert _values(
        sample,
        'SELECT ?t WHERE { ?t a lg:Topic ; skos:prefLabel "“智方便”平台"@zh-Hant }',
    ) == [BASE + "committee/panel/itb/topics/智方便平台"]
    assert _values(
        sample,
        "SELECT ?d WHERE { ?d a lg:PolicyDocument ; "
        'dcterms:title "粵港澳大灣區(內地、香港)個人信息跨境流動標準合同"@zh-Hant }',
    ) == [BASE + "policy/粵港澳大灣區內地香港個人信息跨境流動標準合同"]


# --- Editorial cross-references -----------------------------------------------------------


def test_sample_editorial_note_is_a_cross_reference_not_the_government_s_words(
    sample: ox.Store,
) -> None:
    assert _rows(
        sample,
        """SELECT ?exact ?suffix WHERE { ?r a lg:GovernmentResponse ;
             lg:sourceParagraph/lg:paragraphNumber "18" ; lg:evidence/oa:hasSelector ?q .
             ?q oa:exact ?exact ; oa:suffix ?suffix }""",
    ) == [
        (
            "當局表示對是否需要訂立法例以規範數據的收集與使用等事宜持開放態度，"
            "當局會適時修訂相關法例以促進電子政務的發展。",
            "(有關進展見上文第6段)",
        )
    ]
    assert _values(
        sample,
        'SELECT ?n WHERE { ?p lg:paragraphNumber "18" ; lg:mentions ?t . '
        "?t a lg:Paragraph ; lg:paragraphNumber ?n }",
    ) == ["6"]
    assert not _rows(sample, 'SELECT ?e WHERE { ?e oa:exact ?x FILTER(CONTAINS(?x, "見上文")) }')


@pytest.mark.parametrize(
    ("store_name", "paragraph", "exact", "target"),
    [
        (
            "english",
            "6",
            "The Administration responded that vehicle owners without tags could settle "
            "tolls online within 14 days",
            "2",
        ),
        ("chinese_other", "4", "政府當局回應時表示，環保署會增加回收點的數目", "2"),
    ],
)
def test_a_note_inside_a_sentence_ends_the_quoted_response_and_links_the_paragraph(
    request: pytest.FixtureRequest, store_name: str, paragraph: str, exact: str, target: str
) -> None:
    store = request.getfixturevalue(store_name)
    assert _values(
        store,
        f"""SELECT ?exact WHERE {{ ?r a lg:GovernmentResponse ;
             lg:sourceParagraph/lg:paragraphNumber "{paragraph}" ; lg:evidence/oa:hasSelector ?q .
             ?q oa:exact ?exact }}""",
    ) == [exact]
    assert _values(
        store,
        f'SELECT ?n WHERE {{ ?p lg:paragraphNumber "{paragraph}" ; lg:mentions ?t . '
        "?t a lg:Paragraph ; lg:paragraphNumber ?n }",
    ) == [target]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("發展。(有關進展見上文第6段)", [("6",)]),
        ("措施（詳見下文第 10 至 12 段）及其他", [("10", "11", "12")]),
        ("(見上文第3及5段)", [("3", "5")]),
        ("done (see paragraph 6 above).", [("6",)]),
        ("(see paragraphs 7 to 9 below)", [("7", "8", "9")]),
        ("(please refer to paras. 4 and 6 above)", [("4", "6")]),
        ("(見上文第4(d)段)", [("4",)]),
        ("(see paragraph 4(g) above)", [("4",)]),
        ("(第6段)", []),
        ("見上文第6段", []),
        ("(see paragraph 6 of the Report)", []),
        ("(《報告》第6段)", []),
    ],
)
def test_editorial_notes_are_parenthesised_pointers_to_paragraphs_above_or_below(
    text: str, numbers: list[tuple[str, ...]]
) -> None:
    assert [note.paragraphs for note in editorial_notes(text)] == numbers


# --- Responsible bodies -------------------------------------------------------------------


def test_sample_measures_name_the_body_that_is_the_subject_of_their_sentence(
    sample: ox.Store,
) -> None:
    rows = _rows(
        sample,
        """SELECT ?label ?body WHERE { ?m a lg:PolicyMeasure ; lg:measureLabel ?label .
             OPTIONAL { ?m lg:responsibleBody ?body } }""",
    )
    government, ogcio = BASE + "org/hksarg", BASE + "org/ogcio"
    assert rows == [
        ("(a)", ""),
        ("(b)", government),
        ("(c)", government),
        ("(d)", ogcio),
        ("(e)", government),
        ("(f)", ""),
        ("(g)", ogcio),
    ]


def test_fixture_measures_resolve_their_subject_through_defined_abbreviations(
    english: ox.Store, chinese_other: ox.Store
) -> None:
    query = "SELECT ?label ?body WHERE { ?m lg:measureLabel ?label ; lg:responsibleBody ?body }"
    assert _rows(english, query) == [("(a)", BASE + "org/td")]
    assert _rows(chinese_other, query) == [
        ("(a)", BASE + "org/環境保護署"),
        ("(b)", BASE + "org/hksarg"),
    ]


_BODIES = {
    "資科辦": URIRef("ogcio"),
    "創科工業局": URIRef("itib"),
    "政府": URIRef("gov"),
    "政府當局": URIRef("gov"),
    "Transport Department": URIRef("td"),
    "TD": URIRef("td"),
}


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        ("為加快公共服務數碼轉型，資科辦為所有局/部門進行電子政府審計。", ["ogcio"]),
        ("創科工業局與資科辦於2023年12月發布宣言。", ["itib", "ogcio"]),
        ("政府當局並會研究。", ["gov"]),
        ("資科辦(“資科辦”)會推出平台。", ["ogcio"]),
        ('the Transport Department ("TD") would remove the booths.', ["td"]),
        ("資科辦的平台可提升效率。", []),
        ("政府部門須加快推行服務。", []),
        ("各部門須與資科辦合作。", []),
        ("平台已推出。資科辦會檢討。", []),
        ("To speed up the work, the Transport Department will install readers.", ["td"]),
        ("TD would implement free-flow tolling by end-2025;", ["td"]),
        ("TDs would be installed.", []),
        ("The toll booths would be removed by TD.", []),
    ],
)
def test_only_a_known_body_opening_the_main_clause_is_the_subject(
    text: str, bodies: list[str]
) -> None:
    assert [str(body) for body in subject_bodies(text, _BODIES)] == bodies


def test_a_note_after_a_listed_measure_is_left_out_of_its_evidence() -> None:
    text = (FIXTURES / "brief-zh-other.txt").read_text(encoding="utf-8")
    text = text.replace("擴展至全港各區；", "擴展至全港各區 (詳見下文第 5 段 )；")
    store = _store(extract(clean_text(text), language="zh-Hant", base_iri=BASE).graph)
    assert _rows(
        store,
        """SELECT ?exact ?target WHERE { ?m lg:measureLabel "(a)" ; lg:targetDate ?target ;
             lg:evidence/oa:hasSelector/oa:exact ?exact }""",
    ) == [
        ("(a)  擴展回收網絡：環保署會在2025年年底前把“綠在區區”回收網絡擴展至全港各區", "2025-12")
    ]
    assert _values(
        store,
        'SELECT ?n WHERE { ?p lg:paragraphNumber "2" ; lg:mentions/lg:paragraphNumber ?n }',
    ) == ["5"]
