"""The concrete pack's facts and findings on 商品混凝土公司 (figures worked out in
fixture_concrete.py; the arithmetic is repeated next to each assertion)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from fixture_concrete import YEAR, concrete_dept

from salesdesk.findings.kinds import concrete as concrete_f
from salesdesk.findings.settings import Thresholds
from salesdesk.metrics.kinds import concrete as concrete_k
from salesdesk.metrics.scope import Scope, rep_scope
from salesdesk.records.models import Department, Rep
from salesdesk.report.build import compute
from salesdesk.report.summary import AccountRow, ConcreteFacts

D = Decimal
T = Thresholds()


def q(value: Decimal | None, places: str = "0.0001") -> Decimal | None:
    return None if value is None else value.quantize(D(places))


@pytest.fixture
def dept(db: None) -> Department:
    return concrete_dept()


@pytest.fixture
def facts(dept: Department) -> ConcreteFacts:
    scope = Scope(dept, YEAR)
    found = concrete_k.facts(scope, compute(scope, T))
    assert found is not None
    return found


def by_code(rows: tuple[AccountRow, ...]) -> dict[str, AccountRow]:
    return {r.code: r for r in rows}


def test_volume_and_price_per_m3(facts: ConcreteFacts) -> None:
    # 50 + 40 + 100 + 30 + 20 m³ (the cancelled P4 left out); 15,000 + 16,000 + 36,000 + 9,600 + 6,000
    assert facts.volume_m3 == D("240")
    assert facts.amount == D("82600")
    assert q(facts.avg_price) == D("344.1667")  # 82,600 / 240


def test_by_strength_grade(facts: ConcreteFacts) -> None:
    rows = [
        (g.grade, g.volume_m3, g.amount, q(g.avg_price), q(g.share), g.pours)
        for g in facts.by_grade
    ]
    assert rows == [
        (
            "C30",
            D("130"),
            D("45600"),
            D("350.7692"),
            D("0.5417"),
            2,
        ),  # P3 + P5; 45,600/130; 130/240
        ("C25", D("70"), D("21000"), D("300.0000"), D("0.2917"), 2),  # P1 + P6; 70/240
        ("C35", D("40"), D("16000"), D("400.0000"), D("0.1667"), 1),  # P2; 40/240
    ]


def test_by_month(facts: ConcreteFacts) -> None:
    months = {m.month: (m.volume_m3, m.amount) for m in facts.by_month if m.volume_m3}
    assert [m.month for m in facts.by_month] == [f"2025-{n:02d}" for n in range(1, 13)]
    assert months == {
        "2025-01": (D("50"), D("15000")),
        "2025-03": (D("40"), D("16000")),
        "2025-06": (D("100"), D("36000")),
        "2025-11": (D("30"), D("9600")),
        "2025-12": (D("20"), D("6000")),
    }
    february = facts.by_month[1]
    assert february.volume_m3 == 0 and february.avg_price is None  # no m³: no price, not 0


def test_sites(facts: ConcreteFacts) -> None:
    assert facts.sites == 3
    rows = [(s.site, s.customer, s.volume_m3, s.amount, s.pours) for s in facts.top_sites]
    assert rows == [
        ("阳光城", "A", D("110"), D("37000"), 3),  # P1 50 + P2 40 + P6 20
        ("滨江一期", "B", D("100"), D("36000"), 1),  # P3 (P4 cancelled)
        ("地铁站", "D", D("30"), D("9600"), 1),
    ]


def test_customer_accounts(facts: ConcreteFacts) -> None:
    rows = by_code(facts.customers)
    assert [r.code for r in facts.customers] == ["A", "B", "D"]  # by sales, largest first
    a, b, d = rows["A"], rows["B"], rows["D"]
    # A: opening 0; sales 15,000 + 16,000 + 6,000 = 37,000; paid 15,000 + 10,000; 25,000 / 37,000
    assert (a.opening, a.sales, a.collections, a.receivable) == (
        0,
        D("37000"),
        D("25000"),
        D("12000"),
    )
    assert q(a.rate) == D("0.6757")
    # B: opening 35,000 − 15,000; sales 36,000 − 1,000 discount; paid 20,000 + 5,000; 25,000 / 55,000
    assert (b.opening, b.sales, b.collections, b.receivable) == (
        D("20000"), D("35000"), D("25000"), D("30000"),
    )  # fmt: skip
    assert q(b.rate) == D("0.4545")
    # D paid nothing: a real 0 rate (its base is 9,600), not a missing one
    assert (d.sales, d.collections, d.rate, d.receivable) == (D("9600"), 0, 0, D("9600"))


def test_customer_aging_on_31_december(facts: ConcreteFacts) -> None:
    rows = by_code(facts.customers)
    # A owes 12,000, the newest sales first: P6 (15 Dec, 16 days − 30 terms: current) 6,000,
    # then 6,000 of P2 (5 Mar: 301 days − 30 = 271 past due: 90+)
    assert {b.bucket: b.amount for b in rows["A"].aging if b.amount} == {
        "current": D("6000"),
        "90+": D("6000"),
    }
    # B owes 30,000 of P3 (20 Jun: 194 days − 60 terms = 134 past due)
    assert {b.bucket: b.amount for b in rows["B"].aging if b.amount} == {"90+": D("30000")}
    # D owes P5 (20 Nov: 41 days − 30 = 11 past due)
    assert {b.bucket: b.amount for b in rows["D"].aging if b.amount} == {"1-30": D("9600")}


def test_unassigned_payment_is_its_own_row(facts: ConcreteFacts) -> None:
    row = facts.customers_unassigned
    assert row is not None
    # PX 500 names nothing: collected, owed −500, and no rate (its base 0 + 0 is not > 0)
    assert (row.code, row.collections, row.receivable, row.rate) == ("", D("500"), D("-500"), None)


def test_customer_rows_reconcile_to_the_department(dept: Department) -> None:
    scope = Scope(dept, YEAR)
    c = compute(scope, T)
    f = concrete_k.facts(scope, c)
    assert f is not None and f.customers_unassigned is not None
    rows = [*f.customers, f.customers_unassigned]
    # 25,000 + 25,000 + 0 + 500 = 50,500; 12,000 + 30,000 + 9,600 − 500 = 51,100
    assert sum(r.collections for r in rows) == c.collections.amount == D("50500")
    assert sum(r.receivable for r in rows) == c.collections.closing_receivables == D("51100")
    assert sum(r.opening for r in rows) == c.collections.opening_receivables == D("20000")
    assert sum(r.sales for r in rows) == c.sales.revenue == D("81600")
    assert q(c.collections.rate) == D("0.4970")  # 50,500 / 101,600
    for bucket in c.collections.aging:  # the department's aging is the customers' added up
        assert sum(r.aged(bucket.bucket) for r in rows) == bucket.amount


def test_rep_accounts_follow_the_order_rep(facts: ConcreteFacts) -> None:
    rows = by_code(facts.reps)
    assert [r.code for r in facts.reps] == ["C1", "C2"]
    c1, c2 = rows["C1"], rows["C2"]
    # C1 took P1, P2, P5 (D is C2's customer, the order's rep counts), P6:
    # 15,000 + 16,000 + 9,600 + 6,000 = 46,600; paid PA1 15,000 + PA2 10,000 (P2's rep)
    assert (c1.opening, c1.sales, c1.collections, c1.receivable) == (
        0, D("46600"), D("25000"), D("21600"),
    )  # fmt: skip
    assert q(c1.rate) == D("0.5365")  # 25,000 / 46,600
    # C2: opening P0 35,000 − PB0 15,000; sales 36,000 − 1,000; paid 20,000 + 5,000
    assert (c2.opening, c2.sales, c2.collections, c2.receivable) == (
        D("20000"), D("35000"), D("25000"), D("30000"),
    )  # fmt: skip
    assert facts.reps_unassigned is not None
    assert facts.reps_unassigned.collections == D("500")  # PX: no rep, no order
    every = [*facts.reps, facts.reps_unassigned]
    assert sum(r.receivable for r in every) == D("51100")  # 21,600 + 30,000 − 500


def test_form_errors(facts: ConcreteFacts) -> None:
    rows = [(e.day.isoformat(), e.order, e.customer, e.cost, e.note) for e in facts.form_errors]
    assert rows == [
        ("2025-06-22", "P3", "B", D("2400"), "坍落度填错"),  # no customer: P3's, B
        ("2025-12-16", "P6", "A", D("800.50"), "工地名称填错"),
    ]  # the quality incident E3 and last year's E4 are left out
    assert facts.form_error_cost == D("3200.50")  # 2,400 + 800.50
    assert (facts.pour_orders, facts.orders_with_error) == (6, 2)  # P1–P6, cancelled P4 counted
    assert q(facts.error_share) == D("0.3333")  # 2 / 6


def test_a_rep_report_has_the_rep_own_pack(dept: Department) -> None:
    scope = rep_scope(dept, YEAR, "C1")
    f = concrete_k.facts(scope, compute(scope, T))
    assert f is not None
    assert f.volume_m3 == D("140")  # 50 + 40 + 30 + 20
    assert f.sites == 2  # 阳光城, 地铁站
    assert [(r.code, r.receivable) for r in f.customers] == [("A", D("12000")), ("D", D("9600"))]
    assert [(r.code, r.sales, r.collections) for r in f.reps] == [("C1", D("46600"), D("25000"))]
    assert f.customers_unassigned is None and f.reps_unassigned is None  # PX is not C1's
    assert [e.order for e in f.form_errors] == ["P6"]
    assert (f.pour_orders, f.orders_with_error) == (4, 1)


def test_nothing_to_say_gives_none(db: None) -> None:
    dept = Department.objects.create(name="空部门", kind="concrete")
    Rep.objects.create(department=dept, key="Z", code="Z", name="某人")
    scope = Scope(dept, YEAR)
    assert concrete_k.facts(scope, compute(scope, T)) is None


def test_slow_paying_customers_finding(facts: ConcreteFacts) -> None:
    # B: rate 0.4545 < 0.7 and 30,000 over 90 days ≥ 10,000 → reported;
    # A: rate 0.6757 < 0.7 but only 6,000 over 90 days; D: rate 0 but nothing over 90 days
    (found,) = concrete_f.findings(facts, T)
    assert (found.kind, found.code, found.at_stake, found.records) == (
        "shortfall", "slow_paying_customers", D("30000"), ("B",),
    )  # fmt: skip
    assert "乙地产（B）回款率 45.45%，逾期 90 天以上 ¥30,000.00" in found.text_zh
    assert "collection rate 45.45%" in found.text_en
    assert found.action_zh and found.action_en


def test_slow_payers_follow_the_thresholds(facts: ConcreteFacts) -> None:
    lower = replace(T, customer_aged_min=D("5000"))  # A's 6,000 now counts as large
    (found,) = concrete_f.findings(facts, lower)
    assert found.records == ("B", "A") and found.at_stake == D("36000")  # 30,000 + 6,000
    stricter = replace(T, customer_collection_rate_min=D("0.45"))  # B's 0.4545 is above it
    assert concrete_f.findings(facts, stricter) == []
