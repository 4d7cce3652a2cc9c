"""Importer bugs found by the property tests (test_fuzz_importer.py), kept as tests now that
they are fixed. Each test states what the contract asks for: a cell the record cannot hold is a
bad row naming its column, and anything kept reads back exactly.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from salesdesk.ingest.export import export_kind
from salesdesk.ingest.importer import import_file
from salesdesk.records.registry import MODELS

pytestmark = pytest.mark.django_db

ORDER = [
    "order",
    "line",
    "date",
    "customer",
    "quantity",
    "unit_price",
    "amount",
    "currency",
    "fx_rate",
]
ROW = {"order": "A", "line": "1", "date": "2016-01-05", "customer": "C1", "quantity": "2"}
ROW |= {"unit_price": "9.9", "amount": "", "currency": "CNY", "fx_rate": ""}


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _order_file(tmp_path: Path, **cells: str) -> Path:
    row = {**ROW, **cells}
    return _write(tmp_path / "orders.csv", [ORDER, [row[n] for n in ORDER]])


def _rejected_or_kept(path: Path, column: str, value: str) -> None:
    """The contract: a cell the record cannot hold is a bad row, named; anything kept reads back."""
    result = import_file(path, "orders")
    if result.problems:
        assert [(p.row, p.column) for p in result.problems] == [(2, column)]
        return
    stored = MODELS["orders"].objects.values_list(_COLUMNS[column], flat=True).get()  # type: ignore[attr-defined]
    assert str(stored) == value or Decimal(str(stored)) == Decimal(value)


_COLUMNS = {"quantity": "quantity", "unit_price": "unit_price", "amount": "amount"}
_COLUMNS |= {"line": "line_no", "order": "order_no", "customer": "customer__code"}
_COLUMNS |= {"currency": "currency"}


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("quantity", "1e400"),  # builders.q4: decimal.InvalidOperation
        ("unit_price", "1e30"),  # builders.q4: decimal.InvalidOperation
        (
            "quantity",
            "99999999999999999999",
        ),  # SQLite: stored, then every read raises; PG: DataError
        ("amount", "1e17"),  # as above
    ],
)
def test_a_number_too_large_for_money_is_a_bad_row(tmp_path, column, value):
    _rejected_or_kept(_order_file(tmp_path, **{column: value}), column, value)


@pytest.mark.parametrize(
    ("column", "value", "stored"),
    [
        pytest.param(
            "line",
            "9223372036854775808",
            "9223372036854775808",
        ),
        pytest.param("line", "2147483648", "2147483648"),
        pytest.param("order", "X" * 150, "X" * 150),
        pytest.param("customer", "C" * 300, "C" * 300),
        pytest.param("currency", "euro", "EURO"),
    ],
)
def test_a_cell_too_large_for_its_column_is_a_bad_row(tmp_path, column, value, stored):
    path = _order_file(tmp_path, **{column: value, "fx_rate": "7.1"})
    _rejected_or_kept(path, column, stored)


def test_money_with_sixteen_digits_is_kept_exactly_or_rejected(tmp_path):
    """Kept exactly on PostgreSQL; on SQLite (REAL, 15 digits) a bad row naming the column."""
    _rejected_or_kept(
        _order_file(tmp_path, amount="123456789012.3456"), "amount", "123456789012.3456"
    )


@pytest.mark.parametrize(
    ("kind", "rows"),
    [
        ("payments", [["日期", "收款方式", "金额"], ["2016-01-06", "现金", "240.50"]]),
        ("payments", [["日期", "收款方式", "金额"], ["2016-01-06", "现金", "1.5万"]]),
        (
            "payments",
            [["日期", "客户", "收款方式", "金额"], ["2016-01-06", "Jumbo", "现金", "240"]],
        ),
        ("adjustments", [["单号", "日期", "类型", "金额"], ["B7", "2016-01-06", "折扣", "30.0"]]),
        (
            "activities",
            [["日期", "业务员", "客户", "方式"], ["2016-01-07", "R01", "Jumbo", "电话"]],
        ),
        ("incidents", [["日期", "类型", "客户"], ["2016-01-09", "质量问题", "Jumbo"]]),
    ],
)
def test_export_then_import_adds_nothing_to_records_without_a_given_key(tmp_path, kind, rows):
    _write(tmp_path / "customers.csv", [["客户编号", "客户名称"], ["C1", "Jumbo"]])
    assert import_file(tmp_path / "customers.csv", "customers").written
    assert import_file(_write(tmp_path / f"{kind}.csv", rows), kind).added == 1
    export_kind(kind, tmp_path / "export.csv")
    again = import_file(tmp_path / "export.csv", kind)
    assert (again.added, again.updated) == (0, 0)


def test_export_then_import_keeps_amount_cny(tmp_path):
    path = _order_file(
        tmp_path, quantity="3.3333", unit_price="1.2345", currency="USD", fx_rate="2.5"
    )
    assert import_file(path, "orders").written
    export_kind("orders", tmp_path / "export.csv")
    again = import_file(tmp_path / "export.csv", "orders")
    assert again.updated == 0


def test_text_starting_with_equals_survives_an_xlsx_export(tmp_path):
    rows = [["日期", "业务员", "方式", "备注"], ["2016-01-07", "R01", "电话", "=1+2"]]
    assert import_file(_write(tmp_path / "a.csv", rows), "activities").written
    export_kind("activities", tmp_path / "export.xlsx")
    again = import_file(tmp_path / "export.xlsx", "activities")
    assert again.updated == 0
    assert MODELS["activities"].objects.values_list("note", flat=True).get() == "=1+2"  # type: ignore[attr-defined]
