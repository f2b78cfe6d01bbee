"""Background briefs: members' concerns, the government's responses, evidence, cross-references."""

import pyoxigraph as ox
import pytest
from brief_support import BASE, FIXTURES, extract_brief, store_of
from brief_support import query_rows as _rows
from brief_support import query_values as _values

from loader.kinds.common.crossrefs import editorial_notes
from loader.vocab import LG_NAMESPACE

# --- Concerns, responses and their evidence in the real sample ---------------------------


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


def test_a_brief_names_the_member_who_asked_and_the_office_that_answered(tmp_path) -> None:
    text = (FIXTURES / "brief-en.txt").read_text(encoding="utf-8")
    text = text.replace("5.    Members asked how", "5.    Ms Emily LAU asked how", 1)
    text = text.replace(
        "be protected. The Administration advised",
        "be protected. The Government Chief Information Officer (GCIO) explained",
        1,
    )
    path = tmp_path / "brief-named-en.txt"
    path.write_text(text, encoding="utf-8")
    rows = _rows(
        store_of(extract_brief(path)),
        "SELECT ?member ?who ?body ?said { ?c a lg:Concern ; lg:raisedBy ?member . "
        "?member lg:memberId ?id . ?r lg:respondsTo ?c ; lg:respondent ?body ; "
        "lg:attribution ?who ; lg:evidence/oa:hasSelector/oa:exact ?said }",
    )
    assert [(m.removeprefix(BASE), who, b.removeprefix(BASE)) for m, who, b, _ in rows] == [
        ("member/114", "The Government Chief Information Officer (GCIO)", "org/ogcio")
    ]
    assert rows[0][3].startswith("The Government Chief Information Officer (GCIO) explained")
