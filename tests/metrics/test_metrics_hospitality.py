"""Rooms (occupancy, ADR, RevPAR, comps) and restaurant bills (covers once per bill)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesdesk.metrics import dining, rooms, sales
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import Department

D = Decimal
pytestmark = pytest.mark.django_db


def test_room_figures(hotel: Department) -> None:
    scope = Scope(hotel, 2024)
    assert rooms.has_rooms(sales.load_dimensions(scope))
    days = rooms.load_room_days(scope)
    capacity = rooms.load_capacity(scope)
    facts = rooms.room_facts(2024, days, capacity)
    assert facts.sold == 13 and facts.comps == 1 and facts.available == 20
    assert facts.revenue == D("2500")
    assert facts.occupancy == D("0.65")
    assert facts.adr == D("2500") / 13  # comps left out of ADR
    assert facts.revpar == D("125")
    jan = facts.by_month[0]
    assert (jan.month, jan.sold, jan.available, jan.occupancy) == ("2024-01", 13, 20, D("0.65"))
    assert facts.by_month[1].occupancy is None and facts.by_month[1].adr is None
    assert [(c.name, c.amount, c.count) for c in facts.by_channel] == [
        ("ota", D("1600"), 8),
        ("前台", D("900"), 5),
    ]
    assert rooms.days_without_capacity(days, capacity) == [days[-1].day]


def test_dining_bills(hotel: Department) -> None:
    scope = Scope(hotel, 2024)
    assert dining.has_dining(sales.load_days(scope), 2024)
    data = dining.load_dining(scope)
    facts = dining.dining_facts(data)
    assert facts.bills == 3
    assert facts.covers == 9  # B1's covers (4) are on both its lines and count once
    assert facts.gross == D("900")
    assert {s.name: s.amount for s in facts.deductions} == {
        "voucher": D("50"),
        "discount": D("40"),
        "rounding": D("0.50"),
    }
    assert facts.deductions_total == D("90.50")
    assert facts.net == D("809.50")
    assert facts.avg_per_bill == D("809.50") / 3
    assert facts.per_cover == D("809.50") / 9
    assert facts.monthly_avg == D("809.50") / 12
    assert facts.discount_share == D("90.50") / 900
    assert [(r.channel, r.count, r.amount) for r in facts.receipts] == [
        ("member_card", 1, D("360")),
        ("cash", 2, D("340")),
        ("bank_card", 1, D("99.50")),
    ]


def test_no_rooms_or_bills_elsewhere(export_2024: Scope) -> None:
    data = sales.load_sales(export_2024)
    assert not rooms.has_rooms(data.dimensions)
    assert not dining.has_dining(data.days, 2024)
