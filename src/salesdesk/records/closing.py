"""Year close (结账): a closed year's records can no longer change.

`salesdesk close --year Y` freezes the year for a department: imports, edits
and API calls touching a date in that year are refused with a message naming
the year. Corrections go in as dated adjustments in the open year. Reopening
is for admins and is recorded like the close itself.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from salesdesk.records.models import Department, YearClose, YearCloseEvent


class YearClosed(Exception):
    def __init__(self, department: str, year: int) -> None:
        self.department, self.year = department, year
        super().__init__(
            f"{year} 年已结账（{department}），不能再导入或修改该年的记录；更正请在当前年度以调整记录录入。"
        )

    @property
    def reason_en(self) -> str:
        return f"{self.year} is closed for {self.department}; record corrections as adjustments in the open year"


def closed_years(department: Department) -> frozenset[int]:
    return frozenset(YearClose.objects.filter(department=department).values_list("year", flat=True))


def check_open(department: Department, day: date | int | None) -> None:
    """Raise YearClosed when `day` (a date or a year) falls in a closed year."""
    if day is None:
        return
    year = day if isinstance(day, int) else day.year
    if YearClose.objects.filter(department=department, year=year).exists():
        raise YearClosed(department.name, year)


@transaction.atomic
def close_year(department: Department, year: int, *, by: str = "") -> bool:
    """Close the year; False if it was closed already."""
    _, created = YearClose.objects.get_or_create(
        department=department, year=year, defaults={"closed_by": by}
    )
    if created:
        YearCloseEvent.objects.create(department=department, year=year, action="close", by=by)
    return created


@transaction.atomic
def reopen_year(department: Department, year: int, *, by: str, reason: str) -> bool:
    deleted, _ = YearClose.objects.filter(department=department, year=year).delete()
    if deleted:
        YearCloseEvent.objects.create(
            department=department, year=year, action="reopen", by=by, reason=reason
        )
    return bool(deleted)
