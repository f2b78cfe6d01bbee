"""clean_text joins lines in linear time and gives exactly what the old quadratic joining gave.

The oracle below is the previous algorithm (each join re-cleaned and re-scanned the whole
block); it lives only here, to check the linear one on random text.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loader import text as t
from loader.text import clean_text


def _oracle_clean_text(text: str) -> str:
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n").replace("\u200b", "")
    lines = [t._clean_line(line) for line in text.split("\n")]
    lines = [line for line in lines if not t._PAGE_NUMBER_LINE.match(line)]
    blocks: list[str] = []
    gap_before: list[bool] = []
    blank_seen = False
    for index, line in enumerate(lines):
        if not line:
            blank_seen = True
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        if blocks and _oracle_joins(blocks[-1], line, following, across_blank=blank_seen):
            blocks[-1] = t._clean_line(t._join(blocks[-1], line))
        else:
            blocks.append(line)
            gap_before.append(blank_seen and len(blocks) > 1)
        blank_seen = False
    out: list[str] = []
    for block, gap in zip(blocks, gap_before, strict=True):
        if gap:
            out.append("")
        out.append(block)
    return "\n".join(out) + ("\n" if out else "")


def _oracle_joins(block: str, line: str, following: str | None, *, across_blank: bool) -> bool:
    if _oracle_ends_sentence(block) or t._NEW_PARAGRAPH.match(line):
        return False
    if t._ENDS_WITH_URL.search(block):
        return False
    if t._COLUMN_GAP.search(block) or t._COLUMN_GAP.search(line):
        return False
    if t.display_width(block) < t.FULL_LINE_WIDTH or t._is_standalone(line, following):
        return False
    if t._is_cjk(block[-1]) or t._is_cjk(line[0]):
        return True
    return not across_blank or line[0].islower()


def _oracle_ends_sentence(block: str) -> bool:
    if block[-1] in ")）" and "(" in block.replace("（", "("):
        opening = max(block.rfind("("), block.rfind("（"))
        before = block[:opening].rstrip()
        if before and before[-1] in t._TERMINAL:
            return True
    stripped = block.rstrip(t._CLOSERS) or block
    if stripped[-1] not in t._TERMINAL:
        return False
    return not (stripped[-1] == "." and t._ABBREVIATIONS.search(stripped))


#: Pieces that exercise every rule: words, CJK, punctuation, brackets, URLs, odd spaces.
PIECES = [
    "the",
    "Council",
    "No.",
    "Cap.",
    "e.g.",
    "會議",
    "立法會",
    "主席",
    "，",
    "。",
    "；",
    ".",
    ":",
    "(",
    ")",
    "（",
    "）",
    "“",
    "”",
    "‘",
    "’",
    "「",
    "」",
    "http://",
    "https://x.hk/a",
    "/",
    "-",
    "1.",
    "(a)",
    "•",
    "  ",
    " ",
    "\t",
    "\u00a0",
    "\u3000",
    "\u2003",
    "\n",
    "\n\n",
    "\f",
    "- 3 -",
    "Page 2",
    "a" * 30,
    "字" * 25,
    "x",
    "http:/",
    "/y",
    ")))",
    "Mr.",
    "ABC  DEF",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=120))
def test_clean_text_matches_the_previous_algorithm_on_random_text(parts: list[str]) -> None:
    text = "".join(parts)
    assert clean_text(text) == _oracle_clean_text(text)


def test_joining_a_long_paragraph_re_cleans_only_its_end(monkeypatch) -> None:
    # 200 kB of running text in short lines took ~40 s: every join re-cleaned the whole block,
    # so the characters cleaned grew with the square of the paragraph. Now they grow linearly.
    cleaned: list[int] = []
    original = t._clean_line

    def counting(line: str) -> str:
        cleaned.append(len(line))
        return original(line)

    monkeypatch.setattr(t, "_clean_line", counting)
    line = "the Council resolved that the matter be referred to the Panel for further\n"
    text = line * 3000
    assert clean_text(text).count("\n") == 1  # one paragraph
    assert sum(cleaned) < 4 * len(text)


def test_long_cjk_paragraph_is_one_block_and_identical_to_the_previous_algorithm() -> None:
    text = ("立法會主席宣布會議開始並請秘書讀出議程各項目的內容以及有關文件" * 3 + "\n") * 200
    assert clean_text(text) == _oracle_clean_text(text)
