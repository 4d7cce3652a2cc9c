"""Sales: revenue, orders, months, volume and the mix by order type, channel and category.

Three grouped reads, each once:

* `load_days` — one row per day of the year and the year before;
* `load_dimensions` — the year grouped by order type, channel, category and unit;
* `load_adjustments` — deductions per day and kind.

The first two read the department's rollups (rollups.py), or the order lines themselves for a
rep's report; both compute the sums defined in line_sums.py.

The KPI functions below compute from those rows; none of them queries again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

from salesdesk.metrics import rollups
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.line_sums import (
    DAY_FIELDS,
    MIX_DIMENSIONS,
    day_sums,
    mix_sums,
)
from salesdesk.metrics.ratios import ZERO, change, cv, ratio
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import LineDay, LineMix
from salesdesk.report.summary import MonthRow, SalesFacts, Share, UnitVolume

WEAK_MONTH_SHARE = Decimal("0.8")


@dataclass(frozen=True)
class DayTotals:
    """The order lines of one day (non-cancelled unless said otherwise)."""

    day: date
    gross: Decimal  # Σ amount_cny
    orders: int  # distinct order numbers of the day
    returns: Decimal  # Σ amount_cny of negative-quantity lines (a negative number)
    cancelled_orders: int  # distinct order numbers with a cancelled line
    delivered: int  # lines with both a promised and a delivered date
    on_time: int  # … delivered on or before the promised date
    late_amount: Decimal  # Σ amount_cny of lines delivered after the promised date
    mismatched: int  # lines whose amount ≠ quantity × unit price (± 0.01)
    cover_lines: int  # lines (any status) that carry a number of covers: restaurant bills


@dataclass(frozen=True)
class AdjustmentDay:
    day: date
    kind: str
    amount: Decimal
    count: int


@dataclass(frozen=True)
class DimensionRow:
    order_type: str
    channel: str
    category: str
    unit: str
    amount: Decimal
    quantity: Decimal
    lines: int


@dataclass(frozen=True)
class RevenueTargets:
    """The scope's revenue targets of the year: the annual record and the monthly ones."""

    annual_record: Decimal | None
    monthly: dict[int, Decimal]

    @property
    def annual(self) -> Decimal | None:
        """The annual target record, or the sum of the monthly targets when only those exist."""
        if self.annual_record is not None:
            return self.annual_record
        return sum(self.monthly.values(), ZERO) if self.monthly else None


@dataclass(frozen=True)
class SalesData:
    """Everything the sales KPIs need, read once."""

    year: int
    days: tuple[DayTotals, ...]
    adjustments: tuple[AdjustmentDay, ...]
    dimensions: tuple[DimensionRow, ...]
    targets: RevenueTargets

    def days_of(self, year: int) -> list[DayTotals]:
        return [d for d in self.days if d.day.year == year]

    def adjustments_of(self, year: int) -> list[AdjustmentDay]:
        return [a for a in self.adjustments if a.day.year == year]


def load_days(scope: Scope) -> tuple[DayTotals, ...]:
    """One row per day with order lines, over the year and the year before."""
    if not rollups.usable(scope):
        return lines_days(scope)
    span = {"date__gte": date(scope.year - 1, 1, 1), "date__lte": scope.last}
    rows = LineDay.objects.filter(department=scope.department, **span)
    return _days(rows.values("date", *DAY_FIELDS))


def lines_days(scope: Scope) -> tuple[DayTotals, ...]:
    """`load_days` read from the order lines themselves."""
    span = {"date__gte": date(scope.year - 1, 1, 1), "date__lte": scope.last}
    return _days(scope.lines().filter(**span).values("date").annotate(**day_sums()))


def _days(rows: QuerySet[Any, Any]) -> tuple[DayTotals, ...]:
    return tuple(
        DayTotals(
            day=r["date"],
            gross=units_to_money(r["gross"]),
            orders=r["orders"],
            returns=units_to_money(r["returns"]),
            cancelled_orders=r["cancelled_orders"],
            delivered=r["delivered"],
            on_time=r["on_time"],
            late_amount=units_to_money(r["late"]),
            mismatched=r["mismatched"],
            cover_lines=r["cover_lines"],
        )
        for r in rows.order_by("date")
    )


def load_adjustments(scope: Scope) -> tuple[AdjustmentDay, ...]:
    """Adjustments per day and kind, over the year and the year before."""
    rows = (
        scope.adjustments()
        .filter(date__gte=date(scope.year - 1, 1, 1), date__lte=scope.last)
        .values("date", "kind")
        .annotate(units=MoneyUnits("amount"), n=Count("id"))
        .order_by("date", "kind")
    )
    return tuple(
        AdjustmentDay(r["date"], r["kind"], units_to_money(r["units"]), r["n"]) for r in rows
    )


