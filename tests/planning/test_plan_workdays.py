"""Working days come from the real Chinese holiday calendar, or an explicit weekday estimate."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from salesdesk.planning.workdays import (
    UnknownHolidayYear,
    is_working_day,
    working_days,
    working_days_between,
)


def _independent_2026() -> list[date]:
    start = date(2026, 1, 1)
    days = [start + timedelta(days=i) for i in range(365)]
    return [d for d in days if chinese_calendar.is_workday(d)]


def test_2026_matches_chinese_calendar() -> None:
    expected = _independent_2026()
    assert working_days(2026) == expected
    assert len(expected) == 248


def test_make_up_sunday_is_a_working_day() -> None:
    assert date(2025, 1, 26).weekday() == 6  # Sunday, 调休 before Spring Festival
    assert is_working_day(date(2025, 1, 26))
    assert is_working_day(date(2025, 10, 11))  # Saturday, 调休 after National Day


def test_national_day_is_off() -> None:
    assert date(2025, 10, 1).weekday() == 2  # a Wednesday, yet off
    assert not is_working_day(date(2025, 10, 1))


def test_known_year_ignores_assume_weekends() -> None:
    assert is_working_day(date(2025, 1, 26), assume_weekends=True)
    assert not is_working_day(date(2025, 10, 1), assume_weekends=True)


def test_unknown_year_raises_with_both_languages_and_the_flag() -> None:
    with pytest.raises(UnknownHolidayYear) as caught:
        is_working_day(date(2027, 1, 4))
    message = str(caught.value)
    assert caught.value.year == 2027
    assert "2027" in message
    assert "--assume-weekends" in message
    assert "节假日" in message
    assert "holiday calendar" in message


def test_unknown_year_working_days_raise() -> None:
    with pytest.raises(UnknownHolidayYear):
        working_days(2027)
    with pytest.raises(UnknownHolidayYear):
        working_days_between(date(2027, 1, 1), date(2027, 1, 31))


def test_unknown_year_with_assume_weekends_counts_monday_to_friday() -> None:
    # January 2027: Fri 1; then 4-8, 11-15, 18-22, 25-29 → 1 + 4 × 5 = 21.
    assert date(2027, 1, 1).weekday() == 4
    assert working_days_between(date(2027, 1, 1), date(2027, 1, 31), assume_weekends=True) == 21
    assert not is_working_day(date(2027, 1, 2), assume_weekends=True)  # Saturday
    # 2027 starts on a Friday and has 365 days: 52 full weeks + one Friday.
    assert len(working_days(2027, assume_weekends=True)) == 52 * 5 + 1


def test_between_is_inclusive_and_crosses_years() -> None:
    assert working_days_between(date(2025, 1, 26), date(2025, 1, 26)) == 1
    assert working_days_between(date(2025, 10, 1), date(2025, 10, 1)) == 0
    # Thu 2026-12-31 (real calendar) + Fri 2027-01-01 (estimate).
    assert working_days_between(date(2026, 12, 31), date(2027, 1, 1), assume_weekends=True) == 2


def test_between_reversed_range_is_zero() -> None:
    assert working_days_between(date(2026, 5, 1), date(2026, 4, 1)) == 0
