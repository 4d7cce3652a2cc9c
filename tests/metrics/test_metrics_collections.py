"""Collections: receipts by channel, opening/closing receivables, 回款率, FIFO aging, DSO."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from fixture_dept import line, payment

from salesdesk.metrics import collections, customers
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import Customer, Department

D = Decimal
pytestmark = pytest.mark.django_db


def _collections(scope: Scope, revenue: Decimal):  # type: ignore[no-untyped-def]
    info = customers.load_customers(scope)
    grid = customers.load_grid(scope, info)
    adjustments = customers.by_customer_adjustments(customers.load_adjustment_split(scope))
    totals = customers.customer_totals(
        grid, adjustments, customers.load_grid_and_aging(scope, info)[1]
    )
    payments = collections.load_payments(scope)
    through = {}
    for g in grid:
        through[g.customer_id] = through.get(g.customer_id, D(0)) + g.through
    balances = collections.outstanding(totals, adjustments, payments, through)
    before = sum((g.before for g in grid), D(0)) - sum(
        (a.before for a in adjustments.values()), D(0)
    )
    facts = collections.collection_facts(scope, payments, revenue, before, totals, balances)
    return facts, balances, info


def test_receipts_by_channel_largest_first(export_2024: Scope) -> None:
    facts, _b, _i = _collections(export_2024, D("4309.50"))
    assert facts.amount == D("2890")
    assert [(c.channel, c.count, c.amount) for c in facts.by_channel] == [
        ("transfer", 2, D("1700")),
        ("letter_of_credit", 1, D("710")),
        ("cash", 3, D("480")),
    ]


def test_receivables_rate_and_dso(export_2024: Scope) -> None:
    facts, _b, _i = _collections(export_2024, D("4309.50"))
    assert facts.opening_receivables == D("500")  # 2,400 sold − 1,900 paid in 2023
    assert facts.closing_receivables == D("1919.50")  # 500 + 4,309.50 − 2,890
    assert facts.rate == D("2890") / D("4809.50")
    assert facts.dso == D("1919.50") / D("4309.50") * 366


def test_aging_allocates_payments_to_the_oldest_sales_first(export_2024: Scope) -> None:
    facts, balances, info = _collections(export_2024, D("4309.50"))
    by_code = {info[c].code if c else None: b for c, b in balances.items()}
    assert by_code["C1"] == D("-200")  # paid 2,100 for 1,900 of net sales: in credit
    assert by_code["C2"] == D("900")  # 1,800 net − 900 paid
    assert by_code["C3"] == D("300")  # O8 unpaid; its terms are 60 days
    assert by_code["C4"] == D("999.50")
    aging = {a.bucket: (a.amount, a.orders) for a in facts.aging}
    # C2 owes its newest sales: O7 400 (15 Nov, due 15 Dec: 16 days past due) and 500 of O2
    # (February: 90+); C3's O8 (20 Dec + 60 days) is not due; C4's O6 (10 July) is 90+.
    assert aging == {
        "current": (D("300"), 1),
        "1-30": (D("400"), 1),
        "31-60": (D(0), 0),
        "61-90": (D(0), 0),
        "90+": (D("1499.50"), 2),
    }


def test_aging_bucket_edges(db: None) -> None:
    """Due = date + 30 days; at 31 Dec: 0 days past due is current, 30 is 1-30, 90 is 61-90."""
    dept = Department.objects.create(name="边界")
    c = Customer.objects.create(department=dept, key="E", code="E", name="边界客户")
    days = {
        "current": date(2024, 12, 1),  # due 31 Dec: 0 days past due
        "1-30": date(2024, 11, 1),  # due 1 Dec: 30 days
        "31-60": date(2024, 10, 2),  # due 1 Nov: 60 days
        "61-90": date(2024, 9, 2),  # due 2 Oct: 90 days
        "90+": date(2024, 9, 1),  # due 1 Oct: 91 days
    }
    for i, day in enumerate(days.values(), start=1):
        line(dept, f"E{i}", 1, day, "1", str(100 * i), customer=c)
    payment(dept, "EP", date(2024, 12, 31), "cash", "0.01", customer=c)
    facts, _b, _i = _collections(Scope(dept, 2024), D("1500"))
    aging = {a.bucket: a.amount for a in facts.aging}
    assert aging == {
        "current": D("100"),
        "1-30": D("200"),
        "31-60": D("300"),
        "61-90": D("400"),
        "90+": D("499.99"),  # the 0.01 paid goes to the oldest sale
    }


def test_zero_denominators_give_none() -> None:
    assert collections.collection_rate(D(10), D(0), D(0)) is None
    assert collections.dso(D(100), D(0), 365) is None
    assert collections.collection_rate(D(0), D(0), D(100)) == 0
