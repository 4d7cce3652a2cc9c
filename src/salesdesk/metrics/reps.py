"""Sales reps: revenue against target, rank, collections, visits, customers and orders."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db.models import BigIntegerField, Count
from django.db.models.functions import Coalesce

from salesdesk.metrics.customers import GridRow, PeriodSums, order_field
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.ratios import ZERO, cv, ratio
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import Rep, Target
from salesdesk.report.summary import RepFacts, RepRow


@dataclass(frozen=True)
class RepInfo:
    id: int
    code: str
    name: str
    hired_on: date | None
    left_on: date | None


@dataclass(frozen=True)
class RepData:
    """Per-rep figures of the whole department for the year, read once."""

    reps: dict[int, RepInfo]
    targets: dict[int, Decimal]
    collections: dict[int, Decimal]
    visits: dict[int, int]


def load_reps(scope: Scope) -> dict[int, RepInfo]:
    rows = Rep.objects.filter(department=scope.department).values_list(
        "id", "code", "name", "hired_on", "left_on"
    )
    return {i: RepInfo(i, code, name, hired, left) for i, code, name, hired, left in rows}


def load_rep_targets(scope: Scope) -> dict[int, Decimal]:
    """Each rep's revenue target: the annual record, or Σ of the rep's monthly targets."""
    annual: dict[int, Decimal] = {}
    monthly: dict[int, Decimal] = defaultdict(lambda: ZERO)
    rows = Target.objects.filter(
        department=scope.department, year=scope.year, metric="revenue", rep__isnull=False
    ).values_list("rep_id", "month", "value")
    for rep, month, value in rows:
        if month is None:
            annual[rep] = value
        else:
            monthly[rep] += value
    return {**monthly, **annual}


def load_rep_collections(scope: Scope) -> dict[int, Decimal]:
    """The year's payments per rep: the payment's rep, else the rep of the order it names."""
    rows = (
        scope.whole_department()
        .payments()
        .filter(date__gte=scope.first, date__lte=scope.last)
        .annotate(
            r=Coalesce("rep_id", order_field(scope, "rep_id"), output_field=BigIntegerField())
        )
        .values("r")
        .annotate(units=MoneyUnits("amount"))
        .order_by()
    )
    return {r["r"]: units_to_money(r["units"]) for r in rows if r["r"] is not None}


def load_rep_visits(scope: Scope) -> dict[int, int]:
    rows = (
        scope.whole_department()
        .activities()
        .filter(date__gte=scope.first, date__lte=scope.last)
        .values("rep_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {r["rep_id"]: r["n"] for r in rows}


def load_rep_data(scope: Scope) -> RepData:
    return RepData(
        load_reps(scope),
        load_rep_targets(scope),
        load_rep_collections(scope),
        load_rep_visits(scope),
    )


def rep_revenue(
    grid: Iterable[GridRow], adjustments: Mapping[tuple[int | None, int | None], PeriodSums]
) -> dict[int | None, Decimal]:
    """Each rep's revenue: the rep's lines of the year − adjustments on the rep's orders."""
    revenue: dict[int | None, Decimal] = defaultdict(lambda: ZERO)
    for g in grid:
        revenue[g.rep_id] += g.year
    for (_customer, rep), sums in adjustments.items():
        revenue[rep] -= sums.year
    return dict(revenue)


def rank_key_with_target(row: RepRow) -> tuple[Decimal, Decimal, Decimal, str]:
    return (-(row.attainment or ZERO), -row.revenue, -row.collections, row.rep)


def rank_key_without_target(row: RepRow) -> tuple[Decimal, Decimal, str]:
    return (-row.revenue, -row.collections, row.rep)


def ranked(rows: Iterable[RepRow]) -> list[RepRow]:
    """Rank 1 first: reps with a target by attainment (desc), ties by revenue (desc), then
    collections (desc: cash in hand beats sales on credit), then code; then reps without a target
    by revenue (desc), then collections (desc), then code."""
    rows = list(rows)
    with_target = sorted((r for r in rows if r.attainment is not None), key=rank_key_with_target)
    without = sorted((r for r in rows if r.attainment is None), key=rank_key_without_target)
    return [_with_rank(r, i) for i, r in enumerate([*with_target, *without], start=1)]


def _with_rank(row: RepRow, rank: int) -> RepRow:
    return replace(row, rank=rank)


def attainment_cv(rows: Iterable[RepRow]) -> Decimal | None:
    """Spread of attainment: population std dev / mean over the reps that have a target."""
    values = [r.attainment for r in rows if r.attainment is not None]
    return cv(values) if values else None


def rep_facts(
    grid: Iterable[GridRow],
    adjustments: Mapping[tuple[int | None, int | None], PeriodSums],
    data: RepData,
    only: int | None = None,
) -> RepFacts:
    """The rep table: every rep with sales, a target, visits or collections in the year.

    With `only` (a rep's report) the table keeps that rep's row and its rank in the department.
    """
    grid = list(grid)
    revenue = rep_revenue(grid, adjustments)
    customers: dict[int, set[int]] = defaultdict(set)
    orders: dict[int, int] = defaultdict(int)
    for g in grid:
        if g.rep_id is None:
            continue
        orders[g.rep_id] += g.year_orders
        if g.year_orders and g.customer_id is not None:
            customers[g.rep_id].add(g.customer_id)
    involved = {r for r in revenue if r is not None and (revenue[r] or orders[r])}
    involved |= set(data.targets) | set(data.collections) | set(data.visits)
    rows = []
    for rep_id in involved:
        info = data.reps.get(rep_id)
        if info is None:
            continue
        target = data.targets.get(rep_id)
        rows.append(
            RepRow(
                rep=info.code,
                name=info.name,
                revenue=revenue.get(rep_id, ZERO),
                target=target,
                attainment=ratio(revenue.get(rep_id, ZERO), target),
                rank=0,
                collections=data.collections.get(rep_id, ZERO),
                visits=data.visits.get(rep_id, 0),
                customers=len(customers[rep_id]),
                orders=orders[rep_id],
                left_on=info.left_on,
            )
        )
    table = ranked(rows)
    spread = attainment_cv(table)
    if only is not None:
        code = data.reps[only].code if only in data.reps else ""
        table = [r for r in table if r.rep == code]
    return RepFacts(rows=tuple(table), attainment_cv=spread)
