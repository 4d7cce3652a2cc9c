"""export → import changes nothing; templates carry the headers and instructions."""

from __future__ import annotations

import openpyxl
import pytest

from salesdesk.ingest.export import export_kind
from salesdesk.ingest.importer import import_file
from salesdesk.ingest.template import write_template
from salesdesk.records.registry import MODELS

pytestmark = pytest.mark.django_db

FILES = {
    "reps": [
        ["工号", "姓名", "入职日期", "片区"],
        ["R01", "翁银红", "2016-03-01", "东区"],
        ["R02", "Nico", "", ""],
    ],
    "customers": [
        ["客户编号", "客户名称", "客户等级", "负责业务员", "国家"],
        ["C1", "Jumbo", "VIP", "R01", "JP"],
    ],
    "orders": [
        [
            "单号",
            "日期",
            "客户",
            "业务员",
            "数量",
            "单价",
            "订单类型",
            "币种",
            "汇率",
            "约定交期",
            "实际交货日期",
            "人数",
            "颜色",
        ],
        [
            "S1",
            "2016-01-05",
            "C1",
            "R01",
            "10",
            "12.345",
            "OEM",
            "USD",
            "6.9",
            "2016-02-01",
            "2016-02-03",
            "",
            "red",
        ],
        ["S1", "2016-01-05", "C1", "R01", "-1", "12.345", "OEM", "USD", "6.9", "", "", "", ""],
        ["B7", "2016-01-06", "", "R02", "1", "300", "", "", "", "", "", "4", "blue"],
    ],
    "adjustments": [
        ["单号", "日期", "类型", "金额"],
        ["B7", "2016-01-06", "折扣", "30"],
        ["B7", "2016-01-06", "折扣", "30"],
    ],
    "payments": [["日期", "单号", "收款方式", "金额"], ["2016-01-06", "B7", "现金", "240"]],
    "capacity": [["日期", "资源", "可售数量"], ["2016-01-06", "rooms", "120"]],
    "activities": [
        ["日期", "业务员", "客户", "方式", "结果"],
        ["2016-01-07", "R01", "C1", "电话", "有意向"],
    ],
    "targets": [
        ["年度", "月份", "业务员", "指标", "目标值"],
        ["2016", "1", "R01", "revenue", "50000"],
    ],
    "ideas": [["日期", "业务员", "建议"], ["2016-01-08", "R02", "统一包装风格"]],
    "incidents": [
        ["日期", "类型", "客户", "损失金额", "备注"],
        ["2016-01-09", "模具延期", "C1", "", "客户投诉"],
    ],
}


def _snapshot() -> dict[str, list[dict]]:
    return {
        kind: list(model.objects.order_by("pk").values())  # type: ignore[attr-defined]
        for kind, model in MODELS.items()
    }


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(write_csv, tmp_path, suffix):
    for kind, rows in FILES.items():
        assert import_file(write_csv(f"{kind}.csv", rows), kind).written
    before = _snapshot()
    for kind in FILES:
        out = tmp_path / f"out_{kind}.{suffix}"
        export_kind(kind, out)
        result = import_file(out, kind)
        assert (result.added, result.updated, result.rejected) == (0, 0, 0), kind
    assert _snapshot() == before


def test_template_has_headers_and_instructions(tmp_path):
    path = tmp_path / "orders_template.xlsx"
    write_template("orders", path, lang="zh")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["订单", "填写说明"]
    headers = [c.value for c in book["订单"][1]]
    assert headers[:3] == ["单号", "行号", "日期"]
    instructions = [row[0].value for row in book["填写说明"].iter_rows(min_row=2)]
    assert "单号" in instructions


def test_filled_template_imports(tmp_path):
    path = tmp_path / "orders_template.xlsx"
    write_template("orders", path)
    book = openpyxl.load_workbook(path)
    sheet = book["订单"]
    headers = [c.value for c in sheet[1]]
    row = {"单号": "T1", "日期": "2016-01-01", "数量": 2, "单价": 3}
    sheet.append([row.get(h) for h in headers])
    book.save(path)
    assert import_file(path, "orders").added == 1
