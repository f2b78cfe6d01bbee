"""Clean-up of PDF/HTML extraction artefacts and language detection (matching keys: loader.names).

``clean_text`` is idempotent: cleaning an already-cleaned copy changes nothing, so a document
and its cleaned copy load into the identical graph.
"""

import re
import unicodedata
from functools import cache

import opencc

#: CJK ideographs, kana, CJK punctuation and full-width forms.
CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002fa1f"
)
#: CJK without the full-width digits and Latin letters (``１４ April ２００８`` is English text
#: printed wide: its spaces and line breaks are kept as between narrow digits).
_CJK_TEXT = CJK.replace("\uff00-\uffef", "\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uffef")
#: Curly quotes count as CJK punctuation when they touch a CJK character.
QUOTES = "\u2018\u2019\u201c\u201d"
_CJK_CHAR = re.compile(rf"[{_CJK_TEXT}{QUOTES}]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_LATIN = re.compile(r"[A-Za-z]")

_PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]|Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?"
    r"|第\s*\d{1,4}\s*頁(?:\s*[,，]?\s*共\s*\d{1,4}\s*頁)?)\s*$",
    re.IGNORECASE,
)
#: A saved copy's note about its source (``# SOURCE-URL: …``, ``# KIND: …``): a line of its own.
_NOTE_LINE = re.compile(r"^#\s*[A-Z][A-Z()_ -]{2,40}?(?:[:：]|\s-\s)")
_URL = re.compile(r"https?://\S+")
_ENDS_WITH_URL = re.compile(r"https?://\S+$")
_NEW_PARAGRAPH = re.compile(
    r"^(?:\d{1,3}\.(?:\s|(?=[^\d\s]))|[(（](?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})[)）]"
    r"|[IVX]{1,6}\.\s|[•●▪◆\u2022]\s?|https?://)"
)
_TERMINAL = "。；：！？.;:!?"
_SOFT_PUNCTUATION = "，、,"
_CLOSERS = "”’」』》)）]"
#: English words whose trailing full stop does not end a sentence ("LC Paper No." + number).
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:No|Nos|Cap|para|paras|Mr|Ms|Mrs|Dr|Hon|Ir|Prof|i\.e|e\.g)\.)$"
)
#: A line at least this wide (CJK counts double) is a full line of running text.
FULL_LINE_WIDTH = 40

#: Two or more spaces between words: a gap between table columns, not a sentence.
_COLUMN_GAP = re.compile(r"[^\s.;:!?。；：)）]  (?=\S)")
_SPACE_RUN = re.compile(r"[ \t\u00a0\u3000]{2,}")
_SPACE_FIXES = [
    (re.compile(rf"(?<=[{CJK}]) (?=[{CJK}{QUOTES}])"), ""),
    (re.compile(rf"(?<=[{CJK}{QUOTES}]) (?=[{CJK}])"), ""),
    (re.compile(rf"(?<=[{_CJK_TEXT}]) (?=[0-9A-Za-z(/])"), ""),
    (re.compile(rf"(?<=[0-9A-Za-z)/]) (?=[{_CJK_TEXT}])"), ""),
    (re.compile(r"(?<=[(（“‘《「『\[]) +"), ""),
    (re.compile(r" +(?=[)）”’》」』\]])"), ""),
]


def clean_text(text: str) -> str:
    """Text with extraction artefacts removed: stray spaces, page numbers, broken lines."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n").replace("\u200b", "")
    lines = [_clean_line(line) for line in text.split("\n")]
    lines = [line for line in lines if not _PAGE_NUMBER_LINE.match(line)]
    blocks: list[_Block] = []
    blank_seen = False
    for index, line in enumerate(lines):
        if not line:
            blank_seen = True
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        if blocks and _joins(blocks[-1], line, following, across_blank=blank_seen):
            blocks[-1].extend(line)
        else:
            blocks.append(_Block(line, gap_before=blank_seen and bool(blocks)))
        blank_seen = False
    out: list[str] = []
    for block in blocks:
        if block.gap_before:
            out.append("")
        out.append(block.text())
    return "\n".join(out) + ("\n" if out else "")


class _Block:
    """A paragraph built line by line, in time linear in its length.

    A join only re-cleans the block's last word (at most ``_TAIL`` characters) with the new line:
    cleaning changes only whitespace and decides each space by its neighbours, and the block is
    clean already, so everything before the last word stays as it is. What ``_joins`` asks of
    the block is kept up to date from the appended text alone.
    """

    def __init__(self, line: str, *, gap_before: bool) -> None:
        self.gap_before = gap_before
        self.pieces: list[str] = []
        self.length = 0
        self.recent = ""
        self.ends_with_url = bool(_ENDS_WITH_URL.search(line))
        self.is_note = bool(_NOTE_LINE.match(line))
        self.has_column_gap = False
        self.paren_before: str | None = None
        self.before_closers = ""
        self.solid = ""
        self.tail = ""
        self._append(line)

    def text(self) -> str:
        """The block's text."""
        return "".join(self.pieces)

    def extend(self, line: str) -> None:
        """Join ``line`` to the block as ``_clean_line(_join(block, line))`` would."""
        new = _clean_line(_join(self.tail, line))
        self.ends_with_url = bool(_ENDS_WITH_URL.search(new))
        self._append(new[len(self.tail) :])

    def _append(self, added: str) -> None:
        before = self.recent
        self.pieces.append(added)
        self.length += len(added)
        self.recent = (before + added)[-_RECENT:]
        self.has_column_gap |= bool(_COLUMN_GAP.search(before[-1:] + added))
        opening = max(added.rfind("("), added.rfind("（"))
        if opening >= 0:
            self.paren_before = (before + added[:opening]).rstrip()[-1:] or self.solid
        self.solid = added.rstrip()[-1:] or self.solid
        if stripped := added.rstrip(_CLOSERS):
            self.before_closers = (before + stripped)[-_RECENT:]
        tail = self.tail + added
        space = next((i for i in range(len(tail) - 1, -1, -1) if tail[i].isspace()), -1)
        self.tail = tail[space + 1 :][-_TAIL:]

    def last(self) -> str:
        """The block's last character."""
        return self.recent[-1]

    def is_wide(self) -> bool:
        """Whether the block is a full line of running text (every character is 1 or 2 wide)."""
        if self.length >= FULL_LINE_WIDTH:
            return True
        return display_width(self.recent) >= FULL_LINE_WIDTH

    def ends_sentence(self) -> bool:
        """True when the block ends a sentence, also with a parenthesis after the full stop."""
        if self.last() in ")）" and self.paren_before and self.paren_before in _TERMINAL:
            return True
        if not self.before_closers:
            return False  # nothing but closing brackets and quotes
        if self.before_closers[-1] not in _TERMINAL:
            return False
        return not (self.before_closers[-1] == "." and _ABBREVIATIONS.search(self.before_closers))


