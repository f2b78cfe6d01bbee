"""Build the curated Members table (``ontology/legco-members.ttl``) from LegCo's open data.

``python -m loader.member_table_build --recordings DIR`` reads a folder of OData answers (the
recordings in ``../shared/legco-api-samples``, files named after the API path);
``python -m loader.member_table_build --base-url URL --cache DIR`` fetches ScheduleDB
``Tmember``/``Tmember_term`` and HansardDB ``Speakers`` through the harvest's client (cached and
throttled), which is how a real machine completes the table. Every Member ScheduleDB lists is
``member/{member_id}``; a Member only HansardDB, AttendanceDB or vrdb name is keyed by the
Chinese name (``member/name/…``) until ScheduleDB gives the id. Spellings the name parts do not
give become ``skos:altLabel``; the terms served ``lg:inTerm``; HansardDB ids ``lg:speakerId``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, RDFS, SKOS

from loader.harvest.sets import SETS
from loader.ids import Iris
from loader.member_table import MEMBER_TABLE
from loader.members import MemberDirectory, MemberRecord, english_variants, member_iri
from loader.names import match_key, parse_name
from loader.settings import DEFAULT_BASE_IRI
from loader.sources import SourceError
from loader.vocab import LG

#: The entity sets the table reads; a real machine fetches the first three (the others are big).
READ = ("member", "member_term", "speaker", "membership", "attendance", "vote")
FETCHED = READ[:3]
_HAN = re.compile(r"[\u3400-\u9fff]")
_RECORDING = re.compile(r"^(?P<path>.+?)(?:-[0-9a-f]{6}__.+)?\.json$")


def read_recordings(folder: Path) -> dict[str, list[dict]]:
    """The records of each entity set in a folder of OData answers, by set name."""
    by_path = {entity.path.replace("/", "_"): name for name, entity in SETS.items()}
    records: dict[str, list[dict]] = defaultdict(list)
    files = sorted(folder.glob("*.json"))
    if not files:
        raise ValueError(f"{folder}: no OData answers (*.json) in this folder")
    for file in files:
        match = _RECORDING.match(file.name)
        name = by_path.get(match["path"]) if match else None
        if name in READ:
            try:
                rows = json.loads(file.read_text(encoding="utf-8"))["value"]
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{file}: not an OData answer ({error})") from error
            records[name].extend(rows)
    for row in records.get("membership", []):
        if isinstance(row.get("Tmember"), dict):
            records["member"].append(row["Tmember"])
    return dict(records)


def fetch_records(client, names: Iterable[str] = FETCHED) -> dict[str, list[dict]]:
    """The records of ``names`` fetched through an ``ODataClient`` (all pages, cached)."""
    out = {}
    for name in names:
        entity = SETS[name]
        pages = client.fetch_all(
            entity.path, order_by=entity.order_by, page_size=entity.page_size, where=entity.where
        )
        out[name] = [dict(record) for page in pages for record in page.records]
    return out


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


class _Builder:
    """The Members found so far, with their name parts, spellings, terms and speaker ids."""

    def __init__(self) -> None:
        self.iris = Iris(DEFAULT_BASE_IRI)
        self.directory = MemberDirectory()
        self.parts: dict[URIRef, dict[tuple[URIRef, str], str]] = {}
        self.labels: dict[URIRef, dict[str, str]] = {}
        self.member_ids: dict[URIRef, str] = {}
        self.alt: dict[URIRef, set[tuple[str, str]]] = defaultdict(set)
        self.terms: dict[URIRef, set[int]] = defaultdict(set)
        self.speakers: dict[URIRef, set[str]] = defaultdict(set)

    def add(self, iri: URIRef, english: tuple[str, str, str], chinese: tuple[str, str]) -> None:
        """A Member from name parts: (surname, given, English name) and (surname, given)."""
        surname, given, first = english
        parts = {
            (FOAF.familyName, "en"): surname,
            (FOAF.givenName, "en"): given,
            (FOAF.firstName, "en"): first,
            (FOAF.familyName, "zh-Hant"): chinese[0],
            (FOAF.givenName, "zh-Hant"): chinese[1],
        }
        self.parts[iri] = {key: value for key, value in parts.items() if value}
        forms = english_variants(surname, given, first)
        full_chinese = chinese[0] + chinese[1]
        self.labels[iri] = {"en": forms[0] if forms else "", "zh-Hant": full_chinese}
        record = MemberRecord(iri, self.member_ids.get(iri, ""))
        record.variants.update((form, "en") for form in forms)
        if full_chinese:
            record.variants.add((full_chinese, "zh-Hant"))
        self.directory.add(record)

    def spelling(self, iri: URIRef, name: str) -> None:
        """Keep ``name`` as an alternative label when the parts do not give it already."""
        name = parse_name(name).name
        known = {match_key(variant) for variant, _ in self.directory.members[iri].variants}
        if name and match_key(name) not in known:
            language = "zh-Hant" if _HAN.search(name) else "en"
            self.alt[iri].add((name, language))
            self.directory.add_variant(iri, name, language)

    def person(self, chinese: str, english: str) -> URIRef | None:
        """The one Member both names (or the one given) stand for, None if none or unclear."""
        found = {self.directory.resolve(name) for name in (chinese, english) if name}
        found.discard(None)
        return next(iter(found)) if len(found) == 1 else None


def build_table(records: dict[str, list[dict]]) -> _Builder:
    """Every Member the records name, ScheduleDB's first, then HansardDB's and the others'."""
    builder = _Builder()
    seen: set[str] = set()
    for row in records.get("member", []):
        member_id = _text(row.get("member_id"))
        if not member_id or member_id in seen:
            continue
        seen.add(member_id)
        iri = member_iri(builder.iris, member_id)
        builder.member_ids[iri] = member_id
        english = tuple(_text(row.get(f)) for f in ("surname_eng", "firstname_eng", "english_name"))
        chinese = (_text(row.get("surname_chi")), _text(row.get("firstname_chi")))
        builder.add(iri, english, chinese)
        if _text(row.get("latest_term_id")).isdigit():
            builder.terms[iri].add(int(row["latest_term_id"]) + 1)
    for name in ("member_term", "membership"):
        for row in records.get(name, []):
            iri = member_iri(builder.iris, _text(row.get("member_id")))
            if iri in builder.member_ids and _text(row.get("term_id")).isdigit():
                builder.terms[iri].add(int(row["term_id"]) + 1)
    _speakers(builder, records.get("speaker", []))
    _other_names(builder, records)
    return builder


