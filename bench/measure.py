"""Measuring a command: wall time and peak memory (resident set) of a subprocess, or of a running
server's whole process group."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

#: The project's own CLI, beside the Python running the benchmark.
LEGISGRAPH = str(Path(sys.executable).parent / "legisgraph")
#: How often a running child's peak memory is read.
POLL_SECONDS = 0.05


@dataclass(frozen=True)
class Ran:
    """One finished subprocess: wall time, peak RSS (MB), exit status and its output."""

    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_measured(command: list[str], env: dict[str, str] | None = None) -> Ran:
    """Run ``command`` to the end; its wall time and its peak RSS.

    The peak is the child's own VmHWM, polled from /proc while it runs: wait4's ru_maxrss
    would also count the pages of this (large) parent that the child had before its exec.
    """
    with (
        open(os.devnull, "rb") as stdin,
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as err,
    ):
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdin=stdin, stdout=out, stderr=err, env={**os.environ, **(env or {})}
        )
        peak_kb = 0
        while process.poll() is None:
            peak_kb = max(peak_kb, _hwm_kb(process.pid))
            time.sleep(POLL_SECONDS)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return Ran(seconds, peak_kb / 1024, process.returncode, out.read(), err.read())


def _hwm_kb(pid: int) -> int:
    """A live process's peak RSS so far (VmHWM, kB); 0 once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next(
        (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0
    )


def python_module(module: str, *args: str) -> list[str]:
    """The command that runs ``python -m module args`` with this interpreter."""
    return [sys.executable, "-m", module, *args]


def group_peak_mb(group: int) -> float:
    """Sum of the peak RSS (VmHWM) of every live process in process group ``group``."""
    total_kb = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == group:
                    total_kb += _hwm_kb(int(entry.name))
            except ProcessLookupError:
                continue
    return total_kb / 1024
