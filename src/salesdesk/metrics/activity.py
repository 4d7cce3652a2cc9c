"""Visits and follow-ups (拜访/跟进): how much the team went out, and what it let slip.

A follow-up falls due on the activity's next_follow_up date; an activity whose
outcome is `rejected` or `interested` and that names no date falls due when its
window (default 14 days) ends. Follow-ups are tracked per customer: it is kept
when there is a later activity for that customer (by anyone) on or before the
due date, and missed otherwise. Activities without a customer are not tracked.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import (
    BooleanField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    Min,
    OuterRef,
    Q,
)
from django.db.models.functions import Coalesce

from salesdesk.metrics.ratios import ratio
from salesdesk.metrics.scope import Scope
from salesdesk.metrics.staffing import year_working_days
from salesdesk.records.models import Activity
from salesdesk.report.summary import ActivityFacts, Share

FOLLOW_UP_WINDOW_DAYS = 14
FOLLOW_UP_OUTCOMES = ("rejected", "interested")


class FollowUp(NamedTuple):  # a tuple: tens of thousands are built per report
    key: str
    customer_id: int
    day: date  # the activity's date
    due: date
    outcome: str
    kept: bool  # a later activity for the customer on or before `due`
    rep_id: int | None  # who made the activity (team measures count per rep)


class Rejection(NamedTuple):
    key: str
    customer_id: int | None
    day: date
    followed: bool  # a later activity for the customer by its follow-up date
    rep_id: int | None


def due_date(day: date, next_follow_up: date | None, outcome: str, window: int) -> date | None:
    """When an activity's follow-up falls due: next_follow_up, else the end of the outcome window."""
    if next_follow_up is not None:
        return next_follow_up
    if outcome in FOLLOW_UP_OUTCOMES:
        return day + timedelta(days=window)
    return None


def load_follow_ups(scope: Scope, window: int = FOLLOW_UP_WINDOW_DAYS) -> tuple[FollowUp, ...]:
    """Every follow-up of the scope that falls due in the year, and whether it was kept."""
    return load_follow_ups_and_rejections(scope, window)[0]


def load_follow_ups_and_rejections(
    scope: Scope, window: int = FOLLOW_UP_WINDOW_DAYS
) -> tuple[tuple[FollowUp, ...], tuple[Rejection, ...]]:
    """The follow-ups due in the year and the year's rejections, from one read of the activities
    (most rejections fall due in the year too: one scan and one probe each, not two)."""
    due, rejected = _due_in_year(scope, window), _rejected_in_year(scope)
    rows = (
        scope.activities()
        .filter(due | rejected)
        .annotate(
            due=_due(window),
            kept=_followed(),
            is_due=ExpressionWrapper(due, output_field=BooleanField()),
            is_rejected=ExpressionWrapper(rejected, output_field=BooleanField()),
        )
        .order_by("date", "id")
        .values_list(
            "key",
            "customer_id",
            "date",
            "due",
            "outcome",
            "kept",
            "rep_id",
            "is_due",
            "is_rejected",
        )
    )
    follow_ups: list[FollowUp] = []
    rejections: list[Rejection] = []
    for key, customer, day, due_on, outcome, kept, rep, is_due, is_rejected in rows:
        if is_due:  # `due_on` (= due_date) falls in the year: the date or the window's end is in it
            follow_ups.append(FollowUp(key, customer, day, due_on, outcome, kept, rep))
        if is_rejected:
            followed = customer is not None and bool(kept)
            rejections.append(Rejection(key, customer, day, followed, rep))
    return tuple(follow_ups), tuple(rejections)


def _due_in_year(scope: Scope, window: int) -> Q:
    """Activities with a customer whose follow-up (next_follow_up, else the window's end) falls
    in the year."""
    windowed = Q(
        next_follow_up__isnull=True,
        outcome__in=FOLLOW_UP_OUTCOMES,
        date__gte=scope.first - timedelta(days=window),
        date__lte=scope.last - timedelta(days=window),
    )
    dated = Q(next_follow_up__gte=scope.first, next_follow_up__lte=scope.last)
    return (windowed | dated) & Q(customer__isnull=False)


