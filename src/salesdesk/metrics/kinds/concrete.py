"""The ready-mix concrete department's own facts (商品混凝土).

Volume and price are read from the year's non-cancelled order lines in m³ (a concrete
department's unit by default), in one grouped query by month, strength grade and site (both
kept in `OrderLine.extra` by the importer). Price per m³ = line amounts / m³, before
adjustments, as `sales.volume` defines the average price. Collections per customer and rep are
in `concrete_accounts`; order-form errors are the year's incidents of kind `form_error`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import BigIntegerField, Count, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce

from salesdesk.metrics.customers import CustomerInfo, order_field
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.kinds.concrete_accounts import (
    customer_accounts,
    load_rep_payments,
    rep_accounts,
)
from salesdesk.metrics.kinds.periods import month_of
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import Incident
from salesdesk.report.summary import (
    ConcreteFacts,
    FormErrorRow,
    GradeRow,
    SiteRow,
    VolumeMonth,
)

if TYPE_CHECKING:
    from salesdesk.report.build import Computed

M3 = "m3"
FORM_ERROR = "form_error"
TOP_SITES = 10


@dataclass(frozen=True)
class PourGroup:
    """The year's m³ lines of one month, grade, site and customer."""

    month: int
    grade: str
    site: str
    customer_id: int | None
    volume: Decimal
    amount: Decimal
    lines: int


def load_pours(scope: Scope) -> tuple[PourGroup, ...]:
    rows = (
        scope.year_lines()
        .filter(unit=M3)
        .annotate(
            month=month_of(scope.year),
            grade=KT("extra__strength_grade"),
            site=KT("extra__site"),
        )
        .values("month", "grade", "site", "customer_id")
        .annotate(qty=MoneyUnits("quantity"), units=MoneyUnits("amount_cny"), n=Count("id"))
        .order_by()
    )
    return tuple(
        PourGroup(
            r["month"],
            (r["grade"] or "").strip(),
            (r["site"] or "").strip(),
            r["customer_id"],
            units_to_money(r["qty"]),
            units_to_money(r["units"]),
            r["n"],
        )
        for r in rows
    )


def by_grade(pours: Iterable[PourGroup]) -> tuple[GradeRow, ...]:
    """m³, amount, price per m³ and share of the year's m³ per strength grade, largest first."""
    volume: dict[str, Decimal] = defaultdict(lambda: ZERO)
    amount: dict[str, Decimal] = defaultdict(lambda: ZERO)
    lines: dict[str, int] = defaultdict(int)
    for p in pours:
        volume[p.grade] += p.volume
        amount[p.grade] += p.amount
        lines[p.grade] += p.lines
    whole = sum(volume.values(), ZERO)
    rows = [
        GradeRow(g, volume[g], amount[g], ratio(amount[g], volume[g]), ratio(volume[g], whole), n)
        for g, n in lines.items()
    ]
    return tuple(sorted(rows, key=lambda r: (-r.volume_m3, r.grade)))


def by_month(pours: Iterable[PourGroup], year: int) -> tuple[VolumeMonth, ...]:
    """Twelve months, January first: m³, amount and price per m³ (None in a month without m³)."""
    volume: dict[int, Decimal] = defaultdict(lambda: ZERO)
    amount: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for p in pours:
        volume[p.month] += p.volume
        amount[p.month] += p.amount
    return tuple(
        VolumeMonth(f"{year:04d}-{m:02d}", volume[m], amount[m], ratio(amount[m], volume[m]))
        for m in range(1, 13)
    )


def top_sites(
    pours: Iterable[PourGroup], customers: dict[int, CustomerInfo], limit: int = TOP_SITES
) -> tuple[int, tuple[SiteRow, ...]]:
    """Distinct named sites, and the largest by m³ with the customer who took most of each."""
    volume: dict[str, Decimal] = defaultdict(lambda: ZERO)
    amount: dict[str, Decimal] = defaultdict(lambda: ZERO)
    lines: dict[str, int] = defaultdict(int)
    by_customer: dict[str, dict[int | None, Decimal]] = defaultdict(
        lambda: defaultdict(lambda: ZERO)
    )
    for p in pours:
        if not p.site:
            continue
        volume[p.site] += p.volume
        amount[p.site] += p.amount
        lines[p.site] += p.lines
        by_customer[p.site][p.customer_id] += p.volume
    rows = []
    for site in volume:
        main = max(by_customer[site].items(), key=lambda kv: (kv[1], -(kv[0] or 0)))[0]
        info = customers.get(main) if main is not None else None
        code, name = (info.code, info.name) if info else ("", "")
        rows.append(SiteRow(site, code, name, volume[site], amount[site], lines[site]))
    rows.sort(key=lambda r: (-r.volume_m3, r.site))
    return len(rows), tuple(rows[:limit])


def _year_form_errors(scope: Scope) -> QuerySet[Incident]:
    return scope.incidents().filter(kind=FORM_ERROR, date__gte=scope.first, date__lte=scope.last)


def load_form_errors(scope: Scope, customers: dict[int, CustomerInfo]) -> tuple[FormErrorRow, ...]:
    """The year's form errors by date; the customer is the incident's, else its order's."""
    customer = Coalesce(
        "customer_id", order_field(scope, "customer_id"), output_field=BigIntegerField()
    )
    rows = (
        _year_form_errors(scope)
        .annotate(c=customer)
        .order_by("date", "id")
        .values_list("date", "order_no", "c", "cost", "note")
    )
    return tuple(
        _error_row(day, order, c, cost, note, customers) for day, order, c, cost, note in rows
    )


def _error_row(
    day: date,
    order: str,
    customer_id: int | None,
    cost: Decimal | None,
    note: str,
    customers: dict[int, CustomerInfo],
) -> FormErrorRow:
    info = customers.get(customer_id) if customer_id is not None else None
    return FormErrorRow(
        day, order, info.code if info else "", info.name if info else "", cost or ZERO, note
    )


def pour_orders(scope: Scope) -> tuple[int, int]:
    """Distinct orders with an m³ line dated in the year (cancelled included: a wrong form may be
    why an order was cancelled), and how many of them a form error of the year names."""
    orders = (
        scope.lines()
        .filter(unit=M3, date__gte=scope.first, date__lte=scope.last)
        .values("order_no")
    )
    total = orders.distinct().count()
    named = _year_form_errors(scope).filter(order_no__in=orders).values("order_no").distinct()
    return total, named.count()


def facts(scope: Scope, c: Computed) -> ConcreteFacts | None:
    """None when the scope has no m³ sold, no collection account and no form error."""
    info = c.ledger.customers
    pours = load_pours(scope)
    customers, no_customer = customer_accounts(c)
    reps, no_rep = rep_accounts(scope, c, load_rep_payments(scope))
    errors = load_form_errors(scope, info)
    if not (pours or customers or no_customer or errors):
        return None
    volume = sum((p.volume for p in pours), ZERO)
    amount = sum((p.amount for p in pours), ZERO)
    sites, top = top_sites(pours, info)
    orders, with_error = pour_orders(scope)
    return ConcreteFacts(
        volume_m3=volume,
        amount=amount,
        avg_price=ratio(amount, volume),
        by_grade=by_grade(pours),
        by_month=by_month(pours, scope.year),
        sites=sites,
        top_sites=top,
        customers=customers,
        customers_unassigned=no_customer,
        reps=reps,
        reps_unassigned=no_rep,
        pour_orders=orders,
        form_errors=errors,
        form_error_cost=sum((e.cost for e in errors), ZERO),
        orders_with_error=with_error,
        error_share=ratio(with_error, orders),
    )
