"""When a brief's concerns were raised: lg:raisedAt / lg:raisedAtOneOf and dcterms:date from the
meetings the text names, on the real seed brief, variants derived from it, and the fixtures."""

from pathlib import Path

import pyoxigraph as ox
import pytest
from brief_support import BASE, FIXTURES, SAMPLE, query_rows, store_of

from loader.kinds.brief import extract
from loader.paths import ROOT
from loader.text import clean_text, detect_language

SEED = ROOT.parent / "shared" / "seeds" / SAMPLE.name
#: The seed brief's dating paragraphs in English (ours, not LegCo's): kept out of the fixtures
#: folder the cookbook and the fault tests load, since it repeats the seed's meetings.
DERIVED = ROOT / "tests" / "data" / "briefs-dated"
BRIEF = "meeting/panel/itb/2024-04-08/brief/7e191147"
#: Paragraph 9 of the seed: the Panel's four meetings and the Subcommittee's two, in one sentence.
SIX = frozenset(
    {
        "meeting/panel/itb/2023-02-13",
        "meeting/panel/itb/2023-03-20",
        "meeting/panel/itb/2023-11-13",
        "meeting/panel/itb/2023-12-12",
        "meeting/2022/hs01/2023-01-31",
        "meeting/2022/hs01/2023-04-25",
    }
)


def _short(iri: str) -> str:
    return iri.removeprefix(BASE)


def _store_of_text(text: str) -> ox.Store:
    text = clean_text(text)
    return store_of(extract(text, language=detect_language(text), base_iri=BASE).graph)


def _variant(*replacements: tuple[str, str]) -> ox.Store:
    """The seed brief with each ``(old, new)`` applied once to its cleaned text."""
    text = clean_text(SAMPLE.read_text(encoding="utf-8"))
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return _store_of_text(text)


def _dating(store: ox.Store) -> dict[str, tuple[str, str, frozenset[str]]]:
    """Each contribution → (its date, its lg:raisedAt, its lg:raisedAtOneOf meetings)."""
    rows = query_rows(
        store,
        """SELECT ?c ?date ?at ?one WHERE { ?c a lg:Contribution .
             OPTIONAL { ?c dcterms:date ?date } OPTIONAL { ?c lg:raisedAt ?at }
             OPTIONAL { ?c lg:raisedAtOneOf ?one } }""",
    )
    out: dict[str, tuple[str, str, frozenset[str]]] = {}
    for contribution, date, at, one in rows:
        _, _, ones = out.get(_short(contribution), ("", "", frozenset()))
        out[_short(contribution)] = (date, _short(at), ones | ({_short(one)} if one else set()))
    return out


def _of(dating: dict[str, tuple[str, str, frozenset[str]]], paragraph: int, kind: str, n: int):
    return dating[f"{BRIEF}/para/{paragraph}/{kind}/{n}"]


@pytest.mark.parametrize("path", [SAMPLE, SEED], ids=["bundled-sample", "shared-seed"])
def test_real_brief_concerns_were_raised_at_one_of_the_six_meetings_paragraph_9_names(
    path: Path,
) -> None:
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not checked out)")
    text = clean_text(path.read_text(encoding="utf-8"))
    dating = _dating(store_of(extract(text, language="zh-Hant", base_iri=BASE).graph))
    assert len(dating) == 31
    for date, at, ones in dating.values():
        assert (date, at, ones) == ("2023", "", SIX)
    assert _of(dating, 10, "concern", 1)[2] == SIX
    assert _of(dating, 14, "concern", 2)[2] == SIX
    assert _of(dating, 21, "response", 1)[2] == SIX


def test_the_shared_year_is_typed_as_a_year_and_the_meetings_are_typed_and_dated() -> None:
    store = _variant()
    rows = query_rows(
        store,
        f"""SELECT DISTINCT (DATATYPE(?d) AS ?type) ?m ?when ?committee WHERE {{
              <{BASE}{BRIEF}/para/12/concern/1> dcterms:date ?d ; lg:raisedAtOneOf ?m .
              ?m a lg:Meeting ; dcterms:date ?when ; lg:committee ?committee }}""",
    )
    assert {row[0] for row in rows} == {"http://www.w3.org/2001/XMLSchema#gYear"}
    assert {(_short(m), when, _short(c)) for _, m, when, c in rows} == {
        (m, m[-10:], "committee/" + m.removeprefix("meeting/")[:-11]) for m in SIX
    }
    own = f"<{BASE}meeting/panel/itb/2024-04-08>"
    assert not query_rows(store, f"SELECT ?c WHERE {{ ?c lg:raisedAt|lg:raisedAtOneOf {own} }}")


def test_full_width_digits_give_the_same_meetings() -> None:
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    old = "2023年2月13日、3月20日、11月13日及12月12日"
    dating = _dating(_variant((old, old.translate(full_width))))
    assert {ones for _, _, ones in dating.values()} == {SIX}


def test_an_english_brief_derived_from_the_seed_gives_the_same_meetings() -> None:
    dating = _dating(_store_of_text((DERIVED / "brief-en-itb.txt").read_text(encoding="utf-8")))
    assert len(dating) == 6
    assert {(date, at, ones) for date, at, ones in dating.values()} == {("2023", "", SIX)}


