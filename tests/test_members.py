"""Member identity: LegCo's ways of writing a name, and the directory that resolves them."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from loader.ids import Iris
from loader.members import MemberDirectory, schedule_member
from loader.names import match_key, parse_name
from loader.settings import DEFAULT_BASE_IRI

IRIS = Iris(DEFAULT_BASE_IRI)
LEUNG = {
    "member_id": 732,
    "title_eng": "Hon",
    "surname_eng": "LEUNG",
    "firstname_eng": "Kwan-yuen ",
    "english_name": "Andrew",
    "honourable_eng": "GBM, GBS, JP",
    "surname_chi": "梁",
    "firstname_chi": "君彥",
}


@pytest.mark.parametrize(
    ("written", "name", "titles", "post_nominals", "office"),
    [
        (
            "Hon Andrew LEUNG Kwan-yuen, SBS, JP",
            "Andrew LEUNG Kwan-yuen",
            ("Hon",),
            ("SBS", "JP"),
            None,
        ),
        (
            "Hon Andrew LEUNG Kwan-yuen (President)",
            "Andrew LEUNG Kwan-yuen",
            ("Hon",),
            (),
            "President",
        ),
        ("梁君彥議員", "梁君彥", ("議員",), (), None),
        ("梁君彥議員 (主席)", "梁君彥", ("議員",), (), "主席"),
        ("ANDREW LEUNG", "ANDREW LEUNG", (), (), None),
        ("Dr Hon KWOK Ka-ki", "KWOK Ka-ki", ("Dr", "Hon"), (), None),
        (
            "Prof Hon Joseph LEE Kok-long, SBS, JP",
            "Joseph LEE Kok-long",
            ("Prof", "Hon"),
            ("SBS", "JP"),
            None,
        ),
    ],
)
def test_a_name_is_split_from_titles_post_nominals_and_office(
    written, name, titles, post_nominals, office
):
    parsed = parse_name(written)
    assert (parsed.name, parsed.titles, parsed.post_nominals, parsed.office) == (
        name,
        titles,
        post_nominals,
        office,
    )


def test_spellings_of_one_name_share_a_key():
    assert match_key("LEUNG Che-cheung") == match_key("LEUNG CHE-CHEUNG") == "leungchecheung"
    assert match_key("梁君彥") == match_key("梁君彦") == match_key("梁君彥議員 (主席)")
    assert match_key("Ｊａｍｅｓ ＴＯ") == match_key("James TO")


def test_a_schedule_member_knows_every_way_legco_writes_the_name():
    member = schedule_member(LEUNG, IRIS)
    assert member.iri == IRIS.iri("member/732")
    assert member.names == {"en": "Andrew LEUNG Kwan-yuen", "zh-Hant": "梁君彥"}
    assert {v for v, _ in member.variants} >= {"Andrew LEUNG", "LEUNG Kwan-yuen", "Kwan-yuen LEUNG"}


@pytest.mark.parametrize(
    "written",
    [
        "Hon Andrew LEUNG Kwan-yuen, SBS, JP",
        "Hon Andrew LEUNG Kwan-yuen (President)",
        "梁君彥議員 (主席)",
        "ANDREW LEUNG",
        "Andrew LEUNG",
        "LEUNG KWAN-YUEN",
        "梁君彦",
    ],
)
def test_every_written_form_resolves_to_the_one_member(written):
    directory = MemberDirectory([schedule_member(LEUNG, IRIS)])
    assert directory.resolve(written, "en") == IRIS.iri("member/732")


def test_an_unknown_name_resolves_to_nothing():
    directory = MemberDirectory([schedule_member(LEUNG, IRIS)])
    assert directory.resolve("Hon Someone ELSE") is None
    assert directory.match("Hon Someone ELSE").reason == "no member has this name"


def test_a_shared_name_is_ambiguous_unless_the_term_tells_them_apart():
    first = schedule_member({**LEUNG, "member_id": 1, "firstname_eng": "Ka-lau"}, IRIS)
    second = schedule_member({**LEUNG, "member_id": 2, "surname_chi": "X"}, IRIS)
    first.terms, second.terms = {5}, {6}
    directory = MemberDirectory([first, second])
    assert directory.resolve("Andrew LEUNG") is None
    assert directory.match("Andrew LEUNG").reason.startswith("ambiguous: ")
    assert directory.resolve("Andrew LEUNG", term=6) == second.iri
    assert directory.resolve("Andrew LEUNG Ka-lau") == first.iri


def test_only_names_one_member_holds_are_safe_to_link():
    first = schedule_member({**LEUNG, "member_id": 1, "firstname_eng": "Ka-lau"}, IRIS)
    second = schedule_member({**LEUNG, "member_id": 2, "surname_chi": "X"}, IRIS)
    safe = MemberDirectory([first, second]).unique_keys()
    assert "Andrew LEUNG" not in safe[first.iri] and "Andrew LEUNG" not in safe[second.iri]
    assert "LEUNG Ka-lau" in safe[first.iri]


def test_the_directory_is_rebuilt_from_a_store_for_document_loaders():
    store = ox.Store()
    lg = "https://w3id.org/legisgraph/ontology#"
    member, term = ox.NamedNode(IRIS.iri("member/732")), ox.NamedNode(IRIS.iri("term/7"))
    graph = ox.NamedNode(IRIS.iri("graph/odata/schedule/member"))
    for s, p, o in [
        (member, ox.NamedNode(lg + "memberId"), ox.Literal("732")),
        (
            member,
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal("梁君彥", language="zh-Hant"),
        ),
        (
            member,
            ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"),
            ox.Literal("Andrew LEUNG", language="en"),
        ),
        (member, ox.NamedNode(lg + "inTerm"), term),
        (
            term,
            ox.NamedNode(lg + "termNumber"),
            ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ),
    ]:
        store.add(ox.Quad(s, p, o, graph))
    directory = MemberDirectory.from_store(store)
    assert directory.resolve("梁君彥議員", "zh-Hant") == IRIS.iri("member/732")
    assert directory.resolve("Hon Andrew LEUNG") == IRIS.iri("member/732")
    assert directory.members[IRIS.iri("member/732")].terms == {7}
