"""Month and quarter of an order line's date as CASE over date ranges, not EXTRACT.

On SQLite, Django's ExtractMonth / ExtractQuarter call a Python function for every row; at
hundreds of thousands of lines that is most of a grouped query's time. Comparisons of the
(indexed, ISO-text) date column are evaluated by the database itself, on PostgreSQL as well.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Case, IntegerField, Value, When


def month_of(year: int, field: str = "date") -> Case:
    """1–12 for a date of `year` (rows must already be limited to the year)."""
    return Case(
        *(When(**{f"{field}__lt": date(year, m + 1, 1)}, then=Value(m)) for m in range(1, 12)),
        default=Value(12),
        output_field=IntegerField(),
    )


def year_quarter_of(first_year: int, last_year: int, field: str = "date") -> Case:
    """year × 10 + quarter (20251 … 20254) for a date from `first_year` to `last_year`
    (rows must already be limited to those years)."""
    starts = [
        (y, q, date(y, 3 * q - 2, 1))
        for y in range(first_year, last_year + 1)
        for q in (1, 2, 3, 4)
    ]
    ends = [d for _y, _q, d in starts[1:]] + [date(last_year + 1, 1, 1)]
    return Case(
        *(
            When(**{f"{field}__lt": end}, then=Value(y * 10 + q))
            for (y, q, _start), end in zip(starts, ends, strict=True)
        ),
        output_field=IntegerField(),
    )
