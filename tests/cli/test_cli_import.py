"""`salesdesk import` as a user runs it: exit codes, messages, and a database left untouched."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path


def _orders(path: Path, rows: int, bad_row: int | None = None) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["order", "line", "date", "customer", "rep", "quantity", "unit_price"])
        for i in range(rows):
            day = "2016-02-30" if i + 2 == bad_row else f"2016-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
            out.writerow(
                [f"SO{i // 3:05d}", i % 3 + 1, day, f"C{i % 97}", f"R{i % 7}", i % 5 + 1, "9.90"]
            )
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_one_bad_row_in_10000_leaves_the_database_byte_for_byte(salesdesk, tmp_path):
    salesdesk("import", "orders", str(_orders(tmp_path / "first.csv", 300)))
    before = _digest(salesdesk.db)
    done = salesdesk(
        "import", "orders", str(_orders(tmp_path / "big.csv", 10_000, bad_row=5000)), check_exit=1
    )
    assert "big.csv 第 5000 行，“date”列，值 “2016-02-30”" in done.stdout
    assert "导入被拒绝" in done.stdout
    assert _digest(salesdesk.db) == before


def test_skip_bad_loads_9999_rows_and_writes_one_rejected_row(salesdesk, tmp_path):
    salesdesk(
        "import",
        "orders",
        str(_orders(tmp_path / "big.csv", 10_000, bad_row=5000)),
        "--skip-bad",
        check_exit=3,
    )
    rejected = (tmp_path / "big.rejected.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rejected) == 2 and rejected[1].startswith("SO01666,1,2016-02-30,C51,R0,4,9.90,")
    done = salesdesk("export", "orders", "-o", str(tmp_path / "out.csv"))
    assert "已导出 9999 条记录" in done.stderr


def test_import_twice_then_nothing_changes(salesdesk, tmp_path):
    path = _orders(tmp_path / "o.csv", 50)
    salesdesk("import", "orders", str(path))
    before = _digest(salesdesk.db)
    done = salesdesk("import", "orders", str(path), "--lang", "en")
    assert _figure(done.stdout, "Added") == 0 and _figure(done.stdout, "Unchanged") == 50
    assert _digest(salesdesk.db) == before
    salesdesk("export", "orders", "-o", str(tmp_path / "again.xlsx"))
    again = salesdesk("import", "orders", str(tmp_path / "again.xlsx"), "--lang", "en")
    assert _figure(again.stdout, "Unchanged") == 50 and _figure(again.stdout, "Updated") == 0


def _figure(table: str, label: str) -> int:
    match = re.search(rf"{label}\s*│\s*(\d+)", table)
    assert match, table
    return int(match.group(1))


def test_file_problems_exit_1_without_traceback(salesdesk, tmp_path):
    (tmp_path / "empty.csv").write_text("")
    done = salesdesk("import", "orders", "empty.csv", check_exit=1)
    assert done.stderr.strip() == "文件 empty.csv：文件是空的。"
    done = salesdesk("import", "orders", "empty.csv", "--lang", "en", check_exit=1)
    assert done.stderr.strip() == "File empty.csv: the file is empty."
    done = salesdesk("import", "orders", "missing.csv", check_exit=1)
    assert "文件不存在" in done.stderr and "Traceback" not in done.stderr
    done = salesdesk("import", "nonsense", "empty.csv", check_exit=2)
    assert "未知的记录类型" in done.stderr


def test_dry_run_reports_without_writing(salesdesk, tmp_path):
    done = salesdesk("import", "orders", str(_orders(tmp_path / "o.csv", 20)), "--dry-run")
    assert "试运行（未写入）" in done.stdout
    out = salesdesk("export", "orders", check_exit=1)
    assert "没有名为“default”的部门" in out.stderr


def test_template_command(salesdesk, tmp_path):
    salesdesk("template", "payments", "-o", "pay.xlsx")
    assert (tmp_path / "pay.xlsx").stat().st_size > 1000
