"""The real restaurant bills (August 2016) through examples/mappings: bills, covers, paid bills.

Every figure is computed twice: from the stored records (ORM aggregates, exact money units) and
independently from the raw CSV with the standard library only (csv, gzip, Decimal).
"""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.db.models import Count, Sum

from salesdesk.ingest.importer import ImportResult, import_file
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.records.models import OrderLine, Payment
from salesdesk.report.build import build_summary

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]

FILE = "restaurant_cn_bills_2016_08.csv.gz"
DEPARTMENT = "餐饮部"
PAID, UNPAID, CANCELLED = "1", "0", "2"


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def raw_bills(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def raw_money(bills: Iterable[dict[str, str]]) -> Decimal:
    return sum((Decimal(b["accounts_payable"]) for b in bills), Decimal(0))


def raw_covers(bills: Iterable[dict[str, str]]) -> int:
    return sum(int(b["number_consumers"]) for b in bills)


def imported(source: Path, repo: Path, kind: str, mapping: str) -> ImportResult:
    return import_file(
        source, kind, mapping=repo / f"examples/mappings/{mapping}.toml", department=DEPARTMENT
    )


def test_bills_covers_and_paid_bills(real_file, repo):
    source = real_file(FILE)
    bills = raw_bills(source)
    paid = [b for b in bills if b["order_status"] == PAID]
    counted = [b for b in bills if b["order_status"] != CANCELLED]

    orders = imported(source, repo, "orders", "restaurant_bills")
    assert (
        (orders.rows_read, orders.added, orders.rejected)
        == (len(bills), len(bills), 0)
        == (
            945,
            945,
            0,
        )
    )
    assert "dining_table_id" in orders.extra_columns
    payments = imported(source, repo, "payments", "restaurant_bill_payments")
    assert (payments.rows_read, payments.rows_filtered) == (945, len(bills) - len(paid))
    assert (payments.added, payments.rejected) == (len(paid), 0) == (933, 0)

    lines = OrderLine.objects.filter(department__name=DEPARTMENT)
    stored = lines.aggregate(
        bills=Count("order_no", distinct=True), covers=Sum("covers"), quantity=Sum("quantity")
    )
    assert (stored["bills"], stored["covers"]) == (len(bills), raw_covers(bills)) == (945, 4_926)
    assert stored["quantity"] == 4_926  # a bill is sold by the cover
    assert lines.filter(status="cancelled").count() == len(bills) - len(counted) == 3
    by_table = Counter(extra["dining_table_id"] for extra in lines.values_list("extra", flat=True))
    assert by_table == Counter(b["dining_table_id"] for b in bills)
    assert len(by_table) == 76

    # paid bills: net amount and per-cover spend
    received = Payment.objects.filter(department__name=DEPARTMENT).aggregate(
        units=MoneyUnits("amount")
    )
    paid_total = units_to_money(received["units"])
    assert paid_total == raw_money(paid) == Decimal("458520")
    paid_covers = lines.filter(
        order_no__in=Payment.objects.filter(department__name=DEPARTMENT).values("order_no")
    ).aggregate(n=Sum("covers"))["n"]
    assert paid_covers == raw_covers(paid) == 4_853
    assert cents(paid_total / paid_covers) == cents(raw_money(paid) / raw_covers(paid))
    assert cents(paid_total / paid_covers) == Decimal("94.48")

    _report_agrees(counted, paid)


def _report_agrees(counted: list[dict[str, str]], paid: list[dict[str, str]]) -> None:
    """Dining figures count paid and unpaid bills; cancelled ones are left out."""
    summary = build_summary(DEPARTMENT, 2016)
    dining = summary.dining
    assert dining is not None
    assert (dining.bills, dining.covers) == (len(counted), raw_covers(counted)) == (942, 4_902)
    assert dining.net == dining.gross == raw_money(counted) == Decimal("463256")
    assert dining.per_cover is not None
    assert cents(dining.per_cover) == cents(raw_money(counted) / raw_covers(counted))
    assert cents(dining.per_cover) == Decimal("94.50")
    assert dining.avg_per_bill is not None
    assert cents(dining.avg_per_bill) == cents(raw_money(counted) / len(counted))
    assert summary.sales.revenue == raw_money(counted)
    assert summary.collections.amount == raw_money(paid)
