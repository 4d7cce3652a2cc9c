"""build_plan: every level adds up exactly, and the splits match hand calculations."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import chinese_calendar
import pytest

from salesdesk.planning.plan import (
    AnnualPlan,
    PlanInputError,
    RepInput,
    build_plan,
    plan_to_dict,
    resolve_target,
)
from salesdesk.planning.workdays import UnknownHolidayYear

D = Decimal

# Working days per month of 2026 from chinese_calendar, checked in _count_2026 below.
DAYS_2026 = [21, 16, 22, 21, 19, 21, 23, 21, 22, 18, 21, 23]


def _count_2026(start: date, end: date) -> int:
    """Working days between two dates counted straight from chinese_calendar."""
    days = (start + timedelta(days=i) for i in range((end - start).days + 1))
    return sum(1 for d in days if chinese_calendar.is_workday(d))


def _rep(
    code: str,
    revenue: Decimal | None = None,
    hired: date | None = None,
    left: date | None = None,
) -> RepInput:
    return RepInput(code, f"业务员{code}", revenue, hired, left)


def _assert_adds_up(plan: AnnualPlan) -> None:
    assert sum(m.target for m in plan.by_month) == plan.target
    assert sum(w.target for w in plan.by_week) == plan.target
    assert sum(d.target for d in plan.by_day) == plan.target
    per_month: dict[str, int] = defaultdict(int)
    for day in plan.by_day:
        per_month[day.date.strftime("%Y-%m")] += day.target
    for month in plan.by_month:
        assert per_month[month.month] == month.target
    if plan.by_rep:
        assert sum(r.target for r in plan.by_rep) == plan.target
    for rep in plan.by_rep:
        assert sum(m.target for m in rep.by_month) == rep.target


def test_month_day_counts_of_2026() -> None:
    for month, expected in enumerate(DAYS_2026, start=1):
        first = date(2026, month, 1)
        last = date(2026, month + 1, 1) - timedelta(days=1) if month < 12 else date(2026, 12, 31)
        assert _count_2026(first, last) == expected


# resolve_target


def test_given_target_wins_and_rounds_half_up() -> None:
    assert resolve_target(D("1234.5"), D(999), D("0.1")) == (1235, "given")
    assert resolve_target(D("1234.49"), None, D("0.1")) == (1234, "given")
    assert resolve_target(D("2.5"), None, D(0)) == (3, "given")  # not banker's 2


def test_growth_from_last_year() -> None:
    assert resolve_target(None, D(1_000_000), D("0.1")) == (1_100_000, "last_year_growth")
    assert resolve_target(None, D("1000.05"), D("0")) == (1000, "last_year_growth")
    assert resolve_target(None, D(1001), D("-0.5")) == (501, "last_year_growth")  # 500.5 → 501


def test_no_target_and_no_history_is_an_error() -> None:
    with pytest.raises(PlanInputError) as caught:
        resolve_target(None, None, D("0.1"))
    assert "年度目标" in str(caught.value)
    assert "last year's revenue" in str(caught.value)


def test_negative_target_is_an_error() -> None:
    with pytest.raises(PlanInputError):
        resolve_target(D(-1), None, D(0))
    with pytest.raises(PlanInputError):
        resolve_target(None, D(100), D(-2))


# months, days, weeks


def test_growth_plan_split_by_working_days() -> None:
    plan = build_plan(2026, target=None, last_year_revenue=D(1_000_000))
    assert plan.target == 1_100_000
    assert plan.basis == "last_year_growth"
    assert plan.month_basis == "working_days"
    assert plan.rep_basis == "none"
    assert [m.working_days for m in plan.by_month] == DAYS_2026
    _assert_adds_up(plan)


def test_one_thousand_per_working_day() -> None:
    # 248 working days × 1,000 = 248,000: every level is a whole multiple of 1,000.
    plan = build_plan(2026, target=D(248_000), last_year_revenue=None)
    assert [m.target for m in plan.by_month] == [n * 1000 for n in DAYS_2026]
    assert {d.target for d in plan.by_day} == {1000}
    assert len(plan.by_day) == 248
    assert all(w.target == w.working_days * 1000 for w in plan.by_week)
    # 1-3 January 2026 are the New Year holiday; Sunday 4 January is a 调休 working day.
    assert plan.by_day[0].date == date(2026, 1, 4)
    _assert_adds_up(plan)


def test_day_split_remainder_goes_to_first_days() -> None:
    # January 2026 alone: history puts everything there; 21 working days, 1,000 yuan.
    plan = build_plan(2026, target=D(1000), last_year_revenue=None, monthly_history={1: D(5)})
    january = [d.target for d in plan.by_day if d.date.month == 1]
    # 1000 / 21 = 47 rest 13: the first 13 days get 48.
    assert january == [48] * 13 + [47] * 8
    assert sum(d.target for d in plan.by_day if d.date.month != 1) == 0
    _assert_adds_up(plan)


def test_seasonality_split_by_hand() -> None:
    # Eleven months weigh 1, December weighs 2: 1,300 / 13 = 100 per unit.
    history = {m: D(1) for m in range(1, 12)} | {12: D(2)}
    plan = build_plan(2026, target=D(1300), last_year_revenue=None, monthly_history=history)
    assert plan.month_basis == "seasonality"
    assert [m.target for m in plan.by_month] == [100] * 11 + [200]
    assert plan.by_month[11].weight == D(2)
    _assert_adds_up(plan)


def test_seasonality_remainders_by_hand() -> None:
    # 100 over Jan/Feb/Mar with equal history: 33.33 each, the spare yuan to January.
    history = {1: D("5000.50"), 2: D("5000.50"), 3: D("5000.50")}
    plan = build_plan(2026, target=D(100), last_year_revenue=None, monthly_history=history)
    assert [m.target for m in plan.by_month] == [34, 33, 33] + [0] * 9
    _assert_adds_up(plan)


def test_all_zero_history_falls_back_to_working_days() -> None:
    plan = build_plan(
        2026, target=D(248_000), last_year_revenue=None, monthly_history={1: D(0), 2: D(0)}
    )
    assert plan.month_basis == "working_days"
    assert plan.by_month[0].target == 21_000


def test_bad_history_is_an_error() -> None:
    with pytest.raises(PlanInputError):
        build_plan(2026, target=D(1), last_year_revenue=None, monthly_history={13: D(1)})
    with pytest.raises(PlanInputError):
        build_plan(2026, target=D(1), last_year_revenue=None, monthly_history={1: D(-1)})


def test_weeks_cover_spring_festival_with_zero() -> None:
    plan = build_plan(2026, target=D(248_000), last_year_revenue=None)
    weeks = {w.week: w for w in plan.by_week}
    assert weeks["2026-W08"].working_days == 0  # 16-22 Feb 2026, Spring Festival
    assert weeks["2026-W08"].target == 0
    assert weeks["2026-W01"].working_days == 1  # Thu 1 - Sat 3 Jan off, Sun 4 Jan 调休
    assert len(plan.by_week) == 53


def test_unknown_year_needs_assume_weekends() -> None:
    with pytest.raises(UnknownHolidayYear):
        build_plan(2027, target=D(1000), last_year_revenue=None)


def test_iso_week_labels_at_year_edges() -> None:
    plan = build_plan(2027, target=D(261_000), last_year_revenue=None, assume_weekends=True)
    first, last = plan.by_week[0], plan.by_week[-1]
    # Fri 1 Jan 2027 belongs to ISO week 53 of 2026; only that Friday is in the plan year.
    assert (first.week, first.working_days, first.target) == ("2026-W53", 1, 1000)
    # Mon 27 - Fri 31 Dec 2027 is 2027-W52.
    assert (last.week, last.working_days, last.target) == ("2027-W52", 5, 5000)
    assert plan.by_month[0].working_days == 21
    _assert_adds_up(plan)


# reps


def test_equal_reps_with_july_hire_prorated_by_working_days() -> None:
    full = _count_2026(date(2026, 1, 1), date(2026, 12, 31))
    second_half = _count_2026(date(2026, 7, 1), date(2026, 12, 31))
    assert (full, second_half) == (248, 128)
    reps = [_rep("A01"), _rep("B02", hired=date(2026, 7, 1))]
    plan = build_plan(2026, target=None, last_year_revenue=D(1_000_000), reps=reps)
    assert plan.rep_basis == "equal"
    # 1,100,000 × 248/376 = 725,531.91; × 128/376 = 374,468.09 → the spare yuan to A01.
    by_code = {r.rep: r for r in plan.by_rep}
    assert by_code["A01"].target == 725_532
    assert by_code["B02"].target == 374_468
    assert by_code["B02"].working_days == second_half
    assert by_code["B02"].share == D("0.340426")  # 128 / 376
    assert [m.target for m in by_code["B02"].by_month[:6]] == [0] * 6
    assert [m.working_days for m in by_code["B02"].by_month[6:]] == DAYS_2026[6:]
    _assert_adds_up(plan)


def test_last_year_share_with_rep_who_left_end_of_march() -> None:
    q1 = _count_2026(date(2026, 1, 1), date(2026, 3, 31))
    assert q1 == 21 + 16 + 22 == 59
    reps = [_rep("A01", D(600_000)), _rep("C03", D(300_000), left=date(2026, 3, 31))]
    plan = build_plan(2026, target=D(1_000_000), last_year_revenue=None, reps=reps)
    assert plan.rep_basis == "last_year_share"
    # Weights 600,000 × 248 = 148,800,000 and 300,000 × 59 = 17,700,000 (sum 166,500,000):
    # 893,693.69 and 106,306.31 → the spare yuan to A01.
    assert [(r.rep, r.target) for r in plan.by_rep] == [("A01", 893_694), ("C03", 106_306)]
    leaver = plan.by_rep[1]
    assert leaver.working_days == 59
    assert [m.target for m in leaver.by_month[3:]] == [0] * 9
    # Q1 split by working days 21:16:22 of 106,306 → 37,837.97 / 28,829.31 / 39,638.71.
    assert [m.target for m in leaver.by_month[:3]] == [37_838, 28_829, 39_639]
    _assert_adds_up(plan)


def test_rep_without_last_year_revenue_counts_as_average() -> None:
    reps = [
        _rep("A01", D(600_000)),
        _rep("B02", None),  # no figure: average of 600,000 and 300,000 = 450,000
        _rep("C03", D(300_000)),
    ]
    plan = build_plan(2026, target=D(1_350_000), last_year_revenue=None, reps=reps)
    assert [(r.rep, r.target) for r in plan.by_rep] == [
        ("A01", 600_000),
        ("B02", 450_000),
        ("C03", 300_000),
    ]


def test_rep_gone_before_the_year_gets_zero() -> None:
    reps = [_rep("A01", D(100)), _rep("Z99", D(900), left=date(2025, 12, 31))]
    plan = build_plan(2026, target=D(5000), last_year_revenue=None, reps=reps)
    assert [(r.rep, r.target, r.working_days) for r in plan.by_rep] == [
        ("A01", 5000, 248),
        ("Z99", 0, 0),
    ]
    _assert_adds_up(plan)


def test_reps_sorted_by_target_then_code() -> None:
    reps = [_rep("C"), _rep("A"), _rep("B", hired=date(2026, 7, 1))]
    # Weights 248 : 248 : 128 of 624 yuan → 248, 248, 128 exactly; A and C tie, A first.
    plan = build_plan(2026, target=D(624), last_year_revenue=None, reps=reps)
    assert [(r.rep, r.target) for r in plan.by_rep] == [("A", 248), ("C", 248), ("B", 128)]


def test_seasonal_rep_months_follow_month_weights() -> None:
    history = {m: D(m) for m in range(1, 13)}
    reps = [_rep("A01", D(5)), _rep("B02", D(3), hired=date(2026, 7, 1)), _rep("C03", D(0))]
    plan = build_plan(
        2026, target=D(7_777_777), last_year_revenue=None, monthly_history=history, reps=reps
    )
    assert plan.month_basis == "seasonality"
    _assert_adds_up(plan)
    a01 = next(r for r in plan.by_rep if r.rep == "A01")
    # A full-year rep follows the plan's month weights 1:2:...:12 exactly as the year does.
    assert [m.weight for m in a01.by_month] == [D(m) for m in range(1, 13)]


def test_no_active_rep_is_an_error() -> None:
    reps = [_rep("Z99", left=date(2025, 6, 30))]
    with pytest.raises(PlanInputError):
        build_plan(2026, target=D(1000), last_year_revenue=None, reps=reps)


def test_bad_reps_are_errors() -> None:
    with pytest.raises(PlanInputError):
        build_plan(2026, target=D(1), last_year_revenue=None, reps=[_rep("A"), _rep("A")])
    with pytest.raises(PlanInputError):
        bad = _rep("A", hired=date(2026, 5, 1), left=date(2026, 4, 1))
        build_plan(2026, target=D(1), last_year_revenue=None, reps=[bad])
    with pytest.raises(PlanInputError):
        build_plan(2026, target=D(1), last_year_revenue=None, reps=[_rep("A", D(-5))])


@pytest.mark.parametrize("target", [0, 1, 7, 999_999, 12_345_678])
def test_every_level_adds_up(target: int) -> None:
    reps = [
        _rep("A", D("123456.78")),
        _rep("B", D("98765.43"), hired=date(2026, 3, 15)),
        _rep("C", None, left=date(2026, 10, 8)),
        _rep("D", D(0), hired=date(2026, 2, 17), left=date(2026, 2, 24)),
    ]
    history = {1: D("80000"), 2: D("30000"), 6: D("120000"), 12: D("150000.5")}
    plan = build_plan(
        2026, target=D(target), last_year_revenue=None, monthly_history=history, reps=reps
    )
    _assert_adds_up(plan)


# plan_to_dict


def test_plan_to_dict_keys_and_types() -> None:
    reps = [_rep("A01"), _rep("B02", hired=date(2026, 7, 1))]
    plan = build_plan(2026, target=None, last_year_revenue=D(1_000_000), reps=reps)
    data = plan_to_dict(plan)
    assert list(data) == [
        "year",
        "target",
        "basis",
        "month_basis",
        "rep_basis",
        "by_month",
        "by_week",
        "by_day",
        "by_rep",
    ]
    assert data["year"] == 2026
    assert data["target"] == 1_100_000
    assert data["by_month"][0] == {"month": "2026-01", "target": 93_145, "working_days": 21}
    assert data["by_week"][0] == {"week": "2026-W01", "target": 4436, "working_days": 1}
    assert data["by_day"][0] == {"date": "2026-01-04", "target": 4436}
    rep = data["by_rep"][1]
    assert set(rep) == {"rep", "name", "target", "share", "working_days", "by_month"}
    assert rep["share"] == 0.3404
    assert isinstance(rep["share"], float)
    assert rep["by_month"][6] == {"month": "2026-07", "target": rep["by_month"][6]["target"]}
    assert json.loads(json.dumps(data)) == data