def load_dimensions(scope: Scope) -> tuple[DimensionRow, ...]:
    """The year's non-cancelled lines grouped by order type, channel, category and unit."""
    if not rollups.usable(scope):
        return lines_dimensions(scope)
    rows = LineMix.objects.filter(
        department=scope.department, date__gte=scope.first, date__lte=scope.last
    )
    sums = {"units": Sum("amount"), "qty": Sum("quantity"), "n": Sum("lines")}
    return _dimensions(rows.values(*MIX_DIMENSIONS).annotate(**sums))


def lines_dimensions(scope: Scope) -> tuple[DimensionRow, ...]:
    """`load_dimensions` read from the order lines themselves."""
    return _dimensions(scope.year_lines().values(*MIX_DIMENSIONS).annotate(**mix_sums()))


def _dimensions(rows: QuerySet[Any, Any]) -> tuple[DimensionRow, ...]:
    return tuple(
        DimensionRow(
            r["order_type"],
            r["channel"],
            r["category"],
            r["unit"],
            units_to_money(r["units"]),
            units_to_money(r["qty"]),
            int(r["n"]),
        )
        for r in rows.order_by(*MIX_DIMENSIONS)
    )


def load_targets(scope: Scope) -> RevenueTargets:
    """The scope's revenue targets of the year (annual record and monthly records)."""
    annual: Decimal | None = None
    monthly: dict[int, Decimal] = {}
    for month, value in scope.targets("revenue").values_list("month", "value"):
        if month is None:
            annual = value
        else:
            monthly[month] = value
    return RevenueTargets(annual, monthly)


def load_sales(scope: Scope) -> SalesData:
    return SalesData(
        scope.year,
        load_days(scope),
        load_adjustments(scope),
        load_dimensions(scope),
        load_targets(scope),
    )


def _month(d: date) -> int:
    return d.month


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)


def gross(data: SalesData, year: int | None = None) -> Decimal:
    """Gross sales: Σ amount_cny of the non-cancelled order lines dated in the year.

    Returns are negative lines and are netted here; adjustments are not yet deducted.
    """
    return _sum(d.gross for d in data.days_of(year or data.year))


def adjustments_total(data: SalesData, year: int | None = None) -> Decimal:
    """Σ of all adjustments dated in the year (every kind is a deduction)."""
    return _sum(a.amount for a in data.adjustments_of(year or data.year))


def revenue(data: SalesData, year: int | None = None) -> Decimal:
    """Revenue (net sales): gross sales − adjustments of the year, in CNY.

    Order lines: amount_cny of every line that is not cancelled (returns are
    negative lines, so they are netted). Adjustments: every kind (discount,
    voucher, comp, rounding, free, hosting, return, other) is a deduction.
    """
    return gross(data, year) - adjustments_total(data, year)


def returns(data: SalesData) -> Decimal:
    """Returned amounts of the year as a positive number (already netted in revenue)."""
    return -_sum(d.returns for d in data.days_of(data.year))


def orders(data: SalesData) -> int:
    """Distinct order numbers among the year's non-cancelled lines.

    An order is one order number on one order date; counted per day, so an
    order whose lines carry two dates would count on each.
    """
    return sum(d.orders for d in data.days_of(data.year))


def lines(data: SalesData) -> int:
    """Non-cancelled order lines dated in the year."""
    return sum(d.lines for d in data.dimensions)


def cancelled_orders(data: SalesData) -> int:
    """Distinct order numbers with a cancelled line in the year."""
    return sum(d.cancelled_orders for d in data.days_of(data.year))


def has_year(data: SalesData, year: int) -> bool:
    """Whether the scope has any order line or adjustment in `year`."""
    return any(d.orders for d in data.days_of(year)) or bool(data.adjustments_of(year))


def last_year(data: SalesData) -> Decimal | None:
    """Revenue of the year before, or None when that year has no order lines or adjustments."""
    return revenue(data, data.year - 1) if has_year(data, data.year - 1) else None


def attainment(data: SalesData) -> Decimal | None:
    """revenue / annual revenue target (the annual record, or Σ monthly targets); None without one."""
    return ratio(revenue(data), data.targets.annual)


def monthly_revenue(data: SalesData, year: int) -> dict[int, Decimal]:
    """Net revenue per month: the month's lines less the month's adjustments (all 12 months)."""
    months = dict.fromkeys(range(1, 13), ZERO)
    for d in data.days_of(year):
        months[d.day.month] += d.gross
    for a in data.adjustments_of(year):
        months[a.day.month] -= a.amount
    return months


