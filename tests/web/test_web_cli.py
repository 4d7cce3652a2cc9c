"""`salesdesk createuser`, `digest` and `serve`, run as real commands on a temporary database."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

DEPARTMENT = "出口部"


@pytest.fixture(scope="module")
def reps_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with department 出口部 and reps E01, E02, built once for the module."""
    folder = tmp_path_factory.mktemp("reps-db")
    reps = folder / "reps.csv"
    reps.write_text("rep,name\nE01,林妮\nE02,黄敏\n", encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["SALESDESK_DB"] = str(folder / "reps.sqlite3")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "salesdesk",
            "import",
            "reps",
            str(reps),
            "--department",
            DEPARTMENT,
        ],
        env=environment,
        cwd=folder,
        check=True,
        capture_output=True,
    )
    return folder / "reps.sqlite3"


@pytest.fixture
def with_reps(run_salesdesk, reps_db: Path):
    shutil.copyfile(reps_db, run_salesdesk.db)
    return run_salesdesk


def _row(db: Path, name: str) -> tuple[str, str, str | None, int, int]:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        row = connection.execute(
            "SELECT u.password, p.role, r.code, u.is_staff, u.is_superuser FROM auth_user u "
            "JOIN accounts_profile p ON p.user_id = u.id "
            "LEFT JOIN records_rep r ON r.id = p.rep_id WHERE u.username = ?",
            (name,),
        ).fetchone()
    return tuple(row)  # type: ignore[return-value]


def test_createuser_creates_then_updates_the_role(with_reps):
    run = with_reps
    done = run("createuser", "anna", "--role", "rep", "--rep", "E01", stdin="Secret-pass-9\n")
    assert "已创建用户 anna" in done.stdout
    password, role, rep, staff, superuser = _row(run.db, "anna")
    assert (role, rep, staff, superuser) == ("rep", "E01", 0, 0)
    assert password.startswith("argon2$")

    done = run("createuser", "anna", "--role", "manager", "--department", DEPARTMENT, stdin="\n")
    assert "已更新用户 anna" in done.stdout and "密码未变" in done.stdout
    assert _row(run.db, "anna")[:2] == (password, "manager")

    run("createuser", "anna", "--role", "admin", stdin="Another-pass-7\n")
    new_password, role, _rep, staff, superuser = _row(run.db, "anna")
    assert (role, staff, superuser) == ("admin", 1, 1)
    assert new_password != password


def test_createuser_refuses_an_empty_password_for_a_new_user(with_reps):
    done = with_reps("createuser", "bob", "--role", "viewer", stdin="", check_exit=1)
    assert "新用户需要密码" in done.stderr


def test_createuser_refuses_a_weak_password(with_reps):
    done = with_reps("createuser", "bob", "--role", "viewer", stdin="123\n", check_exit=1)
    assert "密码不合要求" in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "rep", "--rep", "E99"], "没有工号为 E99 的业务员。现有工号：E01、E02"),
        (["--role", "manager", "--department", "无此部门"], "没有名为“无此部门”的部门"),
        (["--role", "rep"], "业务员角色需要 --rep"),
        (["--role", "manager"], "经理角色需要 --department"),
    ],
)
def test_createuser_explains_bad_arguments(with_reps, args, message):
    done = with_reps("createuser", "carl", *args, stdin="Secret-pass-9\n", check_exit=1)
    assert message in done.stderr


def test_createuser_rejects_an_unknown_role(with_reps):
    done = with_reps("createuser", "dan", "--role", "king", stdin="Secret-pass-9\n", check_exit=2)
    assert "--role" in done.stderr


def test_digest_mails_the_due_follow_ups_to_the_console(with_reps, tmp_path: Path):
    run = with_reps
    visits = tmp_path / "visits.csv"
    visits.write_text(
        "date,rep,customer,kind,outcome,next_follow_up,note\n"
        "2025-03-01,E01,KH001,visit,interested,2025-03-10,带样品\n"
        "2025-03-02,E02,KH002,call,,2025-03-20,\n",
        encoding="utf-8",
    )
    run("import", "activities", str(visits), "--department", DEPARTMENT)
    run(
        "createuser",
        "anna",
        "--role",
        "rep",
        "--rep",
        "E01",
        "--email",
        "anna@example.com",
        stdin="Secret-pass-9\n",
    )
    run(
        "createuser",
        "bo",
        "--role",
        "rep",
        "--rep",
        "E02",
        "--email",
        "bo@example.com",
        stdin="Secret-pass-9\n",
    )
    done = run("digest", "--date", "2025-03-10")
    assert "To: anna@example.com" in done.stdout
    assert "KH001" in done.stdout and "带样品" in done.stdout
    assert "bo@example.com" not in done.stdout  # E02's follow-up is not due yet
    assert "已发送 1 封" in done.stderr
    bad = run("digest", "--date", "10/03/2025", check_exit=2)
    assert "无法识别的日期" in bad.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, dict(response.headers), response.read()


@pytest.mark.slow
def test_serve_runs_gunicorn_with_static_files(tmp_path: Path):
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(
        SALESDESK_DB=str(tmp_path / "serve.sqlite3"),
        SALESDESK_STATIC_ROOT=str(tmp_path / "static"),
        SALESDESK_WEB_WORKERS="2",
        SALESDESK_WEB_THREADS="2",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "salesdesk", "serve", "--port", str(port)],
        env=environment,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        status, headers, body = _wait_for(f"{base}/accounts/login/", server)
        assert status == 200
        assert headers["X-Frame-Options"] == "DENY"
        html = body.decode()
        css = html.split('href="/static/salesdesk/css/', 1)[1].split('"', 1)[0]
        assert css.startswith("app.") and css.endswith(".css") and css != "app.css"  # hashed
        status, headers, body = _get(
            f"{base}/static/salesdesk/css/{css}", **{"Accept-Encoding": "gzip"}
        )
        assert status == 200 and headers["Content-Type"].startswith("text/css")
        assert headers.get("Content-Encoding") == "gzip"
        assert "immutable" in headers["Cache-Control"]
        assert (
            tmp_path / "static" / "salesdesk" / "vendor" / "echarts" / "echarts.min.js"
        ).is_file()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert "Booting worker" in output, output


def _wait_for(url: str, server: subprocess.Popen[str]) -> tuple[int, dict[str, str], bytes]:
    deadline = time.monotonic() + 60
    while True:
        if server.poll() is not None:
            raise AssertionError(f"serve exited early:\n{server.communicate()[0]}")
        try:
            return _get(url)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
