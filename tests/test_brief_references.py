"""Background briefs: the meetings, committees, questions, instruments and bodies they name."""

import pyoxigraph as ox
from brief_support import BASE
from brief_support import query_rows as _rows
from brief_support import query_values as _values

# --- Meetings and committees -------------------------------------------------------------


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


# --- Council questions, ordinances, policy documents and organisations --------------------


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
