"""The search index's journal: graphs about to be written, noted before the store commits them.

A load writes the store first and the search index after it; a process killed in between used to
leave the index with the old rows of the graphs it had replaced, and a rerun (which finds the
documents unchanged) never looked at them again. Noting each graph here *before* its write
commits closes that gap: the next refresh of the index (the next load, `legisgraph index`, or the
server's first search) re-indexes every graph the journal names, then clears it. The stale marker
beside it says "compare every graph" (writes whose graphs are not known in advance).

It needs nothing from the rest of the package, so the store can use it without an import cycle.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from pathlib import Path

JOURNAL_SUFFIX = ".search.pending"
STALE_SUFFIX = ".search.stale"


def journal_path(store_path: str | os.PathLike[str]) -> Path:
    """Where the journal of the store at ``store_path`` lives: beside the store folder."""
    path = Path(store_path)
    return path.with_name(path.name + JOURNAL_SUFFIX)


def stale_path(store_path: str | os.PathLike[str]) -> Path:
    """Where the stale marker of the store at ``store_path`` lives."""
    path = Path(store_path)
    return path.with_name(path.name + STALE_SUFFIX)


def note_written(store_path: str | os.PathLike[str], graphs: Iterable[str]) -> None:
    """Note graphs whose content is about to change (call before the store commits them)."""
    lines = "".join(f"{graph}\n" for graph in graphs)
    with journal_path(store_path).open("a", encoding="utf-8") as journal:
        journal.write(lines)


def mark_stale(store_path: str | os.PathLike[str]) -> None:
    """Note that the store changes in ways the index cannot know; the next refresh compares all."""
    stale_path(store_path).write_text(uuid.uuid4().hex)


def claim(path: Path) -> Path | None:
    """Take a journal or marker file (atomically, by renaming it), so that writes during a
    refresh note anew; None when there is none."""
    claimed = path.with_name(f"{path.name}.{uuid.uuid4().hex}")
    try:
        path.rename(claimed)
    except FileNotFoundError:
        return None
    return claimed


def leftovers(path: Path) -> list[Path]:
    """Journals or markers claimed by a refresh that never finished (killed, say): the next
    refresh takes them as its own (re-indexing a graph twice is harmless)."""
    return sorted(path.parent.glob(f"{path.name}.*"))


def read_claimed(claimed: Iterable[Path]) -> set[str]:
    """The graphs the claimed journals name (one gone meanwhile was done by its claimant)."""
    graphs: set[str] = set()
    for path in claimed:
        try:
            graphs.update(path.read_text(encoding="utf-8").split())
        except FileNotFoundError:
            continue
    return graphs


def give_back(claimed: Path, path: Path) -> None:
    """Return a claimed journal after a failed refresh: its lines go back in front of new ones."""
    try:
        text = claimed.read_text(encoding="utf-8")
    except FileNotFoundError:  # another refresh took it over and finished it
        return
    with path.open("a", encoding="utf-8") as journal:
        journal.write(text)
    claimed.unlink(missing_ok=True)
