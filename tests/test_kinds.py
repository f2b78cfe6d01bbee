"""The shape of the document kinds: one package per kind over ``common``, the same small
interface, a detection that reads a bounded view, and errors that tell "not an X" from a bug."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest
from agenda_support import read

import loader.kinds
from loader.kinds import common
from loader.kinds.common.glance import HEAD_CHARS, TAIL_CHARS, glance
from loader.kinds.registry import KINDS, Kind
from loader.pipeline import FAILED, LoadOptions, load_source
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore

KINDS_DIR = Path(loader.kinds.__file__).parent
DATA_DIR = Path(__file__).parent / "data"
PACKAGES = sorted(info.name for info in pkgutil.iter_modules([str(KINDS_DIR)]) if info.ispkg)
KIND_PACKAGES = [name for name in PACKAGES if name != "common"]


def _imported_modules(package: str) -> set[str]:
    """Every module the files of ``loader/kinds/<package>`` import (absolute or relative)."""
    found: set[str] = set()
    for path in sorted((KINDS_DIR / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = ["loader", "kinds", package][: 3 - node.level + 1]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                found.add(module)
                found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _kinds_named(modules: set[str]) -> set[str]:
    """The kind packages a set of imported module names reaches into."""
    return {
        parts[2]
        for parts in (module.split(".") for module in modules)
        if parts[:2] == ["loader", "kinds"] and len(parts) > 2 and parts[2] in KIND_PACKAGES
    }


@pytest.mark.parametrize("package", KIND_PACKAGES)
def test_a_kind_imports_no_other_kind(package: str) -> None:
    assert _kinds_named(_imported_modules(package)) <= {package}


def test_common_imports_no_kind() -> None:
    assert _kinds_named(_imported_modules("common")) == set()


def test_the_import_walk_sees_an_import_of_another_kind() -> None:
    """The walk the two tests above rely on finds a cross-kind import when there is one."""
    source = "from loader.kinds.agenda.questions import find_questions\nfrom ..lcq import layout\n"
    tree = ast.parse(source)
    names = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level}
    assert _kinds_named(names) == {"agenda"}
    assert "lcq" in _kinds_named({"loader.kinds.lcq.layout"})


def test_every_registered_kind_is_a_package_with_the_same_interface() -> None:
    assert set(KINDS) <= set(KIND_PACKAGES)
    for name in KINDS:
        package = getattr(loader.kinds, name)
        assert isinstance(package, ModuleType)
        assert package.NAME == name
        assert callable(package.detect) and callable(package.extract)
        assert Kind.of(package) == KINDS[name]


def _fixtures() -> list[Path]:
    return sorted(
        path
        for folder in ("agendas", "briefs", "minutes", "lcq", "council")
        for path in (DATA_DIR / folder).glob("*.txt")
    )


#: Lines every kind's detection would score if it read them: item headings with LC papers,
#: attendance headings, an LCQ opening and title, a brief's title and headings, sign-offs.
_BAIT = """I. Confirmation of minutes
LC Paper No. CB(1)1234/23-24
II. Information papers issued since the last meeting
LC Paper No. CB(1)1235/23-24(01)
Members present
Clerk in attendance
LCQ1: A question
Following is a question by the Hon Chan Tai-man and a written reply by the Secretary for \
Security, Mr Tang Ping-keung, in the Legislative Council today (April 10):
Background brief
Purpose
Background
Legislative Council Secretariat
13 February 2024
"""


@pytest.mark.parametrize("path", _fixtures(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_detection_reads_only_the_head_and_tail_of_a_long_document(path: Path) -> None:
    """Whatever fills the middle of a long document, every kind scores it the same."""
    text = read(path)
    seen = glance(text)
    head, tail = "\n".join(seen.head), "\n".join(seen.tail)
    padding = "\n".join(["Ordinary text of the middle pages."] * (HEAD_CHARS // 30)) + "\n"
    plain = f"{head}\n{padding}\n{tail}\n"
    baited = f"{head}\n{padding}{_BAIT * 200}{padding}\n{tail}\n"
    assert len(baited) > HEAD_CHARS + TAIL_CHARS
    for kind in KINDS.values():
        assert kind.detect(baited) == kind.detect(plain), kind.name


def test_glance_of_a_short_document_is_all_of_it() -> None:
    text = "Title\n\n  first line \nlast line\n"
    assert glance(text).lines == ["Title", "first line", "last line"]
    assert glance(text).tail == []


def test_glance_of_a_long_document_keeps_whole_lines_at_both_ends() -> None:
    lines = [f"line {n:06d}" for n in range(HEAD_CHARS // 5)]
    seen = glance("\n".join(lines))
    assert seen.head == lines[: len(seen.head)]
    assert seen.tail == lines[-len(seen.tail) :]
    assert len("\n".join(seen.head)) <= HEAD_CHARS
    assert len("\n".join(seen.tail)) <= TAIL_CHARS


def _load_as(kind: str, path: Path, tmp_path: Path):
    with GraphStore.open(tmp_path / "store", write=True) as store:
        options = LoadOptions(base_iri=DEFAULT_BASE_IRI, kind=kind, cache_dir=tmp_path / "cache")
        return load_source(store, str(path), options), store.named_graphs()


def test_a_document_that_is_not_an_agenda_is_reported_as_not_readable(tmp_path) -> None:
    path = tmp_path / "no-date.txt"
    path.write_text("Panel on Security\n\nAgenda\n\nI. Confirmation of minutes\n", "utf-8")
    result, graphs = _load_as("agenda", path, tmp_path)
    assert result.status == FAILED
    assert (
        result.message
        == "no-date.txt: not a readable agenda: no meeting date in the agenda's heading"
    )
    assert graphs == []


def _broken_extract(text: str, *, language: str, base_iri: str) -> common.Extraction:
    """An extractor with a bug: it indexes past the end of a list."""
    return [common.Extraction][len(text)]


def test_a_bug_in_an_extractor_is_an_internal_error_naming_the_document(
    tmp_path, monkeypatch
) -> None:
    brief = KINDS["brief"]
    monkeypatch.setitem(
        KINDS, "broken", Kind("broken", brief.rdf_class, brief.detect, _broken_extract)
    )
    path = tmp_path / "brief.txt"
    path.write_text(read(sorted((DATA_DIR / "briefs").glob("*.txt"))[0]), "utf-8")
    result, graphs = _load_as("broken", path, tmp_path)
    assert result.status == FAILED
    assert result.message.startswith("internal error while reading brief.txt as broken: IndexError")
    assert graphs == []
