"""Export customers: the service each VIP (key) account got, and revenue by country."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from salesdesk.metrics.customers import CustomerTotals
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import Customer
from salesdesk.report.summary import Share, VipService

VIP = "VIP"


def _year(qs: QuerySet[Any], scope: Scope) -> QuerySet[Any]:
    return qs.filter(date__gte=scope.first, date__lte=scope.last)


def _counts(qs: QuerySet[Any], scope: Scope, ids: list[int]) -> dict[int, int]:
    rows = (
        _year(qs, scope).filter(customer_id__in=ids).values("customer_id").annotate(n=Count("id"))
    )
    return {r["customer_id"]: r["n"] for r in rows.order_by()}


def _deliveries(scope: Scope, ids: list[int]) -> dict[int, tuple[int, int, Decimal]]:
    """Per customer: lines with both dates, those on time, and the amount delivered late."""
    rows = (
        scope.year_lines()
        .filter(customer_id__in=ids)
        .values("customer_id")
        .annotate(
            delivered=Count("id", filter=Q(promised_on__isnull=False, delivered_on__isnull=False)),
            on_time=Count("id", filter=Q(delivered_on__lte=F("promised_on"))),
            late=MoneyUnits("amount_cny", filter=Q(delivered_on__gt=F("promised_on"))),
        )
        .order_by()
    )
    return {
        r["customer_id"]: (r["delivered"], r["on_time"], units_to_money(r["late"])) for r in rows
    }


def _incident_costs(scope: Scope, ids: list[int]) -> dict[int, Decimal]:
    rows = (
        _year(scope.incidents(), scope)
        .filter(customer_id__in=ids)
        .values("customer_id")
        .annotate(units=MoneyUnits("cost"))
        .order_by()
    )
    return {r["customer_id"]: units_to_money(r["units"]) for r in rows}


def vip_service(
    scope: Scope, totals: Mapping[int | None, CustomerTotals]
) -> tuple[VipService, ...]:
    """Each VIP customer who bought, was contacted or had an incident in the year, largest first.

    visits = activities of any kind with the customer; on-time rate = lines delivered on or before
    the promised date / lines with both dates (None without any); incidents of any kind.
    """
    vips = {
        c.pk: c
        for c in Customer.objects.filter(department=scope.department, tier=VIP).order_by("code")
    }
    ids = list(vips)
    visits = _counts(scope.activities(), scope, ids)
    incidents = _counts(scope.incidents(), scope, ids)
    costs = _incident_costs(scope, ids)
    deliveries = _deliveries(scope, ids)
    rows = []
    for pk, c in vips.items():
        t = totals.get(pk)
        bought = t is not None and (t.year_orders > 0 or t.revenue != 0)
        if not (bought or visits.get(pk) or incidents.get(pk)):
            continue
        delivered, on_time, late = deliveries.get(pk, (0, 0, ZERO))
        rows.append(
            VipService(
                code=c.code,
                name=c.name,
                country=c.country,
                revenue=t.revenue if t is not None else ZERO,
                visits=visits.get(pk, 0),
                delivered_lines=delivered,
                on_time_lines=on_time,
                on_time_rate=ratio(on_time, delivered),
                late_amount=late,
                incidents=incidents.get(pk, 0),
                incident_cost=costs.get(pk, ZERO),
            )
        )
    return tuple(sorted(rows, key=lambda r: (-r.revenue, r.code)))


def by_country(scope: Scope, totals: Mapping[int | None, CustomerTotals]) -> tuple[Share, ...]:
    """Revenue (net of adjustments) by the customer's country, largest first; count = customers.

    Shares are of the revenue of all customers with sales in the year; a customer without a
    country, and sales naming no customer, fall under "" (not recorded).
    """
    countries = dict(
        Customer.objects.filter(department=scope.department).values_list("id", "country")
    )
    amounts: dict[str, Decimal] = defaultdict(lambda: ZERO)
    counts: dict[str, int] = defaultdict(int)
    for pk, t in totals.items():
        if t.year_orders == 0 and t.revenue == 0:
            continue
        country = (countries.get(pk) or "") if pk is not None else ""
        amounts[country] += t.revenue
        counts[country] += 1 if pk is not None else 0
    whole = sum(amounts.values(), ZERO)
    rows = [Share(k, a, ratio(a, whole), counts[k]) for k, a in amounts.items()]
    return tuple(sorted(rows, key=lambda s: (-s.amount, s.name)))
