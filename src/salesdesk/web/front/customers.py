"""Customers: the scoped list with its filters, and everything on one customer's page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import DateField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, Greatest

from salesdesk.metrics.scope import NORMAL
from salesdesk.records.models import Activity, Customer, Incident, OrderLine, Payment
from salesdesk.web.access import User, visible

SHOWN = 50  # rows of each kind on a customer page
CONFIRMATION_WORDS = ("confirm", "确认")


@dataclass(frozen=True)
class CustomerFilter:
    q: str = ""
    tier: str = ""
    region: str = ""
    owner: int | None = None
    inactive_days: int | None = None  # no visit and no order for at least this many days
    department: int | None = None


def _last(model: type[OrderLine] | type[Activity]) -> Subquery:
    rows = model.objects.filter(customer=OuterRef("pk")).order_by("-date").values("date")[:1]
    return Subquery(rows, output_field=DateField())


def customer_list(user: User, f: CustomerFilter, today: date) -> QuerySet[Customer]:
    """The user's customers matching the filter, with their last visit and last order."""
    qs = visible(Customer, user).select_related("owner", "department")
    if f.department is not None:
        qs = qs.filter(department_id=f.department)
    if f.q:
        qs = qs.filter(Q(code__icontains=f.q) | Q(name__icontains=f.q))
    if f.tier:
        qs = qs.filter(tier=f.tier)
    if f.region:
        qs = qs.filter(region=f.region)
    if f.owner is not None:
        qs = qs.filter(owner_id=f.owner)
    qs = qs.annotate(last_visit=_last(Activity), last_order=_last(OrderLine))
    if f.inactive_days is not None:
        since = today - timedelta(days=f.inactive_days)
        never = date(1900, 1, 1)
        last = Greatest(
            Coalesce("last_visit", never, output_field=DateField()),
            Coalesce("last_order", never, output_field=DateField()),
        )
        qs = qs.alias(last_contact=last).filter(last_contact__lt=since)
    return qs.order_by("code")


def search(user: User, text: str, limit: int = 10) -> list[dict[str, Any]]:
    """Customers whose code or name contains `text`, for search-as-you-type (JSON rows)."""
    text = text.strip()
    if not text:
        return []
    rows = (
        visible(Customer, user)
        .filter(Q(code__icontains=text) | Q(name__icontains=text))
        .order_by("name")
        .values("id", "code", "name", "tier", "region")[:limit]
    )
    return [dict(r) for r in rows]


@dataclass(frozen=True)
class Confirmation:
    order_no: str
    date: date
    field: str
    value: str


@dataclass(frozen=True)
class CustomerPage:
    customer: Customer
    orders: tuple[OrderLine, ...]
    order_total: Decimal
    payments: tuple[Payment, ...]
    payment_total: Decimal
    visits: tuple[Activity, ...]
    incidents: tuple[Incident, ...]
    confirmations: tuple[Confirmation, ...]
    extra: tuple[tuple[str, str], ...]


def _total(qs: QuerySet[Any], field: str) -> Decimal:
    return qs.aggregate(t=Sum(field))["t"] or Decimal(0)


def confirmations(lines: tuple[OrderLine, ...]) -> tuple[Confirmation, ...]:
    """Columns kept in the order lines' `extra` that record a confirmation (确认 / confirm…)."""
    return tuple(
        Confirmation(line.order_no, line.date, name, str(value))
        for line in lines
        for name, value in sorted(line.extra.items())
        if value not in ("", None) and any(w in name.lower() for w in CONFIRMATION_WORDS)
    )


def customer_page(user: User, customer: Customer) -> CustomerPage:
    """Everything the user may see about one customer (already known to be visible)."""
    orders = visible(OrderLine, user).filter(customer=customer)
    payments = visible(Payment, user).filter(customer=customer)
    lines = tuple(orders.order_by("-date", "order_no", "line_no")[:SHOWN])
    return CustomerPage(
        customer=customer,
        orders=lines,
        order_total=_total(orders.filter(NORMAL), "amount_cny"),
        payments=tuple(payments.order_by("-date", "pk")[:SHOWN]),
        payment_total=_total(payments, "amount"),
        visits=tuple(
            visible(Activity, user)
            .filter(customer=customer)
            .select_related("rep")
            .order_by("-date", "-pk")[:SHOWN]
        ),
        incidents=tuple(
            visible(Incident, user).filter(customer=customer).order_by("-date", "-pk")[:SHOWN]
        ),
        confirmations=confirmations(lines),
        extra=tuple((k, str(v)) for k, v in sorted(customer.extra.items())),
    )
