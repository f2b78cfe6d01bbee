"""What one extraction knows: its graph, committees and bodies by name, meetings made so far.

Every kind builds one ``Context`` per document and writes through it, so two documents of any
kinds name one committee, meeting, body or Member with the same IRI.
"""

import datetime as dt
from collections.abc import Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDFS, SKOS, XSD

from loader.ids import Iris
from loader.kinds.common.dates import MONTHS
from loader.kinds.common.graph import Builder
from loader.kinds.common.tables import (
    Definition,
    Tables,
    committee_class,
    find_definitions,
    looks_like_committee,
    looks_like_org,
    strip_article,
)
from loader.legco_urls import LegcoUrl
from loader.member_table import member_table
from loader.names import normalize_for_matching
from loader.vocab import LG, ORG


def date_label(date: dt.date, language: str) -> str:
    """``2023年2月13日`` or ``13 February 2023``."""
    if language.startswith("zh"):
        return f"{date.year}年{date.month}月{date.day}日"
    return f"{date.day} {MONTHS[date.month - 1].capitalize()} {date.year}"


def meeting_label(committee: str, date: dt.date, language: str) -> str:
    """``資訊科技及廣播事務委員會2023年2月13日會議`` or ``Meeting of the Panel on … on 13 …``."""
    when = date_label(date, language)
    if language.startswith("zh"):
        return f"{committee}{when}會議"
    return f"Meeting of the {committee} on {when}" if committee else f"Meeting on {when}"


def of_meeting(kind: str, meeting: str, language: str) -> str:
    """A part of a meeting in words: ``…會議議程``, ``Minutes of the meeting of …``."""
    if language.startswith("zh"):
        return f"{meeting}{kind}"
    return f"{kind} of the {meeting[0].lower()}{meeting[1:]}"