def _speakers(builder: _Builder, rows: list[dict]) -> None:
    """HansardDB Members (Type MB): spellings and speaker ids; a new person when unknown."""
    for row in rows:
        if _text(row.get("Type")).upper() != "MB":
            continue
        chinese, english = _text(row.get("NameChi")), _text(row.get("NameEng"))
        iri = builder.person(chinese, english)
        if iri is None and chinese and builder.directory.match(chinese).candidates == ():
            iri = builder.iris.member_from_name(chinese)
            surname, given = _text(row.get("LastName")), _text(row.get("FirstName"))
            first = _english_name(english, surname)
            builder.add(iri, (surname, given, first.title()), ("", ""))
            builder.labels[iri]["zh-Hant"] = chinese
            builder.directory.add_variant(iri, chinese, "zh-Hant")
        if iri is None:
            continue
        for name in (chinese, english):
            builder.spelling(iri, name)
        builder.speakers[iri].add(_text(row.get("SpeakerID")))


def _english_name(printed: str, surname: str) -> str:
    """``AUDREY EU`` with surname ``EU`` → ``Audrey``; ``LAU SIU-LAI`` (surname first) → ``""``."""
    if printed.upper().startswith(surname.upper()):
        return ""
    family = set(surname.upper().split())
    return " ".join(word for word in printed.split() if word.upper() not in family).title()


def _other_names(builder: _Builder, records: dict[str, list[dict]]) -> None:
    """AttendanceDB and vrdb names: spellings of known Members, terms from vrdb."""
    pairs = [
        (r.get("member_name_chinese"), r.get("member_name_english"), None)
        for r in records.get("attendance", [])
    ]
    for row in records.get("vote", []):
        pairs.append((row.get("name_ch"), row.get("name_en"), row.get("term_no")))
        if _text(row.get("mover_type")).casefold() == "member":
            pairs.append((row.get("mover_ch"), row.get("mover_en"), row.get("term_no")))
    for chinese, english, term in pairs:
        names = (parse_name(_text(chinese)).name, parse_name(_text(english)).name)
        iri = builder.person(*names)
        if iri is None:
            continue
        for name in names:
            builder.spelling(iri, name)
        if _text(term).isdigit():
            builder.terms[iri].add(int(term))


def _sort_key(iri: URIRef) -> tuple:
    tail = str(iri).rsplit("member/", 1)[-1]
    return (0, int(tail), "") if tail.isdigit() else (1, 0, tail)


