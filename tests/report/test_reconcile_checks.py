"""Reconciliation: differences to the cent, and the records that do not balance."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "metrics"))
from fixture_dept import export_dept, hotel_dept, target

from salesdesk.metrics import dining, rooms, sales
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import Department
from salesdesk.report.reconcile import reconcile
from salesdesk.report.summary import ReconciliationCheck

D = Decimal
pytestmark = pytest.mark.django_db


def _checks(scope: Scope) -> dict[str, ReconciliationCheck]:
    data = sales.load_sales(scope)
    bills = dining.load_dining(scope) if dining.has_dining(data.days, scope.year) else None
    room = None
    if rooms.has_rooms(data.dimensions):
        room = (rooms.load_room_days(scope), rooms.load_capacity(scope))
    return {c.check: c for c in reconcile(scope, data, bills, room)}


def test_bill_payments_short_to_the_cent() -> None:
    checks = _checks(Scope(hotel_dept(), 2024))
    bills = checks["bill_payments"]
    assert bills.expected == D("809.50")
    assert bills.actual == D("799.50")
    assert bills.difference == D("-10.00")
    # B3 is 10 short; B2 was paid in two parts that add up to its net and is not listed
    assert bills.records == ("B3: net ¥250.00, paid ¥240.00",)


def test_days_with_room_sales_but_no_capacity() -> None:
    checks = _checks(Scope(hotel_dept(), 2024))
    rooms_check = checks["room_capacity"]
    assert (rooms_check.expected, rooms_check.actual, rooms_check.difference) == (3, 2, -1)
    assert rooms_check.records == ("2024-01-03",)


def test_export_checks() -> None:
    checks = _checks(Scope(export_dept(), 2024))
    unknown = checks["payment_unknown_order"]
    assert (unknown.expected, unknown.actual, unknown.difference) == (
        D("2860"),
        D("2810"),
        D("-50"),
    )
    assert unknown.records == ("P5 (2024-06-01) → X999",)
    nobody = checks["payment_no_customer"]
    assert nobody.difference == D("-30")
    amounts = checks["line_amounts"]
    assert (amounts.expected, amounts.actual, amounts.difference) == (D("290"), D("300"), D("10"))
    assert amounts.records[0].startswith("O8#1")
    targets = checks["monthly_targets"]
    assert (targets.expected, targets.actual, targets.difference) == (
        D("5000"),
        D("1000"),
        D("-4000"),
    )
    assert "bill_payments" not in checks and "room_capacity" not in checks


def test_balanced_checks_have_difference_zero(db: None) -> None:
    dept = Department.objects.create(name="平衡")
    target(dept, 2024, "1200")
    for month in range(1, 13):
        target(dept, 2024, "100", month=month)
    checks = _checks(Scope(dept, 2024))
    assert all(c.difference == 0 for c in checks.values())
    assert checks["monthly_targets"].records == ()
    assert checks["line_amounts"].expected == 0


def test_rep_monthly_targets(db: None) -> None:
    dept = export_dept()
    rep = dept.rep_set.get(code="R1")
    target(dept, 2024, "2000", month=1, rep=rep)
    checks = _checks(Scope(dept, 2024))
    assert checks["monthly_targets:R1"].difference == D("-1000")
