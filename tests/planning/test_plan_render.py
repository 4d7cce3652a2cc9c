"""Markdown and Excel output show the plan's real numbers, in Chinese by default."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from salesdesk.planning.plan import AnnualPlan, RepInput, build_plan
from salesdesk.planning.render import plan_to_markdown, plan_to_xlsx, week_dates

D = Decimal


def _plan(with_reps: bool = True) -> AnnualPlan:
    reps = [
        RepInput("A01", "张三", D(600_000), None, None),
        RepInput("C03", "王五", D(300_000), None, dt.date(2026, 3, 31)),
    ]
    return build_plan(
        2026, target=D(1_000_000), last_year_revenue=None, reps=reps if with_reps else ()
    )


def test_markdown_chinese_headings_and_numbers() -> None:
    text = plan_to_markdown(_plan())
    for heading in ("## 月度目标", "## 周目标", "## 业务员目标"):
        assert heading in text
    assert "# 2026 年度销售目标分解" in text
    assert "年度目标：1,000,000 元" in text
    # The leaver worked 59 days of Q1 and gets 106,306 (see test_plan_build).
    assert "| C03 | 王五 | 59 | 10.63% | 106,306 |" in text
    assert "| A01 | 张三 | 248 | 89.37% | 893,694 |" in text
    assert "| 2026-W08 | 2026-02-16 ~ 2026-02-22 | 0 | 0 |" in text
    assert "| 合计 | 248 | 1,000,000 | 100.00% |" in text
    for placeholder in ("——", "XX", "20xx", "20XX"):
        assert placeholder not in text


def test_markdown_english() -> None:
    text = plan_to_markdown(_plan(), lang="en")
    for heading in ("## Monthly targets", "## Weekly targets", "## Rep targets"):
        assert heading in text
    assert "- Annual target: 1,000,000 CNY" in text
    assert "- Rep split basis: last year's revenue share, prorated by working days" in text
    assert "月度目标" not in text


def test_markdown_without_reps_says_so() -> None:
    text = plan_to_markdown(_plan(with_reps=False))
    assert "## 业务员目标" in text
    assert "未录入业务员" in text


def test_markdown_escapes_pipes_in_names() -> None:
    reps = [RepInput("A|1", "李|四", None, None, None)]
    plan = build_plan(2026, target=D(10), last_year_revenue=None, reps=reps)
    assert "| A\\|1 | 李\\|四 |" in plan_to_markdown(plan)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        plan_to_markdown(_plan(), lang="fr")


def test_week_dates_are_clipped_to_the_year() -> None:
    assert week_dates(2027, "2026-W53") == (dt.date(2027, 1, 1), dt.date(2027, 1, 3))
    assert week_dates(2026, "2026-W53") == (dt.date(2026, 12, 28), dt.date(2026, 12, 31))
    assert week_dates(2026, "2026-W10") == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))


def test_xlsx_round_trip_gives_numbers(tmp_path: Path) -> None:
    plan = _plan()
    path = tmp_path / "plan.xlsx"
    plan_to_xlsx(plan, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["月度", "周", "日", "业务员"]

    months = list(book["月度"].iter_rows(min_row=2, values_only=True))
    assert [row[2] for row in months] == [m.target for m in plan.by_month]
    assert months[0][:2] == ("2026-01", 21)
    assert sum(row[2] for row in months) == 1_000_000

    weeks = list(book["周"].iter_rows(min_row=2, values_only=True))
    assert weeks[7] == ("2026-W08", dt.datetime(2026, 2, 16), dt.datetime(2026, 2, 22), 0, 0)
    assert sum(row[4] for row in weeks) == 1_000_000

    days = list(book["日"].iter_rows(min_row=2, values_only=True))
    assert len(days) == 248
    assert days[0][:2] == (dt.datetime(2026, 1, 4), "周日")
    assert sum(row[2] for row in days) == 1_000_000

    reps = list(book["业务员"].iter_rows(min_row=1, values_only=True))
    assert reps[0][:5] == ("工号", "姓名", "在职工作日", "占比", "目标（元）")
    assert reps[0][5] == "1月"
    assert reps[2][:5] == ("C03", "王五", 59, pytest.approx(0.106306), 106_306)
    assert reps[2][5:] == (37_838, 28_829, 39_639, 0, 0, 0, 0, 0, 0, 0, 0, 0)


def test_xlsx_english_sheet_names(tmp_path: Path) -> None:
    path = tmp_path / "plan-en.xlsx"
    plan_to_xlsx(_plan(), str(path), lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Months", "Weeks", "Days", "Reps"]
    assert book["Days"]["B2"].value == "Sun"
