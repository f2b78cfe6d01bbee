"""A submission whose line breaks were lost (PDF text pasted as one line): its sign-off put back
on lines of its own, so the submitter and date are read as in the printed letter."""

import re

from loader.kinds.common.relayout import is_flat, relayout

_ZH_DIGIT = "〇零○一二三四五六七八九十"
_DATE = (
    rf"(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日"
    rf"|[{_ZH_DIGIT}]{{4}}年[{_ZH_DIGIT}]{{1,2}}月[{_ZH_DIGIT}]{{1,3}}日)"
)
#: ``。香港運輸物流業工會聯會  謹啟二零二六年六月三日`` → name and 謹啟, then the date.
_SIGNED = re.compile(
    r"(?<=[。！？!?])\s*(?P<who>[^。，、；：\n]{2,40}?\s*(?:謹啟|敬啟|謹上|敬上|謹呈|谨启|敬启|谨上))\s*"
)
#: ``。Uber香港團隊2026年6月4日附件：…`` → a short name line over a date line.
_NAME_OVER_DATE = re.compile(
    rf"(?<=[。！？!?])\s*(?P<who>[^。，、；：「」\n]{{2,20}}?)\s*(?P<date>{_DATE})"
    r"(?=\s*(?:$|附件|副本|cc\b|Encl|立法[會会]\s*CB|[A-Z]))"
)
#: A stamp (``立法會CB(3)710/2026(11)號文件``) or a title (``…之回應``, ``…意見書``) opening a line.
_OPENING = re.compile(
    r"^(?P<head>立法[會会]\s*(?:CB|AS)\s*[(（]\s*\d\s*[)）]\s*\d+\s*/\s*\d{2,4}(?:-\d{2})?"
    r"\s*(?:[(（]\s*\d+\s*[)）])?\s*[號号]文件"
    r"|[^。，！？\n]{2,60}?(?:意[見见][書书]|[之的]回[應应]))[ \t]*(?=\S)",
    re.M,
)
#: A numbered section (``一、``) after the end of a sentence.
_SECTION = re.compile(r"(?<=[。：:])\s*(?=[一二三四五六七八九十]{1,3}、)")
#: A date at the start of a line with more text after it.
_DATE_FIRST = re.compile(rf"^(?P<date>{_DATE})[ \t]*(?=\S)", re.M)
#: ``… Yours faithfully, NAME`` (English sign-off).
_EN_CLOSING = re.compile(r"\s+(?P<closing>Yours\s+(?:faithfully|sincerely|truly),?)\s+")


def unflatten(text: str) -> str:
    """``text`` in one layout (``relayout``), and when it was flattened, with its stamp, title,
    sections and sign-off (name, 謹啟, date) put back on lines of their own."""
    flat = is_flat(text)
    text = relayout(text)
    if not flat:
        return text
    for _ in range(2):  # a stamp, then the title after it
        text = _OPENING.sub(lambda m: f"{m['head']}\n", text)
    text = _SECTION.sub("\n", text)
    text = _SIGNED.sub(lambda m: f"\n{m['who']}\n", text)
    text = _NAME_OVER_DATE.sub(lambda m: f"\n{m['who']}\n{m['date']}\n", text)
    text = _EN_CLOSING.sub(lambda m: f"\n{m['closing']}\n", text)
    return _DATE_FIRST.sub(lambda m: f"{m['date']}\n", text)
