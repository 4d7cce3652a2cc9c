"""Follow-ups to do: overdue, due today and coming up — by the metrics' own definitions.

A follow-up falls due on the date `metrics.activity.due_date` gives (the activity's next
follow-up date, else the end of the outcome window for rejected/interested outcomes, with the
findings' `follow_up_window_days`). As in the metrics, follow-ups are tracked per customer: one
is done as soon as there is a later activity for that customer (by anyone in the department);
activities without a customer are not tracked. The annual metrics judge a follow-up *kept* only
if that later activity came by the due date; this list is a to-do list, so a late follow-up
simply drops off it once it has happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, QuerySet

from salesdesk.findings import load_thresholds
from salesdesk.metrics.activity import FOLLOW_UP_OUTCOMES, due_date
from salesdesk.records.models import Activity

LOOKBACK_DAYS = 60
"""Overdue follow-ups older than this are no longer listed (they stay in the annual metrics)."""
HORIZON_DAYS = 14
"""Upcoming follow-ups are listed this many days ahead."""


@dataclass(frozen=True)
class Due:
    activity_id: int
    customer_id: int
    customer_code: str
    customer_name: str
    rep_code: str
    rep_name: str
    day: date
    due: date
    kind: str
    outcome: str
    note: str

    def days_late(self, today: date) -> int:
        return (today - self.due).days


@dataclass(frozen=True)
class DueLists:
    today: date
    overdue: tuple[Due, ...]  # most overdue first
    due_today: tuple[Due, ...]
    upcoming: tuple[Due, ...]  # soonest first

    @property
    def to_do(self) -> int:
        """Follow-ups to do now: due today and overdue."""
        return len(self.overdue) + len(self.due_today)


def _open_follow_ups(
    activities: QuerySet[Activity], first: date, last: date, window: int
) -> list[Due]:
    # Two queries, not one OR: each condition then rides its own index, (department, date) and
    # (department, next_follow_up), instead of scanning all the department's activities.
    # The two sets are disjoint (next_follow_up is null in one, set in the other).
    windowed = activities.filter(
        next_follow_up__isnull=True,
        outcome__in=FOLLOW_UP_OUTCOMES,
        date__gte=first - timedelta(days=window),
        date__lte=last - timedelta(days=window),
    )
    dated = activities.filter(next_follow_up__gte=first, next_follow_up__lte=last)
    rows = sorted(
        (a for qs in (windowed, dated) for a in _still_open(qs)),
        key=lambda a: (a.date, a.pk),
    )
    found = []
    for a in rows:
        due = due_date(a.date, a.next_follow_up, a.outcome, window)
        assert due is not None and a.customer is not None
        found.append(
            Due(
                a.pk,
                a.customer.pk,
                a.customer.code,
                a.customer.name,
                a.rep.code,
                a.rep.name,
                a.date,
                due,
                a.kind,
                a.outcome,
                a.note,
            )
        )
    return found


def _still_open(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """The activities whose customer has had no later activity, by anyone (a customer belongs to
    one department). Asked of the database, one (customer, date) index seek per activity, so
    the thousands of follow-ups long done are never loaded."""
    later = Activity.objects.filter(customer_id=OuterRef("customer_id"), date__gt=OuterRef("date"))
    return (
        activities.filter(customer__isnull=False)
        .exclude(Exists(later))
        .select_related("customer", "rep")
    )


def due_lists(
    activities: QuerySet[Activity],
    today: date,
    *,
    window: int | None = None,
    lookback: int = LOOKBACK_DAYS,
    horizon: int = HORIZON_DAYS,
) -> DueLists:
    """The open follow-ups of `activities` (already scoped to the user) around `today`."""
    window = load_thresholds().follow_up_window_days if window is None else window
    candidates = _open_follow_ups(
        activities, today - timedelta(days=lookback), today + timedelta(days=horizon), window
    )
    return DueLists(
        today,
        tuple(sorted((c for c in candidates if c.due < today), key=lambda c: (c.due, c.day))),
        tuple(c for c in candidates if c.due == today),
        tuple(sorted((c for c in candidates if c.due > today), key=lambda c: (c.due, c.day))),
    )
