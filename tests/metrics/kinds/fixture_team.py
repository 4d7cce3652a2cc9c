"""A supervised sales team (销售督导组, kind `team`), 2023 and 2024, every figure worked by hand.

Seven reps, all employed the whole of 2024 (no hire dates; the team's first activity is in 2023,
so nobody's window is cut short). Each rep Tn has their own customer KTn, sells it one product P
in 2024 on 1 March, and was paid in full on 15 March, except T2:

| rep | name | target | 2024 sales (qty × price) | paid | attainment | band |
|---|---|---|---|---|---|---|
| T1 | 张一 | 1,000 | 12 × 100 = 1,200 | 1,200 | 1.2 | ge120 |
| T2 | 李二 | 1,000 | 12 × 100 = 1,200 | 1,000 | 1.2 (ties T1 on attainment and revenue) | ge120 |
| T3 | 王三 | 1,000 | 5 × 100 = 500 | 500 | 0.5 | lt60 |
| T4 | 赵四 | 1,000 | 10 × 80 = 800 | 800 | 0.8 | 80-100 |
| T5 | 钱五 | 1,000 | 6 × 100 = 600 | 600 | 0.6 | 60-80 |
| T6 | 孙六 | 1,000 | 9 × 100 = 900 | 900 | 0.9 | 80-100 |
| T7 | 周七 | none | 1 × 100 = 100 | 100 | none | none |

2023: every rep sold 1 × 100 to their customer; T5 also sold 1 × 100 more to KT5 and 8 × 100 to
KE2, who buys nothing in 2024 (lost): T5's 2023 revenue 1,000, of which 800 lost.

2024 activities (all with the rep's own customer): ten each, except T3 with two. The first, on
2 January, is "interested" with the next follow-up due on 4 January; the rest follow daily from
3 January — except T6, whose next visits start on 1 February (the follow-up is missed). T5's tenth
visit is to KE2, who never orders. One activity of T1 on 1 December 2023 starts the team in 2023.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fixture_dept import line, payment, target, visit

from salesdesk.records.models import Customer, Department, Rep

TEAM_NAME = "销售督导组"
ROSTER = (
    ("T1", "张一", "1000", 12, "100", "1200"),
    ("T2", "李二", "1000", 12, "100", "1000"),
    ("T3", "王三", "1000", 5, "100", "500"),
    ("T4", "赵四", "1000", 10, "80", "800"),
    ("T5", "钱五", "1000", 6, "100", "600"),
    ("T6", "孙六", "1000", 9, "100", "900"),
    ("T7", "周七", None, 1, "100", "100"),
)
DAILY = [date(2024, 1, d) for d in (3, 4, 5, 8, 9, 10, 11, 12, 15)]
LATE = [date(2024, 2, d) for d in (1, 2, 5, 6, 7, 8, 9, 19, 20)]


def _visits(dept: Department, rep: Rep, customer: Customer, later: list[date]) -> None:
    visit(
        dept, date(2024, 1, 2), rep, customer, outcome="interested", next_follow_up=date(2024, 1, 4)
    )
    for day in later:
        visit(dept, day, rep, customer)


def team_dept() -> Department:
    dept = Department.objects.create(name=TEAM_NAME, kind="team")
    lost = None
    for code, name, goal, qty, price, paid in ROSTER:
        rep = Rep.objects.create(department=dept, key=code, code=code, name=name)
        customer = Customer.objects.create(
            department=dept, key=f"K{code}", code=f"K{code}", name=f"{name}的客户", owner=rep
        )
        if goal is not None:
            target(dept, 2024, goal, rep=rep)
        line(
            dept,
            f"L{code}",
            1,
            date(2023, 5, 1),
            "1",
            "100",
            customer=customer,
            rep=rep,
            product="P",
        )
        line(
            dept,
            f"O{code}",
            1,
            date(2024, 3, 1),
            str(qty),
            price,
            customer=customer,
            rep=rep,
            product="P",
        )
        payment(
            dept,
            f"P{code}",
            date(2024, 3, 15),
            "transfer",
            paid,
            customer=customer,
            order=f"O{code}",
            rep=rep,
        )
        later = {"T3": DAILY[:1], "T6": LATE, "T5": DAILY[:8]}.get(code, DAILY)
        _visits(dept, rep, customer, later)
        if code == "T1":
            visit(dept, date(2023, 12, 1), rep, customer)
        if code == "T5":
            lost = Customer.objects.create(
                department=dept, key="KE2", code="KE2", name="流失客户", owner=rep
            )
            line(dept, "LE2", 1, date(2023, 6, 1), "8", "100", customer=lost, rep=rep, product="P")
            line(
                dept,
                "LE1",
                1,
                date(2023, 6, 1),
                "1",
                "100",
                customer=customer,
                rep=rep,
                product="P",
            )
            visit(dept, date(2024, 1, 15), rep, lost)
    assert lost is not None
    return dept
