"""A small export (OEM/ODM) department for the export pack's tests, every figure worked by hand.

出口测试部, 2024 and 2025. Reps E1 (hired 2020) and E2 (hired 1 July 2025). Customers V1 (VIP,
JP), V2 (VIP, NL), V3 (VIP, US, only a 2024 visit) and B1 (tier B, US).

2024: P1 regular ¥1,000 (V1), P2 gift ¥3,000 (B1) → last year's mix regular 25%, gift 75%.

2025 order lines (quantity × unit price × fx = ¥):
  A1 10 Jan oem   V1 E1 100 × 10 USD × 7.0 = ¥7,000  checklist all yes, confirmed 12 Jan,
     released 15 Jan (complete); rebate 13%, unit cost ¥50; promised 20 Feb, delivered 18 Feb.
  A2 20 Jan regular B1 E1 50 × 4 USD × 7.2 = ¥1,440  marks NOT confirmed, released 22 Jan;
     rebate 13%, unit cost ¥20; promised 1 Mar, delivered 10 Mar (late).
  A3 5 May  gift  V2 E1 1,000 × ¥2 = ¥2,000, no checklist column; discount ¥100.
  A4 10 Aug odm   V2 E2 200 × 5 USD × 6.8 = ¥6,800  all yes but confirmed 20 Aug after the
     release on 15 Aug; rebate 9%, unit cost ¥30; promised 30 Sep, delivered 5 Oct (late).
  A5 15 Nov own   V1 E1 100 × 6 USD × 6.5 = ¥3,900  all yes, confirmed 16 Nov, not released;
     rebate 9%, unit cost ¥25; promised 20 Dec, delivered 19 Dec.
  A6 1 Dec regular B1 E1 ¥1,000 cancelled (left out everywhere).
Incidents 2025: IN4 10 Feb quality V1/A1 ¥400 (no delay before it); IN1 15 Mar late_delivery
B1/A2 ¥300; IN5 20 Mar sample B1/A2 ¥100 (after A2's late delivery); IN2 1 Sep mold_delay
V2/A4 ¥500; IN3 20 Oct quality V2/A4 ¥1,200 (after the mold delay).
Activities 2025: V1 visit 1 Feb and call 1 Jun (E1); V2 meeting 1 Aug (E2). 2024: V3 visit.
Ideas 2025: E1 3 (1 adopted), E2 2 (both adopted).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fixture_dept import adjustment, line, visit

from salesdesk.records.models import Customer, Department, Idea, Incident, Rep

D = Decimal
YES = {"packaging_confirmed": "yes", "marks_confirmed": "yes", "design_confirmed": "yes"}


def _customer(
    dept: Department, code: str, name: str, tier: str, country: str, owner: Rep
) -> Customer:
    return Customer.objects.create(
        department=dept, key=code, code=code, name=name, tier=tier, country=country, owner=owner
    )


def _incident(
    dept: Department, key: str, day: date, kind: str, customer: Customer, order: str, cost: str
) -> None:
    Incident.objects.create(
        department=dept,
        key=key,
        date=day,
        kind=kind,
        customer=customer,
        order_no=order,
        cost=D(cost),
    )


def _idea(dept: Department, key: str, day: date, rep: Rep, status: str) -> None:
    Idea.objects.create(
        department=dept, key=key, date=day, rep=rep, title=f"建议{key}", status=status
    )


def export_pack_dept() -> Department:
    dept = Department.objects.create(name="出口测试部", kind="export")
    e1 = Rep.objects.create(
        department=dept, key="E1", code="E1", name="张三", hired_on=date(2020, 1, 1)
    )
    e2 = Rep.objects.create(
        department=dept, key="E2", code="E2", name="李四", hired_on=date(2025, 7, 1)
    )
    v1 = _customer(dept, "V1", "Tokyo Mart", "VIP", "JP", e1)
    v2 = _customer(dept, "V2", "Jumbo", "VIP", "NL", e2)
    v3 = _customer(dept, "V3", "Idle VIP", "VIP", "US", e1)
    b1 = _customer(dept, "B1", "Acme", "B", "US", e1)

    line(dept, "P1", 1, date(2024, 5, 10), "10", "100", customer=v1, rep=e1, unit="pcs")
    line(
        dept,
        "P2",
        1,
        date(2024, 8, 1),
        "30",
        "100",
        customer=b1,
        rep=e1,
        unit="pcs",
        order_type="gift",
    )
    visit(dept, date(2024, 6, 1), e1, v3)

    usd = {"currency": "USD", "unit": "pcs"}
    line(
        dept, "A1", 1, date(2025, 1, 10), "100", "10", fx="7.0", customer=v1, rep=e1, order_type="oem",
        promised_on=date(2025, 2, 20), delivered_on=date(2025, 2, 18),
        extra={**YES, "confirmed_on": "2025-01-12", "released_on": "2025-01-15", "rebate_rate": "0.13", "unit_cost": "50"},
        **usd,
    )  # fmt: skip
    line(
        dept, "A2", 1, date(2025, 1, 20), "50", "4", fx="7.2", customer=b1, rep=e1,
        promised_on=date(2025, 3, 1), delivered_on=date(2025, 3, 10),
        extra={**YES, "marks_confirmed": "no", "confirmed_on": "2025-01-21", "released_on": "2025-01-22", "rebate_rate": "0.13", "unit_cost": "20"},
        **usd,
    )  # fmt: skip
    line(
        dept,
        "A3",
        1,
        date(2025, 5, 5),
        "1000",
        "2",
        customer=v2,
        rep=e1,
        order_type="gift",
        unit="pcs",
    )
    adjustment(dept, "A3", date(2025, 5, 5), "discount", "100")
    line(
        dept, "A4", 1, date(2025, 8, 10), "200", "5", fx="6.8", customer=v2, rep=e2, order_type="odm",
        promised_on=date(2025, 9, 30), delivered_on=date(2025, 10, 5),
        extra={**YES, "confirmed_on": "2025-08-20", "released_on": "2025-08-15", "rebate_rate": "0.09", "unit_cost": "30"},
        **usd,
    )  # fmt: skip
    line(
        dept, "A5", 1, date(2025, 11, 15), "100", "6", fx="6.5", customer=v1, rep=e1, order_type="own",
        promised_on=date(2025, 12, 20), delivered_on=date(2025, 12, 19),
        extra={**YES, "confirmed_on": "2025-11-16", "rebate_rate": "0.09", "unit_cost": "25"},
        **usd,
    )  # fmt: skip
    line(
        dept,
        "A6",
        1,
        date(2025, 12, 1),
        "10",
        "100",
        customer=b1,
        rep=e1,
        unit="pcs",
        status="cancelled",
    )

    _incident(dept, "IN4", date(2025, 2, 10), "quality", v1, "A1", "400")
    _incident(dept, "IN1", date(2025, 3, 15), "late_delivery", b1, "A2", "300")
    _incident(dept, "IN5", date(2025, 3, 20), "sample", b1, "A2", "100")
    _incident(dept, "IN2", date(2025, 9, 1), "mold_delay", v2, "A4", "500")
    _incident(dept, "IN3", date(2025, 10, 20), "quality", v2, "A4", "1200")

    visit(dept, date(2025, 2, 1), e1, v1)
    visit(dept, date(2025, 6, 1), e1, v1, kind="call")
    visit(dept, date(2025, 8, 1), e2, v2, kind="meeting")

    _idea(dept, "I1", date(2025, 2, 1), e1, "adopted")
    _idea(dept, "I2", date(2025, 3, 1), e1, "submitted")
    _idea(dept, "I3", date(2025, 4, 1), e1, "rejected")
    _idea(dept, "I4", date(2025, 8, 1), e2, "adopted")
    _idea(dept, "I5", date(2025, 9, 1), e2, "adopted")
    return dept
