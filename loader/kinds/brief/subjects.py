"""The body that does what a sentence says: its grammatical subject, when it is a known body.

Only a name that opens the main clause of the sentence and is followed by the start of a
predicate counts (「資科辦為所有局/部門進行…」, "TD would implement…"), also with its short
name defined after it (「環境保護署(“環保署”)會…」). A name followed by 「的」 or another
noun, or standing anywhere else in the sentence, does not. Leading adverbial clauses
(「為加快…，」, "To speed up…,") are passed over. Nothing is guessed."""

import re

from rdflib import URIRef

from loader.kinds.common.tables import DEFINITION

_SENTENCE_END = re.compile(r"[。；;！？!?]|\.(?=\s|$)")
_CLAUSE_BREAK = re.compile(r"[，,]\s*")
#: Openings of an adverbial clause that has no subject of its own.
_ADVERBIAL = re.compile(
    r"(?:為了|為|在|於|就|透過|通過|隨着|隨著|鑒於|由於|因應|按照|根據|配合|除|"
    r"(?:in order to|to|for|with|through|in|on|by|as|under|following|after|since|"
    r"besides|apart from|to this end)\b)",
    re.I,
)
_ZH_PREDICATE = re.compile(
    r"(?:亦|也|並|則|已|會|將|正|現正|一直|計劃|擬|須|需|必須|預計|可|能|繼續|曾|在|於|由|就|為"
    r"|向|與|同|聯同|透過|通過|把|以|按|根據|負責|推出|進行|推行|成立|設立|制訂|制定|發布|發表"
    r"|落實|實施|開發|提供|研究|考慮|推動|加強|完成|檢討|建立|採用|擴展|推廣|展開|開展|構建|優化"
    r"|更新|增加|引入|協助|支援|資助|籌備|委聘|招標)"
)
_EN_PREDICATE = re.compile(
    r"\s+(?:also\s+|further\s+|has\s+|have\s+|had\s+)?(?:will|would|shall|should|may|might|can"
    r"|could|must|is|are|was|were|has|have|had|plans?|planned|aims?|aimed|intends?|intended"
    r"|launch(?:ed|es)|introduc(?:ed|es)|conduct(?:ed|s)|implement(?:ed|s)|provid(?:ed|es)"
    r"|develop(?:ed|s)|sets? up|established|establishes|complet(?:ed|es)|commenc(?:ed|es)"
    r"|start(?:ed|s)|roll(?:ed|s) out|issu(?:ed|es)|publish(?:ed|es)|took|takes|undert(?:ook|akes)"
    r"|carri(?:ed|es) out)\b",
    re.I,
)
_ZH_AND = re.compile(r"與|及|和|、|聯同")
_EN_AND = re.compile(r"\s*(?:,\s*and|,|and|together with)\s+(?:the\s+)?", re.I)
_ARTICLE = re.compile(r"the\s+", re.I)


def subject_bodies(text: str, names: dict[str, URIRef]) -> list[URIRef]:
    """The known bodies (surface form → IRI) that are the subject of the first sentence."""
    end = _SENTENCE_END.search(text)
    sentence = text[: end.start()] if end else text
    surfaces = sorted(names, key=lambda s: (-len(s), s))
    position = 0
    while position < len(sentence):
        found = _leading_bodies(sentence, position, surfaces, names)
        if found:
            return found
        if not _ADVERBIAL.match(sentence, position):
            return []
        brk = _CLAUSE_BREAK.search(sentence, position)
        if brk is None:
            return []
        position = brk.end()
    return []


def _leading_bodies(
    sentence: str, position: int, surfaces: list[str], names: dict[str, URIRef]
) -> list[URIRef]:
    """Bodies named one after another from ``position``, if a predicate follows them."""
    found: list[URIRef] = []
    while True:
        at, surface = _surface_at(sentence, position, surfaces)
        if surface is None:
            return []
        if names[surface] not in found:
            found.append(names[surface])
        position = at + len(surface)
        defined = DEFINITION.match(sentence, position)
        position = defined.end() if defined else position
        joined = _ZH_AND.match(sentence, position) or _EN_AND.match(sentence, position)
        if joined and _surface_at(sentence, joined.end(), surfaces)[1] is not None:
            position = joined.end()
            continue
        zh = re.match(r"[\u3400-\u9fff]", surface[-1])
        predicate = _ZH_PREDICATE if zh else _EN_PREDICATE
        return found if predicate.match(sentence, position) else []


def _surface_at(sentence: str, position: int, surfaces: list[str]) -> tuple[int, str | None]:
    """The longest name at ``position`` (after an English article), whole words for Latin."""
    article = _ARTICLE.match(sentence, position)
    at = article.end() if article else position
    for surface in surfaces:
        end = at + len(surface)
        if not sentence.startswith(surface, at):
            continue
        if surface[-1].isascii() and end < len(sentence) and sentence[end].isalnum():
            continue
        return at, surface
    return at, None
