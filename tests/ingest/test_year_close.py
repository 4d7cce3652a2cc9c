"""A closed year's records cannot change through an import; reopening is recorded."""

from __future__ import annotations

import pytest

from salesdesk.ingest.importer import import_file
from salesdesk.records.closing import close_year, reopen_year
from salesdesk.records.models import Department, OrderLine, YearCloseEvent

pytestmark = pytest.mark.django_db

ROWS = [
    ["单号", "日期", "数量", "单价"],
    ["A1", "2024-12-30", "1", "100"],
    ["A2", "2025-01-02", "1", "100"],
]


def test_rows_in_a_closed_year_are_refused(write_csv):
    dept = Department.objects.create(name="出口部", kind="export")
    close_year(dept, 2024, by="经理")
    result = import_file(write_csv("o.csv", ROWS), "orders", department="出口部")
    assert not result.written and OrderLine.objects.count() == 0
    [problem] = result.problems
    assert (problem.row, problem.column, problem.value) == (2, "日期", "2024")
    assert "2024 年已结账" in problem.reason_zh


def test_open_year_rows_go_in_with_skip_bad(write_csv):
    dept = Department.objects.create(name="出口部", kind="export")
    close_year(dept, 2024)
    result = import_file(write_csv("o.csv", ROWS), "orders", department="出口部", skip_bad=True)
    assert (result.added, result.rejected) == (1, 1)
    assert list(OrderLine.objects.values_list("order_no", flat=True)) == ["A2"]


def test_targets_of_a_closed_year_are_refused(write_csv):
    dept = Department.objects.create(name="出口部", kind="export")
    close_year(dept, 2024)
    rows = [["年度", "指标", "目标值"], ["2024", "销售额", "100万"]]
    result = import_file(write_csv("t.csv", rows), "targets", department="出口部")
    assert "2024 年已结账" in result.problems[0].reason_zh


def test_reopen_is_recorded_and_allows_imports(write_csv):
    dept = Department.objects.create(name="出口部", kind="export")
    assert close_year(dept, 2024, by="经理") is True
    assert close_year(dept, 2024) is False
    assert reopen_year(dept, 2024, by="admin", reason="补录漏单") is True
    assert list(YearCloseEvent.objects.values_list("action", "by", "reason")) == [
        ("close", "经理", ""),
        ("reopen", "admin", "补录漏单"),
    ]
    assert import_file(write_csv("o.csv", ROWS), "orders", department="出口部").added == 2
