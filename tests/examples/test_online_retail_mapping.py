"""The real UCI Online Retail file through examples/mappings: every line in, totals exact."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db.models import Count

from salesdesk.ingest.importer import import_file
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.records.models import OrderLine

pytestmark = [pytest.mark.django_db, pytest.mark.realdata, pytest.mark.slow]


def test_online_retail_imports_every_line(real_file, repo):
    source = real_file("online_retail_2010_2011.csv.gz")
    result = import_file(
        source,
        "orders",
        mapping=repo / "examples/mappings/online_retail_orders.toml",
        department="retail",
    )
    assert (result.rows_read, result.added, result.rejected) == (541_909, 541_909, 0)
    assert len(result.new_customers) == 4_372
    totals = OrderLine.objects.aggregate(
        lines=Count("pk"),
        orders=Count("order_no", distinct=True),
        customers=Count("customer", distinct=True),
        amount=MoneyUnits("amount"),
    )
    assert totals["lines"] == 541_909
    assert totals["orders"] == 25_900
    assert totals["customers"] == 4_372
    amount = units_to_money(totals["amount"])
    assert amount == Decimal("9747747.9340")  # the data set's published Σ Quantity × UnitPrice
    assert amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) == Decimal("9747747.93")
