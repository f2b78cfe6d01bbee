"""The document kinds the loader knows, and how one is chosen for a text."""

from collections.abc import Callable
from dataclasses import dataclass

from rdflib.term import URIRef

from loader.kinds import Extraction, agenda, brief, lcq, minutes
from loader.vocab import LG

#: A text must score at least this for a kind to be chosen without ``--kind``.
DETECTION_THRESHOLD = 0.5


@dataclass(frozen=True)
class Kind:
    """One document kind: its name on the command line, its class and its extractor."""

    name: str
    rdf_class: URIRef
    detect: Callable[[str], float]
    extract: Callable[..., Extraction]
    #: True when ``extract`` also takes ``origin=``: the source's URL or file name.
    reads_origin: bool = False


KINDS: dict[str, Kind] = {
    "brief": Kind("brief", LG.BackgroundBrief, brief.detect, brief.extract),
    "agenda": Kind("agenda", LG.Agenda, agenda.detect, agenda.extract),
    "lcq": Kind("lcq", LG.PressRelease, lcq.detect, lcq.extract, reads_origin=True),
    "minutes": Kind("minutes", LG.Minutes, minutes.detect, minutes.extract),
}


class UnknownKind(ValueError):
    """The text is not recognisably any kind the loader can read."""


def choose_kind(text: str, forced: str | None = None) -> Kind:
    """The kind named by ``forced``, else the best-scoring kind above the threshold."""
    if forced is not None:
        if forced not in KINDS:
            raise UnknownKind(f"unknown kind {forced!r} (known: {', '.join(sorted(KINDS))})")
        return KINDS[forced]
    score, best = max(((kind.detect(text), kind) for kind in KINDS.values()), key=lambda p: p[0])
    if score < DETECTION_THRESHOLD:
        raise UnknownKind(
            "not recognisably a LegCo document of a known kind "
            f"({', '.join(sorted(KINDS))}); use --kind to force one"
        )
    return best
