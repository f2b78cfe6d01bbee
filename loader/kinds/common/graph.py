"""Writing extracted resources: classes with their superclasses, labels, evidence selectors."""

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from loader.ids import Iris
from loader.vocab import LG, OA, PREFIXES

#: Every lg: class with its lg: (and SKOS) superclasses, written out so no reasoner is needed.
SUPERCLASSES: dict[URIRef, tuple[URIRef, ...]] = {
    LG.CouncilMeeting: (LG.Meeting,),
    LG.Council: (LG.Committee,),
    LG.Panel: (LG.Committee,),
    LG.Subcommittee: (LG.Committee,),
    LG.HouseCommittee: (LG.Committee,),
    LG.FinanceCommittee: (LG.Committee,),
    LG.EstablishmentSubcommittee: (LG.Subcommittee, LG.Committee),
    LG.PublicWorksSubcommittee: (LG.Subcommittee, LG.Committee),
    LG.PublicAccountsCommittee: (LG.Committee,),
    LG.BillsCommittee: (LG.Committee,),
    LG.BackgroundBrief: (LG.Paper,),
    LG.Agenda: (LG.Paper,),
    LG.Minutes: (LG.Paper,),
    LG.AdministrationPaper: (LG.Paper,),
    LG.FollowUpPaper: (LG.Paper,),
    LG.Submission: (LG.Paper,),
    LG.Concern: (LG.Contribution,),
    LG.GovernmentResponse: (LG.Contribution,),
    LG.ActionItem: (LG.Contribution,),
    LG.GovernmentBody: (LG.Organization,),
    LG.Topic: (SKOS.Concept,),
}
#: Characters of context kept on each side of an evidence quote.
CONTEXT = 32


class Builder:
    """A graph under construction for one document in one language."""

    def __init__(self, iris: Iris, language: str) -> None:
        self.iris = iris
        self.language = language
        self.graph = Graph()
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace)

    def text(self, value: str) -> Literal:
        """A literal in the document's language."""
        return Literal(value, lang=self.language)

    def add(self, subject: URIRef, predicate: URIRef, value: object) -> None:
        """One triple; plain Python values become literals."""
        if value is None:
            return
        obj = value if isinstance(value, (URIRef, Literal)) else Literal(value)
        self.graph.add((subject, predicate, obj))

    def resource(self, iri: URIRef, rdf_class: URIRef, label: str | None = None) -> URIRef:
        """``iri`` typed with ``rdf_class`` and its superclasses, labelled in the language."""
        self.graph.add((iri, RDF.type, rdf_class))
        for superclass in SUPERCLASSES.get(rdf_class, ()):
            self.graph.add((iri, RDF.type, superclass))
        if label:
            self.graph.add((iri, RDFS.label, self.text(label)))
        return iri

    def evidence(
        self, resource: URIRef, paragraph: URIRef, text: str, start: int, end: int
    ) -> URIRef:
        """Link ``resource`` to the exact span ``text[start:end]`` of ``paragraph``."""
        target = self.iris.evidence(resource)
        quote, position = URIRef(f"{target}/quote"), URIRef(f"{target}/position")
        exact = text[start:end]
        self.add(resource, LG.evidence, target)
        self.add(resource, LG.sourceParagraph, paragraph)
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, RDFS.label, self.text(_shorten(exact)))
        self.add(target, OA.hasSource, paragraph)
        self.add(target, OA.hasSelector, quote)
        self.add(target, OA.hasSelector, position)
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(exact))
        self.add(quote, OA.prefix, Literal(text[max(0, start - CONTEXT) : start]))
        self.add(quote, OA.suffix, Literal(text[end : end + CONTEXT]))
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger))
        self.add(position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger))
        return target

    def merge(self, other: Graph) -> None:
        """Add every triple of ``other`` (curated descriptions of referenced things)."""
        for triple in other:
            self.graph.add(triple)


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_label(text: str, limit: int = 60) -> str:
    """A label from running text: whitespace collapsed, cut with an ellipsis."""
    return _shorten(text, limit)
