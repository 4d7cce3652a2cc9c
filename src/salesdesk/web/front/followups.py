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

from django.db.models import Max, Q, QuerySet

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


def _candidates(activities: QuerySet[Activity], first: date, last: date, window: int) -> list[Due]:
    windowed = Q(
        next_follow_up__isnull=True,
        outcome__in=FOLLOW_UP_OUTCOMES,
        date__gte=first - timedelta(days=window),
        date__lte=last - timedelta(days=window),
    )
    dated = Q(next_follow_up__gte=first, next_follow_up__lte=last)
    rows = (
        activities.filter(windowed | dated, customer__isnull=False)
        .select_related("customer", "rep")
        .order_by("date", "pk")
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


def _last_contact(customer_ids: set[int]) -> dict[int, date]:
    """Each customer's latest activity by anyone (a customer belongs to one department)."""
    rows = (
        Activity.objects.filter(customer_id__in=customer_ids)
        .values("customer_id")
        .annotate(last=Max("date"))
        .order_by()
    )
    return {r["customer_id"]: r["last"] for r in rows}


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
    candidates = _candidates(
        activities, today - timedelta(days=lookback), today + timedelta(days=horizon), window
    )
    last = _last_contact({c.customer_id for c in candidates})
    still_open = [c for c in candidates if last.get(c.customer_id, c.day) <= c.day]
    return DueLists(
        today,
        tuple(sorted((c for c in still_open if c.due < today), key=lambda c: (c.due, c.day))),
        tuple(c for c in still_open if c.due == today),
        tuple(sorted((c for c in still_open if c.due > today), key=lambda c: (c.due, c.day))),
    )
