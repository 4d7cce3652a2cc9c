"""Mapping files: renames, constants, derived fields, value rewrites, filters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from salesdesk.ingest.importer import import_file
from salesdesk.ingest.mapping import load_mapping
from salesdesk.ingest.problems import FileProblem
from salesdesk.records.models import OrderLine

pytestmark = pytest.mark.django_db

BOOKINGS = [
    [
        "hotel",
        "is_canceled",
        "arrival_date_year",
        "arrival_date_month",
        "arrival_date_day_of_month",
        "stays_in_weekend_nights",
        "stays_in_week_nights",
        "adr",
        "distribution_channel",
    ],
    ["City Hotel", "0", "2016", "July", "3", "1", "2", "100.5", "TA/TO"],
    ["City Hotel", "1", "2016", "August", "1", "0", "1", "80", "Direct"],
    ["Resort Hotel", "0", "2016", "July", "3", "2", "0", "200", "Direct"],
]

MAPPING = """
[columns]
is_canceled = "status"
distribution_channel = "channel"
[constants]
unit = "room_night"
[derived]
order = "{_row}"
date = "{arrival_date_year}-{arrival_date_month}-{arrival_date_day_of_month}"
quantity = "stays_in_weekend_nights + stays_in_week_nights"
amount = "adr * (stays_in_weekend_nights + stays_in_week_nights)"
[values.is_canceled]
"0" = "normal"
"1" = "cancelled"
[values.arrival_date_month]
July = "7"
August = "8"
[filter]
hotel = "City Hotel"
"""


def test_mapping_derives_fields_and_filters(write_csv, tmp_path):
    mapping = tmp_path / "map.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    result = import_file(write_csv("bookings.csv", BOOKINGS), "orders", mapping=mapping)
    assert (result.added, result.rows_filtered) == (2, 1)
    assert result.extra_columns == ["hotel"]
    first, second = OrderLine.objects.order_by("order_no")
    assert (first.order_no, first.date, first.quantity, first.amount) == (
        "2",
        date(2016, 7, 3),
        3,
        Decimal("301.5"),
    )
    assert (first.unit, first.channel, first.status) == ("room_night", "TA/TO", "normal")
    assert (second.date, second.status) == (date(2016, 8, 1), "cancelled")


def test_mapping_naming_a_missing_column(write_csv, tmp_path):
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\nNoSuchColumn = "order"\n', encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        import_file(write_csv("bookings.csv", BOOKINGS), "orders", mapping=mapping)
    assert "NoSuchColumn" in caught.value.message()


def test_mapping_formula_may_only_do_arithmetic(tmp_path):
    mapping = tmp_path / "map.toml"
    mapping.write_text("[derived]\namount = \"__import__('os').system('x')\"\n", encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        load_mapping(mapping)
    assert "只能用 + - * /" in caught.value.message()


def test_derived_division_by_zero_is_a_row_problem(write_csv, tmp_path):
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[columns]\no = "order"\nd = "date"\nq = "quantity"\n[derived]\namount = "q / 0"\n'
    )
    result = import_file(
        write_csv("x.csv", [["o", "d", "q"], ["1", "2016-01-01", "2"]]), "orders", mapping=mapping
    )
    assert [(p.row, p.column, p.reason_zh) for p in result.problems] == [(2, "q / 0", "除数为零")]
