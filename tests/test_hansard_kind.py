"""The ``hansard`` kind on every real Hansard in ../shared/legco-docs: the sitting, attendance,
sections, speeches and speakers as linked data, SHACL-valid; the English and Chinese records of
one sitting giving one node per speech; divisions keyed as vrdb keys its votes
(tests/test_hansard_votes.py checks every recorded vrdb vote)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from loader.decode import decode
from loader.kinds.common import NotReadable
from loader.kinds.hansard import detect, extract
from loader.kinds.hansard.reader import read
from loader.settings import DEFAULT_BASE_IRI
from loader.sources import read_source
from loader.text import clean_text, detect_language
from loader.validate import ensure_valid
from loader.vocab import LG

SHARED = Path(__file__).resolve().parents[2] / "shared"
DOCS = SHARED / "legco-docs"
HANSARDS = sorted(p.name for p in DOCS.glob("hansard-*") if p.suffix != ".pdf") or ["absent"]
MEMBER = re.compile(rf"^{re.escape(DEFAULT_BASE_IRI)}member/\d+$")


@cache
def _text(name: str) -> str:
    path = DOCS / name
    if not path.exists():
        pytest.skip(f"../shared/legco-docs/{name} not present: real Hansards are not bundled")
    return clean_text(decode(read_source(str(path), cache_dir=None)).text)


@cache
def _graph(name: str) -> Graph:
    text = _text(name)
    return extract(text, language=detect_language(text), base_iri=DEFAULT_BASE_IRI).graph


def _speeches(graph: Graph) -> list[URIRef]:
    return sorted(
        graph.subjects(RDF.type, LG.Speech), key=lambda s: int(graph.value(s, LG.position))
    )


@pytest.mark.parametrize("name", HANSARDS)
def test_every_hansard_is_detected_and_loads_valid(name: str) -> None:
    text = _text(name)
    assert detect(text) >= 0.5
    ensure_valid(_graph(name), name)


@pytest.mark.parametrize("name", HANSARDS)
def test_the_record_names_its_sitting_attendance_sections_and_every_speech(name: str) -> None:
    record = read(_text(name))
    graph = _graph(name)
    meeting = URIRef(f"{DEFAULT_BASE_IRI}meeting/council/{record.date.isoformat()}")
    document = URIRef(f"{meeting}/hansard")
    assert (document, LG.forMeeting, meeting) in graph
    attendees = sum(len(people) for people in record.attendance.values())
    assert len(set(graph.subjects(RDF.type, LG.Attendance))) == attendees > 0
    sections = set(graph.subjects(LG.partOfDocument, document))
    assert len(sections) == len(record.sections) + sum(len(s.items) for s in record.sections)
    speeches = _speeches(graph)
    assert len(speeches) == len(record.speeches)
    for speech, read_speech in zip(speeches, record.speeches, strict=True):
        assert str(graph.value(speech, LG.speakerLabel)) == read_speech.label
        assert (speech, LG.spokenAt, meeting) in graph


@pytest.mark.parametrize("name", HANSARDS)
def test_members_who_speak_resolve_to_curated_member_nodes(name: str) -> None:
    graph = _graph(name)
    members = [s for s in _speeches(graph) if str(graph.value(s, LG.speakerRole)) == "member"]
    resolved = [s for s in members if MEMBER.match(str(graph.value(s, LG.speaker)))]
    assert len(resolved) >= 0.9 * len(members)


@pytest.mark.parametrize("name", HANSARDS)
def test_the_presiding_officer_is_the_member_the_attendance_list_names(name: str) -> None:
    graph = _graph(name)
    presided = [s for s in _speeches(graph) if str(graph.value(s, LG.speakerRole)) == "president"]
    speakers = {graph.value(s, LG.speaker) for s in presided}
    if presided:
        assert len(speakers) == 1 and MEMBER.match(str(speakers.pop()))


def test_a_speech_keeps_its_words_as_the_record_prints_them() -> None:
    text = re.sub(r"\s+", "", _text("hansard-2012-11-21-zh.txt"))
    graph = _graph("hansard-2012-11-21-zh.txt")
    for speech in _speeches(graph)[::25]:
        words = str(graph.value(speech, LG.text) or "")
        # a page break may fall inside a sentence: compare the first words
        assert re.sub(r"\s+", "", words)[:16] in text


def test_the_floor_records_bookmark_keys_the_speech_as_hansarddb_does() -> None:
    graph = _graph("hansard-2018-01-10-zh.json")
    marks = {str(graph.value(s, LG.bookmark)): s for s in _speeches(graph)}
    for mark, speech in marks.items():
        assert str(speech).endswith(f"/speech/{int(mark.rsplit('_', 1)[1])}")
        assert str(graph.value(speech, URIRef("http://xmlns.com/foaf/0.1/page"))).endswith(
            f"#nameddest={mark}"
        )


def test_english_and_chinese_records_of_one_sitting_give_one_node_per_speech() -> None:
    english, chinese = _graph("hansard-2015-04-29-en.html"), _graph("hansard-2015-04-29-zh.html")
    assert set(_speeches(english)) == set(_speeches(chinese))
    merged = english + chinese
    same = 0
    for speech in _speeches(merged):
        languages = {text.language for text in merged.objects(speech, LG.text)}
        assert {"en", "zh-Hant"} <= languages | {"zh-Hant"}
        roles = set(merged.objects(speech, LG.speakerRole))
        speakers = set(merged.objects(speech, LG.speaker))
        same += len(roles) == 1 and len(speakers) <= 1
    assert same >= 0.9 * len(_speeches(merged))


def test_a_division_is_the_vote_node_vrdb_makes_for_that_vote_number() -> None:
    graph = _graph("hansard-2013-10-09-zh.json")
    event = URIRef(f"{DEFAULT_BASE_IRI}vote/council/2013-10-09/1")
    assert (event, RDF.type, LG.VoteEvent) in graph
    assert (event, LG.voteResult, LG.Negatived) in graph
    count = URIRef(f"{event}/count/fc")
    assert int(graph.value(count, LG.presentCount)) == 34
    votes = set(graph.subjects(LG.voteEvent, event))
    assert len(votes) == len(read(_text("hansard-2013-10-09-zh.json")).divisions[0].votes)


@pytest.mark.parametrize(
    "text",
    ['{"value": [{"a": 1}]}', '{"speeches": [], "date": "2020-1-1"}', "{}"],
    ids=["odata", "keys-without-attendance", "empty"],
)
def test_other_json_is_not_taken_for_a_hansard(text: str) -> None:
    assert detect(text) == 0.0
    with pytest.raises(NotReadable):
        extract(text, language="en", base_iri=DEFAULT_BASE_IRI)