def table_text(builder: _Builder, sources: str) -> str:
    """The Turtle text of the table: a header saying where it came from, one block per Member."""
    base = DEFAULT_BASE_IRI
    lines = [line.rstrip() for line in HEADER.format(sources=sources).splitlines()]
    lines += [
        f"@base <{base}> .",
        f"@prefix lg: <{LG._NS}> .",
        f"@prefix rdfs: <{RDFS._NS}> .",
        f"@prefix skos: <{SKOS._NS}> .",
        f"@prefix foaf: <{FOAF._NS}> .",
        "",
    ]
    names = {FOAF.familyName: "foaf:familyName", FOAF.givenName: "foaf:givenName"}
    names[FOAF.firstName] = "foaf:firstName"
    for iri in sorted(builder.labels, key=_sort_key):
        block = [f"<{str(iri)[len(base) :]}> a lg:Member"]
        if iri in builder.member_ids:
            block.append(f"lg:memberId {Literal(builder.member_ids[iri]).n3()}")
        block.append("rdfs:label " + _literals(builder.labels[iri].items()))
        for predicate, label in names.items():
            values = [(lang, v) for (p, lang), v in builder.parts[iri].items() if p == predicate]
            if values:
                block.append(f"{label} " + _literals(values))
        if builder.alt[iri]:
            block.append("skos:altLabel " + _literals((lang, v) for v, lang in builder.alt[iri]))
        if builder.terms[iri]:
            terms = ", ".join(f"<term/{n}>" for n in sorted(builder.terms[iri]))
            block.append(f"lg:inTerm {terms}")
        if builder.speakers[iri]:
            block.append(
                "lg:speakerId " + ", ".join(Literal(s).n3() for s in sorted(builder.speakers[iri]))
            )
        lines.append(" ;\n    ".join(block) + " .\n")
    return "\n".join(lines)


def _literals(values: Iterable[tuple[str, str]]) -> str:
    order = {"en": 0, "zh-Hant": 1}
    kept = sorted((order.get(lang, 2), text, lang) for lang, text in values if text)
    return ", ".join(Literal(text, lang=lang).n3() for _, text, lang in kept)


RECORDED = (
    "LegCo's open data as recorded from https://app.legco.gov.hk (c. 2019-2020):\n"
    "# ScheduleDB Tmember, Tmember_term and Tmembership, HansardDB Speakers, AttendanceDB\n"
    "# TAttendance and vrdb vVotingResult (../shared/legco-api-samples); only names, ids and terms"
)
HEADER = """\
# Curated table of LegCo Members: one lg:Member per person, with the name parts documents use.
# Generated by `python -m loader.member_table_build` (see loader/member_table_build.py); do not
# edit by hand: rebuild it. Source:
# {sources}.
#
# A Member with a ScheduleDB member_id is <member/{{member_id}}>, the IRI the harvest mints; one
# only HansardDB, AttendanceDB or vrdb name is keyed by the Chinese name, <member/name/{{name}}>,
# until ScheduleDB gives its id (the harvest and loads then re-link documents to that id). Parts:
#   foaf:familyName  the surname (surname_eng "LEUNG", surname_chi "梁");
#   foaf:givenName   the Chinese given name (firstname_eng "Kwan-yuen", firstname_chi "君彥");
#   foaf:firstName   the English name written before the surname (english_name "Andrew");
#   skos:altLabel    other spellings LegCo prints that the parts do not give ("REGINA IP");
#   lg:inTerm        the terms served (Tmember_term, Tmembership, latest_term_id, vrdb term_no);
#   lg:speakerId     HansardDB's SpeakerID.
# IRIs are relative to the default instance base; the loader moves them under its own base.
"""


def main(argv: list[str] | None = None) -> int:
    """Write the table from recordings or from the OData APIs; print how many Members."""
    parser = argparse.ArgumentParser(prog="python -m loader.member_table_build")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--recordings", type=Path, help="a folder of OData answers (*.json)")
    source.add_argument("--base-url", help="LegCo's OData host, e.g. https://app.legco.gov.hk")
    parser.add_argument("--cache", type=Path, default=Path("var/cache/odata"))
    parser.add_argument("--offline", action="store_true", help="use only the cache")
    parser.add_argument("-o", "--output", type=Path, default=MEMBER_TABLE)
    args = parser.parse_args(argv)
    try:
        if args.recordings is not None:
            records, sources = read_recordings(args.recordings), RECORDED
        else:
            from loader.harvest.odata import ODataClient

            client = ODataClient(args.base_url, args.cache, offline=args.offline)
            records, sources = fetch_records(client), f"{args.base_url} (ScheduleDB, HansardDB)"
    except (ValueError, OSError, SourceError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    builder = build_table(records)
    args.output.write_text(table_text(builder, sources), encoding="utf-8")
    print(f"{len(builder.labels)} Members written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
