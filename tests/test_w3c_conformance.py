"""The W3C SPARQL 1.1 test suites, run by rdf-test-suite against a real, disposable server."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from serverprocess import running_server

from loader.paths import ROOT

SHARED_TESTS = ROOT.parent / "shared" / "sparql-tests"
HARNESS_DIR = SHARED_TESTS / "harness"
SUITES_DIR = SHARED_TESTS / "sparql11"
MANIFEST_BASE = "https://w3c.github.io/rdf-tests/sparql/sparql11/"
PACKAGE_DIR = Path(__file__).parent / "w3c"
PACKAGE_FILES = ("package.json", "package-lock.json")
INSTALL_DIR = ROOT / "var" / "w3c-harness"
SERVER_SETTINGS = {
    "WRITE_ACCESS": "open",
    "UNION_DEFAULT_GRAPH": "false",
    "QUERY_TIMEOUT": "10",
    "QUERY_WORKERS": "2",
}
#: Per W3C test, in ms: above the server's 10 s query limit, so a limit hit shows as its 503.
TEST_TIMEOUT_MS = 12_000
SUMMARY = re.compile(r"(\d+) / (\d+) tests succeeded")
RESULT_LINE = re.compile(r"^(?P<mark>\S+) (?P<name>.*) \((?P<uri>https?://[^\s()]+)\)")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
#: log-symbols' marks for a passed or skipped test (Unicode and ASCII fallbacks).
SUCCEEDED_MARKS = {"✔", "√", "ℹ", "i"}


@dataclass(frozen=True)
class Suite:
    """One W3C suite: how the harness selects and reaches it, and the score it must reach."""

    key: str
    title: str
    spec: str
    engine: str
    endpoints: Mapping[str, str]
    total: int
    required: int

    @property
    def time_limit_s(self) -> int:
        """For the whole runner: ample for a working server, bounded for a hanging one."""
        return 60 + self.total // 2


STUB, HTTP = "stub-engine.js", "http-engine.js"
ONE_URL = {"queryEndpoint": "/sparql", "updateEndpoint": "/sparql"}
SUITES = [
    Suite(
        "protocol", "Protocol", "sparql11-protocol", STUB, {"protocolEndpoint": "/sparql"}, 34, 34
    ),
    Suite(
        "graph-store",
        "Graph Store HTTP Protocol",
        "sparql11-http-rdf-update",
        STUB,
        {"graphStoreEndpoint": "/store"},
        13,
        13,
    ),
    Suite(
        "service-description",
        "Service Description",
        "sparql11-service-description",
        STUB,
        {"serviceDescriptionEndpoint": "/sparql"},
        3,
        3,
    ),
    Suite("query", "Query evaluation and syntax", "sparql11-query", HTTP, ONE_URL, 318, 307),
    Suite("update", "Update evaluation and syntax", "sparql11-update", HTTP, ONE_URL, 157, 150),
]


@dataclass(frozen=True)
class RunningServer:
    """A disposable server: its base URL and the file its output goes to."""

    url: str
    log: Path


@dataclass(frozen=True)
class SuiteRun:
    """What the runner reported: counts, the tests that failed, its output and how long it took."""

    succeeded: int
    total: int
    failed: list[str]
    output: str = field(repr=False)
    seconds: float
    finished: bool


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _package_key() -> str:
    digest = hashlib.sha256()
    for name in PACKAGE_FILES:
        digest.update((PACKAGE_DIR / name).read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def harness_modules() -> Path:
    """The npm harness installed under var/w3c-harness (again only when tests/w3c changes)."""
    if not HARNESS_DIR.is_dir():
        pytest.skip("../shared/sparql-tests not present: the W3C suites and harness are shared")
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if missing:
        message = f"{' and '.join(missing)} not found: the W3C suites run on Node.js"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    stamp, modules = INSTALL_DIR / ".installed", INSTALL_DIR / "node_modules"
    key = _package_key()
    installed = stamp.is_file() and (modules / "rdf-test-suite").is_dir()
    if not installed or stamp.read_text() != key:
        shutil.rmtree(INSTALL_DIR, ignore_errors=True)
        INSTALL_DIR.mkdir(parents=True)
        for name in PACKAGE_FILES:
            shutil.copyfile(PACKAGE_DIR / name, INSTALL_DIR / name)
        result = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=INSTALL_DIR,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            pytest.fail(f"npm ci failed in {INSTALL_DIR}:\n{result.stdout}\n{result.stderr}")
        stamp.write_text(key)
    return modules


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[RunningServer]:
    """`legisgraph serve` over a new empty store with writes open, until the test ends."""
    log_path = tmp_path / "server.log"
    with running_server(tmp_path / "store", log_path, **SERVER_SETTINGS) as url:
        yield RunningServer(url, log_path)


def parse_output(output: str) -> tuple[int, int, list[str]]:
    """Succeeded and total counts and failed tests from the runner's summary output."""
    failed, succeeded, total = [], 0, 0
    for line in ANSI_ESCAPE.sub("", output).splitlines():
        if match := RESULT_LINE.match(line):
            total += 1
            if match["mark"] in SUCCEEDED_MARKS:
                succeeded += 1
            else:
                failed.append(f"{_short(match['uri'])}  {match['name']}")
        elif match := SUMMARY.search(line):
            assert (int(match[1]), int(match[2])) == (succeeded, total), line
    return succeeded, total, failed


