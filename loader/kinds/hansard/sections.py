"""The order of business: the headings that open each part of a sitting (papers, questions,
bills, motions, statements, adjournment …), the presiding officer's words that open a part
when the record has no headings, and the question numbers the presiding officer calls."""

from __future__ import annotations

import re
import unicodedata

from loader.text import display_width

#: Section headings of the Council's order of business, Chinese and English.
HEADINGS = {
    "提交文件": "papers",
    "提交文件及報告": "papers",
    "提交呈請書": "petitions",
    "呈請書": "petitions",
    "發言": "addresses",
    "議員質詢的口頭答覆": "oral-questions",
    "質詢的口頭答覆": "oral-questions",
    "議員質詢的書面答覆": "written-questions",
    "質詢的書面答覆": "written-questions",
    "急切質詢": "urgent-questions",
    "急切質詢的口頭答覆": "urgent-questions",
    "聲明": "statements",
    "政府法案": "bills",
    "法案": "bills",
    "議員法案": "bills",
    "政府議案": "motions",
    "議案": "motions",
    "議員議案": "members-motions",
    "根據《議事規則》第16(2)條動議的休會待續議案": "adjournment-debate",
    "休會待續議案": "adjournment-debate",
    "休會": "adjournment",
    "下次會議": "adjournment",
    "暫停會議": "suspension",
    "行政長官答問會": "ce-question-time",
    "行政長官質詢時間": "ce-question-time",
    "附錄": "appendix",
    "TABLING OF PAPERS": "papers",
    "LAYING OF PAPERS": "papers",
    "PAPERS": "papers",
    "PRESENTATION OF PETITIONS": "petitions",
    "PETITIONS": "petitions",
    "PETITION": "petitions",
    "ADDRESSES": "addresses",
    "ADDRESS": "addresses",
    "ORAL ANSWERS TO QUESTIONS": "oral-questions",
    "WRITTEN ANSWERS TO QUESTIONS": "written-questions",
    "URGENT QUESTIONS": "urgent-questions",
    "URGENT QUESTION": "urgent-questions",
    "ORAL ANSWER TO URGENT QUESTION": "urgent-questions",
    "STATEMENTS": "statements",
    "STATEMENT": "statements",
    "BILLS": "bills",
    "GOVERNMENT BILLS": "bills",
    "MEMBERS' BILLS": "bills",
    "MOTIONS": "motions",
    "GOVERNMENT MOTIONS": "motions",
    "GOVERNMENT MOTION": "motions",
    "MEMBERS' MOTIONS": "members-motions",
    "MEMBER'S MOTION": "members-motions",
    "MEMBERS' MOTION": "members-motions",
    "MOTION FOR THE ADJOURNMENT UNDER RULE 16(2) OF THE RULES OF PROCEDURE": "adjournment-debate",
    "ADJOURNMENT MOTION": "adjournment-debate",
    "ADJOURNMENT AND NEXT SITTING": "adjournment",
    "NEXT MEETING": "adjournment",
    "ADJOURNMENT": "adjournment",
    "SUSPENSION OF MEETING": "suspension",
    "CHIEF EXECUTIVE'S QUESTION AND ANSWER SESSION": "ce-question-time",
    "CHIEF EXECUTIVE'S QUESTION TIME": "ce-question-time",
    "APPENDIX": "appendix",
    "APPENDIX I": "appendix",
}
#: Question sections: a numbered speaker marker in one of them asks question N.
QUESTION_SECTIONS = {"oral-questions", "written-questions", "urgent-questions"}
#: The presiding officer's words that open a part when there is no heading (the JSON form).
_CUES = [
    (re.compile(r"^(?:提交文件|Papers|Laying of papers)"), "papers"),
    (re.compile(r"^(?:提交呈請書|Presentation of petitions|Petitions?)"), "petitions"),
    (re.compile(r"^(?:急切質詢|Urgent questions?)[。.]"), "urgent-questions"),
    (re.compile(r"^(?:質詢|Questions)[。.]"), "oral-questions"),
    (re.compile(r"^(?:法案|Bills)[。.]"), "bills"),
    (re.compile(r"^(?:議員議案|Members' motions)[。.]"), "members-motions"),
    (re.compile(r"^(?:政府議案|議案|Motions|Government motions?)[。.]"), "motions"),
    (re.compile(r"^(?:聲明|Statements?)[。.]"), "statements"),
    (re.compile(r"^(?:發言|Addresses?)[。.]"), "addresses"),
    (re.compile(r"^(?:休會|Adjournment)(?:待續)?[。.]"), "adjournment-debate"),
]
_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_DIGITS["零"] = 0
_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
        "twenty-first twenty-second".split()
    )
}
_ZH_CALL = re.compile(r"第\s*([一二三四五六七八九十零〇]{1,4}|\d{1,2})\s*項(?:口頭|急切)?質詢")
_EN_CALL = re.compile(
    r"\b(?P<ordinal>[A-Za-z]+(?:-[a-z]+)?) (?:oral |urgent )?question\b|\bQuestion (?P<n>\d{1,2})\b"
)


def heading_kind(text: str) -> str | None:
    """The section a heading opens, or None when ``text`` is not an order-of-business heading."""
    key = unicodedata.normalize("NFKC", " ".join(text.split())).strip().rstrip("：:")
    key = re.sub(r"(?<=[\u3400-\u9fff《》]) (?=[\u3400-\u9fff《》\d])", "", key)
    return HEADINGS.get(key.upper()) or HEADINGS.get(re.sub(r"\s*[(（].*[)）]$", "", key).upper())


def cue_kind(text: str) -> str | None:
    """The section the presiding officer opens with ``text`` (``質詢。``, ``Bills.``), if any."""
    text = text.strip()
    for pattern, kind in _CUES:
        if pattern.match(text):
            return kind
    return None


def called_question(text: str) -> int | None:
    """The question number the presiding officer calls (``第一項質詢``, ``Third question``)."""
    found = _ZH_CALL.search(text)
    if found:
        return chinese_number(found[1])
    found = _EN_CALL.search(text)
    if found and found["n"]:
        return int(found["n"])
    if found:
        return _ORDINALS.get(found["ordinal"].casefold())
    return None


def chinese_number(text: str) -> int | None:
    """``十二`` → 12, ``二十`` → 20, ``7`` → 7."""
    text = unicodedata.normalize("NFKC", text)
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)
    value = 0
    for char in text:
        if char not in _DIGITS:
            return None
        value = value * 10 + _DIGITS[char]
    return value


def is_item_heading(text: str) -> bool:
    """A short line without sentence punctuation: a question's subject, a bill's or a motion's
    title (decided together with what follows it, by the reader)."""
    text = text.strip()
    if not text or display_width(text) > 120 or text[0] in "(（":
        return False
    if re.search(r"[。？！；：︰?!;]", text) or text[-1] in ".,，、":
        return False
    return not re.fullmatch(r"[\d\s.,/%()-]+", text)
