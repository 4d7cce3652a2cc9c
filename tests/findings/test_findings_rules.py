"""Each finding rule fires on its own threshold, with the real figures in its text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from findings_inputs import inputs, months

from salesdesk.findings import LateDeliveries, LeftRep, Thresholds, find, load_thresholds
from salesdesk.report.summary import AgingBucket, CustomerRow, IncidentRow, RepRow, Share

D = Decimal
T = Thresholds()


def _codes(found: tuple) -> list[str]:  # type: ignore[type-arg]
    return [f.code for f in found]


def _one(found: tuple, code: str):  # type: ignore[no-untyped-def, type-arg]
    (finding,) = [f for f in found if f.code == code]
    return finding


def test_nothing_fires_on_an_empty_year() -> None:
    assert find(inputs(), T) == ()


def test_weak_months_with_gap_to_average_and_target() -> None:
    rows = months([100] * 10 + [50, 100], targets={1: 150})
    found = find(inputs(sales={"by_month": rows, "weak_months": ("2024-01", "2024-11")}), T)
    f = _one(found, "weak_months")
    # average 95.83; January is below its target 150 (gap 50); November below 80% (gap 45.83)
    assert f.at_stake == D(150 - 100) + (D(1150) / 12 - 50)
    assert "2024-11 ¥50.00" in f.text_zh and "¥95.83" in f.text_zh
    assert f.evidence["weak_months"] == ["2024-01", "2024-11"]
    assert f.action_zh and f.action_en


def _customer(code: str, revenue: str, share: str) -> CustomerRow:
    return CustomerRow(code, f"客户{code}", D(revenue), D(share), "A", "华东", D(0), D(0))


def test_dependence_on_top_customers() -> None:
    top = (_customer("C1", "600", "0.6"), _customer("C2", "100", "0.1"))
    low_hhi = find(inputs(customers={"top5_share": D("0.55"), "hhi": D("1200"), "top": top}), T)
    f = _one(low_hhi, "customer_concentration")
    assert "55.00%" in f.text_zh and "¥600.00" in f.text_zh and f.at_stake == D("600")
    high_hhi = find(inputs(customers={"top5_share": D("0.4"), "hhi": D("2600"), "top": top}), T)
    assert "2,600.00" in _one(high_hhi, "customer_concentration").text_zh
    fine = find(inputs(customers={"top5_share": D("0.5"), "hhi": D("2500"), "top": top}), T)
    assert "customer_concentration" not in _codes(fine)


def test_gift_oem_odm_over_own_and_regular() -> None:
    mix = (
        Share("gift", D("300"), None, 1),
        Share("oem", D("300"), None, 1),
        Share("odm", D("100"), None, 1),
        Share("regular", D("200"), None, 1),
        Share("own", D("100"), None, 1),
    )
    f = _one(find(inputs(sales={"by_order_type": mix, "gross": D("1000")}), T), "order_mix")
    assert f.at_stake == D("700") and "70.00%" in f.text_zh and "¥300.00" in f.text_zh
    assert f.evidence["mix_ratio"] == D("700") / D("300")


def _rep(code: str, revenue: str, target: str | None) -> RepRow:
    t = D(target) if target else None
    return RepRow(
        code, f"业务员{code}", D(revenue), t, D(revenue) / t if t else None, 0, D(0), 0, 2, 0, None
    )


def test_reps_far_below_target_and_the_spread() -> None:
    rows = (_rep("A", "1200", "1000"), _rep("B", "500", "1000"), _rep("C", "50", None))
    found = find(inputs(reps={"rows": rows, "attainment_cv": D("0.41")}), T)
    below = _one(found, "reps_below_target")
    assert below.records == ("B",) and below.at_stake == D("500") and "50.00%" in below.text_zh
    spread = _one(found, "rep_spread")
    assert "0.41" in spread.text_zh and "业务员A" in spread.text_zh and "业务员B" in spread.text_zh
    top = _one(found, "top_rep")
    assert top.kind == "strength" and top.records == ("A",) and top.at_stake == D("200")


def test_too_few_visits_per_rep_per_day() -> None:
    found = find(inputs(activity={"visits": 230, "per_rep_per_day": D("0.9")}, rep_days=255), T)
    f = _one(found, "few_visits")
    assert "230" in f.text_zh and "255" in f.text_zh and "0.90" in f.text_zh
    ok = find(inputs(activity={"visits": 510, "per_rep_per_day": D("2")}, rep_days=255), T)
    assert "few_visits" not in _codes(ok)


def test_rejections_never_followed_up() -> None:
    found = find(
        inputs(
            activity={"rejections": 12, "rejections_followed": 2}, unfollowed_rejections=("K1",)
        ),
        T,
    )
    f = _one(found, "rejections_not_followed")
    assert "12" in f.text_zh and "10 次被拒后没有二次跟进" in f.text_zh and f.records == ("K1",)


def test_late_deliveries_and_complaints() -> None:
    late = LateDeliveries(3, D("4500"), 2, D("800"), ("O1", "O2"))
    found = find(
        inputs(
            delivery={"delivered_lines": 10, "on_time_lines": 7, "on_time_rate": D("0.7")},
            late=late,
        ),
        T,
    )
    f = _one(found, "late_deliveries")
    assert "70.00%" in f.text_zh and "¥4,500.00" in f.text_zh and "2 起" in f.text_zh
    assert f.at_stake == D("4500") and f.records == ("O1", "O2")
    good = find(
        inputs(delivery={"delivered_lines": 20, "on_time_lines": 19, "on_time_rate": D("0.95")}), T
    )
    assert _one(good, "on_time").kind == "strength"


def test_form_errors_with_their_cost() -> None:
    incidents = (IncidentRow("form_error", 2, D("3000.5")), IncidentRow("quality", 1, D("10")))
    f = _one(
        find(inputs(delivery={"incidents": incidents}, form_errors=("O9", "O12")), T), "form_errors"
    )
    assert "2 起" in f.text_zh and "¥3,000.50" in f.text_zh and f.at_stake == D("3000.5")


def test_receivables_growing_and_aging() -> None:
    aging = tuple(
        AgingBucket(b, D(a), 1)
        for b, a in zip(
            ("current", "1-30", "31-60", "61-90", "90+"), (500, 0, 0, 0, 500), strict=True
        )
    )
    found = find(
        inputs(
            collections={
                "opening_receivables": D("400"),
                "closing_receivables": D("1000"),
                "aging": aging,
            }
        ),
        T,
    )
    f = _one(found, "receivables")
    assert "¥400.00" in f.text_zh and "¥1,000.00" in f.text_zh and "50.00%" in f.text_zh
    assert f.at_stake == D("600")


def test_a_rep_who_left() -> None:
    left = LeftRep("N1", "Nico", date(2024, 10, 15), ("C1", "C2"), D("880000"))
    f = _one(find(inputs(left_reps=(left,)), T), "rep_left")
    assert "Nico" in f.text_zh and "2024-10-15" in f.text_zh and "¥880,000.00" in f.text_zh
    assert f.records == ("C1", "C2") and f.at_stake == D("880000")


def test_discounts_share_of_gross() -> None:
    deductions = {"discount": D("318216.25"), "voucher": D("60216"), "return": D("99999")}
    f = _one(find(inputs(sales={"gross": D("3656967.60")}, deductions=deductions), T), "discounts")
    assert "¥378,432.25" in f.text_zh and "10.35%" in f.text_zh  # returns are not discounts
    assert f.at_stake == D("378432.25")


def test_target_met_and_growth_are_strengths() -> None:
    found = find(
        inputs(
            sales={
                "revenue": D("1200"),
                "target": D("1000"),
                "attainment": D("1.2"),
                "last_year": D("1000"),
                "yoy": D("0.2"),
            }
        ),
        T,
    )
    assert (
        _one(found, "target_met").kind == "strength"
        and "120.00%" in _one(found, "target_met").text_zh
    )
    assert _one(found, "growth").at_stake == D("200")
    missed = find(
        inputs(
            sales={
                "revenue": D("800"),
                "target": D("1000"),
                "attainment": D("0.8"),
                "last_year": D("900"),
                "yoy": D("-0.111"),
            }
        ),
        T,
    )
    assert {"target_missed", "decline"} <= set(_codes(missed))


def test_ranked_by_money_at_stake() -> None:
    left = LeftRep("N1", "Nico", date(2024, 10, 15), ("C1",), D("100"))
    incidents = (IncidentRow("form_error", 1, D("5000")),)
    found = find(inputs(left_reps=(left,), delivery={"incidents": incidents}), T)
    assert _codes(found) == ["form_errors", "rep_left"]


def test_thresholds_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESDESK_FINDINGS_VISITS_PER_DAY_MIN", "3")
    monkeypatch.setenv("SALESDESK_FINDINGS_FOLLOW_UP_WINDOW_DAYS", "7")
    t = load_thresholds()
    assert t.visits_per_day_min == D("3") and t.follow_up_window_days == 7
    assert t.top5_share_max == D("0.5")
    monkeypatch.setenv("SALESDESK_FINDINGS_TOP5_SHARE_MAX", "一半")
    with pytest.raises(ImproperlyConfigured, match="SALESDESK_FINDINGS_TOP5_SHARE_MAX"):
        load_thresholds()
