"""Show an annual plan to people: a Markdown summary and an Excel workbook.

Chinese is the default because the plan is read by the sales department; English exists for
the head office.  Every cell shows a real figure: no "——" or "XX" placeholders, and in the
workbook amounts are stored as numbers so the sheet can be summed and filtered.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Font  # type: ignore[import-untyped, unused-ignore]

from salesdesk.planning.plan import AnnualPlan, MonthTarget, WeekTarget

__all__ = ["plan_to_markdown", "plan_to_xlsx", "week_dates"]

_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "title": "{year} 年度销售目标分解",
        "colon": "：",
        "target": "年度目标",
        "yuan": "元",
        "basis": "目标依据",
        "month_basis": "月度分解依据",
        "rep_basis": "业务员分解依据",
        "working_days_total": "全年工作日",
        "days_unit": "天",
        "months": "月度目标",
        "weeks": "周目标",
        "reps": "业务员目标",
        "rep_months": "业务员分月目标",
        "month": "月份",
        "week": "周次",
        "dates": "起止日期",
        "start": "开始日期",
        "end": "结束日期",
        "date": "日期",
        "weekday": "星期",
        "working_days": "工作日",
        "target_col": "目标（元）",
        "year_share": "占全年",
        "code": "工号",
        "name": "姓名",
        "rep_days": "在职工作日",
        "share": "占比",
        "total": "合计",
        "no_reps": "未录入业务员，目标未分解到人。",
        "month_name": "{month}月",
        "sheet_months": "月度",
        "sheet_weeks": "周",
        "sheet_days": "日",
        "sheet_reps": "业务员",
        "given": "管理层下达的目标",
        "last_year_growth": "上年销售额按增长率推算",
        "seasonality": "历年同月销售额（季节性）",
        "working_days_basis": "各月工作日天数",
        "last_year_share": "上年销售额占比，按在职工作日折算",
        "equal": "人均分配，按在职工作日折算",
        "none": "未分解到人",
    },
    "en": {
        "title": "{year} annual sales target split",
        "colon": ": ",
        "target": "Annual target",
        "yuan": "CNY",
        "basis": "Target basis",
        "month_basis": "Monthly split basis",
        "rep_basis": "Rep split basis",
        "working_days_total": "Working days in the year",
        "days_unit": "days",
        "months": "Monthly targets",
        "weeks": "Weekly targets",
        "reps": "Rep targets",
        "rep_months": "Rep targets by month",
        "month": "Month",
        "week": "Week",
        "dates": "Dates",
        "start": "Start",
        "end": "End",
        "date": "Date",
        "weekday": "Weekday",
        "working_days": "Working days",
        "target_col": "Target (CNY)",
        "year_share": "Share of year",
        "code": "Code",
        "name": "Name",
        "rep_days": "Working days employed",
        "share": "Share",
        "total": "Total",
        "no_reps": "No sales reps were given; the target is not split by rep.",
        "month_name": "M{month}",
        "sheet_months": "Months",
        "sheet_weeks": "Weeks",
        "sheet_days": "Days",
        "sheet_reps": "Reps",
        "given": "target set by management",
        "last_year_growth": "last year's revenue grown by the growth rate",
        "seasonality": "same-month revenue in past years (seasonality)",
        "working_days_basis": "working days in each month",
        "last_year_share": "last year's revenue share, prorated by working days employed",
        "equal": "equal per rep, prorated by working days employed",
        "none": "not split by rep",
    },
}

_WEEKDAYS = {
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def _text(lang: str) -> dict[str, str]:
    """The label set for ``lang``; an unknown language is an error rather than silent English."""
    try:
        return _TEXT[lang]
    except KeyError:
        raise ValueError(f"unsupported language {lang!r}; use 'zh' or 'en'") from None


def _basis_text(t: dict[str, str], basis: str) -> str:
    """Human wording of a basis code, falling back to the code itself if it is new."""
    key = "working_days_basis" if basis == "working_days" else basis
    return t.get(key, basis)


def _money(amount: int) -> str:
    return f"{amount:,}"


def _percent(part: Decimal | int, whole: int) -> str:
    """A share as a percentage; a zero-yuan year gives 0.00% rather than a division error."""
    if whole == 0:
        return "0.00%"
    return f"{Decimal(part) * 100 / whole:.2f}%"


def _cell(value: str) -> str:
    """Escape a free-text value (e.g. a rep's name) so it cannot break a Markdown table."""
    return value.replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], align: str, rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table; ``align`` has one letter per column, "l" or "r"."""
    marks = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def week_dates(year: int, week: str) -> tuple[date, date]:
    """First and last day of an ISO week label, clipped to the plan year.

    Weeks at the year's edges belong partly to the neighbouring year; only the plan year's
    days carry targets, so only those are shown.
    """
    iso_year, iso_week = week.split("-W")
    start = date.fromisocalendar(int(iso_year), int(iso_week), 1)
    end = start + timedelta(days=6)
    return max(start, date(year, 1, 1)), min(end, date(year, 12, 31))


def _summary(plan: AnnualPlan, t: dict[str, str]) -> list[str]:
    """Title and the few facts a reader needs first: the total and how it was split."""
    total_days = sum(m.working_days for m in plan.by_month)
    facts = [
        (t["target"], f"{_money(plan.target)} {t['yuan']}"),
        (t["basis"], _basis_text(t, plan.basis)),
        (t["month_basis"], _basis_text(t, plan.month_basis)),
        (t["rep_basis"], _basis_text(t, plan.rep_basis)),
        (t["working_days_total"], f"{total_days} {t['days_unit']}"),
    ]
    lines = [f"# {t['title'].format(year=plan.year)}", ""]
    return lines + [f"- {label}{t['colon']}{value}" for label, value in facts]


def _month_rows(plan: AnnualPlan, months: Sequence[MonthTarget], t: dict[str, str]) -> list[str]:
    rows = [
        [m.month, str(m.working_days), _money(m.target), _percent(m.target, plan.target)]
        for m in months
    ]
    total_days = sum(m.working_days for m in months)
    total = sum(m.target for m in months)
    rows.append([t["total"], str(total_days), _money(total), _percent(total, plan.target)])
    header = [t["month"], t["working_days"], t["target_col"], t["year_share"]]
    return _table(header, "lrrr", rows)


def _week_rows(plan: AnnualPlan, weeks: Sequence[WeekTarget], t: dict[str, str]) -> list[str]:
    rows = []
    for w in weeks:
        start, end = week_dates(plan.year, w.week)
        dates = f"{start.isoformat()} ~ {end.isoformat()}"
        rows.append([w.week, dates, str(w.working_days), _money(w.target)])
    header = [t["week"], t["dates"], t["working_days"], t["target_col"]]
    return _table(header, "llrr", rows)


def _rep_rows(plan: AnnualPlan, t: dict[str, str]) -> list[str]:
    rows = [
        [
            _cell(r.rep),
            _cell(r.name),
            str(r.working_days),
            f"{r.share * 100:.2f}%",
            _money(r.target),
        ]
        for r in plan.by_rep
    ]
    rows.append([t["total"], "", "", "100.00%", _money(sum(r.target for r in plan.by_rep))])
    header = [t["code"], t["name"], t["rep_days"], t["share"], t["target_col"]]
    return _table(header, "llrrr", rows)


def _rep_month_rows(plan: AnnualPlan, t: dict[str, str]) -> list[str]:
    months = [t["month_name"].format(month=int(m.month[5:])) for m in plan.by_month]
    rows = [
        [_cell(r.rep), _cell(r.name)] + [_money(m.target) for m in r.by_month] for r in plan.by_rep
    ]
    return _table([t["code"], t["name"], *months], "ll" + "r" * len(months), rows)


def plan_to_markdown(plan: AnnualPlan, lang: str = "zh") -> str:
    """The plan as a Markdown document: summary, then month, week and rep tables.

    Days are left to the workbook: 250 rows would drown the summary people actually read.
    """
    t = _text(lang)
    lines = _summary(plan, t)
    lines += ["", f"## {t['months']}", "", *_month_rows(plan, plan.by_month, t)]
    lines += ["", f"## {t['weeks']}", "", *_week_rows(plan, plan.by_week, t)]
    lines += ["", f"## {t['reps']}", ""]
    if plan.by_rep:
        lines += _rep_rows(plan, t)
        lines += ["", f"## {t['rep_months']}", "", *_rep_month_rows(plan, t)]
    else:
        lines.append(t["no_reps"])
    return "\n".join(lines) + "\n"


def _fill_sheet(
    sheet: Any, header: Sequence[str], rows: Sequence[Sequence[Any]], formats: Sequence[str]
) -> None:
    """Write a header and rows; ``formats`` gives each column's Excel number format ("" = none)."""
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for column, fmt in enumerate(formats, start=1):
        if fmt:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                cell.number_format = fmt
    for column, title in enumerate(header, start=1):
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = max(10, 2 * len(title))
    sheet.freeze_panes = "A2"


