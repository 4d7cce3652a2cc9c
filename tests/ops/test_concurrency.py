"""Twenty people log visits through the running web app while 100,000 order lines are imported
and the annual report is written: nothing is refused, nothing is lost.

A real `salesdesk serve` (gunicorn, 2 workers × 4 threads) on a throw-away database (an SQLite
file; a scratch PostgreSQL database when DATABASE_URL points at PostgreSQL). Ten writers log in
and post the visit form (log-in, CSRF and all), ten more post to the JSON API with a token; each
pair shares a rep, so two requests often want the same visit key at the same moment. Meanwhile
`salesdesk import orders` writes a 100,000-line file in one transaction and `salesdesk report`
reads the year. Every visit answered as saved must be in the database exactly once, and every
visit in the database must have been answered as saved.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from ops_databases import Database

pytestmark = pytest.mark.slow

DEPARTMENT = "出口部"
PASSWORD = "Visit-log-2025"
PAIRS = 10  # ten reps, each with a form writer and an API writer: 20 writers
IMPORT_LINES = 100_000
SEED_LINES = 1  # the one 2025 order line ops_team.py writes
MIN_POSTS = 5  # every writer posts at least this many, and goes on until import and report end
MAX_POSTS = 200  # a bound, should the import be very slow
VISIT_DAY = "2025-06-02"
LOCKED = "database is locked"
BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@dataclass
class Post:
    """One visit a writer sent: its note (unique), the HTTP status and the saved id (if any)."""

    note: str
    status: int
    saved: int | None
    during_import: bool
    body: str = ""


@dataclass
class Writer:
    name: str
    rep: str
    customer: int
    posts: list[Post] = field(default_factory=list)
    error: str = ""

    @property
    def saved(self) -> list[Post]:
        return [p for p in self.posts if p.saved is not None]


# ---------------------------------------------------------------- the server


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(databases, tmp_path: Path) -> Iterator[tuple[Database, str, subprocess.Popen[str]]]:
    """(database, base URL, server process) — `salesdesk serve` on a new database; its output
    (the access log among it) goes to server.log: a pipe nobody reads would fill and stop it."""
    database = databases("concurrency")
    port = _free_port()
    env = {
        **database.env(),
        "SALESDESK_WEB_WORKERS": "2",
        "SALESDESK_WEB_THREADS": "4",
        "SALESDESK_STATIC_ROOT": str(tmp_path / "static"),
        "SALESDESK_SECRET_KEY": "concurrency-test-key-" + "x" * 40,
    }
    database.run("department", "list")  # migrate before the workers start
    with open(tmp_path / "server.log", "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "salesdesk", "serve", "--port", str(port)],
            env=env,
            cwd=tmp_path,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, tmp_path / "server.log")
        yield database, base, process
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=60)


def _wait_until_up(base: str, process: subprocess.Popen[str], log: Path) -> None:
    deadline = time.monotonic() + 180  # collectstatic first
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped: {log.read_text(encoding='utf-8')}")
        try:
            if requests.get(f"{base}/accounts/login/", timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not answer within 180 s")


# ---------------------------------------------------------------- the writers


def _session() -> requests.Session:
    """A client that opens a connection for each request. A kept-alive connection that waits at
    the start line longer than the server's keep-alive (5 s) is closed by the server, and a POST
    sent on it fails without reaching the app; a browser retries that, `requests` does not."""
    session = requests.Session()
    session.headers["Connection"] = "close"
    return session


def _form_session(base: str, user: str) -> requests.Session:
    """Logged in through the log-in form, as a phone's browser would be."""
    session = _session()
    session.get(f"{base}/accounts/login/", timeout=30).raise_for_status()
    answer = session.post(
        f"{base}/accounts/login/",
        data={
            "username": user,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302, answer.text[:500]
    form = session.get(f"{base}/visits/new/", timeout=30)
    assert form.status_code == 200 and 'name="customer"' in form.text
    return session


def _post_form(session: requests.Session, base: str, writer: Writer, note: str) -> Post:
    answer = session.post(
        f"{base}/visits/new/",
        data={
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "customer": str(writer.customer),
            "date": VISIT_DAY,
            "kind": "visit",
            "outcome": "interested",
            "note": note,
        },
        allow_redirects=False,
        timeout=60,
    )
    found = re.search(r"saved=(\d+)", answer.headers.get("Location", ""))
    saved = int(found.group(1)) if answer.status_code == 302 and found else None
    return Post(note, answer.status_code, saved, False, "" if saved else answer.text[:2000])


def _post_api(session: requests.Session, base: str, writer: Writer, note: str) -> Post:
    body = {"date": VISIT_DAY, "kind": "visit", "customer": writer.customer, "note": note}
    answer = session.post(f"{base}/api/activities", json=body, timeout=60)
    saved = int(answer.json()["id"]) if answer.status_code == 201 else None
    return Post(note, answer.status_code, saved, False, "" if saved else answer.text[:2000])


def _run_writer(
    writer: Writer,
    send: Callable[[str], Post],
    start: threading.Barrier,
    importing: threading.Event,
    stop: threading.Event,
) -> None:
    try:
        start.wait(timeout=120)
        while len(writer.posts) < MAX_POSTS and not (
            stop.is_set() and len(writer.posts) >= MIN_POSTS
        ):
            was_importing = importing.is_set()
            post = send(f"{writer.name}-{len(writer.posts) + 1}")
            post.during_import = was_importing and importing.is_set()
            writer.posts.append(post)
    except Exception as error:  # reported by the test, with the writer's name
        writer.error = f"{type(error).__name__}: {error}"


def _writers(base: str, team: dict[str, dict[str, object]]) -> list[tuple[Writer, Callable]]:
    """A form writer and an API writer for every rep, each ready to post."""
    made: list[tuple[Writer, Callable]] = []
    for rep, person in team.items():
        customer = int(str(person["customer"]))
        form_writer = Writer(f"form-{rep}", rep, customer)
        form_session = _form_session(base, str(person["user"]))
        made.append((form_writer, _bind(_post_form, form_session, base, form_writer)))
        api_writer = Writer(f"api-{rep}", rep, customer)
        api_session = _session()
        api_session.headers["Authorization"] = f"Bearer {person['token']}"
        made.append((api_writer, _bind(_post_api, api_session, base, api_writer)))
    return made


def _bind(post: Callable, session: requests.Session, base: str, writer: Writer) -> Callable:
    return lambda note: post(session, base, writer, note)


# ---------------------------------------------------------------- import and report


def _start(database: Database, *args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "salesdesk", *args],
        env=database.env(),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _orders_file(folder: Path) -> Path:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from datagen import write_order_lines
    finally:
        sys.path.remove(str(BENCHMARKS))
    return write_order_lines(folder / "orders-100k.csv", IMPORT_LINES)


def _team(database: Database) -> dict[str, dict[str, object]]:
    script = Path(__file__).with_name("ops_team.py")
    done = subprocess.run(
        [sys.executable, str(script), DEPARTMENT, str(PAIRS), PASSWORD],
        env=database.env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return dict(json.loads(done.stdout))


# ---------------------------------------------------------------- the test


def test_twenty_writers_an_import_and_a_report_at_once(server, tmp_path):
    database, base, process = server
    team = _team(database)
    orders = _orders_file(tmp_path)
    writers = _writers(base, team)
    assert len(writers) == 2 * PAIRS == 20

    start = threading.Barrier(len(writers) + 1)
    importing, stop = threading.Event(), threading.Event()
    threads = [
        threading.Thread(target=_run_writer, args=(w, send, start, importing, stop))
        for w, send in writers
    ]
    for thread in threads:
        thread.start()
    start.wait(timeout=120)
    time.sleep(0.5)  # the writers are posting before the import begins
    importing.set()
    load = _start(
        database, "import", "orders", str(orders), "--department", DEPARTMENT, cwd=tmp_path
    )
    report = _start(database, "report", "--year", "2025", "--department", DEPARTMENT, cwd=tmp_path)
    load_out, load_err = load.communicate(timeout=600)
    importing.clear()
    report_out, report_err = report.communicate(timeout=600)
    stop.set()
    for thread in threads:
        thread.join(timeout=300)
    process.terminate()
    process.wait(timeout=60)
    server_log = (tmp_path / "server.log").read_text(encoding="utf-8")

    everyone = [w for w, _send in writers]
    errors = [f"{w.name} after {len(w.posts)} posts: {w.error}" for w in everyone if w.error]
    assert errors == [], "\n".join(errors) + "\n" + server_log[-4000:]
    posts = [p for w in everyone for p in w.posts]
    failed = [(p.note, p.status, p.body[:300]) for p in posts if p.saved is None]
    assert failed == [], failed
    # Visits really overlapped the import: some were sent and answered while it was running.
    assert sum(p.during_import for p in posts) >= len(everyone)

    for output in (load_out, load_err, report_out, report_err, server_log):
        assert LOCKED not in output
    assert "Traceback" not in server_log, server_log[-3000:]
    statuses = re.findall(r'" (\d{3}) ', server_log)  # gunicorn's access log, one line a request
    assert statuses and not [s for s in statuses if s.startswith("5")]
    assert load.returncode == 0, load_out[-2000:] + load_err[-2000:]
    assert report.returncode == 0, report_err[-2000:]
    assert json.loads(report_out)["year"] == 2025

    # Zero lost writes: the ids answered as saved are exactly the visits in the database, and
    # each carries the note its writer sent (notes are unique: writer name and number).
    stored = dict(database.rows("SELECT id, note FROM records_activity"))
    answered = {p.saved: p.note for p in posts}
    assert len(answered) == len(posts)  # no id answered twice
    assert stored == answered
    assert len(stored) == len(posts) >= 20 * MIN_POSTS
    keys = database.rows("SELECT key FROM records_activity")
    assert len({k for (k,) in keys}) == len(posts)  # every visit got its own key
    lines = database.scalar("SELECT COUNT(*) FROM records_orderline")
    assert int(str(lines)) == IMPORT_LINES + SEED_LINES
