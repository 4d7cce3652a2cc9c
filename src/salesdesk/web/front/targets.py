"""The department's annual revenue target, its plan (month, week, day, rep) and monthly targets.

Targets are stored as the importer stores them (ingest/builders.py, TargetBuilder): the key
``f"{year}|{month or ''}|{rep}|{metric}"``, so importing a targets file later updates these
records instead of duplicating them. The plan is the annual summary's own "next year" plan
(`build_summary(year - 1, plan_target=target)`): past seasonality by month and last year's
revenue shares by rep, exactly as the report shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction

from salesdesk.planning.plan import AnnualPlan, PlanInputError, RepInput, build_plan
from salesdesk.planning.workdays import UnknownHolidayYear, working_days
from salesdesk.records.closing import check_open
from salesdesk.records.models import Department, Rep, Target
from salesdesk.report.build import NoRecordsForYear, build_summary
from salesdesk.web.front.cache import data_version

METRIC = "revenue"
MONTHS = range(1, 13)


class MonthsDoNotAddUp(ValueError):
    """Monthly targets whose sum is not the annual target."""

    def __init__(self, total: Decimal, annual: Decimal) -> None:
        super().__init__(f"months add up to {total}, the annual target is {annual}")
        self.total, self.annual = total, annual


@dataclass(frozen=True)
class PlanView:
    plan: AnnualPlan | None
    note_zh: str = ""
    note_en: str = ""

    def note(self, lang: str) -> str:
        return self.note_en if lang == "en" else self.note_zh


def target_key(year: int, month: int | None = None) -> str:
    """The importer's key of a department (no rep) revenue target."""
    return f"{year}|{month or ''}||{METRIC}"


def _department_targets(department: Department, year: int) -> dict[int | None, Decimal]:
    rows = Target.objects.filter(
        department=department, year=year, metric=METRIC, rep__isnull=True
    ).values_list("month", "value")
    return dict(rows)


def annual_target(department: Department, year: int) -> Decimal | None:
    return _department_targets(department, year).get(None)


def monthly_targets(department: Department, year: int) -> dict[int, Decimal]:
    return {m: v for m, v in _department_targets(department, year).items() if m is not None}


def _save(department: Department, year: int, month: int | None, value: Decimal) -> None:
    Target.objects.update_or_create(
        department=department,
        key=target_key(year, month),
        defaults={"year": year, "month": month, "rep": None, "metric": METRIC, "value": value},
    )


def save_annual(department: Department, year: int, value: Decimal) -> None:
    """Set the department's annual revenue target. Raises YearClosed for a closed year."""
    check_open(department, year)
    _save(department, year, None, value)


@transaction.atomic
def save_months(department: Department, year: int, months: Mapping[int, Decimal]) -> None:
    """Save twelve monthly targets; they must add up to the annual target (MonthsDoNotAddUp).
    Raises YearClosed for a closed year."""
    check_open(department, year)
    annual = annual_target(department, year) or Decimal(0)
    total = sum((months[m] for m in MONTHS), Decimal(0))
    if total != annual:
        raise MonthsDoNotAddUp(total, annual)
    for month in MONTHS:
        _save(department, year, month, months[month])


def _fresh_plan(department: Department, year: int, target: Decimal) -> PlanView:
    """Without last year's records: months by working days, reps equally (by days employed)."""
    note_zh = note_en = ""
    try:
        working_days(year)
    except UnknownHolidayYear:
        note_zh = f"节假日日历尚未收录 {year} 年，按周一至周五为工作日估算。"
        note_en = f"The holiday calendar does not know {year} yet; Monday to Friday are taken as working days."
    reps = [
        RepInput(r.code, r.name, None, r.hired_on, r.left_on)
        for r in Rep.objects.filter(department=department).order_by("code")
        if r.left_on is None or r.left_on >= date(year, 1, 1)
    ]
    try:
        plan = build_plan(
            year, target=target, last_year_revenue=None, reps=reps, assume_weekends=True
        )
    except PlanInputError as error:
        return PlanView(None, str(error), str(error))
    return PlanView(plan, note_zh, note_en)


def _built_plan(department: Department, year: int, target: Decimal) -> PlanView:
    try:
        summary = build_summary(department.name, year - 1, plan_target=target)
    except NoRecordsForYear:
        return _fresh_plan(department, year, target)
    section = summary.plan
    return PlanView(section.plan, section.note_zh, section.note_en)


def department_plan(department: Department, year: int, target: Decimal) -> PlanView:
    """The plan for the year's target, computed once per data version of the department."""
    key = f"salesdesk:plan:{department.pk}:{year}:{target}:{data_version(department)}"
    found = cache.get(key)
    if not isinstance(found, PlanView):
        found = _built_plan(department, year, target)
        cache.set(key, found)
    return found


def month_values(plan: AnnualPlan, saved: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """What the month inputs start from: the saved monthly targets when there are twelve that
    add up to the plan's year, else the plan's own split."""
    if len(saved) == 12 and sum(saved.values(), Decimal(0)) == plan.target:
        return dict(saved)
    return {int(m.month[5:]): Decimal(m.target) for m in plan.by_month}
