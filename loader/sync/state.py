"""The sync's state file in the cache: what the current run has done, so an interrupted
sync resumes where it stopped instead of asking again for what it already has."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

STATE_FILE = "sync-state.json"


class SyncState:
    """Per document URL, the status and reason a run reached; saved after every document."""

    def __init__(self, cache_dir: Path, scope_key: str) -> None:
        self.path = Path(cache_dir) / STATE_FILE
        self.scope_key = scope_key
        self.done: dict[str, tuple[str, str]] = {}
        self.resumed = False

    def begin(self) -> None:
        """Start a run: resume the unfinished run of the same scope, else start afresh."""
        previous = self._read()
        if previous.get("scope") == self.scope_key and not previous.get("finished", True):
            self.done = {url: (s, r) for url, (s, r) in previous.get("done", {}).items()}
            self.resumed = bool(self.done)
        self._write(finished=False)

    def record(self, url: str, status: str, reason: str) -> None:
        """Remember one document's outcome (written at once: an interruption keeps it)."""
        self.done[url] = (status, reason)
        self._write(finished=False)

    def finish(self) -> None:
        """Mark the run complete: the next sync revalidates everything (conditional GET)."""
        self._write(finished=True)

    def _read(self) -> dict:
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return state if isinstance(state, dict) else {}

    def _write(self, *, finished: bool) -> None:
        state = {"scope": self.scope_key, "finished": finished, "done": self.done}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-state-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(state, file, ensure_ascii=False, indent=1, sort_keys=True)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
