"""The query library (queries/*.rq): each file's comment header, and safe parameter binding.

A canned query starts with a header of ``# key: value`` comment lines (a line indented by three
or more spaces after ``#`` continues the previous value)::

    # title: Concerns raised on a topic, with the government's responses
    # title@zh-Hant: 某議題的關注事項及政府回應
    # description: …          description@zh-Hant: …
    # question: …             question@zh-Hant: …   (the research question it answers)
    # param: topic | string | 智方便 | 網絡安全 | words in the topic's name
    # service: https://query.wikidata.org/sparql   (a remote endpoint it calls, if any)

A parameter is ``name | type | default | example | what it means``; the query uses it as the
variable ``?name`` and a SELECT projects it, so each row records the value it answers for (and
pyoxigraph's ``substitutions``, which the tests compare the binding with, accept it).
Values are bound as RDF terms built by pyoxigraph (which escapes them) in a
``VALUES`` block opened at the top of the query's WHERE clause, so a value holding quotes, braces,
``#`` or newlines is only ever a value: the query text around it is never built from it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from loader.paths import QUERIES_DIR

XSD = "http://www.w3.org/2001/XMLSchema#"
LANGUAGES = ("en", "zh-Hant")
#: Header keys that take a language (``title`` is English, ``title@zh-Hant`` Chinese).
TEXT_KEYS = ("title", "description", "question")
_KEY_LINE = re.compile(r"#\s?([a-z]+)(?:@([A-Za-z-]+))?:\s*(.*)")
_CONTINUATION = re.compile(r"#\s{3,}(\S.*)")
_NAME = re.compile(r"[a-z][a-z0-9-]*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class ParameterError(ValueError):
    """A parameter value that does not fit its type, or a parameter the query does not have."""


class HeaderError(ValueError):
    """A query file whose header is missing something or cannot be read."""


def _string(value: str) -> ox.Literal:
    return ox.Literal(value)


def _integer(value: str) -> ox.Literal:
    try:
        number = int(value.strip())
    except ValueError:
        raise ParameterError(f"{value!r} is not a whole number") from None
    return ox.Literal(str(number), datatype=ox.NamedNode(XSD + "integer"))


def _date(value: str) -> ox.Literal:
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ParameterError(f"{value!r} is not a date (YYYY-MM-DD)") from None
    return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))


def _iri(value: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as error:
        raise ParameterError(f"{value!r} is not an absolute IRI: {error}") from None


#: Parameter types: how a value given as text becomes the RDF term bound to the variable.
PARAMETER_TYPES: dict[str, Callable[[str], ox.Literal | ox.NamedNode]] = {
    "string": _string,
    "integer": _integer,
    "date": _date,
    "iri": _iri,
}


@dataclass(frozen=True)
class Parameter:
    """One parameter of a canned query: bound to the variable of the same name."""

    name: str
    type: str
    default: str
    example: str
    description: str

    def term(self, value: str) -> ox.Literal | ox.NamedNode:
        """The RDF term for ``value``; ParameterError when it does not fit the type."""
        try:
            return PARAMETER_TYPES[self.type](value)
        except ParameterError as error:
            raise ParameterError(f"parameter {self.name}: {error}") from None


@dataclass(frozen=True)
class CannedQuery:
    """A query of the library: its name (the file's stem), header and SPARQL text."""

    name: str
    title: dict[str, str]
    description: dict[str, str]
    question: dict[str, str]
    parameters: list[Parameter]
    text: str
    services: list[str] = field(default_factory=list)

    def values(self, given: Mapping[str, str] | None = None) -> dict[str, str]:
        """Every parameter's value as text: the given one, else its default."""
        given = dict(given or {})
        unknown = sorted(set(given) - {p.name for p in self.parameters})
        if unknown:
            known = ", ".join(p.name for p in self.parameters) or "none"
            raise ParameterError(
                f"{self.name} has no parameter {', '.join(unknown)} (parameters: {known})"
            )
        return {p.name: given.get(p.name, p.default) for p in self.parameters}

    def bind(self, given: Mapping[str, str] | None = None) -> str:
        """The SPARQL text with every parameter bound in a VALUES block (defaults filled in)."""
        values = self.values(given)
        if not self.parameters:
            return self.text
        variables = " ".join(f"?{p.name}" for p in self.parameters)
        terms = " ".join(str(p.term(values[p.name])) for p in self.parameters)
        block = f"\n  VALUES ({variables}) {{ ({terms}) }}\n"
        at = where_brace(self.text) + 1
        return self.text[:at] + block + self.text[at:]

    def substitutions(self, given: Mapping[str, str] | None = None) -> dict[ox.Variable, object]:
        """The same bindings as pyoxigraph ``substitutions`` (SEP-0007), for in-process runs."""
        values = self.values(given)
        return {ox.Variable(p.name): p.term(values[p.name]) for p in self.parameters}


# Tokens of SPARQL text that may hold braces or the word WHERE without meaning them.
_TOKENS = re.compile(
    r"""(?P<skip>\#[^\n]*|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"
    |<[^<>"{}|^`\\\s]*>)|(?P<open>\{)|(?P<close>\})|(?P<where>\bWHERE\b)""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)


def where_brace(text: str) -> int:
    """Offset of the ``{`` that opens the query's own WHERE clause (not a subquery's)."""
    depth, after_where = 0, False
    for match in _TOKENS.finditer(text):
        if match.lastgroup == "open":
            if after_where and depth == 0:
                return match.start()
            depth += 1
        elif match.lastgroup == "close":
            depth -= 1
        elif match.lastgroup == "where" and depth == 0:
            after_where = True
    raise HeaderError("the query has no top-level WHERE { … } to bind parameters in")


def parse(name: str, text: str) -> CannedQuery:
    """Read a query file's header; HeaderError names what is missing or malformed."""
    fields: dict[str, list[str]] = {}
    last: str | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        continuation = _CONTINUATION.fullmatch(line)
        if continuation and last is not None:
            fields[last][-1] += " " + continuation.group(1).strip()
            continue
        match = _KEY_LINE.fullmatch(line)
        if match is None:
            last = None
            continue
        key, language, value = match.groups()
        last = f"{key}@{language}" if language else key
        fields.setdefault(last, []).append(value.strip())
    texts = {key: _bilingual(name, fields, key) for key in TEXT_KEYS}
    parameters = [_parameter(name, spec) for spec in fields.get("param", [])]
    for parameter in parameters:
        if not re.search(rf"\?{re.escape(parameter.name)}\b", text):
            raise HeaderError(
                f"{name}: parameter {parameter.name} is not used as ?{parameter.name}"
            )
    return CannedQuery(
        name=name,
        title=texts["title"],
        description=texts["description"],
        question=texts["question"],
        parameters=parameters,
        text=text,
        services=fields.get("service", []),
    )


def _bilingual(name: str, fields: dict[str, list[str]], key: str) -> dict[str, str]:
    found = {"en": fields.get(key), "zh-Hant": fields.get(f"{key}@zh-Hant")}
    missing = [language for language, value in found.items() if not value]
    if missing:
        raise HeaderError(f"{name}: the header has no {key} in {', '.join(missing)}")
    return {language: value[0] for language, value in found.items() if value}


def _parameter(name: str, spec: str) -> Parameter:
    parts = [part.strip() for part in spec.split("|")]
    if len(parts) != 5:
        raise HeaderError(
            f"{name}: param needs 'name | type | default | example | meaning', got {spec!r}"
        )
    parameter = Parameter(*parts)
    if not _VARIABLE.fullmatch(parameter.name):
        raise HeaderError(f"{name}: {parameter.name!r} cannot be a SPARQL variable name")
    if parameter.type not in PARAMETER_TYPES:
        raise HeaderError(f"{name}: unknown parameter type {parameter.type!r}")
    for value in (parameter.default, parameter.example):
        try:
            parameter.term(value)
        except ParameterError as error:
            raise HeaderError(f"{name}: {error}") from None
    return parameter


def load_library(folder: Path = QUERIES_DIR) -> dict[str, CannedQuery]:
    """Every ``*.rq`` of the folder by name (file stem), in name order."""
    library = {}
    for path in sorted(folder.glob("*.rq")):
        if not _NAME.fullmatch(path.stem):
            raise HeaderError(f"{path.name}: a query name is lower-case letters, digits and -")
        library[path.stem] = parse(path.stem, path.read_text(encoding="utf-8"))
    return library
