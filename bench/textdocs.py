"""A corpus of LegCo DOCUMENTS (files the loader reads), made by rewriting the real samples.

    .venv/bin/python -m bench.textdocs --documents 1000 --out var/bench/docs-1000

Templates are every document of a loaded kind we have: the bundled brief (samples/legco), the
briefs, agendas, Council agendas, minutes and LCQ releases (English, Traditional and Simplified
Chinese, plain text and HTML) under tests/data, the encoded variants under tests/data/sources
(Big5, UTF-16 with a BOM, UTF-8 with a BOM), and the real documents in ../shared/legco-docs when
that folder is present (read there, written only under --out, never into the repository). Each
copy moves every date of its template by whole weeks and renumbers its papers (bench.rewrite),
so it is a new document — its own meeting, paper number or question date, its own named graph —
with the template's structure, languages, encoding and layout. PDFs are not rewritten.
"""

from __future__ import annotations

import codecs
import datetime as dt
import random
import shutil
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import click

from bench.rewrite import Rewrite, template_dates
from loader.decode import decode
from loader.kinds.registry import UnknownKind, choose_kind
from loader.paths import ROOT, SAMPLES_DIR
from loader.sources import read_source
from loader.text import clean_text

FIRST_DAY, LAST_DAY = dt.date(1998, 7, 1), dt.date(2026, 12, 31)
#: Where templates are found, in this order.
TEMPLATE_DIRS = (
    SAMPLES_DIR / "legco",
    ROOT / "tests" / "data" / "briefs",
    ROOT / "tests" / "data" / "agendas",
    ROOT / "tests" / "data" / "council",
    ROOT / "tests" / "data" / "minutes",
    ROOT / "tests" / "data" / "lcq",
    ROOT / "tests" / "data" / "sources",
    ROOT.parent / "shared" / "legco-docs",
)
SUFFIXES = {".txt", ".htm", ".html"}
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CODECS = {"utf-8-sig": "utf-8"}


@dataclass(frozen=True)
class Template:
    """One real document: its bytes split into BOM and text, its codec, kind and date span."""

    path: Path
    kind: str
    bom: bytes
    codec: str
    text: str
    first: dt.date
    last: dt.date

    def offsets(self) -> list[int]:
        """Every whole-week move that keeps all its dates within July 1998 – 2026."""
        low = -((self.first - FIRST_DAY).days // 7)
        high = (LAST_DAY - self.last).days // 7
        return [7 * weeks for weeks in range(low, high + 1) if weeks]

    def render(self, rewrite: Rewrite) -> bytes:
        """The rewritten copy, in the template's own encoding (and BOM)."""
        return self.bom + rewrite.apply(self.text).encode(self.codec)


def find_templates(dirs: tuple[Path, ...] = TEMPLATE_DIRS) -> list[Template]:
    """Every document in ``dirs`` the loader recognises and that names at least one date."""
    found = []
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in SUFFIXES and (template := _template(path)) is not None:
                found.append(template)
    return found


def _template(path: Path) -> Template | None:
    source = read_source(str(path), cache_dir=None)
    decoded = decode(source)
    try:
        kind = choose_kind(clean_text(decoded.text)).name
    except UnknownKind:
        return None
    bom = next((b for b in _BOMS if source.data.startswith(b)), b"")
    codec = _CODECS.get(decoded.encoding, decoded.encoding)
    text = source.data[len(bom) :].decode(codec)
    dates = template_dates(text)
    if not dates:
        return None
    return Template(path, kind, bom, codec, text, min(dates), max(dates))


@dataclass
class DocumentCorpus:
    """What one generation wrote."""

    folder: Path
    documents: int = 0
    bytes: int = 0
    kinds: Counter | None = None
    templates: int = 0
    seconds: float = 0.0


def generate_documents(
    out: Path, documents: int, seed: int = 42, templates: list[Template] | None = None
) -> DocumentCorpus:
    """Write ``documents`` rewritten copies, templates taken in turn, into an emptied ``out``."""
    started = time.perf_counter()
    templates = templates if templates is not None else find_templates()
    if not templates:
        raise click.ClickException("no document templates found (samples/legco, tests/data)")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    rng = random.Random(f"legisgraph-docs:{seed}")
    moves = [rng.sample(t.offsets(), len(t.offsets())) for t in templates]
    corpus = DocumentCorpus(out, kinds=Counter(), templates=len(templates))
    for index in range(documents):
        number, use = index % len(templates), index // len(templates)
        template = templates[number]
        if use >= len(moves[number]):
            raise click.ClickException(
                f"{documents} documents need more distinct dates than {template.path.name} has"
            )
        rewrite = Rewrite(moves[number][use], rng.randrange(1, 9000), template.last.year)
        data = template.render(rewrite)
        # The name keeps the template's own (moved) keys: an LCQ release's number is its date.
        name = f"{index:06d}-{rewrite.apply(template.path.stem)}{template.path.suffix}"
        (out / name).write_bytes(data)
        corpus.documents += 1
        corpus.bytes += len(data)
        corpus.kinds[template.kind] += 1
    corpus.seconds = time.perf_counter() - started
    return corpus


@click.command()
@click.option("--documents", default=1000, show_default=True, help="How many documents.")
@click.option("--seed", default=42, show_default=True, help="Same seed, same documents.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=ROOT / "var" / "bench" / "docs",
    show_default=True,
    help="Folder to (empty and) write the documents into.",
)
def main(documents: int, seed: int, out: Path) -> None:
    """Write a folder of LegCo documents rewritten from the real samples."""
    corpus = generate_documents(out, documents, seed)
    click.echo(
        f"wrote {corpus.documents} documents ({corpus.bytes / 1e6:.1f} MB) from "
        f"{corpus.templates} templates {dict(corpus.kinds)} to {out} in {corpus.seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
