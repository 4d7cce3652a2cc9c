"""The parts of backup and restore that need no database: tools, settings, files, fingerprints."""

from __future__ import annotations

from pathlib import Path

import pytest
from ops_databases import ON_POSTGRES

from salesdesk.ops import postgres
from salesdesk.ops.backup import backup_vendor
from salesdesk.ops.fingerprint import Fingerprint, TableDigest
from salesdesk.ops.problems import OpsProblem
from salesdesk.ops.target import postgres_label

SETTINGS = {"NAME": "sales", "USER": "ops", "PASSWORD": "s3cret", "HOST": "db", "PORT": 5433}


def test_a_missing_pg_dump_is_named_with_the_way_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OpsProblem) as raised:
        postgres.tool("pg_dump")
    assert "pg_dump" in raised.value.reason_zh and "postgresql-client" in raised.value.reason_zh
    assert "pg_dump not found" in raised.value.message("en")


def test_the_tools_get_the_connection_through_the_environment(monkeypatch):
    monkeypatch.setenv("PGSSLMODE", "require")
    env = postgres.environment({**SETTINGS, "OPTIONS": {"sslrootcert": "/etc/ca.pem"}})
    assert (env["PGDATABASE"], env["PGHOST"], env["PGPORT"], env["PGUSER"]) == (
        "sales",
        "db",
        "5433",
        "ops",
    )
    assert env["PGPASSWORD"] == "s3cret" and env["PGSSLROOTCERT"] == "/etc/ca.pem"
    assert env["PGSSLMODE"] == "require"  # inherited, as Django's own connection sees it


def test_a_database_is_named_without_its_password():
    assert postgres_label(SETTINGS) == "postgresql://ops@db:5433/sales"
    assert postgres_label({"NAME": "sales"}) == "postgresql://localhost/sales"


@pytest.mark.parametrize(
    ("start", "vendor"),
    [(b"SQLite format 3\x00rest", "sqlite"), (b"PGDMP\x01\x0f", "postgresql")],
)
def test_a_backup_is_recognised_by_its_first_bytes(tmp_path, start, vendor):
    path = tmp_path / "x.backup"
    path.write_bytes(start)
    assert backup_vendor(path) == vendor


def test_anything_else_is_not_a_backup(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("order,date\n", encoding="utf-8")
    with pytest.raises(OpsProblem, match="不是 salesdesk 备份文件"):
        backup_vendor(path)
    with pytest.raises(OpsProblem, match="不存在"):
        backup_vendor(tmp_path / "missing.backup")


def test_a_fingerprint_names_the_tables_that_differ():
    one = Fingerprint({"a": TableDigest(2, "x"), "b": TableDigest(1, "y")})
    other = Fingerprint(
        {"a": TableDigest(2, "x"), "b": TableDigest(1, "z"), "c": TableDigest(0, "")}
    )
    assert one.rows == 3 and len(one.digest) == 16
    assert one.differences(other) == ["b", "c"]
    assert one.digest == Fingerprint(dict(reversed(list(one.tables.items())))).digest


@pytest.mark.skipif(not ON_POSTGRES, reason="needs DATABASE_URL pointing at PostgreSQL")
def test_backup_without_pg_dump_says_so(databases, tmp_path: Path):
    database = databases("nopgdump")
    database.run("department", "list")
    done = database.run(
        "backup", str(tmp_path / "x.backup"), check_exit=1, env={"PATH": str(tmp_path)}
    )
    assert "找不到 pg_dump" in done.stderr
    assert not (tmp_path / "x.backup").exists()
