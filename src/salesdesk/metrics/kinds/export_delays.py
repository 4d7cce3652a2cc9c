"""Delays of export orders and what followed: late deliveries, mold delays, complaints.

A delay is an order line delivered after its promised date (dated on its delivery day), or an
incident of kind late_delivery or mold_delay (dated on its own day). A complaint after a delay is
an incident of kind quality, sample or other of the year, dated on or after a delay of the same
order or of the same customer — the seed's "模具的模期未能按时完成，客户投诉频繁".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F

from salesdesk.metrics.ratios import ZERO
from salesdesk.metrics.sales import SalesData
from salesdesk.metrics.scope import NORMAL, Scope
from salesdesk.report.summary import DelayFacts, DeliveryFacts

DELAY_KINDS = ("late_delivery", "mold_delay")
COMPLAINT_KINDS = ("quality", "sample", "other")


@dataclass(frozen=True)
class Event:
    day: date
    kind: str
    order: str
    customer_id: int | None
    cost: Decimal


def load_incidents(scope: Scope) -> list[Event]:
    rows = (
        scope.incidents()
        .filter(date__gte=scope.first, date__lte=scope.last)
        .order_by("date", "id")
        .values_list("date", "kind", "order_no", "customer_id", "cost")
    )
    return [Event(d, k, o, c, cost if cost is not None else ZERO) for d, k, o, c, cost in rows]


def load_late_lines(scope: Scope) -> list[Event]:
    """Late deliveries up to the year's end, one event per order, customer and delivery day."""
    rows = (
        scope.lines()
        .filter(NORMAL, delivered_on__gt=F("promised_on"), delivered_on__lte=scope.last)
        .values_list("delivered_on", "order_no", "customer_id")
        .distinct()
    )
    return [Event(d, "late_line", o, c, ZERO) for d, o, c in rows if d is not None]


def _follows(complaint: Event, delays: Iterable[Event]) -> bool:
    for d in delays:
        if d.day > complaint.day:
            continue
        same_order = bool(complaint.order) and d.order == complaint.order
        same_customer = complaint.customer_id is not None and d.customer_id == complaint.customer_id
        if same_order or same_customer:
            return True
    return False


def _orders(events: Iterable[Event]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.order for e in events if e.order))


def delay_facts(
    delivery: DeliveryFacts, data: SalesData, incidents: list[Event], late: list[Event]
) -> DelayFacts:
    """Late lines come from the general delivery facts; incidents are counted here."""
    late_incidents = [e for e in incidents if e.kind == "late_delivery"]
    molds = [e for e in incidents if e.kind == "mold_delay"]
    delays = [*late, *late_incidents, *molds]
    complaints = [e for e in incidents if e.kind in COMPLAINT_KINDS and _follows(e, delays)]
    return DelayFacts(
        late_lines=delivery.delivered_lines - delivery.on_time_lines,
        late_amount=sum((d.late_amount for d in data.days_of(data.year)), ZERO),
        late_incidents=len(late_incidents),
        late_incident_cost=sum((e.cost for e in late_incidents), ZERO),
        mold_delays=len(molds),
        mold_delay_cost=sum((e.cost for e in molds), ZERO),
        mold_delay_orders=_orders(molds),
        complaints=len(complaints),
        complaint_cost=sum((e.cost for e in complaints), ZERO),
        complaint_orders=_orders(complaints),
    )