def _short(uri: str) -> str:
    """`aggregates#agg-groupconcat-04` for a test IRI under the suites' base."""
    _, found, rest = uri.partition("/data-sparql11/")
    return rest.replace("/manifest#", "#") if found else uri


def run_suite(suite: Suite, base_url: str, modules: Path) -> SuiteRun:
    """Run one suite with the shared harness against base_url (it reports only at the end)."""
    cwd = modules.parent
    options = {option: base_url + path for option, path in suite.endpoints.items()}
    command = [
        "node",
        str(modules / "rdf-test-suite" / "bin" / "Runner.js"),
        # The runner requires the engine as cwd + "/" + argument.
        os.path.relpath(HARNESS_DIR / suite.engine, cwd),
        MANIFEST_BASE + "manifest-all.ttl",
        "-m",
        f"{MANIFEST_BASE}~{SUITES_DIR}/",
        "-s",
        f"http://www.w3.org/TR/{suite.spec}/",
        "-i",
        json.dumps(options),
        "-o",
        "summary",
        "-d",
        str(TEST_TIMEOUT_MS),
        "-e",
    ]
    # The engines live in ../shared and find their modules through NODE_PATH.
    environment = os.environ | {"NODE_PATH": str(modules)}
    started = time.monotonic()
    try:
        result = subprocess.run(
            command, cwd=cwd, env=environment, capture_output=True, timeout=suite.time_limit_s
        )
        raw, finished = result.stdout + result.stderr, result.returncode == 0
    except subprocess.TimeoutExpired as expired:
        raw, finished = (expired.stdout or b"") + (expired.stderr or b""), False
    output = raw.decode(errors="replace")
    succeeded, total, failed = parse_output(output)
    return SuiteRun(succeeded, total, failed, output, time.monotonic() - started, finished)


def report(suite: Suite, run: SuiteRun, server_log: Path) -> str:
    """The counts and failed tests, as printed into the test output."""
    status = "" if run.finished else f" (runner stopped: no result within {suite.time_limit_s} s)"
    lines = [
        f"W3C SPARQL 1.1 {suite.title}: {run.succeeded} / {run.total} tests succeeded "
        f"(required {suite.required} / {suite.total}) in {run.seconds:.1f} s{status}"
    ]
    lines += [f"    failed: {name}" for name in run.failed]
    if run.failed or not run.finished:
        lines.append(f"    server log: {server_log}")
    return "\n".join(lines)


def test_harness_package_is_the_shared_harness_package() -> None:
    if not HARNESS_DIR.is_dir():
        pytest.skip("../shared/sparql-tests not present: the W3C suites and harness are shared")
    shared = json.loads((HARNESS_DIR / "package.json").read_text())
    ours = json.loads((PACKAGE_DIR / "package.json").read_text())
    lock = json.loads((PACKAGE_DIR / "package-lock.json").read_text())
    for key in ("dependencies", "overrides"):
        assert ours[key] == shared[key], "refresh tests/w3c/ (see tests/w3c/README.md)"
    for name, version in shared["dependencies"].items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    for name, version in shared["overrides"].items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


@pytest.mark.parametrize("suite", SUITES, ids=[suite.key for suite in SUITES])
def test_endpoint_passes_the_w3c_suite(
    suite: Suite,
    harness_modules: Path,
    fresh_server: RunningServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    run = run_suite(suite, fresh_server.url, harness_modules)
    with capsys.disabled():
        print("\n" + report(suite, run, fresh_server.log))
    succeeded, total, tail = run.succeeded, run.total, run.output[-3000:]
    assert run.finished, f"the runner did not finish in {suite.time_limit_s} s:\n{tail}"
    assert total == suite.total, f"the harness selected {total} tests for {suite.spec}:\n{tail}"
    assert succeeded >= suite.required, f"{succeeded} / {total}: failed tests printed above"
