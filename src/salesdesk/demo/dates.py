"""Calendar helpers for the demo generators: days, months and mainland-China working days."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

from salesdesk.planning.workdays import is_working_day


def days_between(start: date, end: date) -> list[date]:
    """Every day from start to end, both included."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def days_of_month(year: int, month: int) -> list[date]:
    return days_between(
        date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    )


def days_of_year(year: int) -> list[date]:
    return days_between(date(year, 1, 1), date(year, 12, 31))


@lru_cache(maxsize=8)
def workdays_of_year(year: int) -> tuple[date, ...]:
    """Working days (statutory holidays and 调休 where the calendar knows them, else Mon–Fri)."""
    return tuple(d for d in days_of_year(year) if is_working_day(d, assume_weekends=True))


def workdays_between(start: date, end: date) -> list[date]:
    days: list[date] = []
    for year in range(start.year, end.year + 1):
        days.extend(d for d in workdays_of_year(year) if start <= d <= end)
    return days


def workdays_of_month(year: int, month: int) -> list[date]:
    return [d for d in workdays_of_year(year) if d.month == month]


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def plus_days(day: date, days: int) -> date:
    return day + timedelta(days=days)
