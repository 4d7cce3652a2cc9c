"""`salesdesk backup` and `restore`: what comes back is what went out, facts and every row.

Run on SQLite (temporary files) and, when DATABASE_URL points at PostgreSQL, on scratch
databases on that server.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from ops_databases import ON_POSTGRES, Database, new_database, unreachable_database

DEPARTMENT = "销售一部"
FILES: dict[str, list[list[str]]] = {
    "reps": [
        ["工号", "姓名", "小组", "入职日期"],
        ["R01", "翁银红", "华东", "2014-03-01"],
        ["R02", "Nico", "华南", "2015-07-15"],
    ],
    "customers": [
        ["客户编号", "客户名称", "客户等级", "负责业务员", "区域"],
        ["C1", "Jumbo", "VIP", "R01", "上海"],
        ["C2", "嘉华贸易", "A", "R02", "广州"],
        ["C3", "Ola", "B", "R02", "深圳"],
    ],
    "orders": [
        ["order", "line", "date", "customer", "rep", "quantity", "unit_price", "颜色"],
        ["S15-1", "1", "2015-06-01", "C1", "R01", "10", "100", "red"],
        ["S16-1", "1", "2016-01-05", "C1", "R01", "12", "105.5", "red"],
        ["S16-1", "2", "2016-01-05", "C1", "R01", "-1", "105.5", ""],
        ["S16-2", "1", "2016-03-09", "C2", "R02", "40", "19.9", "blue"],
        ["S16-3", "1", "2016-11-20", "C3", "R02", "5", "1,234.50", ""],
    ],
    "adjustments": [["单号", "日期", "类型", "金额"], ["S16-2", "2016-03-09", "折扣", "30"]],
    "payments": [
        ["收款单号", "日期", "客户", "收款方式", "金额"],
        ["P1", "2016-02-01", "C1", "转账", "1160.5"],
        ["P2", "2016-04-01", "C2", "现金", "766"],
    ],
    "targets": [
        ["年度", "月份", "业务员", "指标", "目标值"],
        ["2016", "", "", "revenue", "12.5万"],
        ["2016", "", "R01", "revenue", "5万"],
    ],
    "activities": [
        ["日期", "业务员", "客户", "方式", "结果", "下次跟进日期"],
        ["2016-01-03", "R01", "C1", "拜访", "成交", ""],
        ["2016-05-03", "R02", "C3", "电话", "有意向", "2016-05-20"],
    ],
}


def _fill(database: Database, folder: Path) -> None:
    """The fixture department: a few small contract files through `salesdesk import`."""
    database.run("department", "add", DEPARTMENT)
    for kind, rows in FILES.items():
        path = folder / f"{kind}.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
        database.run("import", kind, str(path), "--department", DEPARTMENT)


def _facts(database: Database) -> dict[str, Any]:
    done = database.run("report", "--year", "2016", "--department", DEPARTMENT)
    facts = dict(json.loads(done.stdout))
    facts.pop("generated_at")  # the moment the report was written, not a fact of the year
    return facts


def _printed_fingerprint(output: str) -> str:
    found = re.search(r"(?:指纹|fingerprint) ([0-9a-f]{16})", output)
    assert found, output
    return found.group(1)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The fixture department, built once; each test gets its own copy."""
    folder = tmp_path_factory.mktemp("filled")
    database = new_database("filled", folder)
    _fill(database, folder)
    yield database
    database.drop()


@pytest.fixture
def source(filled: Database, tmp_path: Path) -> Iterator[Database]:
    database = filled.copy("source", tmp_path)
    yield database
    database.drop()


def test_restore_gives_back_every_row_and_the_same_report(source, databases, tmp_path):
    facts = _facts(source)
    assert facts["sales"]["orders"] == 3
    backup = tmp_path / "salesdesk-2016.backup"
    written = source.run("backup", str(backup))
    target = databases("target")
    restored = target.run("restore", str(backup))
    assert _printed_fingerprint(restored.stdout) == _printed_fingerprint(written.stdout)
    assert target.fingerprint() == source.fingerprint()
    assert _facts(target) == facts
    more = tmp_path / "more.csv"  # the restored database takes new records (ids, sequences)
    more.write_text("单号,日期,数量,单价\nS16-9,2016-12-01,1,10\n", encoding="utf-8")
    target.run("import", "orders", str(more), "--department", DEPARTMENT)
    assert _facts(target)["sales"]["orders"] == 4


def test_restore_into_a_migrated_database_without_records(source, databases, tmp_path):
    backup = tmp_path / "db.backup"
    source.run("backup", str(backup))
    target = databases("target")
    target.run("department", "list")  # creates and migrates the database, writes no record
    target.run("restore", str(backup))
    assert target.fingerprint() == source.fingerprint()


_MIGRATE_TO_FIRST = (
    "from salesdesk import bootstrap; bootstrap.setup(migrate=False); "
    "from django.core.management import call_command; "
    "call_command('migrate', 'records', '0001', verbosity=0)"
)
_RECORDS_MIGRATIONS = "SELECT COUNT(*) FROM django_migrations WHERE app = 'records'"


