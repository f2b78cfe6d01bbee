"""Members' concerns and the Administration's replies in the discussion paragraphs."""

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from loader.kinds.common.crossrefs import editorial_notes, end_before_notes
from loader.names import HONORIFIC
from loader.vocab import LG

_CONCERN_ZH = re.compile(
    r"(?P<who>(?:另有|亦有|也有|有|部分|多名|個別|一些|數名|某些|其他|不少)?(?:議員|委員))"
    r"(?:亦|又|並|均|都|則|也|同時|更)?"
    r"(?P<verb>詢問|問及|查詢|質疑|認為|關注|擔心|擔憂|表示|指出|促請|要求|建議|提議|希望|提出(?!的))"
)
_RESPONSE_ZH = re.compile(
    r"(?P<who>政府當局|當局|政府)(?:亦|並|則|又|也|隨即)?"
    r"(?P<verb>回應時表示|回應指|回應表示|回應稱|回應說|回應|表示|解釋|答稱|答覆|回覆|澄清|指出"
    r"|指(?![引標定令南數])|確認|告知|重申|強調|承諾|說明)"
)
_CONCERN_EN = re.compile(
    r"\b(?P<who>(?:some|many|several|a few|other|individual|some other)?\s*members?|a member"
    r"|another member|one member)\s+(?:also\s+|further\s+|generally\s+|however\s+)?"
    r"(?P<verb>asked|enquired|queried|sought|questioned|considered|expressed|were concerned"
    r"|was concerned|raised|pointed out|noted|opined|took the view|urged|suggested|requested"
    r"|called on|called for|recommended|proposed)\b",
    re.I,
)
_RESPONSE_EN = re.compile(
    r"\b(?P<who>the Administration|the Government|the Bureau|the Department)\s+"
    r"(?:also\s+|further\s+|however\s+)?(?P<verb>responded|replied|advised|explained|said"
    r"|stated|assured|clarified|pointed out|confirmed|undertook|informed|added|reiterated"
    r"|stressed|indicated)\b",
    re.I,
)
_CONCERN_VERBS_EN = (
    r"asked|enquired|queried|sought|questioned|considered|expressed|were concerned|was concerned"
    r"|raised|pointed out|noted|opined|took the view|urged|suggested|requested|called on"
    r"|called for|recommended|proposed"
)
_RESPONSE_VERBS_EN = (
    r"responded|replied|advised|explained|said|stated|assured|clarified|pointed out|confirmed"
    r"|undertook|informed|added|reiterated|stressed|indicated"
)
#: ``Ms Emily LAU``, ``Dr Hon KWOK Ka-ki``, ``Mr WONG Kwok-hing``: a Member named in the text.
_EN_PERSON = (
    rf"(?:(?:{HONORIFIC}|Hon)\.?\s+)+(?:[A-Z][a-z]+\s+){{0,2}}"
    r"[A-Z]{2,}(?:[ -][A-Z]{2,})*(?:\s+[A-Z][a-z]+-[a-z]+)?"
)
_CONCERN_EN_NAMED = re.compile(
    rf"\b(?P<who>{_EN_PERSON}|[Tt]he (?:Deputy )?Chairman)"
    r"(?:\s*,\s*(?:also|further|however)\s*,\s*|\s+(?:also\s+|further\s+|however\s+)?)"
    rf"(?P<verb>{_CONCERN_VERBS_EN})\b"
)
#: ``The Government Chief Information Officer (GCIO)``, ``The Deputy Secretary for …
#: (Commerce and Industry)``: a public officer named by post, then a reporting verb.
_EN_POST = (
    r"[Tt]he\s+(?:Acting\s+)?(?:(?:Deputy|Permanent|Under|Principal\s+Assistant|Assistant"
    r"|Associate)\s+)*(?:Secretary|Director(?:-General)?|Commissioner|Controller|Registrar"
    r"|Head|Postmaster\s+General|Government\s+Chief\s+Information\s+Officer)\b"
    r"(?:,?\s*(?:of|for|and|the|on|[A-Z][\w&'-]*|\([^()]{1,60}\)))*?"
)
_RESPONSE_EN_OFFICER = re.compile(
    rf"(?P<who>{_EN_POST})\s+(?:also\s+|further\s+|however\s+)?(?P<verb>{_RESPONSE_VERBS_EN})\b"
)
_QUESTION_VERBS = re.compile(r"詢問|問及|查詢|質疑|asked|enquired|queried|sought|questioned", re.I)
_SUGGESTION_VERBS = re.compile(
    r"促請|要求|建議|提議|urged|suggested|requested|called on|called for|recommended|proposed",
    re.I,
)
_ZH_SENTENCE_END = re.compile(r"[。！？]")
_EN_SENTENCE_END = re.compile(
    r"(?<!\bNo)(?<!\bNos)(?<!\bCap)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\be\.g)(?<!\bi\.e)"
    r"[.!?](?=\s+[A-Z(“\"]|\s*$)"
)


