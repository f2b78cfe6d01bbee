"""Fuzzing the loaders: mutated texts, HTML, PDFs and OData records give a clean failure or a
valid graph, never an exception and never a partial graph in the store.

The documents mutated are the test fixtures of every kind registered in loader/kinds/registry.py
at run time (a kind added later is fuzzed without touching this file). After every load the
store must hold exactly the graphs of the documents reported loaded, each of the size reported.
"""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from fuzz_support import HOSTILE, Figures, fuzz_settings, print_figures
from harvest_support import DATA_DIR as ODATA_DIR
from harvest_support import ODataServer, fast_client, load_entity_sets, run_harvest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from test_pipeline_pdf import FONT, _register_font

from loader.decode import decode
from loader.kinds.registry import KINDS, UnknownKind, choose_kind
from loader.pipeline import FAILED, LOADED, UNCHANGED, LoadError, LoadOptions, load_source
from loader.settings import DEFAULT_BASE_IRI
from loader.sources import Source, SourceError
from loader.store import GraphStore
from loader.text import clean_text

DATA_DIR = Path(__file__).parent / "data"
DOCUMENT_SUFFIXES = {".txt", ".htm", ".html"}
TEXT_EXAMPLES, PDF_EXAMPLES, ODATA_EXAMPLES = 110, 25, 20
#: One load slower than this is a hang (pdfminer and the extractors are given a lot of room).
HANG_SECONDS = 60


def fixtures_by_kind() -> dict[str, list[Path]]:
    """The fixture documents of tests/data, grouped by the kind the registry detects."""
    found: dict[str, list[Path]] = {name: [] for name in KINDS}
    for path in sorted(DATA_DIR.rglob("*")):
        if path.suffix.lower() not in DOCUMENT_SUFFIXES or "fuzz" in path.parts:
            continue
        try:
            text = clean_text(decode(Source.from_bytes(path.name, path.read_bytes())).text)
            found[choose_kind(text).name].append(path)
        except (SourceError, UnknownKind):
            continue
    return found


FIXTURES = fixtures_by_kind()
DOCUMENTS = [path for paths in FIXTURES.values() for path in paths]


class LoadChecker:
    """Loads documents into one store and checks it after each: only whole, reported graphs."""

    def __init__(self, folder: Path, figures: Figures) -> None:
        self.folder = folder
        self.store = GraphStore.open(folder / "store", write=True)
        self.options = LoadOptions(base_iri=DEFAULT_BASE_IRI, cache_dir=folder / "cache")
        self.figures = figures
        self.loaded: dict[str, int] = {}
        self.count = 0

    def load(self, data: bytes, suffix: str, what: str) -> None:
        """Load ``data`` as a file; record the outcome and any broken promise."""
        self.count += 1
        path = self.folder / f"doc-{self.count}{suffix}"
        path.write_bytes(data)
        started = time.monotonic()
        try:
            result = load_source(self.store, str(path), self.options)
        except Exception as error:  # noqa: BLE001 - an exception escaping is the finding
            self.figures.record("exception", f"{type(error).__name__}: {error}", what)
            return
        problem = None
        if time.monotonic() - started > HANG_SECONDS:
            problem = "load took too long"
        if result.status == FAILED and (not result.message or "\n" in result.message):
            problem = f"failure without a one-line message: {result.message!r}"
        if result.status == LOADED:
            self.loaded[result.graph] = result.quads
        stored = {g: self.store.graph_size(g) for g in self.store.named_graphs()}
        if stored != self.loaded:
            problem = f"store holds {sorted(stored)} sized {stored}, loads reported {self.loaded}"
            self.loaded = stored
        self.figures.record(result.status, problem, f"{what}: {result.message}")

    def close(self) -> None:
        """Close the store."""
        self.store.close()


