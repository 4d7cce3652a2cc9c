"""The audit trail of imports: who, when, which file, and each updated field before and after.

The files: o1.csv has two order lines, A1 = 2 × 100 = 200 for C1 and A2 = 1 × 50 = 50 for C1.
o2.csv corrects them: A1 = 3 × 100 = 300 (quantity 2 → 3, amount and CNY amount 200 → 300,
fx 1), A2 moves to customer C2 (created by the import). Nothing else differs.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from salesdesk.ingest.importer import import_file
from salesdesk.records.audit_trail import audit_rows, record_history
from salesdesk.records.closing import close_year, reopen_year
from salesdesk.records.models import Customer, Department, ImportBatch, OrderLine

pytestmark = pytest.mark.django_db

HEADER = ["单号", "日期", "数量", "单价", "客户"]
FIRST = [HEADER, ["A1", "2025-01-02", "2", "100", "C1"], ["A2", "2025-01-03", "1", "50", "C1"]]
CORRECTED = [HEADER, ["A1", "2025-01-02", "3", "100", "C1"], ["A2", "2025-01-03", "1", "50", "C2"]]


def _write(folder: Path, name: str, rows: list[list[str]]) -> Path:
    path = folder / name
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def imported(tmp_path: Path) -> Department:
    """o1.csv by 张三, then o2.csv by 李四."""
    Department.objects.create(name="出口部", kind="export")
    import_file(_write(tmp_path, "o1.csv", FIRST), "orders", department="出口部", by="张三")
    import_file(_write(tmp_path, "o2.csv", CORRECTED), "orders", department="出口部", by="李四")
    return Department.objects.get(name="出口部")


def _order_entries() -> list[LogEntry]:
    return list(LogEntry.objects.get_for_model(OrderLine).order_by("object_repr"))


def test_a_first_import_logs_its_batch_and_no_entry_per_added_line(tmp_path):
    Department.objects.create(name="出口部", kind="export")
    import_file(_write(tmp_path, "o1.csv", FIRST), "orders", department="出口部", by="张三")
    [batch] = ImportBatch.objects.all()
    assert (batch.file_name, batch.imported_by, batch.added, batch.kind) == (
        "o1.csv",
        "张三",
        2,
        "orders",
    )
    assert _order_entries() == []
    assert set(OrderLine.objects.values_list("batch_id", flat=True)) == {batch.pk}


def test_an_import_that_updates_logs_before_and_after_with_its_file(imported):
    a1, a2 = _order_entries()
    second = ImportBatch.objects.get(file_name="o2.csv")
    first = ImportBatch.objects.get(file_name="o1.csv")
    assert a1.object_repr == "A1#1" and a1.action == LogEntry.Action.UPDATE
    # 2 × 100 = 200 before, 3 × 100 = 300 after; four decimals as stored
    assert a1.changes == {
        "quantity": ["2.0000", "3.0000"],
        "amount": ["200.0000", "300.0000"],
        "amount_cny": ["200.0000", "300.0000"],
    }
    c1, c2 = Customer.objects.get(code="C1"), Customer.objects.get(code="C2")
    assert a2.changes == {"customer": [c1.pk, c2.pk]}
    assert a1.additional_data == {
        "department": imported.pk,
        "batch": second.pk,
        "file": "o2.csv",
        "by": "李四",
        "previous_batch": first.pk,
    }
    assert a1.actor is None  # the command line has no web user; "by" names who ran it


def test_re_importing_the_same_file_logs_nothing_new(imported, tmp_path):
    entries, batches = LogEntry.objects.count(), ImportBatch.objects.count()
    again = import_file(
        _write(tmp_path, "o2.csv", CORRECTED), "orders", department="出口部", by="李四"
    )
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert (LogEntry.objects.count(), ImportBatch.objects.count()) == (entries, batches)


def test_a_dry_run_logs_nothing(imported, tmp_path):
    entries = LogEntry.objects.count()
    rows = [HEADER, ["A1", "2025-01-02", "9", "100", "C1"]]
    result = import_file(
        _write(tmp_path, "o3.csv", rows), "orders", department="出口部", dry_run=True
    )
    assert result.updated == 1 and LogEntry.objects.count() == entries


def test_the_trail_lists_imports_updates_and_created_customers_oldest_first(imported):
    rows = audit_rows(date(2000, 1, 1), department=imported)
    got = [
        (
            r.who,
            r.kind,
            r.record,
            r.action,
            [(c.field, c.before_text, c.after_text) for c in r.changes],
            r.file,
        )
        for r in rows
    ]
    assert got == [
        ("张三", "orders", "o1.csv", "import", [], "o1.csv"),
        (
            "张三",
            "customers",
            "C1",
            "create",
            [("key", "—", "C1"), ("code", "—", "C1"), ("name", "—", "C1")],
            "o1.csv",
        ),
        ("李四", "orders", "o2.csv", "import", [], "o2.csv"),
        (
            "李四",
            "customers",
            "C2",
            "create",
            [("key", "—", "C2"), ("code", "—", "C2"), ("name", "—", "C2")],
            "o2.csv",
        ),
        (
            "李四",
            "orders",
            "A1#1",
            "update",
            [("quantity", "2", "3"), ("amount", "200", "300"), ("amount_cny", "200", "300")],
            "o2.csv",
        ),
        ("李四", "orders", "A2#1", "update", [("customer", "C1 C1", "C2 C2")], "o2.csv"),
    ]
    assert rows[0].note == "新增 2，更新 0，未变 0，拒绝 0"
    assert rows[2].note == "新增 0，更新 2，未变 0，拒绝 0"


def test_the_trail_filters_by_kind_and_period(imported):
    assert [r.record for r in audit_rows(date(2000, 1, 1), kind="customers")] == ["C1", "C2"]
    today = timezone.localdate()
    assert audit_rows(date(2000, 1, 1), today.replace(year=today.year - 1)) == []
    assert len(audit_rows(today, today)) == 6


def test_a_records_history_starts_with_the_import_that_added_it(imported):
    a1 = OrderLine.objects.get(key="A1#1")
    history = record_history(a1, "en")
    assert [(r.action, r.file, r.who) for r in history] == [
        ("import", "o1.csv", "张三"),
        ("update", "o2.csv", "李四"),
    ]
    assert [c.label for c in history[1].changes] == ["quantity", "amount", "amount_cny"]
    assert [c.label for c in record_history(a1, "zh")[1].changes] == ["数量", "金额", "人民币金额"]


def test_close_and_reopen_are_in_the_trail(imported):
    close_year(imported, 2025, by="经理")
    reopen_year(imported, 2025, by="admin", reason="补录漏单")
    rows = audit_rows(date(2000, 1, 1), kind="year")
    assert [(r.who, r.record, r.action, r.note) for r in rows] == [
        ("经理", "2025", "close", ""),
        ("admin", "2025", "reopen", "原因：补录漏单"),
    ]
    assert [r.action for r in audit_rows(date(2000, 1, 1))][-2:] == ["close", "reopen"]
