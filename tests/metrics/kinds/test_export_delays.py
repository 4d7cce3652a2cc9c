"""Late lines: read through the partial index of lines with a delivery date (records migration
0009), so a department that records no deliveries pays nothing for them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from salesdesk.metrics.kinds.export_delays import load_late_lines
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import Customer, Department, OrderLine

pytestmark = pytest.mark.django_db


def _line(dept: Department, n: int, customer: Customer, **dates: date | None) -> OrderLine:
    return OrderLine(
        department=dept,
        key=f"SO{n}#1",
        order_no=f"SO{n}",
        line_no=1,
        date=date(2025, 3, 1),
        customer=customer,
        quantity=Decimal(1),
        amount=Decimal(10),
        amount_cny=Decimal(10),
        **dates,
    )


def test_late_lines_are_found_through_the_delivery_index() -> None:
    dept = Department.objects.create(name="出口")
    buyer = Customer.objects.create(department=dept, key="C1", code="C1", name="C1")
    promised, late, early = date(2025, 4, 1), date(2025, 4, 9), date(2025, 3, 28)
    OrderLine.objects.bulk_create(
        [_line(dept, n, buyer) for n in range(200)]  # no delivery recorded
        + [
            _line(dept, 900, buyer, promised_on=promised, delivered_on=late),
            _line(dept, 901, buyer, promised_on=promised, delivered_on=early),
            _line(dept, 902, buyer, promised_on=promised, delivered_on=date(2026, 1, 5)),
        ]
    )
    scope = Scope(dept, 2025)
    events = load_late_lines(scope)
    assert [(e.day, e.order, e.customer_id) for e in events] == [(late, "SO900", buyer.pk)]

    with CaptureQueriesContext(connection) as queries:
        load_late_lines(scope)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE records_orderline")
            cursor.execute("SET LOCAL enable_seqscan = off")  # among the index paths only
            cursor.execute("EXPLAIN " + queries.captured_queries[-1]["sql"])
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + queries.captured_queries[-1]["sql"])
        plan = " ".join(str(row[-1] if connection.vendor == "sqlite" else row[0]) for row in cursor)
    assert "orderline_delivered" in plan