@st.composite
def mutated_text(draw, text: str) -> str:
    """The text with lines dropped, doubled, moved, cut short or hostile strings put in."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "double", "move", "hostile", "digits", "cut"]))
        if action == "drop":
            del lines[index : index + draw(st.integers(1, 15))]
        elif action == "double":
            lines[index:index] = lines[index : index + draw(st.integers(1, 10))]
        elif action == "move":
            block = lines[index : index + 8]
            del lines[index : index + 8]
            lines.insert(draw(st.integers(0, len(lines))), "\n".join(block))
        elif action == "hostile":
            at = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:at] + draw(st.sampled_from(HOSTILE)) + lines[index][at:]
        elif action == "digits":
            lines[index] = lines[index].translate(str.maketrans("0123456789", "9876543210"))
        else:
            lines = lines[:index] + [lines[index][: draw(st.integers(0, len(lines[index])))]]
    return "\n".join(lines)


@st.composite
def mutated_bytes(draw, data: bytes) -> bytes:
    """The bytes truncated, with spans deleted or doubled, or bytes overwritten."""
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(data)))
        end = draw(st.integers(start, min(len(data), start + 2000)))
        action = draw(st.sampled_from(["truncate", "delete", "double", "overwrite"]))
        if action == "truncate":
            data = data[:start]
        elif action == "delete":
            data = data[:start] + data[end:]
        elif action == "double":
            data = data[:end] + data[start:end] + data[end:]
        else:
            data = data[:start] + draw(st.binary(min_size=1, max_size=16)) + data[start + 16 :]
    return data


def test_mutated_documents_of_every_kind_load_whole_or_fail_cleanly(tmp_path, pytestconfig):
    assert DOCUMENTS, "no fixture document is recognised as any registered kind"
    figures = Figures("loader fuzz: mutated texts and HTML of every registered kind")
    figures.notes["fixtures by kind"] = {k: len(v) for k, v in FIXTURES.items()}
    checker = LoadChecker(tmp_path, figures)

    @fuzz_settings(TEXT_EXAMPLES)
    @given(st.data())
    def one_document(data: st.DataObject) -> None:
        path = data.draw(st.sampled_from(DOCUMENTS))
        raw = path.read_bytes()
        if data.draw(st.booleans()):
            text = decode(Source.from_bytes(path.name, raw)).text
            encoding = data.draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "big5hkscs"]))
            raw = data.draw(mutated_text(text)).encode(encoding, errors="replace")
        else:
            raw = data.draw(mutated_bytes(raw))
        checker.load(raw, path.suffix, path.name)

    try:
        one_document()
    finally:
        checker.close()
    figures.notes["graphs in the store at the end"] = len(checker.loaded)
    print_figures(pytestconfig, figures)
    assert figures.problems == []
    assert figures.statuses[LOADED] + figures.statuses[UNCHANGED] > 0, "nothing ever loaded"


def _render_pdf(lines: list[str]) -> bytes:
    """The lines drawn on A4 pages with a font that has Chinese glyphs."""
    _register_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for start in range(0, len(lines), 50):
        canvas.setFont(FONT, 9)
        for offset, line in enumerate(lines[start : start + 50]):
            canvas.drawString(40, 800 - 15 * offset, line[:80])
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pdfs() -> list[bytes]:
    """One PDF per registered kind that has a fixture: its first fixture drawn as a PDF."""
    rendered = []
    for paths in FIXTURES.values():
        if paths:
            text = decode(Source.from_bytes(paths[0].name, paths[0].read_bytes())).text
            rendered.append(_render_pdf(text.split("\n")))
    return rendered


def test_mutated_pdfs_load_whole_or_fail_cleanly(pdfs, tmp_path, pytestconfig) -> None:
    figures = Figures("loader fuzz: mutated PDFs (one per registered kind with a fixture)")
    checker = LoadChecker(tmp_path, figures)

    @fuzz_settings(PDF_EXAMPLES)
    @given(st.data())
    def one_pdf(data: st.DataObject) -> None:
        pdf = data.draw(st.sampled_from(pdfs))
        mutated = data.draw(mutated_bytes(pdf))
        if data.draw(st.booleans()):  # keep the trailer, so pdfminer parses the damaged body
            mutated = mutated[: len(pdf) - 2048] + pdf[-2048:]
        checker.load(mutated, ".pdf", f"pdf of {len(mutated)} bytes")

    try:
        one_pdf()
    finally:
        checker.close()
    print_figures(pytestconfig, figures)
    assert figures.problems == []


#: Fields the stand-in OData server evaluates $filter on: only None replaces them (it compares
#: numbers as numbers, as LegCo does; a mutated term_id would break the server, not the mapper).
FILTERED_FIELDS = {
    "term_id", "term_no", "meeting_start_date_time", "MeetingDate", "bill_gazette_date",
    "HansardType",
}  # fmt: skip
ODATA_VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from([None, 0, -1, 10**20, 3.5, True, [], {}, "2024-13-45T99:00:00", "/Date(1)/"]),
    st.text(max_size=10),
)


@st.composite
def mutated_sets(draw, sets: dict[str, list[dict]]) -> tuple[dict[str, list[dict]], list]:
    """The recorded entity sets with fields replaced, removed or records dropped or doubled;
    and the list of changes made."""
    sets = {path: [dict(r) for r in records] for path, records in sets.items()}
    changes = []
    for _ in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from(sorted(sets)))
        records = sets[name]
        if not records:
            continue
        index = draw(st.integers(0, len(records) - 1))
        record = records[index]
        action = draw(st.sampled_from(["replace", "replace", "remove", "drop", "double"]))
        field = draw(st.sampled_from(sorted(record))) if record else None
        changes.append((name, index, action, field))
        if action == "replace" and field:
            record[field] = None if field in FILTERED_FIELDS else draw(ODATA_VALUES)
        elif action == "remove" and field:
            del record[field]
        elif action == "drop":
            del records[index]
        else:
            records.append(dict(record))
        if action == "replace" and field:
            changes[-1] += (record[field],)
    return sets, changes


def test_mutated_odata_records_harvest_whole_graphs_or_fail_cleanly(tmp_path, pytestconfig):
    figures = Figures("loader fuzz: harvest of mutated OData records (loader/harvest)")
    recorded = load_entity_sets(ODATA_DIR)

    @fuzz_settings(ODATA_EXAMPLES)
    @given(st.data())
    def one_harvest(data: st.DataObject) -> None:
        sets, changes = data.draw(mutated_sets(recorded))
        what = json.dumps(changes, ensure_ascii=False, default=str)
        folder = tmp_path / f"h{figures.tried}"
        with ODataServer(sets) as server, GraphStore.open(folder / "store", write=True) as store:
            try:
                report = run_harvest(store, fast_client(server.base_url, folder / "cache"))
            except (SourceError, LoadError) as error:
                one_line = "\n" not in str(error)
                figures.record("failed cleanly", None if one_line else f"{error!r}", what)
                return
            except Exception as error:  # noqa: BLE001 - an exception escaping is the finding
                figures.record("exception", f"{type(error).__name__}: {error}", what)
                return
            written = {g.graph: g.quads for g in report.graphs if not g.error}
            stored = {g: store.graph_size(g) for g in store.named_graphs()}
        problem = None if stored == written else f"store {stored} != written {written}"
        figures.record("ok" if report.ok else "graph refused", problem, what)

    one_harvest()
    print_figures(pytestconfig, figures)
    assert figures.problems == []


def _harvest_changed(tmp_path: Path, path: str, index: int, change) -> None:
    """Harvest the recorded sets with one record changed; fail on an exception escaping."""
    sets = load_entity_sets(ODATA_DIR)
    change(sets[path][index])
    with ODataServer(sets) as server, GraphStore.open(tmp_path / "store", write=True) as store:
        try:
            run_harvest(store, fast_client(server.base_url, tmp_path / "cache"))
        except (SourceError, LoadError):
            pass  # a clean, reported failure is fine


def test_harvest_of_a_term_without_start_date_fails_cleanly(tmp_path) -> None:
    """Found by fuzzing: KeyError 'start_date' in loader/harvest/context.py TermIndex."""
    _harvest_changed(tmp_path, "ScheduleDB/odata/Tterm", 0, lambda r: r.pop("start_date"))


def test_harvest_of_a_term_with_a_null_term_id_fails_cleanly(tmp_path) -> None:
    """Found by fuzzing: TypeError from int(None) in loader/harvest/context.py TermIndex."""
    _harvest_changed(tmp_path, "ScheduleDB/odata/Tterm", 1, lambda r: r.update(term_id=None))


def test_harvest_of_a_member_with_a_numeric_name_fails_cleanly(tmp_path) -> None:
    """Found by fuzzing: AttributeError (float has no strip) in loader/members.py."""
    _harvest_changed(tmp_path, "ScheduleDB/odata/Tmember", 0, lambda r: r.update(firstname_eng=3.5))
