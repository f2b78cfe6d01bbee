"""Names as LegCo prints them across the years, in both languages and scripts: one reading
(``loader.names``) for every kind, the member table, linking and search."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import FOAF, SKOS

from loader.decode import decode
from loader.ids import Iris
from loader.kinds.common.context import Context
from loader.kinds.registry import KINDS, choose_kind
from loader.member_table import member_table
from loader.names import (
    fold,
    match_key,
    name_key,
    normalize_for_matching,
    parse_name,
    person_name,
    to_traditional,
)
from loader.settings import DEFAULT_BASE_IRI
from loader.sources import Source
from loader.text import clean_text, detect_language
from loader.vocab import LG

DATA_DIR = Path(__file__).parent / "data"
TABLE = member_table(DEFAULT_BASE_IRI)

#: (as printed, the name alone, the curated Member's English label or None for an officer).
PRINTED = [
    ("Hon Andrew LEUNG Kwan-yuen, SBS, JP", "Andrew LEUNG Kwan-yuen", "Andrew LEUNG Kwan-yuen"),
    (
        "Hon Andrew LEUNG Kwan-yuen, GBM, GBS, JP (President)",
        "Andrew LEUNG Kwan-yuen",
        "Andrew LEUNG Kwan-yuen",
    ),
    ("ANDREW LEUNG KWAN-YUEN", "ANDREW LEUNG KWAN-YUEN", "Andrew LEUNG Kwan-yuen"),
    ("梁君彥議員", "梁君彥", "Andrew LEUNG Kwan-yuen"),
    ("梁君彥議員, GBM, GBS, JP (主席)", "梁君彥", "Andrew LEUNG Kwan-yuen"),
    ("梁君彦议员", "梁君彦", "Andrew LEUNG Kwan-yuen"),
    ("Dr Hon KWOK Ka-ki", "KWOK Ka-ki", "KWOK Ka-ki"),
    ("Dr the Hon KWOK Ka-ki", "KWOK Ka-ki", "KWOK Ka-ki"),
    ("郭家麒議員", "郭家麒", "KWOK Ka-ki"),
    ("Ir Dr Hon LO Wai-kwok, SBS, MH, JP", "LO Wai-kwok", "LO Wai-kwok"),
    ("盧偉國議員, SBS, MH, JP", "盧偉國", "LO Wai-kwok"),
    (
        "The Hon Mrs Regina IP LAU Suk-yee, GBS, JP",
        "Regina IP LAU Suk-yee",
        "Regina IP LAU Suk-yee",
    ),
    ("葉劉淑儀議員, GBS, JP", "葉劉淑儀", "Regina IP LAU Suk-yee"),
    ("叶刘淑仪议员", "叶刘淑仪", "Regina IP LAU Suk-yee"),
    (
        "Prof the Hon Joseph LEE Kok-long, SBS, JP",
        "Joseph LEE Kok-long",
        "Joseph LEE Kok-long",
    ),
    ("Prof Hon Joseph LEE Kok-long, SBS, JP", "Joseph LEE Kok-long", "Joseph LEE Kok-long"),
    ("Hon Steven HO Chun-yin, BBS", "Steven HO Chun-yin", "Steven HO Chun-yin"),
    ("何俊賢議員, BBS", "何俊賢", "Steven HO Chun-yin"),
    ("Hon CHAN Kam-lam, S.B.S., J.P.", "CHAN Kam-lam", "CHAN Kam-lam"),
    ("陳鑑林議員 , S.B.S., J.P.", "陳鑑林", "CHAN Kam-lam"),
    ("陳鑑林議員，SBS，JP", "陳鑑林", "CHAN Kam-lam"),
    ("Professor Sun Dong", "Sun Dong", None),
    ("孫東教授", "孫東", None),
    ("Mr Paul CHAN Mo-po, GBM, GBS, MH, JP", "Paul CHAN Mo-po", None),
    ("Ms Alice MAK Mei-kuen, SBS, JP", "Alice MAK Mei-kuen", None),
    ("Mdm Rita FAN HSU Lai-tai", "Rita FAN HSU Lai-tai", None),
    ("Sir David AKERS-JONES", "David AKERS-JONES", None),
    ("Dato Dr Hon LEE Wing-tat", "LEE Wing-tat", None),
    ("Hon Ronny TONG Ka-wah, SC", "Ronny TONG Ka-wah", None),
    ("湯家驊議員, 資深大律師", "湯家驊", None),
    ("黃大文太平紳士", "黃大文", None),
    ("張三工程師", "張三", None),
    ("議員", "議員", None),
]


def _curated(label: str) -> URIRef:
    """The curated Member the table labels ``label`` in English."""
    found = [s for s in TABLE.graph.subjects(RDFS.label, Literal(label, lang="en"))]
    assert len(found) == 1, label
    assert isinstance(found[0], URIRef)
    return found[0]


@pytest.mark.parametrize(("printed", "name", "member"), PRINTED)
def test_a_printed_name_reads_as_the_name_alone(printed: str, name: str, member) -> None:
    assert person_name(printed) == name


@pytest.mark.parametrize(("printed", "name", "member"), [p for p in PRINTED if p[2]])
def test_every_printing_of_a_member_keys_to_the_table_member(printed, name, member) -> None:
    iri = _curated(member)
    assert TABLE.resolve(printed) == iri
    ctx = Context(Iris(DEFAULT_BASE_IRI), "en", "")
    assert ctx.member_iri(person_name(printed)) == iri


def test_titles_post_nominals_and_office_are_kept_apart() -> None:
    parsed = parse_name("Dr the Hon KWOK Ka-ki, S.B.S., J.P. (Chairman)")
    assert parsed.titles == ("Dr", "the", "Hon")
    assert parsed.post_nominals == ("SBS", "JP")
    assert parsed.office == "Chairman"
    assert parse_name("陳鑑林議員 , S.B.S., J.P.").titles == ("議員",)


def test_keys_fold_width_case_script_and_punctuation() -> None:
    assert fold("ＬＥＵＮＧ 梁君彥") == "leung 梁君彦"
    assert name_key("LEUNG Che-cheung") == name_key("leung CHECHEUNG") == "leungchecheung"
    assert match_key("梁君彥") == match_key("梁君彦议员") == match_key("梁君彥議員 (主席)")
    assert to_traditional("梁君彦") == "梁君彥"


def test_iri_keys_fold_width_case_and_spaces_but_keep_the_script() -> None:
    assert normalize_for_matching("ＣＢ（１） 189") == normalize_for_matching("cb(1)189")
    assert normalize_for_matching("資 訊科 技") == "資訊科技"
    assert normalize_for_matching("梁君彥") != normalize_for_matching("梁君彦")


def _fixture_graphs():
    for path in sorted(DATA_DIR.rglob("*.txt")):
        if "fuzz" in path.parts:
            continue
        text = clean_text(decode(Source.from_bytes(path.name, path.read_bytes())).text)
        try:
            kind = choose_kind(text)
        except ValueError:
            continue
        origin = {"origin": path.name} if kind.reads_origin else {}
        language = detect_language(text)
        yield kind.extract(text, language=language, base_iri=DEFAULT_BASE_IRI, **origin).graph


def test_every_kind_names_one_member_with_one_iri() -> None:
    """Across the fixtures of every kind, a name's key leads to one Member IRI, and a name the
    table knows is never left on a name-keyed node."""
    by_key: dict[str, set[URIRef]] = defaultdict(set)
    graphs = 0
    for graph in _fixture_graphs():
        graphs += 1
        for member in graph.subjects(RDF.type, LG.Member):
            for predicate in (RDFS.label, SKOS.altLabel, FOAF.name):
                for label in graph.objects(member, predicate):
                    if key := match_key(str(label)):
                        by_key[key].add(member)
            if "/member/name/" in member:
                for label in graph.objects(member, FOAF.name):
                    assert TABLE.resolve(str(label)) is None, (member, label)
    assert graphs >= len(KINDS)
    shared = {key: iris for key, iris in by_key.items() if len(iris) > 1}
    assert shared == {}
