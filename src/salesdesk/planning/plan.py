"""Next year's sales plan: one yearly target split into months, weeks, days and sales reps.

Every level is split with the largest-remainder method, so months add up to the year, days to
their month, weeks to the year and reps to the year *exactly*, to the yuan.  A plan that is off
by a few yuan invites people to distrust the whole table.

Pure Python on purpose: the plan is computed from plain numbers so that it can be tested by hand
and reused by the CLI, the web views and the report without a database.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from salesdesk.planning.split import largest_remainder
from salesdesk.planning.workdays import working_days

__all__ = [
    "AnnualPlan",
    "DayTarget",
    "MonthTarget",
    "PlanInputError",
    "RepInput",
    "RepTarget",
    "WeekTarget",
    "build_plan",
    "plan_to_dict",
    "resolve_target",
]

MONTHS = tuple(range(1, 13))
_SHARE_PLACES = Decimal("0.000001")


class PlanInputError(ValueError):
    """The inputs cannot produce a plan; the message says what to supply (Chinese, then English)."""


@dataclass(frozen=True)
class RepInput:
    """One sales rep as known when planning: last year's revenue and the employment dates."""

    code: str
    name: str
    last_year_revenue: Decimal | None
    hired_on: date | None
    left_on: date | None


@dataclass(frozen=True)
class MonthTarget:
    """A month's target; ``weight`` is the raw weight it was split by (revenue or day count)."""

    month: str  # "YYYY-MM"
    target: int
    working_days: int
    weight: Decimal


@dataclass(frozen=True)
class WeekTarget:
    """An ISO week's target: the sum of its days' targets within the plan year."""

    week: str  # ISO "2027-W01"
    target: int
    working_days: int


@dataclass(frozen=True)
class DayTarget:
    """A working day's target."""

    date: date
    target: int


@dataclass(frozen=True)
class RepTarget:
    """A rep's yearly target, the exact share it came from and its split by month."""

    rep: str
    name: str
    target: int
    share: Decimal
    working_days: int
    by_month: tuple[MonthTarget, ...]


@dataclass(frozen=True)
class AnnualPlan:
    """The whole plan; each ``*_basis`` says which rule produced that level, for the reader."""

    year: int
    target: int
    basis: str
    month_basis: str
    rep_basis: str
    by_month: tuple[MonthTarget, ...]
    by_week: tuple[WeekTarget, ...]
    by_day: tuple[DayTarget, ...]
    by_rep: tuple[RepTarget, ...]


def _to_yuan(amount: Decimal) -> int:
    """Round to whole yuan half-up, the way people round money by hand (not banker's rounding)."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def resolve_target(
    target: Decimal | None, last_year_revenue: Decimal | None, growth: Decimal
) -> tuple[int, str]:
    """Decide the yearly target in whole yuan and say where it came from.

    A target the management already set wins ("given"); otherwise last year's revenue grown by
    ``growth`` ("last_year_growth").  With neither there is nothing to plan, so we say so.
    """
    if target is not None:
        amount, basis = target, "given"
    elif last_year_revenue is not None:
        amount, basis = last_year_revenue * (1 + growth), "last_year_growth"
    else:
        raise PlanInputError(
            "缺少年度目标：请给出目标金额，或给出上年销售额（按增长率推算）。 / "
            "No yearly target: give a target amount, or last year's revenue to grow from."
        )
    if not amount.is_finite() or amount < 0:
        raise PlanInputError(
            f"年度目标必须是非负金额，实际为 {amount}。 / "
            f"The yearly target must be a non-negative amount, got {amount}."
        )
    return _to_yuan(amount), basis


def _month_label(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _days_by_month(days: Sequence[date]) -> dict[int, list[date]]:
    """Group the year's working days by month number, every month present (maybe empty)."""
    grouped: dict[int, list[date]] = {m: [] for m in MONTHS}
    for d in days:
        grouped[d.month].append(d)
    return grouped


def _history_weights(history: Mapping[int, Decimal]) -> list[Decimal]:
    """Month-by-month revenue weights, checked: a typo'd month or a negative sum is an error."""
    for month, amount in history.items():
        if month not in MONTHS:
            raise PlanInputError(
                f"历史月度数据中的月份必须是 1–12，实际为 {month}。 / "
                f"Monthly history months must be 1-12, got {month}."
            )
        if not amount.is_finite() or amount < 0:
            raise PlanInputError(
                f"{month} 月的历史销售额不能为负数，实际为 {amount}。 / "
                f"History for month {month} must not be negative, got {amount}."
            )
    return [history.get(m, Decimal(0)) for m in MONTHS]


