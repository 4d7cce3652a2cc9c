"""build_summary end to end on the fixture departments (tests/metrics/fixture_dept.py)."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "metrics"))
from fixture_dept import card_team, export_dept, hotel_dept, line

from salesdesk.metrics.scope import UnknownRep
from salesdesk.records.departments import UnknownDepartment
from salesdesk.records.models import Department
from salesdesk.report.build import NoRecordsForYear, build_summary

D = Decimal
pytestmark = pytest.mark.django_db
TODAY = date(2025, 1, 10)


def test_export_department_summary() -> None:
    export_dept()
    s = build_summary("外贸出口部", 2024, today=TODAY)
    assert (s.department, s.department_kind, s.year, s.scope) == (
        "外贸出口部",
        "export",
        2024,
        "department",
    )
    assert s.generated_at.date() == TODAY
    assert (s.first_day, s.last_day) == (date(2024, 1, 5), date(2024, 12, 20))
    assert s.sales.revenue == D("4309.50") and s.sales.orders == 7
    assert s.collections.amount == D("2890")
    assert (s.customers.active, s.customers.new) == (4, 2)
    assert [r.rep for r in s.reps.rows] == ["R2", "R1", "R3"]
    assert s.activity.visits == 5
    assert s.delivery.on_time_rate == D("0.5")
    assert s.rooms is None and s.dining is None


def test_findings_are_ranked_by_money_at_stake() -> None:
    export_dept()
    s = build_summary("外贸出口部", 2024, today=TODAY)
    stakes = [f.at_stake for f in s.findings]
    assert stakes == sorted(stakes, reverse=True)
    codes = {f.code for f in s.findings}
    assert {
        "weak_months", "growth", "form_errors", "receivables", "customer_concentration",
        "rep_left", "target_missed", "late_deliveries", "few_visits", "follow_ups_missed",
        "rejections_not_followed", "top_rep",
    } <= codes  # fmt: skip
    for f in s.findings:
        for text in (f.text_zh, f.text_en):
            assert "——" not in text and "20xx" not in text and "XX" not in text


def test_figures_are_defined_and_counted() -> None:
    export_dept()
    s = build_summary("外贸出口部", 2024, today=TODAY)
    figures = {f.key: f for f in s.figures}
    revenue = figures["sales.revenue"]
    assert revenue.value == D("4309.50") and revenue.unit == "money"
    assert revenue.records == 8 + 2  # eight lines and two adjustments
    assert revenue.definition_zh and revenue.definition_en
    assert figures["collections.amount"].records == 6
    assert figures["sales.attainment"].value == D("4309.50") / 5000


def test_plan_for_next_year() -> None:
    export_dept()
    s = build_summary("外贸出口部", 2024, today=TODAY)
    plan = s.plan.plan
    assert plan is not None and plan.year == 2025
    assert plan.target == 4740  # 4,309.50 × 1.1 = 4,740.45, in whole yuan
    assert sum(m.target for m in plan.by_month) == plan.target
    assert {r.rep for r in plan.by_rep} == {"R1", "R3"}  # R2 left in 2024
    given = build_summary("外贸出口部", 2024, today=TODAY, plan_target=D("10000"))
    assert given.plan.plan is not None and given.plan.plan.target == 10000
    accounts = [a.code for a in s.plan.key_accounts]
    assert accounts[:4] == ["C2", "C3", "C1", "C4"]  # top customers, VIP C1 among them


def test_plan_for_a_year_the_calendar_does_not_know() -> None:
    dept = Department.objects.create(name="远期")
    line(dept, "F1", 1, date(2098, 5, 1), "1", "1000")  # a year no holiday table knows
    s = build_summary("远期", 2098, today=TODAY)
    assert s.plan.plan is not None and s.plan.plan.year == 2099
    assert "2099" in s.plan.note_zh and "Monday" in s.plan.note_en
    strict = build_summary("远期", 2098, today=TODAY, assume_weekends=False)
    assert strict.plan.plan is None and "2099" in strict.plan.note_zh


def test_rep_scope() -> None:
    export_dept()
    s = build_summary("外贸出口部", 2024, rep="R1", today=TODAY)
    assert s.scope == "R1" and s.scope_name == "张三"
    assert s.sales.revenue == D("2410")  # R1's lines; no adjustment is on R1's orders
    assert s.sales.target == D("3000")
    assert [(r.rep, r.rank) for r in s.reps.rows] == [("R1", 2)]
    assert s.collections.amount == D("1910")  # P1 and P3 name R1's orders (no rep on the payments)
    assert s.activity.visits == 2


def test_hotel_summary_has_rooms_and_dining() -> None:
    hotel_dept()
    s = build_summary("酒店", 2024, today=TODAY)
    assert s.rooms is not None and s.rooms.sold == 13
    assert s.dining is not None and s.dining.net == D("809.50")
    figures = {f.key for f in s.figures}
    assert {"rooms.adr", "rooms.occupancy", "dining.net", "dining.per_cover"} <= figures


def test_team_formed_mid_year() -> None:
    card_team()
    s = build_summary("预付卡销售部", 2024, today=TODAY)
    assert s.sales.weak_months == ("2024-11",)
    codes = [f.code for f in s.findings]
    assert "few_visits" in codes and "rejections_not_followed" in codes
    assert s.plan.plan is not None and s.plan.plan.month_basis == "working_days"


def test_errors_are_named() -> None:
    export_dept()
    with pytest.raises(NoRecordsForYear, match="2019"):
        build_summary("外贸出口部", 2019)
    with pytest.raises(UnknownRep, match="R9"):
        build_summary("外贸出口部", 2024, rep="R9")
    with pytest.raises(UnknownDepartment):
        build_summary("没有这个部门", 2024)
