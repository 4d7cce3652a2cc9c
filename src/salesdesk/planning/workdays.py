"""Working days in mainland China, the unit every target is spread over.

A target split "per working day" is only fair if the calendar knows the statutory holidays
(法定节假日) and the make-up working weekends (调休).  The ``chinese_calendar`` package carries
that table, but only for the years the State Council has already announced.  For a year it does
not know yet we refuse to guess silently: the caller must opt in to a plain Monday-Friday
estimate with ``assume_weekends`` (the CLI flag ``--assume-weekends``).
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "UnknownHolidayYear",
    "is_working_day",
    "working_days",
    "working_days_between",
]


class UnknownHolidayYear(Exception):
    """The holiday calendar has no data for a year, and no Monday-Friday estimate was allowed.

    Raised instead of guessing, because a plan built on the wrong holidays puts targets on days
    nobody works.  The message tells the user how to proceed anyway.
    """

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"节假日日历尚未收录 {year} 年的法定假日与调休安排；"
            "如按周一至周五为工作日估算，请加 --assume-weekends。 / "
            f"The holiday calendar does not know {year} yet; "
            "pass --assume-weekends to treat Monday-Friday as working days."
        )


def is_working_day(d: date, *, assume_weekends: bool = False) -> bool:
    """Say whether ``d`` is a working day in mainland China.

    The real calendar always wins when it knows the year (so 调休 Saturdays count and
    statutory holidays do not).  Only for an unknown year does ``assume_weekends`` fall back to
    Monday-Friday; without it an unknown year raises :class:`UnknownHolidayYear`.
    """
    try:
        return bool(chinese_calendar.is_workday(d))
    except NotImplementedError:
        if assume_weekends:
            return d.weekday() < 5
        raise UnknownHolidayYear(d.year) from None


def _days(start: date, end: date) -> list[date]:
    """Every calendar day from ``start`` to ``end`` inclusive (empty when start > end)."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def working_days(year: int, *, assume_weekends: bool = False) -> list[date]:
    """All working days of ``year`` in date order: the days a yearly target is spread over."""
    return [
        d
        for d in _days(date(year, 1, 1), date(year, 12, 31))
        if is_working_day(d, assume_weekends=assume_weekends)
    ]


def working_days_between(start: date, end: date, *, assume_weekends: bool = False) -> int:
    """Count working days from ``start`` to ``end``, both included; 0 when start > end.

    Used to prorate people who join or leave part-way through a period.
    """
    return sum(1 for d in _days(start, end) if is_working_day(d, assume_weekends=assume_weekends))
