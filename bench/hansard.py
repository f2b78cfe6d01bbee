"""A Hansard's load, measured: wall time and peak memory of decoding and reading one real
Hansard (default: the ~250-page PDF in ../shared), and of ``legisgraph load`` with validation
once the ``hansard`` kind is registered. Target (issue 21): a 300-page Hansard in under a
minute on 2 cores with validation on, peak memory under 1 GB.

    .venv/bin/python -m bench.hansard [PATH]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from bench.measure import LEGISGRAPH, run_measured

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "legco-docs" / "hansard-2012-11-21-zh.pdf"
)
#: Decode and read in a fresh interpreter, so its peak memory is this document's alone.
_READ = """
import sys
from loader.decode import decode
from loader.kinds.hansard.reader import read
from loader.sources import read_source
text = decode(read_source(sys.argv[1], cache_dir=None)).text
record = read(text)
pages = {s.page for s in record.speeches if s.page}
print(len(record.speeches), len(record.divisions), len(pages))
"""


def main(path: Path) -> dict[str, object]:
    """The measurements for ``path`` as a dict (also printed as JSON)."""
    if not path.exists():
        raise SystemExit(f"{path}: no such Hansard (the real ones live in ../shared/legco-docs)")
    read = run_measured([sys.executable, "-c", _READ, str(path)])
    if read.returncode != 0:
        raise SystemExit(f"reading {path} failed:\n{read.stderr}")
    speeches, divisions, pages = (int(n) for n in read.stdout.split())
    out: dict[str, object] = {
        "document": path.name,
        "pages_with_speeches": pages,
        "speeches": speeches,
        "divisions": divisions,
        "decode_and_read_seconds": round(read.seconds, 2),
        "decode_and_read_peak_mb": round(read.peak_mb, 1),
    }
    if _kind_registered():
        with tempfile.TemporaryDirectory() as store:
            load = run_measured([LEGISGRAPH, "--store", store, "load", str(path)])
        out["load_with_validation_seconds"] = round(load.seconds, 2)
        out["load_with_validation_peak_mb"] = round(load.peak_mb, 1)
        out["load_exit_status"] = load.returncode
    print(json.dumps(out, indent=2))
    return out


def _kind_registered() -> bool:
    from loader.kinds.registry import KINDS

    return "hansard" in KINDS


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