@dataclass
class Contribution:
    """A concern or response: its kind, who said it, its span and what it answers."""

    kind: str
    who: str
    verb: str
    start: int
    end: int
    answers: list["Contribution"] = field(default_factory=list)
    #: Where, in the paragraph, the words naming who speaks begin.
    at: int = 0

    @property
    def concern_kind(self) -> URIRef:
        """lg:QuestionRaised, lg:SuggestionMade or lg:ViewExpressed by the reporting verb."""
        if _QUESTION_VERBS.fullmatch(self.verb):
            return LG.QuestionRaised
        if _SUGGESTION_VERBS.fullmatch(self.verb):
            return LG.SuggestionMade
        return LG.ViewExpressed


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``; Chinese or English full stops."""
    spans: list[tuple[int, int]] = []
    start = 0
    ends = sorted(
        {m.end() for m in _ZH_SENTENCE_END.finditer(text)}
        | {m.end() for m in _EN_SENTENCE_END.finditer(text)}
    )
    for end in ends + [len(text)]:
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + lead, start + len(chunk.rstrip())))
        start = end
    return spans


def _role(sentence: str) -> tuple[str, re.Match[str]] | None:
    matches = [
        (match.start(), kind, match)
        for kind, pattern in (
            ("concern", _CONCERN_ZH),
            ("response", _RESPONSE_ZH),
            ("concern", _CONCERN_EN),
            ("response", _RESPONSE_EN),
            ("concern", _CONCERN_EN_NAMED),
            ("response", _RESPONSE_EN_OFFICER),
        )
        if (match := pattern.search(sentence))
    ]
    if not matches:
        return None
    _, kind, match = min(matches, key=lambda item: item[0])
    return kind, match


def speaker_offset(sentence: str) -> int | None:
    """Where the first concern or response of ``sentence`` names who speaks, if it has one."""
    role = _role(sentence)
    return role[1].start() if role else None


def contributions(text: str, pending: list[Contribution]) -> list[Contribution]:
    """Concerns and responses in one paragraph, each response linked to what it answers.

    A response answers the concerns raised since the last response in the paragraph; one that
    opens a paragraph answers ``pending``, the previous paragraph's unanswered concerns.
    ``pending`` is updated to this paragraph's unanswered concerns. A span stops before an
    editorial note (「(見上文第6段)」): the Secretariat's words are nobody's contribution.
    """
    found: list[Contribution] = []
    unanswered: list[Contribution] = []
    current: Contribution | None = None
    for start, end in sentences(text):
        role = _role(text[start:end])
        if role is None:
            if current is not None:
                current.end = end
            continue
        kind, match = role
        who = match["who"].strip()
        current = Contribution(kind, who, match["verb"], start, end, at=start + match.start())
        if kind == "concern":
            unanswered.append(current)
        else:
            current.answers = unanswered or ([] if found else list(pending))
            unanswered = []
        found.append(current)
    pending[:] = unanswered
    notes = editorial_notes(text)
    for contribution in found:
        contribution.end = end_before_notes(text, contribution.start, contribution.end, notes)
    return found
