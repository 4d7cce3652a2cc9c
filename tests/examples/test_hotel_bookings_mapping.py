"""The real "Hotel booking demand" file through examples/mappings, one hotel per department.

Every figure is computed twice: from the stored records (ORM aggregates, exact money units) and
independently from the raw CSV with the standard library only (csv, gzip, Decimal).
"""

from __future__ import annotations

import calendar
import csv
import gzip
from collections import defaultdict
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import pytest
from django.db.models import Count
from django.db.models.functions import ExtractMonth

from salesdesk.ingest.importer import import_file
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.records.models import OrderLine
from salesdesk.report.build import build_summary

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]

FILE = "hotel_bookings.csv.gz"
ROWS = 119_390
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- the raw file, read independently ------------------------------------------------------


@cache
def raw_bookings(path: Path) -> tuple[dict[str, str], ...]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def nights(row: dict[str, str]) -> int:
    return int(row["stays_in_weekend_nights"]) + int(row["stays_in_week_nights"])


def kept(path: Path, hotel: str, year: int | None = None) -> Iterator[dict[str, str]]:
    """The hotel's bookings that were not cancelled (of one arrival year, if given)."""
    for row in raw_bookings(path):
        if row["hotel"] != hotel or row["is_canceled"] != "0":
            continue
        if year is None or int(row["arrival_date_year"]) == year:
            yield row


def raw_totals(rows: Iterator[dict[str, str]], key: str) -> dict[object, tuple[Decimal, int]]:
    """key → (Σ adr × nights, Σ nights); key "month" is the arrival month's number."""
    revenue: dict[object, Decimal] = defaultdict(Decimal)
    sold: dict[object, int] = defaultdict(int)
    for row in rows:
        group = MONTHS[row["arrival_date_month"]] if key == "month" else row[key]
        revenue[group] += Decimal(row["adr"]) * nights(row)
        sold[group] += nights(row)
    return {group: (revenue[group], sold[group]) for group in revenue}


# --- the stored records ----------------------------------------------------------------------


def stored_totals(department: str, year: int, key: str) -> dict[object, tuple[Decimal, int]]:
    lines = OrderLine.objects.filter(
        department__name=department, status="normal", date__year=year
    ).annotate(month=ExtractMonth("date"))
    rows = lines.values(key).annotate(revenue=MoneyUnits("amount"), sold=MoneyUnits("quantity"))
    return {r[key]: (units_to_money(r["revenue"]), int(units_to_money(r["sold"]))) for r in rows}


def imported(real_file, repo: Path, which: str, department: str) -> Path:
    source = real_file(FILE)
    result = import_file(
        source,
        "orders",
        mapping=repo / f"examples/mappings/hotel_bookings_{which}.toml",
        department=department,
    )
    raw = [r for r in raw_bookings(source) if r["hotel"] == department]
    assert (result.rows_read, result.rows_filtered) == (ROWS, ROWS - len(raw))
    assert (result.added, result.rejected, result.problems) == (len(raw), 0, [])
    assert "market_segment" in result.extra_columns
    return source


# --- City Hotel ----------------------------------------------------------------------------


def test_city_hotel_2016_room_nights_and_adr_by_month_and_channel(real_file, repo):
    source = imported(real_file, repo, "city", "City Hotel")
    assert OrderLine.objects.filter(department__name="City Hotel").count() == 79_330
    cancelled = sum(
        1 for r in raw_bookings(source) if r["hotel"] == "City Hotel" and r["is_canceled"] == "1"
    )
    city = OrderLine.objects.filter(department__name="City Hotel")
    assert city.filter(status="cancelled").count() == cancelled == 33_102

    raw = raw_totals(kept(source, "City Hotel", 2016), "month")
    stored = stored_totals("City Hotel", 2016, "month")
    assert stored == raw  # Σ adr × nights and Σ nights, exact, month by month
    adr_raw = {m: cents(revenue / sold) for m, (revenue, sold) in raw.items()}
    adr_stored = {m: cents(revenue / sold) for m, (revenue, sold) in stored.items()}
    assert adr_stored == adr_raw
    assert adr_raw[1] == Decimal("76.55") and adr_raw[8] == Decimal("118.35")
    assert sum(sold for _, sold in raw.values()) == 65_822

    by_channel = raw_totals(kept(source, "City Hotel", 2016), "distribution_channel")
    assert stored_totals("City Hotel", 2016, "channel") == by_channel

    _city_report_agrees(source)


