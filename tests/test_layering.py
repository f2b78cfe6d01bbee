"""The web process stays light: serving requests imports no extractor, PDF reader or validator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Modules a web process must never load (prefixes of module names).
FORBIDDEN = ("loader.kinds", "pdfminer", "pyshacl")

SERVE_REQUESTS = """
import json, sys, tempfile
from pathlib import Path
import click
import server.wsgi  # what gunicorn's worker imports
from server import create_app
from server.cli import cli  # `legisgraph serve` forks the web processes from this one
with click.Context(cli) as context:
    assert cli.get_command(context, "serve") is not None
folder = Path(tempfile.mkdtemp())
app = create_app({"STORE": str(folder / "store"), "RELEASES_DIR": str(folder / "releases"),
                  "QUERY_WORKERS": 1})
client = app.test_client()
statuses = [
    client.get("/sparql", query_string={"query": "ASK {}"}).status_code,
    client.get("/ontology", headers={"Accept": "text/turtle"}).status_code,
    client.get("/dumps/void.ttl").status_code,
    client.get("/id/nothing-here").status_code,
]
print(json.dumps({"statuses": statuses, "modules": sorted(sys.modules)}))
"""


def test_web_process_imports_no_extractor_pdf_reader_or_validator() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SERVE_REQUESTS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["statuses"] == [200, 200, 200, 404]
    loaded = [m for m in report["modules"] if m.split(".")[0] in ("loader", "pdfminer", "pyshacl")]
    assert "loader.errors" in loaded  # the check can see loader modules at all
    assert [m for m in loaded if m.startswith(FORBIDDEN)] == []
