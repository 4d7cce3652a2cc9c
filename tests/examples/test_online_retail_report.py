"""The 2011 report of the real Online Retail file equals an independent computation on the raw file."""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

from salesdesk.ingest.importer import import_file
from salesdesk.report.build import build_summary
from salesdesk.report.facts import summary_to_facts

pytestmark = [pytest.mark.django_db, pytest.mark.realdata, pytest.mark.slow]
CENT = Decimal("0.01")


def _raw_2011(path):
    """Revenue by month, invoices, customers' revenue — straight from the CSV, with Decimal."""
    months: dict[int, Decimal] = defaultdict(Decimal)
    customers: dict[str, Decimal] = defaultdict(Decimal)
    invoices: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row["InvoiceDate"].startswith("2011"):
                continue
            amount = Decimal(row["Quantity"]) * Decimal(row["UnitPrice"])
            months[int(row["InvoiceDate"][5:7])] += amount
            invoices.add(row["InvoiceNo"])
            if row["CustomerID"]:
                customers[row["CustomerID"]] += amount
    return months, invoices, customers


def _money(value: Decimal) -> float:
    return float(value.quantize(CENT, rounding=ROUND_HALF_UP))


def test_report_2011_matches_the_raw_file(real_file, repo):
    source = real_file("online_retail_2010_2011.csv.gz")
    mapping = repo / "examples/mappings/online_retail_orders.toml"
    assert import_file(source, "orders", mapping=mapping, department="retail").added == 541_909
    months, invoices, customers = _raw_2011(source)
    facts = summary_to_facts(build_summary("retail", 2011))

    assert facts["sales"]["revenue"] == _money(sum(months.values(), Decimal(0)))
    assert [m["revenue"] for m in facts["sales"]["by_month"]] == [
        _money(months[m]) for m in range(1, 13)
    ]
    assert [m["month"] for m in facts["sales"]["by_month"]] == [
        f"2011-{m:02d}" for m in range(1, 13)
    ]
    assert facts["sales"]["orders"] == len(invoices)
    assert facts["customers"]["active"] == len(customers)
    positive = sorted((v for v in customers.values() if v > 0), reverse=True)
    top5 = sum(positive[:5], Decimal(0)) / sum(positive, Decimal(0))
    assert facts["customers"]["top5_share"] == float(
        top5.quantize(Decimal("0.0001"), ROUND_HALF_UP)
    )
