"""Customer KPIs: active/new/returning/lost, top-5 share and HHI by hand, tiers and regions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from salesdesk.metrics import customers
from salesdesk.metrics.ratios import hhi
from salesdesk.metrics.scope import Scope

D = Decimal
pytestmark = pytest.mark.django_db


def _totals(scope: Scope) -> tuple[dict, dict]:  # type: ignore[type-arg]
    info = customers.load_customers(scope)
    grid = customers.load_grid(scope, info)
    adjustments = customers.by_customer_adjustments(customers.load_adjustment_split(scope))
    return customers.customer_totals(
        grid, adjustments, customers.load_grid_and_aging(scope, info)[1]
    ), info


def _by_code(totals: dict, info: dict) -> dict[str, customers.CustomerTotals]:  # type: ignore[type-arg]
    return {info[c].code: t for c, t in totals.items() if c is not None}


def test_customer_revenue_is_net_of_the_adjustments_on_its_orders(export_2024: Scope) -> None:
    totals, info = _totals(export_2024)
    t = _by_code(totals, info)
    assert t["C1"].revenue == D("1000")  # 1,200 − 200 return
    assert t["C2"].revenue == D("1300")  # 1,000 − 100 discount + 400
    assert t["C3"].revenue == D("1010")  # ¥710 (USD) + 300
    assert t["C4"].revenue == D("999.50")
    assert t["C5"].revenue == 0 and t["C5"].last_year == D("1000")


def test_active_new_returning_lost(export_2024: Scope) -> None:
    totals, info = _totals(export_2024)
    codes = lambda found: sorted(info[t.customer_id].code for t in found)  # noqa: E731
    assert codes(customers.active(totals)) == ["C1", "C2", "C3", "C4"]
    assert codes(customers.new(totals, date(2024, 1, 1))) == ["C3", "C4"]
    assert codes(customers.lost(totals)) == ["C5"]
    facts = customers.customer_facts(export_2024, totals, info, {}, {})
    assert (facts.active, facts.new, facts.returning, facts.lost) == (4, 2, 2, 1)
    assert [r.code for r in facts.lost_customers] == ["C5"]
    assert facts.lost_customers[0].revenue == D("1000")


def test_top5_share_and_hhi_on_the_fixture(export_2024: Scope) -> None:
    totals, _info = _totals(export_2024)
    base = D("1300") + D("1010") + D("1000") + D("999.50")
    assert customers.positive_base(totals) == base == D("4309.50")
    assert customers.top5_share(totals) == 1  # only four customers
    expected = sum((r * 100 / base) ** 2 for r in (D("1300"), D("1010"), D("1000"), D("999.50")))
    found = customers.concentration(totals)
    assert found is not None and abs(found - expected) < D("1e-20")
    assert found.quantize(D("0.01")) == D("2535.62")


def test_hhi_by_hand() -> None:
    assert hhi([D(50), D(30), D(20)]) == D(3800)  # 50² + 30² + 20²
    assert hhi([D(100)]) == D(10000)
    assert hhi([D(25)] * 4) == D(2500)
    assert hhi([D(60), D(40), D(-10)]) == D(5200)  # negative revenue left out: 60² + 40²
    assert hhi([]) is None and hhi([D(0), D(-5)]) is None


def test_top5_share_by_hand() -> None:
    revenues = [D(40), D(20), D(10), D(10), D(10), D(5), D(5)]
    totals = {
        i: customers.CustomerTotals(i, r, r, D(0), 1, 0, date(2020, 1, 1))
        for i, r in enumerate(revenues, start=1)
    }
    assert customers.top5_share(totals) == D(90) / D(100)


def test_tiers_and_regions(export_2024: Scope) -> None:
    totals, info = _totals(export_2024)
    facts = customers.customer_facts(export_2024, totals, info, {}, {})
    tiers = {s.name: (s.amount, s.count) for s in facts.by_tier}
    assert tiers == {
        "VIP": (D("1000"), 1),
        "A": (D("1300"), 1),
        "B": (D("1010"), 1),
        "未分级": (D("999.50"), 1),
    }
    assert [s.name for s in facts.by_tier] == ["VIP", "A", "B", "未分级"]  # fixed order
    regions = {s.name: s.amount for s in facts.by_region}
    assert regions == {"华南": D("1300"), "USA": D("1010"), "日本": D("1000"), "华东": D("999.50")}
    assert [r.code for r in facts.top] == ["C2", "C3", "C1", "C4"]
    assert facts.top[0].share == D("1300") / D("4309.50")


def test_terms_from_extra() -> None:
    assert customers.terms_of({"terms_days": "60"}) == 60
    assert customers.terms_of({"terms_days": 45}) == 45
    assert customers.terms_of({}) == 30
    assert customers.terms_of({"terms_days": "月结"}) == 30