class Context:
    """Names resolved to IRIs for one document, and the resources already written."""

    def __init__(self, iris: Iris, language: str, body: str) -> None:
        self.iris = iris
        self.language = language
        self.out = Builder(iris, language)
        self.tables = Tables(iris.base)
        self.definitions: list[Definition] = find_definitions(body, self.tables.names())
        self.learned: dict[str, tuple[URIRef, str]] = {}
        self.written: set[URIRef] = set()
        self.committee_labels: dict[URIRef, dict[str, str]] = {}
        self.meeting_labels: dict[URIRef, dict[str, str]] = {}
        self.org_surfaces: dict[str, URIRef] = {}
        self.committee_surfaces: dict[str, URIRef] = {}
        self.paired: set[URIRef] = set()

    def define_all(self) -> None:
        """Resolve every text-defined short name (after ``learn``, so codes are known)."""
        for definition in self.definitions:
            self._define(definition)

    def _define(self, definition: Definition) -> None:
        if self.tables.committee(definition.full) or looks_like_committee(definition.full):
            committee = self.committee(definition.full)
            if committee is not None:
                self.committee_surfaces[definition.abbreviation] = committee
                self.committee_surfaces[definition.full] = committee
        elif self.tables.org(definition.full) or looks_like_org(definition.full):
            org = self.org(definition.full)
            self.org_surfaces[definition.abbreviation] = org
            self.org_surfaces[definition.full] = org
            self.out.add(org, LG.abbreviation, self.out.text(definition.abbreviation))

    def full_name(self, name: str) -> str:
        """The full name a text-defined abbreviation stands for (else ``name``)."""
        key = normalize_for_matching(name)
        for definition in self.definitions:
            if normalize_for_matching(definition.abbreviation) == key:
                return definition.full
        return name

    def committee_key(self, name: str) -> str | None:
        """The IRI key (``panel/itb``) of a committee name known from the curated table."""
        iri = self.tables.committee(self.full_name(name))
        return iri[len(self.iris.base) + len("committee/") :] if iri else None

    def learn(self, committee: str, urls: Sequence[LegcoUrl]) -> None:
        """A committee a paper names but the tables do not curate takes the key its URLs give."""
        if not committee or self.committee_key(committee):
            return
        if len({url.committee_key for url in urls}) == 1:
            name = normalize_for_matching(self.full_name(committee))
            url = urls[0]
            self.learned[name] = (self.iris.committee(url.committee_key), url.folder)

    def committee(self, name: str) -> URIRef | None:
        """The committee a name (or a text-defined abbreviation) stands for, written once."""
        name = self.full_name(name.strip())
        curated = self.tables.committee(name)
        if curated is not None:
            self._write_curated(curated)
            return curated
        learned = self.learned.get(normalize_for_matching(name))
        if learned is None and not looks_like_committee(name):
            return None
        iri = learned[0] if learned else self.iris.committee_from_name(name)
        if iri not in self.written:
            self.written.add(iri)
            folder = learned[1] if learned else ""
            self.out.resource(iri, committee_class(name, folder), name)
            if folder:
                self.out.add(iri, LG.committeeCode, folder.rsplit("/", 1)[-1])
        self.committee_labels.setdefault(iri, {self.language: name})
        return iri

    def name_pair(self, names: Sequence[str]) -> None:
        """An uncurated committee a heading names in both languages (``Subcommittee on X`` and
        ``X小組委員會``) is keyed by the pair, so its English and Chinese records are one node."""
        english = [n for n in names if n.isascii() and looks_like_committee(n)]
        chinese = [n for n in names if not n.isascii() and looks_like_committee(n)]
        if len(english) != 1 or len(chinese) != 1:
            return
        pair = (english[0], chinese[0])
        if any(self.committee_key(n) or normalize_for_matching(n) in self.learned for n in pair):
            return
        iri = self.iris.committee_from_name(" ".join(pair))
        self.paired.add(iri)
        for name in pair:
            self.learned[normalize_for_matching(self.full_name(name))] = (iri, "")
        if iri not in self.written:
            self.written.add(iri)
            self.out.resource(iri, committee_class(english[0]))
            self.out.add(iri, RDFS.label, Literal(english[0], lang="en"))
            self.out.add(iri, RDFS.label, Literal(chinese[0], lang="zh-Hant"))
        self.committee_labels[iri] = {"en": english[0], "zh-Hant": chinese[0]}

    def council(self) -> URIRef:
        """The Legislative Council as the body of Council meetings."""
        iri = self.iris.committee("council")
        self._write_curated(iri)
        return iri

    def committee_from_url(self, key: str, folder: str, code: str) -> URIRef:
        """A committee known only by a URL folder (no name in the text)."""
        iri = self.iris.committee(key)
        if iri in self.written or self.tables.is_committee(iri):
            self._write_curated(iri)
            return iri
        self.written.add(iri)
        self.out.resource(iri, committee_class("", folder), f"{folder} ({key})")
        self.out.add(iri, LG.committeeCode, code)
        return iri

    def describe(self, iri: URIRef) -> None:
        """Write the curated description of ``iri`` once, if the tables have one."""
        if iri not in self.written and (self.tables.describe(iri)):
            self._write_curated(iri)

    def _write_curated(self, iri: URIRef) -> None:
        if iri not in self.written:
            self.written.add(iri)
            self.out.merge(self.tables.describe(iri))
            labels = {
                label.language: str(label)
                for label in self.tables.committees.objects(iri, RDFS.label)
                if isinstance(label, Literal) and label.language
            }
            if labels:
                self.committee_labels.setdefault(iri, labels)

    def meeting(self, committee: URIRef, date: dt.date) -> URIRef:
        """The meeting of ``committee`` on ``date``: the same IRI whatever document names it.

        It is labelled in every language the committee has a name in (the curated table's
        zh-Hant and en names), so a Chinese and an English brief give it the same labels.
        """
        iri = self.iris.meeting(committee, date)
        if iri in self.written:
            return iri
        self.written.add(iri)
        self.describe(committee)
        names = self.committee_labels.get(committee) or {self.language: ""}
        labels = {language: meeting_label(name, date, language) for language, name in names.items()}
        self.meeting_labels[iri] = labels
        council = committee == self.iris.committee("council")
        self.out.resource(iri, LG.CouncilMeeting if council else LG.Meeting)
        for language, label in sorted(labels.items()):
            self.out.add(iri, RDFS.label, Literal(label, lang=language))
        self.out.add(iri, LG.committee, committee)
        self.out.add(iri, DCTERMS.date, Literal(date.isoformat(), datatype=XSD.date))
        return iri

    def member_iri(self, name: str) -> URIRef:
        """The lg:Member called ``name``: the curated table's (``member/{member_id}``) when
        exactly one curated Member has the name, else the name-keyed ``member/name/{key}``."""
        return member_table(self.iris.base).resolve(name) or self.iris.member_from_name(name)

    def member(self, name: str, written: str) -> URIRef:
        """Write the Member called ``name`` (``written`` as printed) and return its IRI.

        A curated Member gets the table's labels, name parts and Member ID, and the printed
        form as a ``skos:altLabel``; any other is labelled as printed, named ``name``.
        """
        iri = self.member_iri(name)
        table = member_table(self.iris.base)
        curated = table.describe(iri)
        if len(curated):
            if iri not in self.written:
                self.written.add(iri)
                self.out.merge(curated)
            self.out.resource(iri, LG.Member)
            self.out.add(iri, SKOS.altLabel, self.out.text(" ".join(written.split())))
        else:
            self.out.resource(iri, LG.Member, written)
            self.out.add(iri, FOAF.name, self.out.text(name))
        return iri

    def other_language(self) -> str:
        """The language a label is added in beside the document's: en, or zh-Hant for en."""
        return "zh-Hant" if self.language == "en" else "en"

    def body_names(self) -> dict[str, URIRef]:
        """Surface forms of organisations (curated, generic words, text-defined) → IRI."""
        names: dict[str, URIRef] = {}
        bodies = self.tables.bodies
        for predicate in (RDFS.label, SKOS.altLabel, LG.abbreviation, SKOS.hiddenLabel):
            for subject, name in sorted(bodies.subject_objects(predicate)):
                names.setdefault(strip_article(str(name)), subject)
        for surface, iri in self.org_surfaces.items():
            names[strip_article(surface)] = iri
        return names

    def org(self, name: str, rdf_class: URIRef | None = None) -> URIRef:
        """The organisation a name stands for: curated when known, else keyed by the name.

        A name not in the tables is a government body when shaped like one (``…局``,
        ``… Bureau``), unless ``rdf_class`` says what it is.
        """
        name = name.strip()
        curated = self.tables.org(name)
        if curated is not None:
            if curated not in self.written:
                self.written.add(curated)
                self.out.merge(self.tables.describe(curated))
            return curated
        iri = self.iris.org_from_name(name)
        if iri not in self.written:
            self.written.add(iri)
            government = name.endswith(("局", "署", "處", "Bureau", "Department"))
            default = LG.GovernmentBody if government else LG.Organization
            self.out.resource(iri, rdf_class or default, name)
        return iri

    def generic_body(self, words: str) -> URIRef | None:
        """The body a generic word stands for ("政府當局", "the Administration"), written once."""
        iri = self.tables.generic_body(words)
        if iri is not None and iri not in self.written:
            self.written.add(iri)
            self.out.merge(self.tables.describe(iri))
        return iri

    def sub_organization(self, child: URIRef, parent: URIRef) -> None:
        """``child`` is a part of ``parent``."""
        if child != parent:
            self.out.add(child, ORG.subOrganizationOf, parent)
