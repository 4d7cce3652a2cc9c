"""On-time delivery, incidents, complaints after a late delivery, ideas per rep per month."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesdesk.metrics import delivery, sales, staffing
from salesdesk.metrics.scope import Scope

D = Decimal
pytestmark = pytest.mark.django_db


def test_delivery_facts(export_2024: Scope) -> None:
    data = sales.load_sales(export_2024)
    spans = staffing.windows(export_2024, None)
    facts = delivery.delivery_facts(export_2024, data.days, delivery.load_ideas(export_2024), spans)
    assert (facts.delivered_lines, facts.on_time_lines) == (2, 1)  # O1 line 2 arrived late
    assert facts.on_time_rate == D("0.5")
    assert [(i.kind, i.count, i.cost) for i in facts.incidents] == [
        ("form_error", 1, D("1500")),
        ("late_delivery", 1, D("200")),
    ]
    assert (facts.ideas_submitted, facts.ideas_adopted, facts.idea_rewards) == (2, 1, D("500"))
    assert facts.ideas_per_rep_month == D(2) / 28  # R1 12 months, R2 10, R3 6


def test_complaints_after_a_late_delivery(export_2024: Scope) -> None:
    count, cost, orders = delivery.complaints_after_late(export_2024)
    assert (count, cost, orders) == (1, D("200"), ("O1",))  # IN1 on 1 Feb after O1 late on 25 Jan
    assert sum(d.late_amount for d in sales.load_days(export_2024)) == D("200")


def test_form_error_records(export_2024: Scope) -> None:
    assert delivery.incident_records(export_2024, "form_error") == ("O8",)


def test_no_delivery_dates_gives_none() -> None:
    assert delivery.on_time_rate(0, 0) is None
