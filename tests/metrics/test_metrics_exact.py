"""Exact sums (also with a filter) on SQLite and PostgreSQL, and the Decimal ratio rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Q
from fixture_dept import line

from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.ratios import change, cv, ratio
from salesdesk.records.models import Department, OrderLine

D = Decimal


@pytest.mark.django_db
def test_money_units_are_exact_with_and_without_filter() -> None:
    dept = Department.objects.create(name="精确")
    for i in range(10):
        line(dept, f"X{i}", 1, date(2024, 1, 1 + i), "1", "0.1", status="normal" if i % 2 else "x")
    got = OrderLine.objects.filter(department=dept).aggregate(
        all=MoneyUnits("amount"),
        odd=MoneyUnits("amount", filter=Q(status="normal")),
        none=MoneyUnits("amount", filter=Q(status="nothing")),
    )
    assert units_to_money(got["all"]) == D("1.0000")  # ten times 0.1, no float drift
    assert units_to_money(got["odd"]) == D("0.5")
    assert got["none"] is None and units_to_money(got["none"]) == 0


def test_ratio_rules() -> None:
    assert ratio(D(1), D(0)) is None and ratio(None, D(1)) is None and ratio(D(1), None) is None
    assert ratio(3, 4) == D("0.75")
    assert change(D(120), D(100)) == D("0.2")
    assert change(D(1), D(0)) is None and change(D(1), D(-5)) is None
    assert cv([D(0), D(0)]) is None and cv([]) is None
    assert cv([D(1), D(3)]) == D("0.5")