def _city_report_agrees(source: Path) -> None:
    """The annual summary's rooms section: comps (ADR 0) are counted apart, not as sold."""
    summary = build_summary("City Hotel", 2016)
    rows = list(kept(source, "City Hotel", 2016))
    paid = raw_totals((r for r in rows if Decimal(r["adr"]) != 0), "month")
    comps = sum(nights(r) for r in rows if Decimal(r["adr"]) == 0)
    assert summary.rooms is not None
    assert summary.rooms.comps == comps == 757
    assert summary.rooms.sold == sum(sold for _, sold in paid.values()) == 65_065
    assert summary.sales.revenue == sum(rev for rev, _ in paid.values()) == Decimal("6862128.00")
    for month in summary.rooms.by_month:
        revenue, sold = paid[int(month.month[5:])]
        assert month.sold == sold
        assert month.adr is not None and cents(month.adr) == cents(revenue / sold)
    assert summary.rooms.adr is not None and cents(summary.rooms.adr) == Decimal("105.47")


# --- Resort Hotel --------------------------------------------------------------------------


def test_resort_hotel_total_room_revenue(real_file, repo):
    source = imported(real_file, repo, "resort", "Resort Hotel")
    raw_revenue = sum(
        (Decimal(r["adr"]) * nights(r) for r in kept(source, "Resort Hotel")), Decimal(0)
    )
    raw_nights = sum(nights(r) for r in kept(source, "Resort Hotel"))
    totals = OrderLine.objects.filter(department__name="Resort Hotel", status="normal").aggregate(
        revenue=MoneyUnits("amount"), sold=MoneyUnits("quantity"), lines=Count("pk")
    )
    assert units_to_money(totals["revenue"]) == raw_revenue == Decimal("11601850.23")
    assert units_to_money(totals["sold"]) == raw_nights
    assert totals["lines"] == sum(1 for _ in kept(source, "Resort Hotel")) == 28_938
    _awkward_rows_came_in(source, "Resort Hotel")

    by_year = {
        year: sum(
            (Decimal(r["adr"]) * nights(r) for r in kept(source, "Resort Hotel", year)), Decimal(0)
        )
        for year in (2015, 2016, 2017)
    }
    assert sum(by_year.values()) == raw_revenue
    summary = build_summary("Resort Hotel", 2016)
    assert summary.sales.revenue == by_year[2016]
    assert summary.rooms is not None and summary.rooms.revenue == by_year[2016]


def _awkward_rows_came_in(source: Path, hotel: str) -> None:
    """0 nights, ADR 0, the negative ADR and the NULL/NA marks: all in, none as text "NULL"."""
    raw = [r for r in raw_bookings(source) if r["hotel"] == hotel]
    lines = OrderLine.objects.filter(department__name=hotel)
    assert lines.filter(quantity=0).count() == sum(1 for r in raw if nights(r) == 0) == 384
    assert lines.filter(unit_price=0).count() == sum(1 for r in raw if Decimal(r["adr"]) == 0)
    negative = lines.get(unit_price__lt=0)  # the file's one negative ADR, a Resort booking
    assert (negative.unit_price, negative.quantity, negative.amount) == (
        Decimal("-6.38"),
        10,
        Decimal("-63.80"),
    )
    for column, missing in (("agent", "NULL"), ("company", "NULL"), ("children", "NA")):
        present = sum(1 for r in raw if r[column] != missing)
        assert lines.filter(extra__has_key=column).count() == present
        assert not lines.filter(**{f"extra__{column}": missing}).exists()
