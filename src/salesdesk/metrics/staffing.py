"""Who was on the team when: each rep's days in the year, for per-rep-per-day and per-month rates.

A rep counts from the later of 1 January, the hire date and the team's start
(the department's first activity, when that falls in the year) to the earlier
of 31 December and the leaving date. Working days follow the Chinese calendar
with its make-up working weekends (调休); for a year the calendar does not
know yet, Monday–Friday.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Min

from salesdesk.metrics.scope import Scope
from salesdesk.planning.workdays import working_days
from salesdesk.records.models import Activity, Rep


@dataclass(frozen=True)
class Window:
    rep_id: int
    start: date
    end: date


def team_start(scope: Scope) -> date | None:
    """The department's first activity ever, if it falls in the report year (a team formed mid-year)."""
    first = Activity.objects.filter(department=scope.department).aggregate(d=Min("date"))["d"]
    return first if first is not None and first.year == scope.year else None


def windows(scope: Scope, started: date | None) -> list[Window]:
    """Each rep's stretch of the year on the team (reps who left before or joined after are out)."""
    result = []
    reps: Iterable[tuple[int, date | None, date | None]] = (
        Rep.objects.filter(
            department=scope.department, **({"pk": scope.rep.pk} if scope.rep else {})
        )
        .order_by("id")
        .values_list("id", "hired_on", "left_on")
    )
    for rep_id, hired, left in reps:
        start = max(d for d in (scope.first, hired, started) if d is not None)
        end = min(d for d in (scope.last, left) if d is not None)
        if start <= end:
            result.append(Window(rep_id, start, end))
    return result


def year_working_days(year: int) -> list[date]:
    """Working days of the year: the Chinese calendar (调休 included), else Monday–Friday."""
    return working_days(year, assume_weekends=True)


def rep_working_days(spans: Iterable[Window], days: list[date]) -> int:
    """Σ over reps of the working days inside each rep's window."""
    return sum(sum(1 for d in days if w.start <= d <= w.end) for w in spans)


def rep_months(spans: Iterable[Window]) -> int:
    """Σ over reps of the calendar months their window touches."""
    return sum(w.end.month - w.start.month + 1 for w in spans)
