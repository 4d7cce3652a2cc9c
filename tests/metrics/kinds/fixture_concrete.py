"""商品混凝土公司: a small ready-mix concrete department, every figure worked out by hand.

Reps C1 王工 and C2 李工. Customers A 甲建设 (owner C1, terms 30 days), B 乙地产 (owner C2,
terms 60 days), D 丙市政 (owner C2, terms 30 days).

Pour orders (m³ × 元/m³, grade, site, customer, the order's rep):
    2024  P0  15 Oct  100 × 350 = 35,000  C30 滨江一期  B  C2
    2025  P1  10 Jan   50 × 300 = 15,000  C25 阳光城    A  C1
          P2   5 Mar   40 × 400 = 16,000  C35 阳光城    A  C1
          P3  20 Jun  100 × 360 = 36,000  C30 滨江一期  B  C2   (discount 1,000 on 30 Jun)
          P4   1 Jul   20 × 360 =  7,200  C30 滨江一期  B  C2   cancelled
          P5  20 Nov   30 × 320 =  9,600  C30 地铁站    D  C1   (D is C2's customer: the order's
                                                                rep counts)
          P6  15 Dec   20 × 300 =  6,000  C25 阳光城    A  C1
2025 m³ = 50 + 40 + 100 + 30 + 20 = 240; amount = 82,600; price = 82,600 / 240 = 344.1667;
revenue = 82,600 − 1,000 = 81,600.
By grade: C30 130 m³ ¥45,600 (350.7692/m³, share 130/240 = 0.5417, 2 pours); C25 70 m³
¥21,000 (300, 0.2917, 2); C35 40 m³ ¥16,000 (400, 0.1667, 1).
Sites: 阳光城 110 m³ ¥37,000 3 pours (A); 滨江一期 100 m³ ¥36,000 1 (B); 地铁站 30 m³ ¥9,600 1 (D).

Payments: 2024 PB0 20 Dec B 15,000 (rep C2). 2025: PA1 15 Feb A 15,000 (rep C1); PA2 10 May
A 10,000 naming order P2, no rep (→ C1, the order's rep); PB1 1 Mar B 20,000 (C2); PB2 1 Sep
B 5,000 (C2); PX 8 Aug 500 naming nothing. Collections 2025 = 50,500.
Department: opening = 35,000 − 15,000 = 20,000; 回款率 = 50,500 / (20,000 + 81,600) =
0.4970; closing = 20,000 + 81,600 − 50,500 = 51,100.

Incidents: E1 22 Jun form_error on P3 (no customer: the order's, B) ¥2,400; E2 16 Dec
form_error on P6 (A) ¥800.50; E3 1 Apr quality on P1 ¥5,000 (not a form error); E4 1 Nov 2024
form_error on P0 ¥999 (last year). Form errors 2025: 2, ¥3,200.50, on 2 of the 6 pour orders
(P1–P6, the cancelled P4 included) = 0.3333.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fixture_dept import adjustment, line, payment

from salesdesk.records.models import Customer, Department, Incident, OrderLine, Rep

NAME = "商品混凝土公司"
YEAR = 2025


def _pour(
    dept: Department,
    order: str,
    day: date,
    m3: str,
    price: str,
    grade: str,
    site: str,
    customer: Customer,
    rep: Rep,
    status: str = "normal",
) -> OrderLine:
    extra = {"strength_grade": grade, "slump": "180±20", "site": site}
    return line(
        dept, order, 1, day, m3, price, customer=customer, rep=rep, unit="m3", status=status,
        extra=extra,
    )  # fmt: skip


def _incident(
    dept: Department, key: str, day: date, kind: str, order: str, cost: str, **more: object
) -> Incident:
    return Incident.objects.create(
        department=dept, key=key, date=day, kind=kind, order_no=order, cost=Decimal(cost), **more
    )


def concrete_dept() -> Department:
    dept = Department.objects.create(name=NAME, kind="concrete")
    c1 = Rep.objects.create(department=dept, key="C1", code="C1", name="王工")
    c2 = Rep.objects.create(department=dept, key="C2", code="C2", name="李工")
    a = Customer.objects.create(
        department=dept, key="A", code="A", name="甲建设", owner=c1, extra={"terms_days": "30"}
    )
    b = Customer.objects.create(
        department=dept, key="B", code="B", name="乙地产", owner=c2, extra={"terms_days": "60"}
    )
    d = Customer.objects.create(department=dept, key="D", code="D", name="丙市政", owner=c2)

    _pour(dept, "P0", date(2024, 10, 15), "100", "350", "C30", "滨江一期", b, c2)
    _pour(dept, "P1", date(2025, 1, 10), "50", "300", "C25", "阳光城", a, c1)
    _pour(dept, "P2", date(2025, 3, 5), "40", "400", "C35", "阳光城", a, c1)
    _pour(dept, "P3", date(2025, 6, 20), "100", "360", "C30", "滨江一期", b, c2)
    _pour(dept, "P4", date(2025, 7, 1), "20", "360", "C30", "滨江一期", b, c2, "cancelled")
    _pour(dept, "P5", date(2025, 11, 20), "30", "320", "C30", "地铁站", d, c1)
    _pour(dept, "P6", date(2025, 12, 15), "20", "300", "C25", "阳光城", a, c1)
    adjustment(dept, "P3", date(2025, 6, 30), "discount", "1000")

    payment(dept, "PB0", date(2024, 12, 20), "transfer", "15000", customer=b, rep=c2)
    payment(dept, "PA1", date(2025, 2, 15), "transfer", "15000", customer=a, rep=c1)
    payment(dept, "PA2", date(2025, 5, 10), "transfer", "10000", customer=a, order="P2")
    payment(dept, "PB1", date(2025, 3, 1), "transfer", "20000", customer=b, rep=c2)
    payment(dept, "PB2", date(2025, 9, 1), "transfer", "5000", customer=b, rep=c2)
    payment(dept, "PX", date(2025, 8, 8), "cash", "500")

    _incident(dept, "E1", date(2025, 6, 22), "form_error", "P3", "2400", note="坍落度填错")
    _incident(
        dept,
        "E2",
        date(2025, 12, 16),
        "form_error",
        "P6",
        "800.50",
        customer=a,
        note="工地名称填错",
    )
    _incident(dept, "E3", date(2025, 4, 1), "quality", "P1", "5000", customer=a)
    _incident(dept, "E4", date(2024, 11, 1), "form_error", "P0", "999", customer=b)
    return dept
