"""A hotel's whole summary on a hand-worked fixture: split payments, a bill paid short, a hosting
bill (宴请) and a free bill (免单); the report's figures and the reconciliation to the cent.

宴会酒店, March 2024.

Rooms — capacity 20 on 1 and 2 March (40 room-nights):
    R1  1 Mar  10 × 300 = 3,000  agreement (协议客户)
    R2  1 Mar   4 × 350 = 1,400  ota
    R3  2 Mar   8 × 320 = 2,560  walk_in (散客)
    R4  2 Mar   1 × 0   = 0      comp (free room, left out of ADR)
    sold 22, comps 1, revenue 6,960 → occupancy 22/40 = 0.55, ADR 6,960/22 = 316.3636…
    (316.36), RevPAR 6,960/40 = 174.

Restaurant bills (orders with covers):
    D1  600 (400 + 200), 6 covers, discount 60   → net 540.00; paid 300 cash + 240 bank card
    D2  880, 8 covers, rounding 0.80 (抹零)       → net 879.20; paid 500 member card + 379.20 美团
    D3  450.50, 3 covers, voucher 50             → net 400.50; paid 380.50 cash (20.00 short)
    D4  1,200, 10 covers, hosting 1,200 (宴请)    → net 0; nothing paid
    D5  150, 2 covers, free 150 (免单)            → net 0; nothing paid
    bills 5, covers 29, gross 3,280.50, deductions 60 + 0.80 + 50 + 1,200 + 150 = 1,460.80,
    net 1,819.70; per bill 1,819.70/5 = 363.94; per cover 1,819.70/29 = 62.7483 (62.75);
    monthly average 1,819.70/12 = 151.6417 (151.64); deductions over gross
    1,460.80/3,280.50 = 0.44530 (0.4453).
    receipts: cash 2 records 680.50, member card 1 record 500, 美团 1 record 379.20,
    bank card 1 record 240 → 1,799.70.
    bill_payments check: expected (Σ net) 1,819.70, actual (Σ paid against bills) 1,799.70,
    difference −20.00, and only D3 is listed.

Revenue = 6,960 + 3,280.50 − 1,460.80 = 8,779.70.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "metrics"))
from fixture_dept import adjustment, line, payment

from salesdesk.records.models import Capacity, Department
from salesdesk.report.build import build_summary
from salesdesk.report.facts import facts_json
from salesdesk.report.render import render_markdown
from salesdesk.report.summary import AnnualSummary

D = Decimal
pytestmark = pytest.mark.django_db
NAME = "宴会酒店"


def _banquet_hotel() -> Department:
    dept = Department.objects.create(name=NAME, kind="hospitality")
    for day in (1, 2):
        Capacity.objects.create(
            department=dept,
            key=f"cap{day}",
            date=date(2024, 3, day),
            resource="rooms",
            available=20,
        )
    rooms = [
        ("R1", 1, "10", "300", "agreement"),
        ("R2", 1, "4", "350", "ota"),
        ("R3", 2, "8", "320", "walk_in"),
        ("R4", 2, "1", "0", "walk_in"),
    ]
    for order, day, nights, price, channel in rooms:
        line(dept, order, 1, date(2024, 3, day), nights, price, unit="room_night", channel=channel)
    bills = [
        ("D1", 1, 5, "400", 6),
        ("D1", 2, 5, "200", 6),
        ("D2", 1, 6, "880", 8),
        ("D3", 1, 7, "450.50", 3),
        ("D4", 1, 8, "1200", 10),
        ("D5", 1, 9, "150", 2),
    ]
    for order, no, day, price, covers in bills:
        line(dept, order, no, date(2024, 3, day), "1", price, covers=covers)
    for order, day, kind, amount in [
        ("D1", 5, "discount", "60"),
        ("D2", 6, "rounding", "0.80"),
        ("D3", 7, "voucher", "50"),
        ("D4", 8, "hosting", "1200"),
        ("D5", 9, "free", "150"),
    ]:
        adjustment(dept, order, date(2024, 3, day), kind, amount)
    for number, order, day, channel, amount in [
        ("P1", "D1", 5, "cash", "300"),
        ("P2", "D1", 5, "bank_card", "240"),
        ("P3", "D2", 6, "member_card", "500"),
        ("P4", "D2", 6, "meituan", "379.20"),
        ("P5", "D3", 7, "cash", "380.50"),
    ]:
        payment(dept, number, date(2024, 3, day), channel, amount, order=order)
    return dept


@pytest.fixture
def summary(db: None) -> AnnualSummary:
    _banquet_hotel()
    return build_summary(NAME, 2024, today=date(2025, 1, 10))


def test_rooms_in_the_summary(summary: AnnualSummary) -> None:
    rooms = summary.rooms
    assert rooms is not None
    assert (rooms.sold, rooms.comps, rooms.available) == (22, 1, 40)
    assert rooms.revenue == D("6960")
    assert rooms.occupancy == D("0.55")
    assert rooms.adr == D("6960") / 22
    assert rooms.revpar == D("174")


def test_restaurant_figures_with_hosting_and_free_bills(summary: AnnualSummary) -> None:
    dining = summary.dining
    assert dining is not None
    assert (dining.bills, dining.covers) == (5, 29)
    assert dining.gross == D("3280.50")
    assert {s.name: s.amount for s in dining.deductions} == {
        "discount": D("60"),
        "rounding": D("0.80"),
        "voucher": D("50"),
        "hosting": D("1200"),
        "free": D("150"),
    }
    assert dining.deductions_total == D("1460.80")
    assert dining.net == D("1819.70")
    assert dining.avg_per_bill == D("363.94")
    assert dining.per_cover == D("1819.70") / 29
    assert {(r.channel, r.count, r.amount) for r in dining.receipts} == {
        ("cash", 2, D("680.50")),
        ("member_card", 1, D("500")),
        ("meituan", 1, D("379.20")),
        ("bank_card", 1, D("240")),
    }
    assert summary.sales.revenue == D("8779.70")


def test_bill_reconciliation_to_the_cent(summary: AnnualSummary) -> None:
    checks = {c.check: c for c in summary.reconciliation}
    bills = checks["bill_payments"]
    assert (bills.expected, bills.actual, bills.difference) == (
        D("1819.70"),
        D("1799.70"),
        D("-20.00"),
    )
    # the split bills balance, and hosting and free bills owe nothing: only D3 is listed
    assert bills.records == ("D3: net ¥400.50, paid ¥380.50",)


def test_json_figures_rounded_half_up(summary: AnnualSummary) -> None:
    facts = json.loads(facts_json(summary))
    dining = facts["dining"]
    assert (dining["bills"], dining["covers"], dining["net"]) == (5, 29, 1819.70)
    assert dining["deductions"] == {
        "voucher": 50.0,
        "discount": 60.0,
        "rounding": 0.8,
        "hosting": 1200.0,
        "free": 150.0,
    }
    assert (dining["per_cover"], dining["monthly_avg"]) == (62.75, 151.64)
    assert dining["discount_share"] == 0.4453
    assert (facts["rooms"]["adr"], facts["rooms"]["revpar"]) == (316.36, 174.0)
    check = next(c for c in facts["reconciliation"] if c["check"] == "bill_payments")
    assert (check["expected"], check["actual"], check["difference"]) == (1819.7, 1799.7, -20.0)


def test_the_written_summary_shows_them(summary: AnnualSummary) -> None:
    text = render_markdown(summary, lang="zh")
    for shown in ("1,819.70", "1,460.80", "-20.00", "宴请", "免单", "316.36", "D3"):
        assert shown in text, shown
