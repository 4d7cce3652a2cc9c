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


def measure(
    name: str, env: dict[str, str], data: Path, work: Path, args: argparse.Namespace
) -> None:
    loaded = load(env, data)
    salesdesk(
        env,
        "createuser",
        USER,
        "--role",
        "manager",
        "--department",
        "default",
        stdin=PASSWORD + "\n",
    )
    wall = time.perf_counter()
    with serving(env, work) as port:
        cpu = time.process_time()
        tally = hammer(port, args.clients, args.requests)
        cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    ms = [t * 1000 for t in tally.latencies]
    print(
        f"{name:<10} {args.lines:,} lines (import {loaded['seconds']:.0f} s)  "
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="timed requests per client")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="salesdesk-web-bench-") as folder:
        work = Path(folder)
        data = write_order_lines(work / "orders.csv", args.lines, year=YEAR)
        if not args.skip_sqlite:
            sqlite_work = work / "sqlite"
            sqlite_work.mkdir()
            measure("SQLite", environment(sqlite_work, None), data, sqlite_work, args)
        if database_url.startswith(("postgres://", "postgresql://")):
            pg_work = work / "postgresql"
            pg_work.mkdir()
            with fresh_postgres(database_url) as url:
                measure("PostgreSQL", environment(pg_work, url), data, pg_work, args)


if __name__ == "__main__":
    main()