def test_a_backup_from_an_older_version_is_brought_up_to_date(databases, tmp_path):
    old = databases("old")
    subprocess.run([sys.executable, "-c", _MIGRATE_TO_FIRST], env=old.env(), check=True)
    backup = tmp_path / "old.backup"
    written = old.run("backup", str(backup))
    target = databases("target")
    restored = target.run("restore", str(backup))
    assert _printed_fingerprint(restored.stdout) == _printed_fingerprint(written.stdout)
    assert int(target.scalar(_RECORDS_MIGRATIONS)) > int(old.scalar(_RECORDS_MIGRATIONS)) == 1
    target.run("department", "add", DEPARTMENT)  # the newer tables are there


def test_restore_refuses_a_database_that_has_records(source, tmp_path):
    backup = tmp_path / "db.backup"
    source.run("backup", str(backup))
    before = source.fingerprint()
    done = source.run("restore", str(backup), check_exit=1)
    assert "已有记录" in done.stderr and "records_orderline 5 行" in done.stderr
    assert source.label in done.stderr
    assert source.fingerprint() == before


def test_backup_never_overwrites_unless_asked(source, tmp_path):
    backup = tmp_path / "db.backup"
    first = source.run("backup", str(backup)).stdout
    done = source.run("backup", str(backup), check_exit=1)
    assert "已存在" in done.stderr
    again = source.run("backup", str(backup), "--overwrite", "--lang", "en").stdout
    assert _printed_fingerprint(again) == _printed_fingerprint(first)
    assert not list(tmp_path.glob(".*partial"))


def test_restore_refuses_what_is_not_a_backup(databases, tmp_path):
    target = databases("target")
    text = tmp_path / "orders.csv"
    text.write_text("order,date\n", encoding="utf-8")
    done = target.run("restore", str(text), check_exit=1)
    assert "不是 salesdesk 备份文件" in done.stderr
    missing = target.run("restore", str(tmp_path / "nowhere.backup"), check_exit=1)
    assert "不存在" in missing.stderr


def test_a_database_that_cannot_be_reached_is_named_not_a_traceback(source, tmp_path):
    backup = tmp_path / "db.backup"
    source.run("backup", str(backup))
    missing = unreachable_database(tmp_path)
    for args in (["restore", str(backup)], ["backup", str(tmp_path / "again.backup")]):
        done = missing.run(*args, check_exit=1)
        assert "Traceback" not in done.stderr and missing.label in done.stderr
    assert not (tmp_path / "again.backup").exists()


def test_a_backup_does_not_wait_for_an_open_write_transaction(source, start_writer, tmp_path):
    before = source.fingerprint()
    writer = start_writer(source, "hold")
    assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
    backup = tmp_path / "during.backup"
    done = source.run("backup", str(backup))
    assert writer.poll() is None, "the writer's transaction was still open during the backup"
    writer.communicate("commit\n", timeout=60)
    assert writer.returncode == 0
    assert source.fingerprint() != before  # the writer did write, after the backup
    assert _printed_fingerprint(done.stdout) == before.digest  # none of the open transaction
    if source.vendor == "sqlite":
        assert _integrity(backup) == "ok"


def test_a_backup_taken_while_writes_go_on_is_consistent(source, databases, start_writer, tmp_path):
    stop = tmp_path / "stop"
    writer = start_writer(source, "churn", str(stop))
    assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
    started = int(source.scalar(_PAIRS))
    backup = tmp_path / "busy.backup"
    source.run("backup", str(backup))
    finished = int(source.scalar(_PAIRS))
    stop.touch()
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert finished > started, "the writer kept committing while the backup ran"
    copy = databases("copy")
    copy.run("restore", str(backup))
    departments = int(copy.scalar(_PAIRS))
    batches = int(copy.scalar(_BATCHES))
    assert departments == batches > 0  # never half of a committed transaction
    assert departments <= int(out.strip())


_PAIRS = "SELECT COUNT(*) FROM records_department WHERE name LIKE 'w%'"
_BATCHES = "SELECT COUNT(*) FROM records_importbatch WHERE file_name LIKE 'w%'"


@pytest.mark.skipif(ON_POSTGRES, reason="the SQLite backup file itself")
def test_an_sqlite_backup_is_one_sound_file(source, tmp_path):
    backup = tmp_path / "one.sqlite3"
    source.run("backup", str(backup))
    assert _integrity(backup) == "ok"
    with closing(sqlite3.connect(backup)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("one.")] == ["one.sqlite3"]


@pytest.mark.skipif(ON_POSTGRES, reason="an SQLite file that is not there")
def test_backing_up_a_missing_sqlite_file_creates_nothing(databases, tmp_path):
    target = databases("never")
    done = target.run("backup", str(tmp_path / "x.backup"), check_exit=1)
    assert "不存在" in done.stderr
    assert not (tmp_path / "x.backup").exists() and not target.path.exists()


@pytest.mark.skipif(not ON_POSTGRES, reason="needs DATABASE_URL pointing at PostgreSQL")
def test_an_sqlite_backup_is_refused_by_postgresql(databases, tmp_path):
    target = databases("target")
    fake = tmp_path / "sqlite.backup"
    with closing(sqlite3.connect(fake)) as db:
        db.execute("CREATE TABLE django_migrations (id integer)")
    done = target.run("restore", str(fake), check_exit=1)
    assert "SQLite 备份" in done.stderr and "export / import" in done.stderr


def _integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])
