"""Excel: every table on its own sheet, numbers stored as numbers, and the 指标说明 sheet."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sample_summary import empty_summary, sample_hotel_summary, sample_summary

from salesdesk.report.format import round_money
from salesdesk.report.render import assemble, render_xlsx, write_xlsx
from salesdesk.report.summary import AnnualSummary

PLACEHOLDERS = ("——", "20xx", "20XX", "XX")


def _book(summary: AnnualSummary, lang: str = "zh") -> Any:
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(summary, lang)))


def _rows(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_sheet_per_table(lang: str) -> None:
    summary = sample_hotel_summary()
    book = _book(summary, lang)
    assert book.sheetnames == [t.sheet for t in assemble(summary, lang).tables()]
    assert ("指标说明" if lang == "zh" else "Figures") in book.sheetnames


def test_monthly_values_are_numbers() -> None:
    summary = sample_summary()
    rows = _rows(_book(summary)["月度销售"])
    assert rows[0][:3] == ("月份", "销售额（元）", "目标（元）")
    assert len(rows) == 13  # header + 12 months, no total row
    for row, month in zip(rows[1:], summary.sales.by_month, strict=True):
        assert row[0] == month.month
        assert isinstance(row[1], float | int)
        assert Decimal(str(row[1])) == round_money(month.revenue)
        assert row[6] == month.orders


def test_number_formats() -> None:
    sheet = _book(sample_summary())["业务员排名"]
    assert sheet["D2"].number_format == "#,##0.00"
    assert sheet["F2"].number_format == "0.00%"
    assert sheet["F2"].value == pytest.approx(float(sample_summary().reps.rows[0].attainment or 0))
    assert sheet["A2"].number_format == "#,##0" and sheet["A2"].value == 1


def test_figures_sheet_lists_every_figure() -> None:
    summary = sample_summary()
    rows = _rows(_book(summary)["指标说明"])
    assert rows[0] == ("编号", "指标", "数值", "口径", "记录数")
    assert [r[0] for r in rows[1:]] == [f.key for f in summary.figures]
    by_key = {r[0]: r for r in rows[1:]}
    revenue = by_key["sales.revenue"]
    assert Decimal(str(revenue[2])) == round_money(summary.sales.revenue)
    assert revenue[1] == "销售额" and revenue[4] == 1520
    assert by_key["collections.rate"][2] == pytest.approx(float(summary.collections.rate or 0))


def test_figures_sheet_in_english() -> None:
    rows = _rows(_book(sample_summary(), "en")["Figures"])
    assert rows[0] == ("Key", "Figure", "Value", "Definition", "Records")
    assert rows[1][1] == "Net sales"


def test_missing_values_are_words_not_zero() -> None:
    rows = _rows(_book(empty_summary())["主要指标"])
    values = {r[0]: r[1] for r in rows[1:]}
    assert values["年度目标"] == "无数据"
    assert values["目标完成率"] == "无数据"
    assert values["销售额（净额）"] == 0


def test_written_file_and_properties(tmp_path: Path) -> None:
    path = tmp_path / "summary.xlsx"
    write_xlsx(sample_summary(), path, "en")
    book = openpyxl.load_workbook(path)
    assert book.properties.creator == "salesdesk"
    assert book.properties.title == "出口部: annual work summary 2016"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_placeholders(lang: str) -> None:
    for summary in (sample_hotel_summary(), empty_summary()):
        book = _book(summary, lang)
        for sheet in book.worksheets:
            for row in _rows(sheet):
                for value in row:
                    assert value is not None
                    for placeholder in PLACEHOLDERS:
                        assert placeholder not in str(value)
