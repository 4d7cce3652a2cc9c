"""Sales KPIs on the export department (figures worked out in fixture_dept.export_dept)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fixture_dept import CARD_TEAM_START

from salesdesk.metrics import sales
from salesdesk.metrics.scope import Scope, active_months, first_record_day
from salesdesk.records.models import Department

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def data(export_2024: Scope) -> sales.SalesData:
    return sales.load_sales(export_2024)


def test_revenue_nets_returns_and_adjustments_and_skips_cancelled(data: sales.SalesData) -> None:
    # 1,200 + 1,000 + 710 (USD 100 × 7.1) − 200 (return) + 1,000 + 400 + 300; O4 cancelled
    assert sales.gross(data) == D("4410")
    assert sales.adjustments_total(data) == D("100.50")
    assert sales.revenue(data) == D("4309.50")
    assert sales.returns(data) == D("200")


def test_orders_lines_and_cancelled(data: sales.SalesData) -> None:
    assert sales.orders(data) == 7  # O1 (two lines) O2 O3 O5 O6 O7 O8
    assert sales.lines(data) == 8
    assert sales.cancelled_orders(data) == 1  # O4


def test_last_year_yoy_target_and_attainment(data: sales.SalesData) -> None:
    facts = sales.sales_facts(data, tuple(range(1, 13)))
    assert facts.last_year == D("2400")  # 2,500 − 100 discount
    assert facts.yoy == (D("4309.50") - 2400) / 2400
    assert facts.target == D("5000")  # the annual record wins over Σ monthly (1,000)
    assert facts.attainment == D("4309.50") / 5000


def test_annual_target_from_monthly_targets_only() -> None:
    targets = sales.RevenueTargets(None, {1: D("100"), 2: D("250.5")})
    assert targets.annual == D("350.5")
    assert sales.RevenueTargets(None, {}).annual is None


def test_by_month_revenue_targets_mom_and_yoy(data: sales.SalesData) -> None:
    rows = sales.by_month(data)
    assert [r.month for r in rows] == [f"2024-{m:02d}" for m in range(1, 13)]
    revenue = [r.revenue for r in rows]
    assert revenue == [
        D("1200"), D("900"), D("710"), D("-200"), 0, 0, D("999.50"), 0, 0, 0, D("400"), D("300"),
    ]  # fmt: skip
    assert sum(revenue) == sales.revenue(data)
    assert rows[0].target == D("500") and rows[1].target == D("500") and rows[2].target is None
    assert rows[0].last_year is None and rows[0].yoy is None  # no January 2023
    assert rows[2].last_year == D("900")  # March 2023: 1,000 − 100
    assert rows[2].yoy == (D("710") - 900) / 900
    assert rows[5].yoy == D("-1")  # June: 0 against 1,000
    assert rows[0].mom == (D("1200") - 500) / 500  # January against December 2023
    assert rows[1].mom == (D("900") - 1200) / 1200
    assert rows[4].mom is None  # May after April's net returns (−200): no usable base
    assert rows[5].mom is None  # June after May 0: zero base → None
    assert rows[0].orders == 1 and rows[2].orders == 1  # O4 in March is cancelled


def test_weak_months_and_monthly_cv(data: sales.SalesData) -> None:
    rows = sales.by_month(data)
    months = tuple(range(1, 13))
    # average 4,309.50 / 12 = 359.125; 80% = 287.30
    assert sales.weak_months(rows, months) == (
        "2024-04", "2024-05", "2024-06", "2024-08", "2024-09", "2024-10",
    )  # fmt: skip
    assert sales.weak_months(rows, months, D("0")) == ("2024-04",)  # below 0: net returns
    values = [r.revenue for r in rows]
    mean = sum(values) / 12
    std = (sum((v - mean) ** 2 for v in values) / 12).sqrt()
    assert sales.monthly_cv(rows, months) == std / mean


def test_weak_month_below_its_target() -> None:
    row = sales.MonthRow("2024-01", D("900"), D("1000"), None, 1, None, None)
    other = sales.MonthRow("2024-02", D("900"), None, None, 1, None, None)
    assert sales.weak_months([row, other], (1, 2)) == ("2024-01",)


def test_mix_and_volume(data: sales.SalesData) -> None:
    by_type = {s.name: s for s in sales.mix(data, "order_type")}
    assert by_type["regular"].amount == D("1700")  # 1,200 − 200 + 400 + 300
    assert by_type["oem"].amount == D("1000") and by_type["odm"].amount == D("1000")
    assert by_type["own"].amount == D("710")
    assert by_type["regular"].share == D("1700") / D("4410")
    assert by_type["regular"].count == 5  # lines
    assert sales.mix(data, "order_type")[0].name == "regular"  # largest first
    (pcs,) = sales.volume(data)
    assert pcs.unit == "pcs" and pcs.quantity == D("56")  # 10+5+20+10−2+8+4+1
    assert pcs.revenue == D("4410") and pcs.avg_price == D("4410") / 56


def test_partial_year_uses_months_from_first_record(team: Department) -> None:
    scope = Scope(team, 2024)
    started = first_record_day(team)
    assert started == CARD_TEAM_START
    months = active_months(scope, started)
    assert months == (10, 11, 12)
    facts = sales.sales_facts(sales.load_sales(scope), months)
    assert facts.weak_months == ("2024-11",)  # 500 < 0.8 × 1,000; Jan–Sep are not the team's
    assert facts.monthly_cv == (D(500000) / 3).sqrt() / 1000
    assert facts.last_year is None and facts.yoy is None and facts.attainment is None


def test_full_year_when_the_department_existed_before(export_2024: Scope) -> None:
    assert active_months(export_2024, first_record_day(export_2024.department)) == tuple(
        range(1, 13)
    )


def test_no_sales_gives_none_not_zero(db: None) -> None:
    dept = Department.objects.create(name="空部门")
    data = sales.load_sales(Scope(dept, 2024))
    facts = sales.sales_facts(data, tuple(range(1, 13)))
    assert facts.revenue == 0 and facts.orders == 0
    assert facts.attainment is None and facts.yoy is None and facts.monthly_cv is None
    assert all(r.mom is None and r.yoy is None for r in facts.by_month)
