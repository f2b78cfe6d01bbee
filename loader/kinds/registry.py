"""The document kinds the loader knows, and how one is chosen for a text."""

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from rdflib.term import URIRef

from loader.kinds import agenda, brief, hansard, lcq, minutes, submission
from loader.kinds.common import Extraction

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
    #: True when ``extract`` also takes ``pdf=``: a PDF source's bytes (READS_PDF).
    reads_pdf: bool = False

    @classmethod
    def of(cls, package: ModuleType) -> "Kind":
        """The kind a package under ``loader.kinds`` declares (NAME, RDF_CLASS, READS_ORIGIN,
        detect, extract)."""
        return cls(
            package.NAME,
            package.RDF_CLASS,
            package.detect,
            package.extract,
            package.READS_ORIGIN,
            getattr(package, "READS_PDF", False),
        )


KINDS: dict[str, Kind] = {
    kind.name: kind for kind in map(Kind.of, (brief, agenda, lcq, minutes, hansard, submission))
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
