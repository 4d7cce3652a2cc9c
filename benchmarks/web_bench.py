"""Dashboard latency under load: 1,000,000 order lines, `salesdesk serve`, 20 concurrent clients.

For SQLite (always) and PostgreSQL (when DATABASE_URL is set; a fresh database is created on
that server for the run and dropped afterwards): generate contract-format order lines
(benchmarks/datagen.py), import them in a subprocess, create a manager (`salesdesk createuser`,
password on standard input), start `salesdesk serve` on 127.0.0.1 and a free port, log 20
clients in (one keep-alive connection and session each, standard library only) and let each
GET the dashboard a bounded number of times. Each client first makes one untimed request (the
summary is built once per worker process and cached); the timed requests give p50, p95 and max
latency and the count of non-200 answers. Target: p95 <= 300 ms.

    .venv/bin/python benchmarks/web_bench.py [--lines 1000000] [--clients 20] [--requests 25]
        [--five-departments] [--dir DIR [--reuse]] [--skip-sqlite]

`--five-departments` imports scale_bench.py's data instead (five departments, order lines and
half as many activities, the manager of the largest), so the figures compare with that
benchmark's. `--dir DIR` works in DIR and keeps it: the SQLite database, and the PostgreSQL
database (named in DIR/postgresql/database.txt), stay for later runs; `--reuse` then measures
the databases already imported there instead of importing again (the server still starts
fresh, so each worker's first request reads the stored summary as in a cold start).

Only 127.0.0.1 is ever contacted (plus the PostgreSQL server named by DATABASE_URL).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datagen import write_order_lines

YEAR = 2025
HOST = "127.0.0.1"
USER = "bench-manager"
PASSWORD = "Bench-pass-2025!"
IMPORT = """
import json, sys, time
from salesdesk import bootstrap
bootstrap.setup()
from salesdesk.ingest.importer import import_file
started = time.perf_counter()
result = import_file(sys.argv[1], "orders")
print(json.dumps({"seconds": time.perf_counter() - started, "added": result.added}))
"""
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def salesdesk(env: dict[str, str], *args: str, stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "salesdesk", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    return done.stdout


def load(env: dict[str, str], data: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT, str(data)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def wait_until_up(port: int, server: subprocess.Popen[bytes], seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"salesdesk serve exited with {server.returncode}")
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/accounts/login/")
            if connection.getresponse().status == 200:
                connection.close()
                return
        time.sleep(0.5)
    raise TimeoutError("salesdesk serve did not answer in time")


@contextlib.contextmanager
def serving(env: dict[str, str], work: Path) -> Iterator[int]:
    port = free_port()
    log = open(work / f"serve-{port}.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "salesdesk", "serve", "--host", HOST, "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(port, server)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


# ---------------------------------------------------------------- the clients


@dataclass
class Client:
    """One browser: a keep-alive connection and its cookies."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: str = "") -> tuple[int, str]:
        """One request; an idle keep-alive connection the server has closed is reopened once,
        as a browser does."""
        for attempt in (1, 2):
            reused = self.connection is not None
            try:
                return self._exchange(method, path, body)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if not reused or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _exchange(self, method: str, path: str, body: str) -> tuple[int, str]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}/accounts/login/"
        self.connection.request(method, path, body=body or None, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, text

    def log_in(self) -> None:
        _, page = self.request("GET", "/accounts/login/")
        token = _CSRF.search(page)
        assert token, "no CSRF token on the log-in page"
        form = urlencode(
            {"csrfmiddlewaretoken": token.group(1), "username": USER, "password": PASSWORD}
        )
        status, _ = self.request("POST", "/accounts/login/", form)
        assert status == 302 and "sessionid" in self.cookies, f"log-in failed ({status})"

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    warm_up: list[float] = field(default_factory=list)
    failures: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def timed_get(client: Client, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        status, _ = client.request("GET", path)
    except (OSError, http.client.HTTPException):
        client.close()
        status = 0
    return status, time.perf_counter() - started


def run_client(port: int, requests: int, start: threading.Barrier, tally: Tally) -> None:
    client = Client(port)
    try:
        client.log_in()
        status, warm = timed_get(client, "/")
        start.wait(timeout=600)
        times, failed = [], []
        for _ in range(requests):
            code, seconds = timed_get(client, "/")
            times.append(seconds)
            if code != 200:
                failed.append(code)
        with tally.lock:
            tally.warm_up.append(warm)
            tally.latencies.extend(times)
            tally.failures.extend(failed + ([status] if status != 200 else []))
    finally:
        client.close()


def hammer(port: int, clients: int, requests: int) -> Tally:
    tally = Tally()
    start = threading.Barrier(clients)
    threads = [
        threading.Thread(target=run_client, args=(port, requests, start, tally))
        for _ in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=1800)
    return tally


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# ---------------------------------------------------------------- one database


def environment(work: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        {
            "SALESDESK_DB": str(work / "web_bench.sqlite3"),
            "SALESDESK_STATIC_ROOT": str(work / "static"),
            "SALESDESK_SECRET_KEY": "web-bench-" + os.urandom(16).hex(),
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


IMPORTED = "imported.json"  # written once the database of a kept folder is complete


@dataclass
class Data:
    """The files to import, written once per run into `folder` (for both engines)."""

    folder: Path
    args: argparse.Namespace
    written: Any = None  # scale_bench's list of Files, or the one order file

    def files(self) -> Any:
        if self.written is None:
            if self.args.five_departments:
                from scale_bench import generate  # scale_bench imports this file

                self.written = generate(self.folder, self.args.lines, self.args.lines // 2)
            else:
                path = self.folder / "orders.csv"
                self.written = write_order_lines(path, self.args.lines, year=YEAR)
        return self.written


def prepare(env: dict[str, str], work: Path, data: Data) -> float:
    """Import the data and create the manager, or with --reuse find them already done; the
    import's seconds (as first measured, for a reused database)."""
    args = data.args
    done = work / IMPORTED
    what = {"lines": args.lines, "five_departments": args.five_departments}
    if args.reuse and done.exists():
        kept = json.loads(done.read_text())
        if {k: kept.get(k) for k in what} != what:
            raise SystemExit(f"{work} holds {kept}, not {what}: run without --reuse")
        return float(kept["seconds"])
    if args.five_departments:
        from scale_bench import DEPARTMENTS, import_all

        seconds = float(import_all(env, data.files())["seconds"])  # type: ignore[arg-type]
        department = DEPARTMENTS[0].name  # the largest share
    else:
        seconds = load(env, data.files())["seconds"]
        department = "default"
    salesdesk(
        env,
        "createuser",
        USER,
        "--role",
        "manager",
        "--department",
        department,
        stdin=PASSWORD + "\n",
    )
    done.write_text(json.dumps({"seconds": seconds, **what}))
    return seconds


def measure(name: str, env: dict[str, str], work: Path, data: Data) -> None:
    imported = prepare(env, work, data)
    args = data.args
    wall = time.perf_counter()
    with serving(env, work) as port:
        cpu = time.process_time()
        tally = hammer(port, args.clients, args.requests)
        cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    ms = [t * 1000 for t in tally.latencies]
    print(
        f"{name:<10} {args.lines:,} lines (import {imported:.0f} s)  "
        f"{args.clients} clients x {args.requests} GET /  "
        f"p50 {statistics.median(ms):.0f} ms  p95 {percentile(ms, 0.95):.0f} ms  "
        f"max {max(ms):.0f} ms  non-200 {len(tally.failures)} {dict(Counter(tally.failures))}  "
        f"(first request per client: max {max(tally.warm_up) * 1000:.0f} ms; "
        f"{len(ms)} timed requests, {wall:.0f} s with start-up; the clients' own CPU "
        f"{cpu:.1f} s)   target p95 <= 300 ms",
        flush=True,
    )


@contextlib.contextmanager
def fresh_postgres(url: str) -> Iterator[str]:
    """A new, empty database on the server of `url`, dropped afterwards."""
    import psycopg

    parts = urlsplit(url)
    name = f"salesdesk_web_bench_{os.getpid()}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def kept_postgres(url: str, work: Path, reuse: bool) -> str:
    """The database of a kept folder: the one named in it (with --reuse, when it exists), else a
    new, empty one in place of it, named there and kept (drop it by hand when done)."""
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    named = work / "database.txt"
    with psycopg.connect(admin, autocommit=True) as connection:
        if named.exists():
            name = named.read_text().strip()
            if (
                reuse
                and connection.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [name]
                ).fetchone()
            ):
                return urlunsplit(parts._replace(path=f"/{name}"))
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # this folder's
        name = f"salesdesk_web_bench_{os.getpid()}"
        connection.execute(f'CREATE DATABASE "{name}"')
    named.write_text(name + "\n")
    (work / IMPORTED).unlink(missing_ok=True)
    return urlunsplit(parts._replace(path=f"/{name}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="timed requests per client")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument(
        "--five-departments", action="store_true", help="scale_bench.py's data (see above)"
    )
    parser.add_argument("--dir", type=Path, help="work here and keep the databases")
    parser.add_argument("--reuse", action="store_true", help="with --dir: reuse its databases")
    args = parser.parse_args()
    if args.reuse and args.dir is None:
        parser.error("--reuse needs --dir")
    with contextlib.ExitStack() as stack:
        if args.dir is None:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="salesdesk-web-bench-"))
        else:
            folder = str(args.dir.resolve())
        run(Path(folder), args, stack)


def run(work: Path, args: argparse.Namespace, stack: contextlib.ExitStack) -> None:
    database_url = os.environ.get("DATABASE_URL", "")
    data = Data(work, args)
    if not args.skip_sqlite:
        sqlite_work = work / "sqlite"
        sqlite_work.mkdir(parents=True, exist_ok=True)
        if not args.reuse:
            for stale in sqlite_work.glob("web_bench.sqlite3*"):
                stale.unlink()
            (sqlite_work / IMPORTED).unlink(missing_ok=True)
        measure("SQLite", environment(sqlite_work, None), sqlite_work, data)
    if database_url.startswith(("postgres://", "postgresql://")):
        pg_work = work / "postgresql"
        pg_work.mkdir(parents=True, exist_ok=True)
        if args.dir is None:
            url = stack.enter_context(fresh_postgres(database_url))
        else:
            url = kept_postgres(database_url, pg_work, args.reuse)
        measure("PostgreSQL", environment(pg_work, url), pg_work, data)


if __name__ == "__main__":
    main()