#: How much of a block's end is kept at hand: more than the longest look-behind of any check.
_RECENT = 64
#: The most of a block's last word that a join re-cleans; longer words are cut (no URL in them).
_TAIL = 64


def _clean_line(line: str) -> str:
    """One line with its stray spaces removed; runs of spaces (column gaps) kept as two."""
    parts = _URL.split(line)
    urls = _URL.findall(line)
    cleaned = []
    for part in parts:
        part = part.replace("\t", "  ").replace("\u00a0", " ").replace("\u3000", " ")
        part = _SPACE_RUN.sub("  ", part)
        for pattern, replacement in _SPACE_FIXES:
            part = pattern.sub(replacement, part)
        cleaned.append(part)
    merged = cleaned[0]
    for url, part in zip(urls, cleaned[1:], strict=True):
        merged += url + part
    return merged.strip()


def _joins(block: _Block, line: str, following: str | None, *, across_blank: bool) -> bool:
    """True when ``line`` continues the sentence that ``block`` leaves open."""
    if block.ends_sentence() or _NEW_PARAGRAPH.match(line) or block.ends_with_url:
        return False
    if block.is_note or _NOTE_LINE.match(line):
        return False
    if block.has_column_gap or _COLUMN_GAP.search(line):
        return False
    if not block.is_wide() or _is_standalone(line, following):
        return False
    if _is_cjk(block.last()) or _is_cjk(line[0]):
        return True
    return not across_blank or line[0].islower()


def _is_standalone(line: str, following: str | None) -> bool:
    """A short line without punctuation before a break: a heading, caption or table cell."""
    if display_width(line) >= FULL_LINE_WIDTH:
        return False
    if any(mark in line for mark in _TERMINAL[:5] + _SOFT_PUNCTUATION[:2]):
        return False
    stripped = line.rstrip(_CLOSERS) or line
    if stripped[-1] in _TERMINAL + _SOFT_PUNCTUATION:
        return False
    return not following or bool(_NEW_PARAGRAPH.match(following))


def _join(block: str, line: str) -> str:
    """Two pieces of one sentence: no space between CJK, after "/" or a hyphen; else one."""
    if _is_cjk(block[-1]) or _is_cjk(line[0]) or block.endswith(("/", "-")):
        return block + line
    return block + " " + line


def _is_cjk(char: str) -> bool:
    return bool(_CJK_CHAR.match(char))


def display_width(text: str) -> int:
    """Width of ``text`` in columns: wide characters (and curly quotes among CJK) count two."""
    quote_width = 2 if _HAN.search(text) else 1
    return sum(
        quote_width if c in QUOTES else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def detect_language(text: str) -> str:
    """``zh-Hant``, ``zh-Hans`` or ``en``: the share of Han among letters (URLs aside), then
    whether more of them change under OpenCC's Traditional→Simplified or the reverse."""
    text = _URL.sub(" ", text)
    han = "".join(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if not han or len(han) < 0.25 * (len(han) + latin):
        return "en"
    sample = han[:20000]
    traditional_only = _changed(sample, _converter("t2s"))
    simplified_only = _changed(sample, _converter("s2t"))
    return "zh-Hans" if simplified_only > traditional_only else "zh-Hant"


def _changed(text: str, converter: opencc.OpenCC) -> int:
    converted = converter.convert(text)
    if len(converted) != len(text):
        return abs(len(converted) - len(text))
    return sum(1 for a, b in zip(text, converted, strict=True) if a != b)