def _rejected_in_year(scope: Scope) -> Q:
    return Q(date__gte=scope.first, date__lte=scope.last, outcome="rejected")


def _due(window: int) -> Coalesce:
    """An activity's follow-up date in SQL: next_follow_up, else the date + the window."""
    return Coalesce("next_follow_up", DaysAfter("date", window), output_field=DateField())


class DaysAfter(Func):
    """A date column plus a whole number of days, in each database's own date arithmetic
    (Django's date + timedelta calls a Python function per row on SQLite)."""

    output_field = DateField()

    def __init__(self, column: str, days: int) -> None:
        super().__init__(F(column))
        self.days = int(days)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        template = f"date(%(expressions)s, '+{self.days} days')"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        template = f"(%(expressions)s + {self.days})"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def _followed() -> Exists:
    """A later activity for the same customer (by anyone) on or before the `due` annotation:
    one probe of the (customer, date) index per activity, however many activities there are."""
    return Exists(
        Activity.objects.filter(
            customer_id=OuterRef("customer_id"),
            date__gt=OuterRef("date"),
            date__lte=OuterRef("due"),
        )
    )


def visits(scope: Scope) -> int:
    """Visits: activities of every kind (visit, cold visit, call, mail, meeting, message) in the year."""
    return scope.activities().filter(date__gte=scope.first, date__lte=scope.last).count()


def by_kind(scope: Scope) -> tuple[Share, ...]:
    rows = (
        scope.activities()
        .filter(date__gte=scope.first, date__lte=scope.last)
        .values("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    total = sum(r["n"] for r in rows)
    shares = [Share(r["kind"], Decimal(0), ratio(r["n"], total), r["n"]) for r in rows]
    return tuple(sorted(shares, key=lambda s: (-s.count, s.name)))


def load_rejections(scope: Scope, window: int = FOLLOW_UP_WINDOW_DAYS) -> tuple[Rejection, ...]:
    """Activities of the year with outcome `rejected`, and whether each was followed up: a later
    activity for the same customer by its follow-up date (next_follow_up, else the date + window).
    A rejection without a customer cannot be followed and counts as not followed."""
    return load_follow_ups_and_rejections(scope, window)[1]


def conversion(scope: Scope, last_purchase: Mapping[int, date]) -> Decimal | None:
    """Customers first contacted in the year (their first activity ever) who ordered on or after
    that day within the year ÷ all customers first contacted in the year.

    `last_purchase` is each customer's last non-cancelled line of the year.
    """
    firsts = (
        scope.activities()
        .filter(customer__isnull=False)
        .values("customer_id")
        .annotate(first=Min("date"))
        .filter(first__gte=scope.first, first__lte=scope.last)
        .order_by()
    )
    contacted = {r["customer_id"]: r["first"] for r in firsts}
    won = sum(
        1 for c, first in contacted.items() if c in last_purchase and last_purchase[c] >= first
    )
    return ratio(won, len(contacted))


def per_rep_per_day(count: int, rep_days: int) -> Decimal | None:
    """Visits per rep per working day = visits / Σ over reps of their working days in the year."""
    return ratio(count, rep_days)


def activity_facts(
    scope: Scope,
    follow_ups: tuple[FollowUp, ...],
    rejected: tuple[Rejection, ...],
    last_purchase: Mapping[int, date],
    rep_days: int,
) -> ActivityFacts:
    days = year_working_days(scope.year)
    kinds = by_kind(scope)
    count = sum(k.count for k in kinds)  # = visits(scope), without a second query
    return ActivityFacts(
        visits=count,
        by_kind=kinds,
        working_days=len(days),
        per_rep_per_day=per_rep_per_day(count, rep_days),
        follow_ups_due=len(follow_ups),
        follow_ups_missed=sum(1 for f in follow_ups if not f.kept),
        rejections=len(rejected),
        rejections_followed=sum(1 for r in rejected if r.followed),
        conversion=conversion(scope, last_purchase),
    )
