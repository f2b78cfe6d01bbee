"""The Hansard reader on every real Hansard in ../shared/legco-docs (PDF, PDFBox text, HTML from
Word, the floor record's JSON) and on layout variants derived from them: counts are checked
against a plain count of speaker lines in the text, and sample speeches against the text."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest

from loader.decode import decode
from loader.kinds.hansard.detect import detect
from loader.kinds.hansard.forms import NotHansard
from loader.kinds.hansard.markers import find_marker
from loader.kinds.hansard.reader import read
from loader.sources import read_source

DOCS = Path(__file__).resolve().parents[2] / "shared" / "legco-docs"
#: A speaker line as a plain grep finds it: the oracle the reader's speech count is checked by.
_SPEAKER_LINE = re.compile(
    r"^(?:[0-9]+\.\s*)?[^ ：︰，。、(]{0,24}(?:議員|主席|秘書|局長|司長|行政長官)\s*"
    r"(?:\(\s*譯文\s*\)|\(以英語發言\s*\))?\s*[：︰]"
)
_LIST_HEADS = re.compile(r"^(?:出席議員|缺席議員|列席秘書)")


def _doc(name: str) -> Path:
    path = DOCS / name
    if not path.exists():
        pytest.skip(f"../shared/legco-docs/{name} not present: real Hansards are not bundled")
    return path


@cache
def _text(name: str) -> str:
    path = _doc(name)
    return decode(read_source(str(path), cache_dir=None)).text


@cache
def _record(name: str):
    return read(_text(name))


def _grep_speakers(text: str) -> int:
    lines = text.splitlines()
    return sum(1 for line in lines if _SPEAKER_LINE.match(line)) - sum(
        1 for line in lines if _LIST_HEADS.match(line)
    )


@pytest.mark.parametrize(
    "name",
    [
        "hansard-2012-10-10-zh.txt",
        "hansard-2012-11-21-zh.txt",
        "hansard-2012-12-10-zh.txt",
        "hansard-2013-05-15-zh.txt",
    ],
)
def test_every_speaker_line_of_a_pdfbox_hansard_opens_one_speech(name):
    assert len(_record(name).speeches) == _grep_speakers(_text(name))


def test_the_sitting_its_attendance_and_its_end_are_read_from_the_front_matter():
    record = _record("hansard-2012-11-21-zh.txt")
    assert record.date == dt.date(2012, 11, 21)
    assert record.started == dt.time(11, 0)
    assert record.ended == dt.time(21, 56)
    assert {kind: len(people) for kind, people in record.attendance.items()} == {
        "present": 69,
        "absent": 1,
        "officers": 6,
        "clerks": 5,
    }
    president = record.attendance["present"][0]
    assert (president.name, president.post) == ("曾鈺成議員", "主席")
    assert president.honours == ["G.B.S.", "J.P."]
    officer = record.attendance["officers"][3]
    assert (officer.name, officer.post) == ("高永文醫生", "食物及衞生局局長")


def test_an_oral_question_has_its_asker_answer_and_supplementaries_in_order():
    record = _record("hansard-2012-11-21-zh.txt")
    first = [s for s in record.speeches if s.question == 1]
    assert (first[0].label, first[0].part, first[0].page) == ("林健鋒議員", "question", 1498)
    assert first[0].text.startswith("據報，法定最低工資的實施改變了勞動市場的薪酬結構")
    assert (first[1].label, first[1].part) == ("勞工及福利局局長", "answer")
    assert first[1].text.startswith("主席，法定最低工資實施以來，政府一直密切")
    assert first[1].page == 1499
    assert "supplementary" in {s.part for s in first}
    assert record.sections[1].kind == "oral-questions"
    assert first[0].item == "實施法定最低工資的影響"


def test_a_division_has_its_claimant_counts_by_group_each_vote_and_result():
    division = _record("hansard-2012-11-21-zh.txt").divisions[0]
    assert division.claimed_by == "陳鑑林議員"
    assert division.counts == {
        "functional": {"present": 34, "yes": 14, "no": 19, "abstain": 1},
        "geographical": {"present": 35, "yes": 22, "no": 12},
    }
    assert division.result == "negatived"
    assert ("李卓人議員", "yes", "geographical") in division.votes
    assert ("陳鑑林議員", "no", "geographical") in division.votes
    assert ("曾鈺成議員", "present", "geographical") in division.votes
    yes = [v for v in division.votes if v[1] == "yes" and v[2] == "functional"]
    assert len(yes) == 14


def test_the_filibuster_record_has_one_division_per_result_announcement():
    text = _text("hansard-2013-05-15-zh.txt")
    record = _record("hansard-2013-05-15-zh.txt")
    assert len(record.divisions) == text.count("地方選區：") == 258
    assert all(d.result == "negatived" for d in record.divisions)
    assert record.events[-1][0] == "suspended"


def test_the_pdf_and_its_pdfbox_text_give_the_same_speeches_on_the_same_pages():
    from_pdf = _record("hansard-2012-11-21-zh.pdf")
    from_text = _record("hansard-2012-11-21-zh.txt")
    assert [(s.label, s.page, s.question) for s in from_pdf.speeches] == [
        (s.label, s.page, s.question) for s in from_text.speeches
    ]


def test_the_english_and_chinese_versions_of_a_sitting_align_speech_by_speech():
    english = _record("hansard-2015-04-29-en.html")
    chinese = _record("hansard-2015-04-29-zh.html")
    assert len(english.speeches) == len(chinese.speeches) == 139
    for en, zh in zip(english.speeches, chinese.speeches, strict=True):
        assert (en.role, en.question, en.part, en.language) == (
            zh.role,
            zh.question,
            zh.part,
            zh.language,
        )
    shek = next(s for s in english.speeches if s.label == "MR ABRAHAM SHEK" and s.question == 8)
    assert shek.language == "en"
    assert chinese.speeches[shek.order - 1].label == "石禮謙議員"
    assert english.attendance["officers"][0].post == (
        "SECRETARY FOR FINANCIAL SERVICES AND THE TREASURY"
    )


def test_the_floor_record_json_keeps_bookmarks_and_both_names_of_each_attendee():
    record = _record("hansard-2013-10-09-zh.json")
    assert record.date == dt.date(2013, 10, 9)
    assert record.speeches[0].bookmark == "SP_LC_PSD_00007"
    assert record.speeches[0].role == "president"
    english = [s for s in record.speeches if s.label == "MR DENNIS KWOK"]
    assert english and all(s.language == "en" for s in english)
    present = record.attendance["present"][0]
    assert present.other_name == "THE HONOURABLE JASPER TSANG YOK-SING"
    assert len(record.attendance["present"]) == 70
    assert record.divisions[0].claimed_by == "郭家麒議員"


def test_a_division_announced_as_one_count_is_counted_for_all_members():
    division = _record("hansard-2018-01-10-zh.json").divisions[0]
    assert division.counts == {"all": {"present": 55, "yes": 51, "no": 3}}
    assert division.result == "passed"
    assert ("劉業強議員", "yes", None) in division.votes


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t.replace("：", "︰"),
        lambda t: t.replace("：", ":"),
        lambda t: "\n".join(line for line in t.splitlines() if line.strip()),
        lambda t: re.sub(r"(?m)^(\d{1,2})\. ", lambda m: _full_width(m[1]) + ". ", t),
        lambda t: _move_headers_down(t),
    ],
    ids=["colon-fe30", "colon-ascii", "flattened", "full-width-digits", "headers-moved"],
)
def test_layout_variants_of_a_record_read_the_same_speeches(variant):
    original = _record("hansard-2012-11-21-zh.txt")
    varied = read(variant(_text("hansard-2012-11-21-zh.txt")))
    assert [(s.label, s.question, s.part) for s in varied.speeches] == [
        (s.label, s.question, s.part) for s in original.speeches
    ]
    assert len(varied.divisions) == len(original.divisions)


def _full_width(digits: str) -> str:
    return "".join(chr(0xFF10 + int(d)) for d in digits)


def _move_headers_down(text: str) -> str:
    """Each running header and its page number moved three lines further down the page."""
    lines = text.split("\n")
    out: list[str] = []
    held: list[str] = []
    countdown = 0
    for index, line in enumerate(lines):
        if line.startswith("立法會  ─") and index + 2 < len(lines):
            held = [line, lines[index + 1], lines[index + 2]]
            countdown = 6
            continue
        if held and line in held[1:] and countdown == 6:
            continue
        out.append(line)
        if held:
            countdown -= 1
            if countdown == 0:
                out.extend(held)
                held = []
    return "\n".join(out + held)


def test_speaker_markers_name_role_number_and_language_of_delivery():
    marker = find_marker("10. 郭榮鏗議員 (譯文 )：主席，")
    assert (marker.label, marker.role, marker.number, marker.language) == (
        "郭榮鏗議員",
        "member",
        10,
        "en",
    )
    marker = find_marker("DEPUTY PRESIDENT (in Cantonese): Secretary, please hold on.")
    assert (marker.label, marker.role, marker.language) == (
        "DEPUTY PRESIDENT",
        "deputy-president",
        "yue",
    )
    assert find_marker("主席（以普通話發言）︰各位").language == "cmn"
    assert find_marker("食物及衞生局局長：主席").role == "officer"
    assert find_marker("功能團體：") is None
    assert find_marker("出席議員：") is None


def test_text_that_is_not_a_hansard_is_refused_with_a_reason():
    agenda = "立法會\n議程\n2014年4月30日星期三上午11時正\n一、提交文件\n"
    assert detect(agenda) < 0.5
    with pytest.raises(NotHansard, match="title"):
        read(agenda)
    with pytest.raises(NotHansard, match="speeches"):
        read('{"date": "2013-10-9"}')


def test_english_division_lines_give_claimant_votes_counts_and_result():
    from loader.kinds.hansard.divisions import claim_in, result_in, votes_in

    assert claim_in("Mr CHAN Chi-chuen rose to claim a division.") == "Mr CHAN Chi-chuen"
    assert votes_in(
        "Mr James TO, Mr CHAN Chi-chuen and Dr KWOK Ka-ki voted for the amendment."
    ) == (
        ["Mr James TO", "Mr CHAN Chi-chuen", "Dr KWOK Ka-ki"],
        "yes",
    )
    assert votes_in("Mr Abraham SHEK abstained.") == (["Mr Abraham SHEK"], "abstain")
    assert votes_in("Members voted for the amendment.") is None
    announced = (
        "THE CHAIRMAN announced that among the Members returned by functional constituencies, 25 "
        "were present, 7 were in favour of the amendment and 17 against it; while among the "
        "Members returned by geographical constituencies through direct elections, 31 were "
        "present, 16 were in favour of the amendment and 14 against it.  Since the question was "
        "not agreed by a majority of each of the two groups of Members present, he therefore "
        "declared that the amendment was negatived."
    )
    assert result_in(announced) == (
        {
            "functional": {"present": 25, "yes": 7, "no": 17},
            "geographical": {"present": 31, "yes": 16, "no": 14},
        },
        "negatived",
    )
