"""What a report covers: one department and one year, optionally one sales rep.

Every metric reads its records through a `Scope`, so the rep filter is written
once. For `--rep CODE` the scope holds that rep's order lines, the adjustments
and incidents on those orders, the payments booked to the rep (or, when a
payment names no rep, those on the rep's orders), the rep's activities, ideas
and targets, and the customers the rep owns.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Max, Min, Q, QuerySet

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

CANCELLED = "cancelled"
NORMAL = ~Q(status=CANCELLED)
"""Order lines that count: every status except cancelled (a negative quantity is a return)."""


class UnknownRep(LookupError):
    """`--rep CODE` names no rep of the department."""

    def __init__(self, code: str, department: str, known: list[str]) -> None:
        listed = ", ".join(known) or "-"
        super().__init__(
            f"部门“{department}”没有工号为 {code} 的业务员。现有：{listed} / "
            f"Department {department!r} has no rep {code!r}. Known: {listed}"
        )
        self.code = code
        self.known = known


@dataclass(frozen=True)
class Scope:
    department: Department
    year: int
    rep: Rep | None = None

    @property
    def first(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last(self) -> date:
        return date(self.year, 12, 31)

    @property
    def days_in_year(self) -> int:
        return 366 if calendar.isleap(self.year) else 365

    @property
    def code(self) -> str:
        """`department`, or the rep's code: the report facts' `scope`."""
        return self.rep.code if self.rep else "department"

    def whole_department(self) -> Scope:
        return Scope(self.department, self.year)

    def lines(self) -> QuerySet[OrderLine]:
        """Every order line of the scope, of any date and status."""
        qs = OrderLine.objects.filter(department=self.department)
        return qs.filter(rep=self.rep) if self.rep else qs

    def year_lines(self) -> QuerySet[OrderLine]:
        """Non-cancelled order lines dated in the year."""
        return self.lines().filter(NORMAL, date__gte=self.first, date__lte=self.last)

    def rep_orders(self) -> QuerySet[OrderLine, Any]:
        """The order numbers of the rep's lines (a subquery); only meaningful with a rep."""
        return OrderLine.objects.filter(department=self.department, rep=self.rep).values("order_no")

    def adjustments(self) -> QuerySet[Adjustment]:
        qs = Adjustment.objects.filter(department=self.department)
        return qs.filter(order_no__in=self.rep_orders()) if self.rep else qs

    def payments(self) -> QuerySet[Payment]:
        qs = Payment.objects.filter(department=self.department)
        if not self.rep:
            return qs
        return qs.filter(Q(rep=self.rep) | Q(rep__isnull=True, order_no__in=self.rep_orders()))

    def activities(self) -> QuerySet[Activity]:
        qs = Activity.objects.filter(department=self.department)
        return qs.filter(rep=self.rep) if self.rep else qs

    def ideas(self) -> QuerySet[Idea]:
        qs = Idea.objects.filter(department=self.department)
        return qs.filter(rep=self.rep) if self.rep else qs

    def incidents(self) -> QuerySet[Incident]:
        qs = Incident.objects.filter(department=self.department)
        if not self.rep:
            return qs
        return qs.filter(Q(order_no__in=self.rep_orders()) | Q(customer__owner=self.rep))

    def targets(self, metric: str = "revenue") -> QuerySet[Target]:
        """The scope's own targets: the department's (no rep) or the rep's."""
        qs = Target.objects.filter(department=self.department, metric=metric, year=self.year)
        return qs.filter(rep=self.rep) if self.rep else qs.filter(rep__isnull=True)

    def customers(self) -> QuerySet[Customer]:
        qs = Customer.objects.filter(department=self.department)
        return qs.filter(owner=self.rep) if self.rep else qs

    def reps(self) -> QuerySet[Rep]:
        qs = Rep.objects.filter(department=self.department)
        return qs.filter(pk=self.rep.pk) if self.rep else qs

    def capacity(self, resource: str = "rooms") -> QuerySet[Capacity]:
        """Capacity is the department's (a hotel's rooms), also for a rep's report."""
        return Capacity.objects.filter(
            department=self.department, resource=resource, date__gte=self.first, date__lte=self.last
        )


def rep_scope(department: Department, year: int, code: str | None) -> Scope:
    """The scope for `--rep CODE` (or the department when no code); an unknown code raises UnknownRep."""
    if not code:
        return Scope(department, year)
    rep = Rep.objects.filter(department=department, code=code).first()
    if rep is None:
        known = list(
            Rep.objects.filter(department=department)
            .order_by("code")
            .values_list("code", flat=True)
        )
        raise UnknownRep(code, department.name, known)
    return Scope(department, year, rep)


def first_record_day(department: Department) -> date | None:
    """The department's first dated record ever (order line, payment, activity or adjustment).

    A department whose first record falls inside the report year started that
    year; monthly averages then count only the months from that record on.
    """
    days = [
        model.objects.filter(department=department).aggregate(d=Min("date"))["d"]
        for model in (OrderLine, Payment, Activity, Adjustment)
    ]
    known = [d for d in days if d is not None]
    return min(known) if known else None


def year_span(scope: Scope) -> tuple[date | None, date | None]:
    """First and last record of the year in the scope (order lines, payments, activities)."""
    firsts: list[date] = []
    lasts: list[date] = []
    for qs in (scope.lines(), scope.payments(), scope.activities()):
        got = qs.filter(date__gte=scope.first, date__lte=scope.last).aggregate(
            a=Min("date"), b=Max("date")
        )
        if got["a"] is not None:
            firsts.append(got["a"])
            lasts.append(got["b"])
    return (min(firsts) if firsts else None, max(lasts) if lasts else None)


def active_months(scope: Scope, started: date | None) -> tuple[int, ...]:
    """Months of the year that count for averages: all twelve, or from the first record on.

    `started` is the department's first record ever (`first_record_day`); when
    it falls inside the year, the months before it are not part of the year's
    business and are left out of monthly averages, weak months and the CV.
    """
    if started is not None and started.year == scope.year:
        return tuple(range(started.month, 13))
    return tuple(range(1, 13))