def plan_to_xlsx(plan: AnnualPlan, path: str | os.PathLike[str], lang: str = "zh") -> None:
    """Write the plan as a workbook with month, week, day and rep sheets, numbers as numbers."""
    t = _text(lang)
    book = Workbook()
    months = book.active
    months.title = t["sheet_months"]
    _fill_sheet(
        months,
        [t["month"], t["working_days"], t["target_col"]],
        [[m.month, m.working_days, m.target] for m in plan.by_month],
        ["", "0", "#,##0"],
    )
    week_rows = [
        [w.week, *week_dates(plan.year, w.week), w.working_days, w.target] for w in plan.by_week
    ]
    _fill_sheet(
        book.create_sheet(t["sheet_weeks"]),
        [t["week"], t["start"], t["end"], t["working_days"], t["target_col"]],
        week_rows,
        ["", "yyyy-mm-dd", "yyyy-mm-dd", "0", "#,##0"],
    )
    _fill_sheet(
        book.create_sheet(t["sheet_days"]),
        [t["date"], t["weekday"], t["target_col"]],
        [[d.date, _WEEKDAYS[lang][d.date.weekday()], d.target] for d in plan.by_day],
        ["yyyy-mm-dd", "", "#,##0"],
    )
    month_names = [t["month_name"].format(month=int(m.month[5:])) for m in plan.by_month]
    rep_rows = [
        [r.rep, r.name, r.working_days, float(r.share), r.target, *(m.target for m in r.by_month)]
        for r in plan.by_rep
    ]
    _fill_sheet(
        book.create_sheet(t["sheet_reps"]),
        [t["code"], t["name"], t["rep_days"], t["share"], t["target_col"], *month_names],
        rep_rows,
        ["", "", "0", "0.00%", "#,##0", *["#,##0"] * len(month_names)],
    )
    book.save(os.fspath(path))