def _months_with_data(data: SalesData, year: int) -> set[int]:
    found = {d.day.month for d in data.days_of(year) if d.orders}
    return found | {a.day.month for a in data.adjustments_of(year)}


def by_month(data: SalesData) -> tuple[MonthRow, ...]:
    """Twelve months, January first: revenue, monthly target, last year, orders, 环比 and 同比.

    The month's target is its monthly revenue target record (None if none).
    Last year's month is None when the year before has no record in that month;
    环比 compares with the month before (January with last December).
    """
    year = data.year
    now = monthly_revenue(data, year)
    before = monthly_revenue(data, year - 1)
    seen_before = _months_with_data(data, year - 1)
    orders_by_month: dict[int, int] = defaultdict(int)
    for d in data.days_of(year):
        orders_by_month[d.day.month] += d.orders
    rows = []
    for m in range(1, 13):
        ly = before[m] if m in seen_before else None
        previous = now[m - 1] if m > 1 else (before[12] if 12 in seen_before else None)
        rows.append(
            MonthRow(
                month=f"{year:04d}-{m:02d}",
                revenue=now[m],
                target=data.targets.monthly.get(m),
                last_year=ly,
                orders=orders_by_month[m],
                mom=change(now[m], previous),
                yoy=change(now[m], ly),
            )
        )
    return tuple(rows)


def weak_months(
    rows: Sequence[MonthRow], months: Sequence[int], share: Decimal = WEAK_MONTH_SHARE
) -> tuple[str, ...]:
    """Months below `share` (default 0.8) of the monthly average, or below their own target.

    Only the active months count (a department that started in October is
    averaged over October–December).
    """
    active = [rows[m - 1] for m in months]
    if not active:
        return ()
    average = _sum(r.revenue for r in active) / len(active)
    return tuple(
        r.month
        for r in active
        if r.revenue < share * average or (r.target is not None and r.revenue < r.target)
    )


def monthly_cv(rows: Sequence[MonthRow], months: Sequence[int]) -> Decimal | None:
    """Order stability: population standard deviation / mean of the active months' revenue."""
    return cv([rows[m - 1].revenue for m in months])


def _shares(
    dims: Iterable[DimensionRow], key: Callable[[DimensionRow], str], whole: Decimal
) -> tuple[Share, ...]:
    amounts: dict[str, Decimal] = defaultdict(lambda: ZERO)
    counts: dict[str, int] = defaultdict(int)
    for d in dims:
        amounts[key(d)] += d.amount
        counts[key(d)] += d.lines
    rows = [
        Share(name, amount, ratio(amount, whole), counts[name]) for name, amount in amounts.items()
    ]
    return tuple(sorted(rows, key=lambda s: (-s.amount, s.name)))


def mix(data: SalesData, dimension: str) -> tuple[Share, ...]:
    """Gross sales by order type, channel or category, largest first.

    Shares are of gross sales (order lines before adjustments); count = order lines.
    """
    whole = _sum(d.amount for d in data.dimensions)
    return _shares(data.dimensions, lambda d: str(getattr(d, dimension)), whole)


def volume(data: SalesData) -> tuple[UnitVolume, ...]:
    """Quantity per unit, with the unit's gross sales and average price = sales / quantity."""
    qty: dict[str, Decimal] = defaultdict(lambda: ZERO)
    amount: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for d in data.dimensions:
        qty[d.unit] += d.quantity
        amount[d.unit] += d.amount
    rows = [UnitVolume(u, qty[u], amount[u], ratio(amount[u], qty[u])) for u in qty]
    return tuple(sorted(rows, key=lambda v: (-v.revenue, v.unit)))


def sales_facts(
    data: SalesData, months: Sequence[int], weak_share: Decimal = WEAK_MONTH_SHARE
) -> SalesFacts:
    rows = by_month(data)
    net = revenue(data)
    ly = last_year(data)
    return SalesFacts(
        revenue=net,
        gross=gross(data),
        adjustments=adjustments_total(data),
        returns=returns(data),
        target=data.targets.annual,
        attainment=attainment(data),
        last_year=ly,
        yoy=change(net, ly),
        orders=orders(data),
        lines=lines(data),
        cancelled_orders=cancelled_orders(data),
        by_month=rows,
        volume=volume(data),
        by_order_type=mix(data, "order_type"),
        by_channel=mix(data, "channel"),
        by_category=mix(data, "category"),
        weak_months=weak_months(rows, months, weak_share),
        monthly_cv=monthly_cv(rows, months),
    )