def _month_weights(
    history: Mapping[int, Decimal] | None, days_by_month: Mapping[int, list[date]]
) -> tuple[list[Decimal], str]:
    """Weights for the months: past seasonality when there is any, else the working days.

    Seasonality reflects how the business really moves through the year; without history the
    fairest assumption is that each working day sells the same.
    """
    if history:
        weights = _history_weights(history)
        if any(w > 0 for w in weights):
            return weights, "seasonality"
    return [Decimal(len(days_by_month[m])) for m in MONTHS], "working_days"


def _split_days(year: int, month: int, target: int, days: Sequence[date]) -> list[DayTarget]:
    """Spread a month's target evenly over its working days.

    A month without any working day cannot occur in China, but if it did the target must
    still land somewhere, so it goes on the month's last calendar day.
    """
    if not days:
        last_day = calendar.monthrange(year, month)[1]
        return [DayTarget(date(year, month, last_day), target)]
    parts = largest_remainder(target, [Decimal(1)] * len(days))
    return [DayTarget(d, p) for d, p in zip(days, parts, strict=True)]


def _week_label(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _split_weeks(year: int, by_day: Sequence[DayTarget], workdays: set[date]) -> list[WeekTarget]:
    """Sum the day targets per ISO week, listing every week that touches the year.

    Weeks are derived from days (not split separately) so they add up to the year exactly.
    A week wholly inside a holiday (e.g. Spring Festival) still appears with 0, so the weekly
    table has no gaps.  Edge weeks count only the days inside the plan year.
    """
    targets: dict[str, int] = {}
    counts: dict[str, int] = {}
    day = date(year, 1, 1)
    while day.year == year:
        label = _week_label(day)
        targets.setdefault(label, 0)
        counts[label] = counts.get(label, 0) + (1 if day in workdays else 0)
        day += timedelta(days=1)
    for item in by_day:
        targets[_week_label(item.date)] += item.target
    return [WeekTarget(label, targets[label], counts[label]) for label in targets]


def _check_reps(reps: Sequence[RepInput]) -> None:
    """Reject rep data that would silently distort the split."""
    codes = [r.code for r in reps]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise PlanInputError(
            f"业务员编号重复：{', '.join(duplicates)}。 / Duplicate rep codes: {', '.join(duplicates)}."
        )
    for rep in reps:
        if rep.hired_on and rep.left_on and rep.hired_on > rep.left_on:
            raise PlanInputError(
                f"业务员 {rep.code} 的入职日期晚于离职日期。 / "
                f"Rep {rep.code} was hired after leaving."
            )
        revenue = rep.last_year_revenue
        if revenue is not None and (not revenue.is_finite() or revenue < 0):
            raise PlanInputError(
                f"业务员 {rep.code} 的上年销售额不能为负数，实际为 {revenue}。 / "
                f"Rep {rep.code} has a negative last-year revenue: {revenue}."
            )


def _active_days(rep: RepInput, days: Sequence[date]) -> list[date]:
    """The rep's working days inside the plan year, between hire and leave dates inclusive."""
    return [
        d
        for d in days
        if (rep.hired_on is None or rep.hired_on <= d) and (rep.left_on is None or d <= rep.left_on)
    ]


def _rep_base_weights(
    reps: Sequence[RepInput], active: Sequence[Sequence[date]]
) -> tuple[list[Decimal], str]:
    """Full-year weight of each rep before proration, and the basis used.

    Last year's revenue share is used when some active rep sold anything; otherwise everyone
    counts the same.  A rep with no figure for last year (None, e.g. a new hire) is treated as
    a typical rep, the average of the known figures: giving a newcomer 0 would leave them
    without a target at all.
    """
    known = [r.last_year_revenue for r in reps if r.last_year_revenue is not None]
    has_share = any(
        r.last_year_revenue is not None and r.last_year_revenue > 0 and days
        for r, days in zip(reps, active, strict=True)
    )
    if not has_share:
        return [Decimal(1)] * len(reps), "equal"
    average = sum(known, Decimal(0)) / len(known)
    return [
        r.last_year_revenue if r.last_year_revenue is not None else average for r in reps
    ], "last_year_share"


def _rep_months(
    year: int,
    target: int,
    active: Sequence[date],
    month_weights: Sequence[Decimal],
    days_by_month: Mapping[int, list[date]],
) -> tuple[MonthTarget, ...]:
    """Split one rep's target over the months they work, following the plan's month weights.

    Each month's weight is scaled by the share of its working days the rep is present, so a
    July hire gets nothing before July.  If the seasonality happens to be zero in all of the
    rep's months, their own working days are used instead so the target is not put on months
    they are absent.
    """
    rep_days = _days_by_month(active)
    weights = [
        month_weights[m - 1] * len(rep_days[m]) / len(days_by_month[m])
        if days_by_month[m]
        else Decimal(0)
        for m in MONTHS
    ]
    if not any(w > 0 for w in weights):
        weights = [Decimal(len(rep_days[m])) for m in MONTHS]
    parts = largest_remainder(target, weights)
    return tuple(
        MonthTarget(_month_label(year, m), p, len(rep_days[m]), w)
        for m, p, w in zip(MONTHS, parts, weights, strict=True)
    )


def _split_reps(
    year: int,
    total: int,
    reps: Sequence[RepInput],
    days: Sequence[date],
    month_weights: Sequence[Decimal],
) -> tuple[tuple[RepTarget, ...], str]:
    """Split the year's target over reps, prorated by the working days each is employed.

    The proration factor is (rep's working days) / (year's working days); the common
    denominator cancels out in the apportionment, so weights are base × rep's working days.
    """
    if not reps:
        return (), "none"
    _check_reps(reps)
    active = [_active_days(r, days) for r in reps]
    if not any(active):
        raise PlanInputError(
            f"没有业务员在 {year} 年在职，无法分解到人。 / "
            f"No rep is employed in {year}; the target cannot be split by rep."
        )
    base, basis = _rep_base_weights(reps, active)
    weights = [b * len(a) for b, a in zip(base, active, strict=True)]
    weight_sum = sum(weights, Decimal(0))
    parts = largest_remainder(total, weights)
    days_by_month = _days_by_month(days)
    targets = [
        RepTarget(
            rep=r.code,
            name=r.name,
            target=p,
            share=(w / weight_sum).quantize(_SHARE_PLACES),
            working_days=len(a),
            by_month=_rep_months(year, p, a, month_weights, days_by_month),
        )
        for r, a, w, p in zip(reps, active, weights, parts, strict=True)
    ]
    targets.sort(key=lambda t: (-t.target, t.rep))
    return tuple(targets), basis


def build_plan(
    year: int,
    *,
    target: Decimal | None,
    last_year_revenue: Decimal | None,
    growth: Decimal = Decimal("0.1"),
    monthly_history: Mapping[int, Decimal] | None = None,
    reps: Sequence[RepInput] = (),
    assume_weekends: bool = False,
) -> AnnualPlan:
    """Build next year's plan from a target (or last year's revenue and a growth rate).

    ``monthly_history`` maps month number (1-12) to revenue summed over past years and gives
    the seasonality; ``reps`` lists the sales reps with their employment dates.  Raises
    :class:`PlanInputError` for unusable inputs and ``UnknownHolidayYear`` when the holiday
    calendar does not cover ``year`` and ``assume_weekends`` is not set.
    """
    total, basis = resolve_target(target, last_year_revenue, growth)
    days = working_days(year, assume_weekends=assume_weekends)
    days_by_month = _days_by_month(days)
    month_weights, month_basis = _month_weights(monthly_history, days_by_month)
    month_parts = largest_remainder(total, month_weights)
    by_month = tuple(
        MonthTarget(_month_label(year, m), p, len(days_by_month[m]), w)
        for m, p, w in zip(MONTHS, month_parts, month_weights, strict=True)
    )
    by_day = tuple(
        day
        for m, p in zip(MONTHS, month_parts, strict=True)
        for day in _split_days(year, m, p, days_by_month[m])
    )
    by_week = tuple(_split_weeks(year, by_day, set(days)))
    by_rep, rep_basis = _split_reps(year, total, reps, days, month_weights)
    return AnnualPlan(
        year=year,
        target=total,
        basis=basis,
        month_basis=month_basis,
        rep_basis=rep_basis,
        by_month=by_month,
        by_week=by_week,
        by_day=by_day,
        by_rep=by_rep,
    )


def _rep_to_dict(rep: RepTarget) -> dict[str, Any]:
    return {
        "rep": rep.rep,
        "name": rep.name,
        "target": rep.target,
        "share": round(float(rep.share), 4),
        "working_days": rep.working_days,
        "by_month": [{"month": m.month, "target": m.target} for m in rep.by_month],
    }


def plan_to_dict(plan: AnnualPlan) -> dict[str, Any]:
    """The plan as JSON-ready data.

    The keys "year", "target", "by_month" (with "month" and "target") and "by_rep" are a public
    promise to other tools; add keys if needed, never rename these.
    """
    return {
        "year": plan.year,
        "target": plan.target,
        "basis": plan.basis,
        "month_basis": plan.month_basis,
        "rep_basis": plan.rep_basis,
        "by_month": [
            {"month": m.month, "target": m.target, "working_days": m.working_days}
            for m in plan.by_month
        ],
        "by_week": [
            {"week": w.week, "target": w.target, "working_days": w.working_days}
            for w in plan.by_week
        ],
        "by_day": [{"date": d.date.isoformat(), "target": d.target} for d in plan.by_day],
        "by_rep": [_rep_to_dict(r) for r in plan.by_rep],
    }