def test_a_paragraph_naming_one_meeting_dates_its_own_concern_and_reply_to_it() -> None:
    dating = _dating(_variant(("12. 議員詢問", "12. 事務委員會在2023年3月20日的會議上，議員詢問")))
    expected = ("2023-03-20", "meeting/panel/itb/2023-03-20", frozenset())
    assert _of(dating, 12, "concern", 1) == expected
    assert _of(dating, 12, "response", 1) == expected
    assert _of(dating, 13, "concern", 1)[2] == SIX


@pytest.mark.parametrize(
    ("opening", "meeting"),
    [
        ("事務委員會在2023年3月20日的會議上，", "meeting/panel/itb/2023-03-20"),
        ("在20.3.2023的事務委員會會議上，", "meeting/panel/itb/2023-03-20"),
        ("小組委員會在2023年4月25日的會議上，", "meeting/2022/hs01/2023-04-25"),
        ("財務委員會於2023年5月19日的會議上，", "meeting/fc/2023-05-19"),
    ],
)
def test_the_committee_and_date_format_of_a_meeting_statement_are_read(
    opening: str, meeting: str
) -> None:
    dating = _dating(_variant(("21. 議員詢問", f"21. {opening}議員詢問")))
    assert _of(dating, 21, "concern", 1) == (meeting[-10:], meeting, frozenset())


@pytest.mark.parametrize(
    ("opening", "meeting"),
    [
        ("At the meeting on 20 March 2023, members", "meeting/panel/itb/2023-03-20"),
        ("At the meeting of the Panel held on 20.3.2023, members", "meeting/panel/itb/2023-03-20"),
        (
            "At its meeting on 25.4.2023, the Subcommittee noted that members",
            "meeting/2022/hs01/2023-04-25",
        ),
        (
            "At the meeting of the Finance Committee on 19 May 2023, members",
            "meeting/fc/2023-05-19",
        ),
    ],
)
def test_english_meeting_statements_name_their_committee_and_date(
    opening: str, meeting: str
) -> None:
    text = (DERIVED / "brief-en-itb.txt").read_text(encoding="utf-8")
    text = text.replace("6.    Some members", f"6.    {opening}", 1)
    dating = _dating(_store_of_text(text))
    concern = "paper/CB1-310-2024-04/para/6/concern/1"
    assert dating[concern] == (meeting[-10:], meeting, frozenset())
    assert dating["paper/CB1-310-2024-04/para/5/concern/1"][2] == SIX


def test_a_meeting_named_by_month_only_gives_the_month_and_no_meeting() -> None:
    dating = _dating(_variant(("21. 議員詢問", "21. 事務委員會在2023年11月的會議上，議員詢問")))
    assert _of(dating, 21, "concern", 1) == ("2023-11", "", frozenset())
    text = (DERIVED / "brief-en-itb.txt").read_text(encoding="utf-8")
    text = text.replace("6.    Some members", "6.    At the meeting in November 2023, some members")
    dating = _dating(_store_of_text(text))
    assert dating["paper/CB1-310-2024-04/para/6/concern/1"] == ("2023-11", "", frozenset())


def test_without_words_handing_the_meetings_on_later_paragraphs_get_none() -> None:
    dating = _dating(_variant(("議員提出的主要意見及關注事項綜述於下文各段。", "")))
    assert set(dating.values()) == {("", "", frozenset())}


def test_a_meeting_named_after_the_speaker_or_after_the_brief_is_not_where_it_was_raised() -> None:
    dating = _dating(
        _variant(
            ("12. 議員詢問", "12. 政府當局表示會在2023年12月12日的會議上匯報。議員詢問"),
            ("21. 議員詢問", "21. 政府當局將於2024年4月8日的會議上匯報。議員詢問"),
        )
    )
    assert _of(dating, 12, "concern", 1)[2] == SIX
    assert _of(dating, 21, "concern", 1) == ("2023", "", SIX)


def test_a_summary_spanning_two_years_gives_no_date_and_each_meeting() -> None:
    dating = _dating(_store_of_text((FIXTURES / "brief-zh-other.txt").read_text("utf-8")))
    assert set(dating.values()) == {("", "", frozenset())}
    text = (FIXTURES / "brief-zh-other.txt").read_text("utf-8")
    text = text.replace("討論相關事宜。", "討論相關事宜。委員的主要意見及關注事項綜述於下文各段。")
    dating = _dating(_store_of_text(text))
    ones = {
        "meeting/panel/ea/2023-10-23",
        "meeting/panel/ea/2023-11-27",
        "meeting/panel/ea/2024-01-22",
    }
    assert set(dating.values()) == {("", "", frozenset(ones))}


def test_the_english_fixture_summary_dates_its_concerns_to_the_panel_s_three_meetings() -> None:
    dating = _dating(_store_of_text((FIXTURES / "brief-en.txt").read_text("utf-8")))
    three = {
        "meeting/panel/tp/2023-01-16",
        "meeting/panel/tp/2023-06-19",
        "meeting/panel/tp/2023-11-20",
    }
    assert set(dating.values()) == {("2023", "", frozenset(three))}
