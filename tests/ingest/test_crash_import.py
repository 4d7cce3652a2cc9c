"""An import killed with SIGKILL half-way leaves the database exactly as it was.

A real `salesdesk import` runs in its own process on a large file and is killed at one of
three moments: while rows stream into the staging table, while the staging table is merged
into the real one, and while a first import into a department writes its rows directly.
SQLite then recovers from its write-ahead log (the uncommitted frames are ignored) and
PostgreSQL rolls the dead client's transaction back; every table's rows (and, for SQLite, the
file's bytes) must be those recorded before the import began, and the same file must then
import cleanly.
"""

from __future__ import annotations

import csv
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from salesdesk.ops.fingerprint import Fingerprint, postgres_fingerprint, sqlite_fingerprint

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads CPU time from /proc"),
]

SERVER_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SERVER_URL.startswith("postgres")
ROWS = 100_000 if ON_POSTGRES else 400_000  # PostgreSQL loads ~6,000 rows/s here: keep it short
HEADERS = ["order", "line", "date", "customer", "rep", "quantity", "unit_price"]
CPU_MID_WAY = 1.5  # seconds of CPU: well past start-up, far from the end
TIMEOUT = 300


@dataclass(frozen=True)
class State:
    fingerprint: Fingerprint
    file_digest: str  # SQLite: the file's bytes once every connection is closed


class Target:
    """The database under test: a temporary SQLite file or a scratch PostgreSQL database."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.path = workdir / "crash.sqlite3"
        self.name = f"salesdesk_crash_test_{os.getpid()}"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SALESDESK_DB")}
        if ON_POSTGRES:
            parts = urlsplit(SERVER_URL)
            env["DATABASE_URL"] = urlunsplit((parts.scheme, parts.netloc, f"/{self.name}", "", ""))
        else:
            env["SALESDESK_DB"] = str(self.path)
        return {**env, **extra}

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "salesdesk", *args]

    def state(self) -> State:
        if ON_POSTGRES:
            return State(self._postgres_fingerprint(), "")
        found = sqlite_fingerprint(self.path)  # its closing checkpoints the log into the file
        return State(found, hashlib.sha256(self.path.read_bytes()).hexdigest())

    def integrity(self) -> str:
        if ON_POSTGRES:
            return "ok"  # the server keeps its own files consistent; the rows are compared
        with closing(sqlite3.connect(self.path)) as db:
            return str(db.execute("PRAGMA integrity_check").fetchone()[0])

    def _postgres_fingerprint(self) -> Fingerprint:
        import psycopg

        with psycopg.connect(self.env()["DATABASE_URL"]) as db, db.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return postgres_fingerprint(cursor)

    def server(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(SERVER_URL, autocommit=True) as db:
            db.execute(sql)

    def running_query(self) -> str:
        """PostgreSQL: the statement the import's backend is running (or ran last)."""
        import psycopg

        with psycopg.connect(SERVER_URL, autocommit=True) as db:
            row = db.execute(
                "SELECT query FROM pg_stat_activity WHERE datname = %s AND backend_xid IS NOT NULL",
                [self.name],
            ).fetchone()
        return str(row[0]) if row else ""

    def wal_size(self) -> int:
        wal = self.path.with_name(self.path.name + "-wal")
        return wal.stat().st_size if wal.exists() else 0


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The large file, written once for every moment of killing."""
    return _orders(tmp_path_factory.mktemp("crash") / "big.csv", ROWS, "SO")


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Target]:
    found = Target(tmp_path)
    if ON_POSTGRES:
        found.server(f'DROP DATABASE IF EXISTS "{found.name}" WITH (FORCE)')
        found.server(f'CREATE DATABASE "{found.name}"')
    yield found
    if ON_POSTGRES:
        found.server(f'DROP DATABASE IF EXISTS "{found.name}" WITH (FORCE)')


def _orders(path: Path, rows: int, prefix: str) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADERS)
        for i in range(rows):
            day = f"2016-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
            out.writerow(
                [
                    f"{prefix}{i // 3:06d}",
                    i % 3 + 1,
                    day,
                    f"C{i % 97}",
                    f"R{i % 7}",
                    i % 5 + 1,
                    "9.90",
                ]
            )
    return path


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _running(target: Target, statement: str) -> bool:
    return target.running_query().startswith(statement)


def _reading(target: Target, pid: int) -> bool:
    """Rows streaming into the staging table; the real tables not yet touched."""
    busy = _cpu_seconds(pid) > CPU_MID_WAY
    return busy and (not ON_POSTGRES or _running(target, "COPY salesdesk_stage"))


def _merging(target: Target, pid: int) -> bool:
    """The staging table being merged: uncommitted pages of the real table on disk."""
    if ON_POSTGRES:
        return _running(target, "INSERT INTO records_orderline")
    return target.wal_size() > 4 << 20


def _direct(target: Target, pid: int) -> bool:
    """A department's first import, writing straight into the real table."""
    if ON_POSTGRES:
        return _cpu_seconds(pid) > CPU_MID_WAY and _running(target, "COPY records_orderline")
    return _cpu_seconds(pid) > CPU_MID_WAY and target.wal_size() > 8 << 20


Moment = Callable[[Target, int], bool]
MOMENTS: dict[str, Moment] = {"reading": _reading, "merging": _merging, "direct": _direct}


def _kill_mid_way(
    process: subprocess.Popen[bytes], target: Target, moment: Moment, log: Path
) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not moment(target, process.pid):
        finished = process.poll() is not None
        assert not finished, f"the import ended before it could be killed: {log.read_text()}"
        assert time.monotonic() < deadline, "the import never reached the moment to kill it"
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL


@pytest.mark.parametrize("phase", ["reading", "merging", "direct"])
def test_an_import_killed_half_way_changes_nothing(target, big, tmp_path, phase):
    first = _orders(tmp_path / "first.csv", 30, "F")
    subprocess.run(
        target.command("import", "orders", str(first)),
        env=target.env(),
        check=True,
        capture_output=True,
    )
    before = target.state()
    department = ["--department", "新部门"] if phase == "direct" else []
    # A small page cache makes SQLite spill uncommitted pages into the log early.
    env = target.env(SALESDESK_SQLITE_CACHE_MB="2")
    arguments = target.command("import", "orders", str(big), *department)
    log = tmp_path / "import.log"
    with (
        open(log, "wb") as output,
        subprocess.Popen(arguments, env=env, stdout=output, stderr=output) as process,
    ):
        _kill_mid_way(process, target, MOMENTS[phase], log)
    assert target.state() == before
    assert target.integrity() == "ok"
    again = subprocess.run(
        target.command("import", "orders", str(big), *department),
        env=target.env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert again.returncode == 0, again.stdout + again.stderr
    after = target.state().fingerprint.tables["records_orderline"].rows
    assert after == 30 + ROWS
