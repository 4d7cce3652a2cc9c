"""A concrete department's pour orders need strength grade, slump and site."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesdesk.ingest.export import export_kind
from salesdesk.ingest.importer import import_file
from salesdesk.ingest.problems import FileProblem
from salesdesk.records.models import Department, OrderLine

pytestmark = pytest.mark.django_db

HEADER = ["单号", "日期", "客户", "数量", "单价", "强度等级", "坍落度(mm)", "工地"]


@pytest.fixture
def concrete():
    return Department.objects.create(name="混凝土销售部", kind="concrete")


def test_pour_orders_keep_their_own_fields(concrete, write_csv):
    rows = [HEADER, ["P1", "2025-03-01", "中建三局", "120", "420", "C30", "180", "滨江花园3#楼"]]
    result = import_file(write_csv("pour.csv", rows), "orders", department=concrete.name)
    assert result.added == 1
    line = OrderLine.objects.get()
    assert line.unit == "m3"  # the department's default unit
    assert line.amount == Decimal("50400")
    assert line.extra == {"strength_grade": "C30", "slump": "180", "site": "滨江花园3#楼"}


def test_a_pour_order_missing_its_slump_is_refused(concrete, write_csv):
    rows = [
        HEADER,
        ["P1", "2025-03-01", "中建三局", "120", "420", "C30", "180", "滨江花园"],
        ["P2", "2025-03-02", "中建三局", "80", "420", "C35", "", "滨江花园"],
    ]
    result = import_file(write_csv("pour.csv", rows), "orders", department=concrete.name)
    assert not result.written
    assert [(p.row, p.column, p.reason_zh) for p in result.problems] == [
        (3, "坍落度(mm)", "必填项“坍落度”为空")
    ]
    assert OrderLine.objects.count() == 0


def test_a_file_without_the_columns_is_refused(concrete, write_csv):
    rows = [["单号", "日期", "数量", "单价"], ["P1", "2025-03-01", "120", "420"]]
    with pytest.raises(FileProblem) as caught:
        import_file(write_csv("pour.csv", rows), "orders", department=concrete.name)
    assert "强度等级（strength_grade）" in caught.value.message()


def test_other_departments_do_not_need_them(write_csv):
    Department.objects.create(name="出口部", kind="export")
    rows = [["单号", "日期", "数量", "单价"], ["E1", "2025-03-01", "1", "9"]]
    assert import_file(write_csv("o.csv", rows), "orders", department="出口部").added == 1


def test_pour_orders_round_trip(concrete, write_csv, tmp_path):
    rows = [HEADER, ["P1", "2025-03-01", "中建三局", "120", "420", "C30", "180", "滨江花园"]]
    import_file(write_csv("pour.csv", rows), "orders", department=concrete.name)
    export_kind("orders", tmp_path / "out.csv", department=concrete.name)
    again = import_file(tmp_path / "out.csv", "orders", department=concrete.name)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
