"""Small departments built with the ORM, with every figure worked out by hand in the docstrings.

`export_dept` (外贸出口部, 2023 and 2024) carries returns, a cancelled order, adjustments, a USD
order, targets, payments (one naming an unknown order, one naming nothing), visits, ideas and
incidents. `hotel_dept` (酒店, January 2024) sells room-nights and restaurant bills.
`card_team` (预付卡销售部) started on 15 October 2024: five reps, few visits, rejections that
were never followed up.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from salesdesk.records.models import (
    Activity,
    Adjustment,
    Capacity,
    Customer,
    Department,
    Idea,
    Incident,
    OrderLine,
    Payment,
    Rep,
    Target,
)

D = Decimal
_keys = itertools.count(1)


def _key(prefix: str) -> str:
    return f"{prefix}-{next(_keys)}"


def line(
    dept: Department,
    order: str,
    no: int,
    day: date,
    qty: str,
    price: str | None,
    *,
    amount: str | None = None,
    customer: Customer | None = None,
    rep: Rep | None = None,
    currency: str = "CNY",
    fx: str = "1",
    **extra: object,
) -> OrderLine:
    """One order line; amount defaults to quantity × unit price, amount_cny = amount × fx."""
    value = D(amount) if amount is not None else D(qty) * D(price or "0")
    return OrderLine.objects.create(
        department=dept,
        key=f"{order}#{no}",
        order_no=order,
        line_no=no,
        date=day,
        customer=customer,
        rep=rep,
        quantity=D(qty),
        unit_price=D(price) if price is not None else None,
        amount=value,
        currency=currency,
        fx_rate=D(fx),
        amount_cny=(value * D(fx)).quantize(D("0.0001")),
        **extra,  # type: ignore[arg-type]
    )


def adjustment(dept: Department, order: str, day: date, kind: str, amount: str) -> Adjustment:
    return Adjustment.objects.create(
        department=dept, key=_key("adj"), order_no=order, date=day, kind=kind, amount=D(amount)
    )


def payment(
    dept: Department,
    number: str,
    day: date,
    channel: str,
    amount: str,
    *,
    customer: Customer | None = None,
    order: str = "",
    rep: Rep | None = None,
) -> Payment:
    return Payment.objects.create(
        department=dept,
        key=number,
        payment_no=number,
        date=day,
        customer=customer,
        order_no=order,
        rep=rep,
        channel=channel,
        amount=D(amount),
    )


def visit(
    dept: Department,
    day: date,
    rep: Rep,
    customer: Customer | None,
    kind: str = "visit",
    outcome: str = "",
    next_follow_up: date | None = None,
) -> Activity:
    return Activity.objects.create(
        department=dept,
        key=_key("act"),
        date=day,
        rep=rep,
        customer=customer,
        kind=kind,
        outcome=outcome,
        next_follow_up=next_follow_up,
    )


def target(
    dept: Department, year: int, value: str, month: int | None = None, rep: Rep | None = None
) -> Target:
    return Target.objects.create(
        department=dept,
        key=_key("tgt"),
        year=year,
        month=month,
        rep=rep,
        metric="revenue",
        value=D(value),
    )


def export_dept() -> Department:
    """外贸出口部.

    2023: gross 2,500 (O23-1 1,000 C1; O23-2 1,000 C5; O23-3 500 gift C2), discount 100 on O23-1
    → revenue 2,400; payments 1,900 → receivables on 1 Jan 2024 = 500 (C2's gift order).

    2024 lines (not cancelled): O1 1,000 + 200 (C1, R1; line 2 delivered late), O2 oem 1,000
    (C2, R2), O3 own USD 100 × 7.1 = ¥710 (C3, R1), O5 return −200 (C1, R1), O6 odm 1,000
    (C4, R3), O7 400 (C2, R1), O8 300 with unit price 290 (C3, R1); O4 300 is cancelled.
    gross 4,410; adjustments 100 (O2 discount) + 0.50 (O6 rounding) → revenue 4,309.50.
    Targets: department 5,000 (Jan 500, Feb 500 monthly); R1 3,000; R2 1,000.
    Payments 2024: 1,200 + 500 + 710 + 400 + 50 (unknown order X999) + 30 (nothing) = 2,890.
    """
    dept = Department.objects.create(name="外贸出口部", kind="export")
    r1 = Rep.objects.create(
        department=dept, key="R1", code="R1", name="张三", hired_on=date(2020, 1, 1)
    )
    r2 = Rep.objects.create(
        department=dept,
        key="R2",
        code="R2",
        name="李四",
        hired_on=date(2020, 1, 1),
        left_on=date(2024, 10, 31),
    )
    r3 = Rep.objects.create(
        department=dept, key="R3", code="R3", name="王五", hired_on=date(2024, 7, 1)
    )
    c1 = Customer.objects.create(
        department=dept, key="C1", code="C1", name="东京商事", tier="VIP", region="日本", owner=r1
    )
    c2 = Customer.objects.create(
        department=dept, key="C2", code="C2", name="广州百货", tier="A", region="华南", owner=r2
    )
    c3 = Customer.objects.create(
        department=dept,
        key="C3",
        code="C3",
        name="Acme Inc",
        tier="B",
        country="USA",
        owner=r1,
        extra={"terms_days": "60"},
    )
    c4 = Customer.objects.create(
        department=dept, key="C4", code="C4", name="上海贸易", region="华东", owner=r3
    )
    c5 = Customer.objects.create(
        department=dept, key="C5", code="C5", name="旧客户", tier="C", owner=r2
    )

    line(dept, "O23-1", 1, date(2023, 3, 10), "10", "100", customer=c1, rep=r1)
    line(dept, "O23-2", 1, date(2023, 6, 15), "5", "200", customer=c5, rep=r2)
    line(dept, "O23-3", 1, date(2023, 12, 20), "1", "500", customer=c2, rep=r2, order_type="gift")
    adjustment(dept, "O23-1", date(2023, 3, 10), "discount", "100")
    payment(dept, "P23-1", date(2023, 4, 1), "transfer", "900", customer=c1, order="O23-1")
    payment(dept, "P23-2", date(2023, 7, 1), "cash", "1000", customer=c5, order="O23-2")

    line(
        dept, "O1", 1, date(2024, 1, 15), "10", "100", customer=c1, rep=r1, unit="pcs",
        promised_on=date(2024, 1, 20), delivered_on=date(2024, 1, 19),
    )  # fmt: skip
    line(
        dept, "O1", 2, date(2024, 1, 15), "5", "40", customer=c1, rep=r1, unit="pcs",
        promised_on=date(2024, 1, 20), delivered_on=date(2024, 1, 25),
    )  # fmt: skip
    line(
        dept,
        "O2",
        1,
        date(2024, 2, 10),
        "20",
        "50",
        customer=c2,
        rep=r2,
        order_type="oem",
        unit="pcs",
        channel="经销",
    )
    line(
        dept, "O3", 1, date(2024, 3, 5), "10", "10", customer=c3, rep=r1, order_type="own", unit="pcs",
        currency="USD", fx="7.1", channel="展会", category="玩具",
    )  # fmt: skip
    line(
        dept,
        "O4",
        1,
        date(2024, 3, 20),
        "3",
        "100",
        customer=c1,
        rep=r1,
        unit="pcs",
        status="cancelled",
    )
    line(dept, "O5", 1, date(2024, 4, 2), "-2", "100", customer=c1, rep=r1, unit="pcs")
    line(
        dept,
        "O6",
        1,
        date(2024, 7, 10),
        "8",
        "125",
        customer=c4,
        rep=r3,
        order_type="odm",
        unit="pcs",
    )
    line(dept, "O7", 1, date(2024, 11, 15), "4", "100", customer=c2, rep=r1, unit="pcs")
    line(
        dept, "O8", 1, date(2024, 12, 20), "1", "290", amount="300", customer=c3, rep=r1, unit="pcs"
    )
    adjustment(dept, "O2", date(2024, 2, 10), "discount", "100")
    adjustment(dept, "O6", date(2024, 7, 10), "rounding", "0.50")

    target(dept, 2024, "5000")
    target(dept, 2024, "500", month=1)
    target(dept, 2024, "500", month=2)
    target(dept, 2024, "3000", rep=r1)
    target(dept, 2024, "1000", rep=r2)

    payment(dept, "P1", date(2024, 1, 20), "transfer", "1200", customer=c1, order="O1")
    payment(dept, "P2", date(2024, 3, 1), "transfer", "500", customer=c2, order="O23-3")
    payment(dept, "P3", date(2024, 3, 10), "letter_of_credit", "710", customer=c3, order="O3")
    payment(dept, "P4", date(2024, 5, 1), "cash", "400", customer=c2, order="O2")
    payment(dept, "P5", date(2024, 6, 1), "cash", "50", order="X999")
    payment(dept, "P6", date(2024, 8, 1), "cash", "30")

    visit(dept, date(2023, 11, 1), r1, c1)
    visit(dept, date(2024, 1, 5), r1, c1, outcome="interested", next_follow_up=date(2024, 1, 20))
    visit(dept, date(2024, 1, 18), r1, c1, kind="call")
    visit(dept, date(2024, 3, 1), r2, c2, outcome="rejected")
    visit(dept, date(2024, 4, 1), r2, c2)
    visit(dept, date(2024, 12, 1), r3, c4)

    Idea.objects.create(
        department=dept,
        key="I1",
        date=date(2024, 5, 1),
        rep=r1,
        title="新包装",
        status="adopted",
        reward=D("500"),
    )
    Idea.objects.create(
        department=dept, key="I2", date=date(2024, 6, 1), rep=r2, title="日式收纳盒"
    )
    Incident.objects.create(
        department=dept,
        key="IN1",
        date=date(2024, 2, 1),
        kind="late_delivery",
        customer=c1,
        order_no="O1",
        cost=D("200"),
    )
    Incident.objects.create(
        department=dept,
        key="IN2",
        date=date(2024, 12, 22),
        kind="form_error",
        customer=c3,
        order_no="O8",
        cost=D("1500"),
    )
    return dept


def hotel_dept() -> Department:
    """酒店: January 2024.

    Rooms: capacity 10 on 1 and 2 January (20 room-nights); sold 6 (¥1,200, ota) on the 1st,
    5 (¥900, 前台) + 1 comp (¥0) on the 2nd, 2 (¥400, ota) on the 3rd, which has no capacity row.
    sold 13, comps 1, revenue 2,500 → occupancy 0.65, ADR 192.3077, RevPAR 125.

    Restaurant bills: B1 4 covers on both lines, 300 + 100, discount 40, paid 360 by member card;
    B2 2 covers, 200, rounding 0.50, paid 100 cash + 99.50 bank card (split, balances);
    B3 3 covers, 300, voucher 50, paid 240 cash (10 short).
    bills 3, covers 9, gross 900, deductions 90.50, net 809.50.
    """
    dept = Department.objects.create(name="酒店", kind="hospitality")
    for day in (1, 2):
        Capacity.objects.create(
            department=dept,
            key=f"cap{day}",
            date=date(2024, 1, day),
            resource="rooms",
            available=10,
        )
    line(dept, "RN1", 1, date(2024, 1, 1), "6", "200", unit="room_night", channel="ota")
    line(dept, "RN2", 1, date(2024, 1, 2), "5", "180", unit="room_night", channel="前台")
    line(dept, "RN3", 1, date(2024, 1, 2), "1", "0", unit="room_night", channel="前台")
    line(dept, "RN4", 1, date(2024, 1, 3), "2", "200", unit="room_night", channel="ota")
    line(dept, "B1", 1, date(2024, 1, 5), "1", "300", covers=4)
    line(dept, "B1", 2, date(2024, 1, 5), "1", "100", covers=4)
    line(dept, "B2", 1, date(2024, 1, 6), "1", "200", covers=2)
    line(dept, "B3", 1, date(2024, 1, 7), "1", "300", covers=3)
    adjustment(dept, "B1", date(2024, 1, 5), "discount", "40")
    adjustment(dept, "B2", date(2024, 1, 6), "rounding", "0.50")
    adjustment(dept, "B3", date(2024, 1, 7), "voucher", "50")
    payment(dept, "H1", date(2024, 1, 5), "member_card", "360", order="B1")
    payment(dept, "H2", date(2024, 1, 6), "cash", "100", order="B2")
    payment(dept, "H3", date(2024, 1, 6), "bank_card", "99.50", order="B2")
    payment(dept, "H4", date(2024, 1, 7), "cash", "240", order="B3")
    return dept


CARD_TEAM_START = date(2024, 10, 15)


def card_team() -> Department:
    """预付卡销售部: formed on 15 October 2024 with five reps (no hire dates).

    Sales: ¥1,000 on 20 Oct, ¥500 on 10 Nov, ¥1,500 on 5 Dec → months Oct–Dec average ¥1,000,
    November weak (below 80%), CV = sqrt(((0)² + 500² + 500²) / 3) / 1,000 = 0.408248.
    Ten visits from 15 Oct: K1 rejected on 20 Oct and never visited again; K2 rejected on
    21 Oct and visited again on 30 Oct; K3 interested on 1 Nov with next follow-up 10 Nov,
    visited again on 8 Nov.
    """
    dept = Department.objects.create(name="预付卡销售部", kind="prepaid_card")
    reps = [
        Rep.objects.create(department=dept, key=f"S{i}", code=f"S{i}", name=f"销售{i}")
        for i in range(1, 6)
    ]
    k1, k2, k3 = (
        Customer.objects.create(department=dept, key=f"K{i}", code=f"K{i}", name=f"客户{i}")
        for i in (1, 2, 3)
    )
    s1, s2, s3, s4, s5 = reps
    visit(dept, CARD_TEAM_START, s1, k1, kind="cold_visit")
    visit(dept, date(2024, 10, 20), s1, k1, kind="cold_visit", outcome="rejected")
    visit(dept, date(2024, 10, 21), s2, k2, kind="cold_visit", outcome="rejected")
    visit(dept, date(2024, 10, 30), s2, k2, kind="call")
    visit(dept, date(2024, 11, 1), s3, k3, outcome="interested", next_follow_up=date(2024, 11, 10))
    visit(dept, date(2024, 11, 8), s3, k3, kind="call")
    visit(dept, date(2024, 11, 12), s4, None, kind="cold_visit")
    visit(dept, date(2024, 11, 13), s4, None, kind="cold_visit")
    visit(dept, date(2024, 12, 2), s5, None, kind="mail")
    visit(dept, date(2024, 12, 3), s5, None, kind="mail")
    line(dept, "K-1", 1, date(2024, 10, 20), "10", "100", customer=k3, rep=s3, unit="card")
    line(dept, "K-2", 1, date(2024, 11, 10), "5", "100", customer=k3, rep=s3, unit="card")
    line(dept, "K-3", 1, date(2024, 12, 5), "15", "100", customer=k2, rep=s2, unit="card")
    return dept
