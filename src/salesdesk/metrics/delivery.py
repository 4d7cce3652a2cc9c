"""Delivery and the work around sales: on-time delivery, incidents (客诉/事故) and product ideas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q

from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.metrics.sales import DayTotals
from salesdesk.metrics.scope import NORMAL, Scope
from salesdesk.metrics.staffing import Window, rep_months
from salesdesk.records.models import OrderLine
from salesdesk.report.summary import DeliveryFacts, IncidentRow

COMPLAINT_KINDS = ("late_delivery", "quality", "sample", "mold_delay", "other")


@dataclass(frozen=True)
class IdeaTotals:
    submitted: int
    adopted: int
    rewards: Decimal


def delivered_lines(days: Sequence[DayTotals], year: int) -> tuple[int, int]:
    """(lines with both a promised and a delivered date, of which delivered on or before the promise)."""
    mine = [d for d in days if d.day.year == year]
    return sum(d.delivered for d in mine), sum(d.on_time for d in mine)


def on_time_rate(delivered: int, on_time: int) -> Decimal | None:
    """On-time delivery = lines delivered on or before the promised date / lines with both dates."""
    return ratio(on_time, delivered)


def incidents(scope: Scope) -> tuple[IncidentRow, ...]:
    """Incidents of the year by kind: count and Σ cost, largest cost first."""
    rows = (
        scope.incidents()
        .filter(date__gte=scope.first, date__lte=scope.last)
        .values("kind")
        .annotate(n=Count("id"), units=MoneyUnits("cost"))
        .order_by()
    )
    found = [IncidentRow(r["kind"], r["n"], units_to_money(r["units"])) for r in rows]
    return tuple(sorted(found, key=lambda i: (-i.cost, -i.count, i.kind)))


def complaints_after_late(scope: Scope) -> tuple[int, Decimal, tuple[str, ...]]:
    """Complaints of the year (incidents other than form errors) dated on or after a late
    delivery of the same order, or to the same customer: count, Σ cost, their order numbers."""
    late = OrderLine.objects.filter(
        NORMAL, delivered_on__gt=F("promised_on"), delivered_on__lte=OuterRef("date")
    )
    # Each subquery leads with an indexed column: (department, order_no), or the customer's
    # own foreign-key index (a customer belongs to one department).
    same_order = Q(
        Exists(late.filter(department=scope.department, order_no=OuterRef("order_no"))),
        ~Q(order_no=""),
    )
    same_customer = Q(
        Exists(late.filter(customer_id=OuterRef("customer_id"))), customer__isnull=False
    )
    found = list(
        scope.incidents()
        .filter(date__gte=scope.first, date__lte=scope.last, kind__in=COMPLAINT_KINDS)
        .filter(same_order | same_customer)
        .order_by("date", "id")
        .values_list("order_no", "cost")
    )
    cost = sum((c for _o, c in found if c is not None), ZERO)
    return len(found), cost, tuple(o for o, _c in found if o)


def incident_records(scope: Scope, kind: str) -> tuple[str, ...]:
    """The year's incidents of one kind, named by order number (or date when they name none)."""
    rows = (
        scope.incidents()
        .filter(date__gte=scope.first, date__lte=scope.last, kind=kind)
        .order_by("date", "id")
        .values_list("order_no", "date")
    )
    return tuple(order or day.isoformat() for order, day in rows)


def load_ideas(scope: Scope) -> IdeaTotals:
    rows = scope.ideas().filter(date__gte=scope.first, date__lte=scope.last)
    got = rows.aggregate(
        n=Count("id"), adopted=Count("id", filter=Q(status="adopted")), units=MoneyUnits("reward")
    )
    return IdeaTotals(got["n"], got["adopted"], units_to_money(got["units"]))


def ideas_per_rep_month(ideas: int, spans: Sequence[Window]) -> Decimal | None:
    """Ideas per rep per month = ideas of the year / Σ over reps of the months they were on the team."""
    return ratio(ideas, rep_months(spans))


def delivery_facts(
    scope: Scope, days: Sequence[DayTotals], ideas: IdeaTotals, spans: Sequence[Window]
) -> DeliveryFacts:
    delivered, on_time = delivered_lines(days, scope.year)
    return DeliveryFacts(
        delivered_lines=delivered,
        on_time_lines=on_time,
        on_time_rate=on_time_rate(delivered, on_time),
        incidents=incidents(scope),
        ideas_submitted=ideas.submitted,
        ideas_adopted=ideas.adopted,
        idea_rewards=ideas.rewards,
        ideas_per_rep_month=ideas_per_rep_month(ideas.submitted, spans),
    )
