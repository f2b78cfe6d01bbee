"""Virtuoso Open Source (Debian `virtuoso-opensource`) in a throw-away database on loopback ports.

The same N-Quads file the Oxigraph store was bulk-loaded from goes in through Virtuoso's own
bulk loader (`ld_dir` + `rdf_loader_run`), so both hold the same quads.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.engines import LOOPBACK, EngineUnavailable, Server, free_port

INSTALL_HINT = "Virtuoso is not installed: apt-get install -y virtuoso-opensource"
#: Where Debian's package keeps the HTTP server's document root.
VSP_ROOT = Path("/var/lib/virtuoso-opensource-7/vsp")

INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = {host}:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 100
CheckpointInterval = 0
DirsAllowed = ., {data}
NumberOfBuffers = 340000
MaxDirtyBuffers = 250000
MaxQueryMem = 2G
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 10

[HTTPServer]
ServerPort = {host}:{http_port}
ServerRoot = {vsp}
MaxClientConnections = 100
ServerThreads = 100
MaxKeepAlives = 100
KeepAliveTimeout = 10
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 100000000
MaxSortedTopRows = 100000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
"""


def virtuoso_available() -> bool:
    """Whether Debian's Virtuoso server and its isql client are installed."""
    return shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None


class Virtuoso(Server):
    """A Virtuoso server over a temporary database, empty or loaded from one N-Quads file.

    ``writable`` grants SPARQL Update to the anonymous /sparql user: for a loopback test
    instance only, never for a public one.
    """

    def __init__(
        self, nquads: Path | None, workdir: Path, logs: Path, *, writable: bool = False
    ) -> None:
        if not virtuoso_available():
            raise EngineUnavailable(INSTALL_HINT)
        self.nquads = nquads.resolve() if nquads is not None else None
        self.writable = writable
        self.db = Path(tempfile.mkdtemp(prefix="virtuoso-", dir=workdir))
        self.sql_port, http_port = free_port(), free_port()
        ini = self.db / "virtuoso.ini"
        ini.write_text(
            INI.format(
                db=self.db,
                host=LOOPBACK,
                sql_port=self.sql_port,
                http_port=http_port,
                data=self.nquads.parent if self.nquads else self.db,
                vsp=VSP_ROOT,
            )
        )
        command = ["virtuoso-t", "+foreground", "+configfile", str(ini)]
        super().__init__(
            "virtuoso", f"http://{LOOPBACK}:{http_port}/sparql", command, logs / "virtuoso.log"
        )
        self.load_seconds = 0.0

    def start(self, ready_within: float = 180.0) -> None:
        """Start Virtuoso, then bulk-load the N-Quads (if any) and checkpoint."""
        super().start(ready_within)
        if self.writable:
            self.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
        if self.nquads is None:
            return
        started = time.monotonic()
        self.isql(
            f"ld_dir('{self.nquads.parent}', '{self.nquads.name}', 'urn:bench:fallback'); "
            "rdf_loader_run(); checkpoint;"
        )
        errors = self.isql("SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
        if "\n0\n" not in errors.replace(" ", ""):
            raise EngineUnavailable(f"Virtuoso's bulk load failed: {errors[-500:]}")
        self.load_seconds = time.monotonic() - started

    def facts(self) -> dict[str, str]:
        """How long Virtuoso's bulk load of the corpus took."""
        return {"Virtuoso bulk load": f"{self.load_seconds:.1f} s"}

    def isql(self, statements: str) -> str:
        """Run SQL through Virtuoso's isql client as dba; its output."""
        command = ["isql-vt", f"{LOOPBACK}:{self.sql_port}", "dba", "dba", f"exec={statements}"]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def stop(self) -> None:
        """Stop the server and delete its temporary database."""
        super().stop()
        shutil.rmtree(self.db, ignore_errors=True)
