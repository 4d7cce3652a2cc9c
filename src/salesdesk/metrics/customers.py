"""Customers: who bought, who is new, who was lost, and how concentrated the sales are.

`load_grid` gives, per customer and rep, the sums of the year, the year before and all
earlier years, plus the first purchase date; `load_grid_and_aging` adds each customer's sales up to
31 Dec by days past due (aging buckets, with the customer's own terms). The same rows serve
the rep table and the receivables. A department's report reads both from the rollups
(rollups.py); a rep's report reads its lines (`lines_grid`), in the same two grouped queries
the rollups are built from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)

from salesdesk.metrics import rollups
from salesdesk.metrics.aging import BUCKETS, DEFAULT_TERMS_DAYS, PAST_DUE, bucket_of, terms_of
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.ratios import ZERO, hhi, ratio
from salesdesk.metrics.scope import NORMAL, Scope
from salesdesk.records.models import Customer, LineAging, LinePair, OrderLine
from salesdesk.report.summary import CustomerFacts, CustomerRow, Share

TIERS = ("VIP", "A", "B", "C")
NO_TIER = "未分级"
NO_REGION = "未知"
TOP_ROWS = 10


@dataclass(frozen=True)
class CustomerInfo:
    id: int
    code: str
    name: str
    tier: str
    region: str
    owner_id: int | None
    terms_days: int


class GridRow(NamedTuple):
    """Non-cancelled order lines up to 31 Dec of the year, for one customer and rep (a tuple:
    a department has tens of thousands, built on every report)."""

    customer_id: int | None
    rep_id: int | None
    year: Decimal
    last_year: Decimal
    before: Decimal  # dated before the year
    through: Decimal  # every line up to 31 Dec of the year
    first_day: date
    year_last: date | None  # last line dated in the year
    last_year_lines: int
    year_orders: int  # distinct orders dated in the year (0: no line this year)


Aging = dict[int | None, dict[str, Decimal]]
"""Per customer (None: lines naming none): sales up to 31 Dec by aging bucket."""


@dataclass(frozen=True)
class PeriodSums:
    """Money of one customer (and rep) split by period: the year, the year before, earlier, and all."""

    year: Decimal = ZERO
    last_year: Decimal = ZERO
    before: Decimal = ZERO
    through: Decimal = ZERO


@dataclass(frozen=True)
class CustomerTotals:
    """One customer's figures, net of the adjustments on its orders."""

    customer_id: int | None
    gross_year: Decimal
    revenue: Decimal  # the year: lines − adjustments
    last_year: Decimal
    year_orders: int
    last_year_lines: int
    first_day: date | None
    buckets: dict[str, Decimal] = field(default_factory=dict)


def load_customers(scope: Scope) -> dict[int, CustomerInfo]:
    """Every customer of the department (a rep's report still names others' customers)."""
    rows = Customer.objects.filter(department=scope.department).values_list(
        "id", "code", "name", "tier", "region", "country", "owner_id", "extra"
    )
    return {
        i: CustomerInfo(
            i, code, name, tier or "", region or country or "", owner, terms_of(extra or {})
        )
        for i, code, name, tier, region, country, owner, extra in rows
    }


def slot_starts(scope: Scope, customers: Mapping[int, CustomerInfo]) -> list[date]:
    """The dates at which a line's period or, for some customer's terms, its aging bucket changes.

    Lines between two consecutive starts share their period (the year, the year before,
    earlier) and, for every customer, their aging bucket, so one grouped row per slot holds
    all that the receivables and the customer figures need.
    """
    terms = {c.terms_days for c in customers.values()} | {DEFAULT_TERMS_DAYS}
    starts = {date(scope.year - 1, 1, 1), scope.first}
    for t in terms:
        starts |= {scope.last - timedelta(days=t + most) for most, _name in PAST_DUE}
    return sorted(starts)


def slot_expression(starts: list[date]) -> Case:
    """Slot number of a line: how many slot starts are on or before its date (0 = before all)."""
    whens = [
        When(date__gte=d, then=Value(i)) for i, d in reversed(list(enumerate(starts, start=1)))
    ]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def load_grid(scope: Scope, customers: Mapping[int, CustomerInfo]) -> tuple[GridRow, ...]:
    """Per customer and rep: the non-cancelled lines up to 31 Dec, split by period."""
    if rollups.usable(scope):
        return _grid_from_rollups(scope)
    return lines_grid(scope, customers)[0]


def load_grid_and_aging(
    scope: Scope, customers: Mapping[int, CustomerInfo]
) -> tuple[tuple[GridRow, ...], Aging]:
    """`load_grid` and, per customer, the non-cancelled lines up to 31 Dec by aging bucket at
    31 Dec with the customer's own terms (every line of an earlier year is 90+: see
    rollups.LONGEST_TERMS); the lines, where they must be read, are read once for both."""
    if rollups.usable(scope):
        return _grid_from_rollups(scope), _aging_from_rollups(scope)
    return lines_grid(scope, customers)


def lines_grid(
    scope: Scope, customers: Mapping[int, CustomerInfo]
) -> tuple[tuple[GridRow, ...], Aging]:
    """The grid and the aging read from the order lines: grouped by customer, rep and slot (one
    query, four aggregates), then summed per customer and rep; the year's orders are counted
    per customer, rep and day in a second query (an order counts on each day it has lines on,
    as in the sales figures), as the rollups count them."""
    starts = slot_starts(scope, customers)
    rows = (
        scope.lines()
        .filter(NORMAL, date__lte=scope.last)
        .annotate(slot=slot_expression(starts))
        .values("customer_id", "rep_id", "slot")
        .annotate(
            units=MoneyUnits("amount_cny"),
            first=Min("date"),
            latest=Max("date"),
            n=Count("id"),
        )
        .order_by()
    )
    last_year = date(scope.year - 1, 1, 1)
    merged: dict[tuple[int | None, int | None], dict[str, Any]] = {}
    aging: dict[int | None, dict[str, int]] = defaultdict(_empty_unit_buckets)
    for row in rows:
        r: dict[str, Any] = dict(row)
        key = (r["customer_id"], r["rep_id"])
        g = merged.setdefault(key, _empty_grid_sums())
        units = r["units"] or 0
        start = starts[r["slot"] - 1] if r["slot"] else r["first"]
        info = customers.get(r["customer_id"] or 0)
        terms = info.terms_days if info else DEFAULT_TERMS_DAYS
        g["through"] += units
        aging[r["customer_id"]][bucket_of(start, scope.last, terms)] += units
        g["first"] = min(g["first"] or r["first"], r["first"])
        if start >= scope.first:
            g["year"] += units
            g["latest"] = max(g["latest"] or r["latest"], r["latest"])
        elif start >= last_year:
            g["last_year"] += units
            g["ly_lines"] += r["n"]
    per_day = (
        scope.year_lines()
        .values_list("customer_id", "rep_id", "date")
        .annotate(orders=Count("order_no", distinct=True))
        .order_by()
    )
    for customer, rep, _day, count in per_day:
        merged[(customer, rep)]["orders"] += count
    return _grid_rows(merged), _aging_money(aging)


def _grid_from_rollups(scope: Scope) -> tuple[GridRow, ...]:
    rows = LinePair.objects.filter(department=scope.department, year__lte=scope.year)
    merged: dict[tuple[int | None, int | None], dict[str, Any]] = {}
    for customer, rep, year, units, lines, orders, first, last in rows.values_list(
        "customer_id", "rep_id", "year", "amount", "lines", "orders", "first", "last"
    ):
        g = merged.get((customer, rep))
        if g is None:
            g = merged[(customer, rep)] = _empty_grid_sums()
        g["through"] += units or 0
        g["first"] = first if g["first"] is None else min(g["first"], first)
        if year == scope.year:
            g["year"] += units or 0
            g["orders"] += orders
            g["latest"] = last
        elif year == scope.year - 1:
            g["last_year"] += units or 0
            g["ly_lines"] += lines
    return _grid_rows(merged)


def _aging_from_rollups(scope: Scope) -> Aging:
    department = scope.department
    aging: dict[int | None, dict[str, int]] = defaultdict(_empty_unit_buckets)
    year = LineAging.objects.filter(department=department, year=scope.year)
    for customer, bucket, units in year.values_list("customer_id", "bucket", "amount"):
        aging[customer][bucket] += units
    earlier = (
        LinePair.objects.filter(department=department, year__lt=scope.year)
        .values_list("customer_id")
        .annotate(units=Sum("amount"))
        .order_by()
    )
    for customer, units in earlier:
        aging[customer]["90+"] += int(units or 0)
    return _aging_money(aging)


def _grid_rows(
    merged: Mapping[tuple[int | None, int | None], dict[str, Any]],
) -> tuple[GridRow, ...]:
    """GridRows from sums kept in units (exact integers) until here."""
    money = units_to_money
    return tuple(
        GridRow(
            customer_id=customer,
            rep_id=rep,
            year=money(g["year"]),
            last_year=money(g["last_year"]),
            before=money(g["through"] - g["year"]),
            through=money(g["through"]),
            first_day=g["first"],
            year_last=g["latest"],
            last_year_lines=g["ly_lines"],
            year_orders=g["orders"],
        )
        for (customer, rep), g in merged.items()
    )


def _empty_unit_buckets() -> dict[str, int]:
    return dict.fromkeys(BUCKETS, 0)


def _aging_money(aging: Mapping[int | None, dict[str, int]]) -> Aging:
    return {c: {b: units_to_money(u) for b, u in buckets.items()} for c, buckets in aging.items()}


def _empty_grid_sums() -> dict[str, Any]:
    return {
        "year": 0,
        "last_year": 0,
        "through": 0,
        "first": None,
        "latest": None,
        "ly_lines": 0,
        "orders": 0,
    }


def order_field(scope: Scope, name: str) -> Subquery:
    """A column of the order a record names, for records that carry only an order number.

    An order's lines share their customer and rep; MIN() picks one deterministically without
    sorting the order's lines.
    """
    lines = OrderLine.objects.filter(department=scope.department, order_no=OuterRef("order_no"))
    return Subquery(lines.values("order_no").annotate(value=Min(name)).values("value")[:1])


def load_adjustment_split(scope: Scope) -> dict[tuple[int | None, int | None], PeriodSums]:
    """Adjustments up to 31 Dec by the customer and rep of their order, split by period."""
    rows = (
        scope.adjustments()
        .filter(date__lte=scope.last)
        .annotate(c=order_field(scope, "customer_id"), r=order_field(scope, "rep_id"))
        .values("c", "r")
        .annotate(
            y=MoneyUnits("amount", filter=Q(date__gte=scope.first)),
            ly=MoneyUnits(
                "amount", filter=Q(date__gte=date(scope.year - 1, 1, 1), date__lt=scope.first)
            ),
            before=MoneyUnits("amount", filter=Q(date__lt=scope.first)),
            through=MoneyUnits("amount"),
        )
        .order_by()
    )
    return {
        (r["c"], r["r"]): PeriodSums(
            units_to_money(r["y"]),
            units_to_money(r["ly"]),
            units_to_money(r["before"]),
            units_to_money(r["through"]),
        )
        for r in rows
    }


def by_customer_adjustments(
    split: Mapping[tuple[int | None, int | None], PeriodSums],
) -> dict[int | None, PeriodSums]:
    merged: dict[int | None, PeriodSums] = {}
    for (customer, _rep), s in split.items():
        m = merged.get(customer, PeriodSums())
        merged[customer] = PeriodSums(
            m.year + s.year, m.last_year + s.last_year, m.before + s.before, m.through + s.through
        )
    return merged


def customer_totals(
    grid: Iterable[GridRow], adjustments: Mapping[int | None, PeriodSums], aging: Aging
) -> dict[int | None, CustomerTotals]:
    """Per customer (None = lines without a customer): revenue net of its orders' adjustments,
    and its sales up to 31 Dec by aging bucket."""
    gross_year: dict[int | None, Decimal] = defaultdict(lambda: ZERO)
    gross_ly: dict[int | None, Decimal] = defaultdict(lambda: ZERO)
    y_orders: dict[int | None, int] = defaultdict(int)
    ly_lines: dict[int | None, int] = defaultdict(int)
    first: dict[int | None, date] = {}
    for g in grid:
        c = g.customer_id
        gross_year[c] += g.year
        gross_ly[c] += g.last_year
        y_orders[c] += g.year_orders
        ly_lines[c] += g.last_year_lines
        first[c] = min(first.get(c, g.first_day), g.first_day)
    totals = {}
    for c in set(gross_year) | set(adjustments):
        adj = adjustments.get(c, PeriodSums())
        totals[c] = CustomerTotals(
            customer_id=c,
            gross_year=gross_year.get(c, ZERO),
            revenue=gross_year.get(c, ZERO) - adj.year,
            last_year=gross_ly.get(c, ZERO) - adj.last_year,
            year_orders=y_orders.get(c, 0),
            last_year_lines=ly_lines.get(c, 0),
            first_day=first.get(c),
            buckets=dict(aging[c]) if c in aging else _empty_buckets(),
        )
    return totals


def _empty_buckets() -> dict[str, Decimal]:
    return dict.fromkeys(BUCKETS, ZERO)


def last_purchases(grid: Iterable[GridRow]) -> dict[int, date]:
    """Each customer's last non-cancelled order line of the year."""
    last: dict[int, date] = {}
    for g in grid:
        if g.customer_id is not None and g.year_last is not None:
            last[g.customer_id] = max(last.get(g.customer_id, g.year_last), g.year_last)
    return last


def _known(totals: Mapping[int | None, CustomerTotals]) -> list[CustomerTotals]:
    return [t for c, t in totals.items() if c is not None]


def active(totals: Mapping[int | None, CustomerTotals]) -> list[CustomerTotals]:
    """Active customers: those with at least one non-cancelled order line dated in the year."""
    return [t for t in _known(totals) if t.year_orders > 0]


def new(totals: Mapping[int | None, CustomerTotals], first_of_year: date) -> list[CustomerTotals]:
    """New customers: active, and their first purchase ever is dated in the year."""
    return [t for t in active(totals) if t.first_day is not None and t.first_day >= first_of_year]


def lost(totals: Mapping[int | None, CustomerTotals]) -> list[CustomerTotals]:
    """Lost customers: bought the year before (a non-cancelled line), nothing this year."""
    return [t for t in _known(totals) if t.last_year_lines > 0 and t.year_orders == 0]


def positive_base(totals: Mapping[int | None, CustomerTotals]) -> Decimal:
    """Σ of the positive customer revenues: the base of shares, top-5 share and HHI."""
    return sum((t.revenue for t in active(totals) if t.revenue > 0), ZERO)


def ranked(totals: Mapping[int | None, CustomerTotals]) -> list[CustomerTotals]:
    """Active customers by revenue, largest first (ties by customer id)."""
    return sorted(active(totals), key=lambda t: (-t.revenue, t.customer_id or 0))


def top5_share(totals: Mapping[int | None, CustomerTotals]) -> Decimal | None:
    """Revenue of the five largest customers / Σ positive customer revenue (sales without a customer left out)."""
    top = [t.revenue for t in ranked(totals)[:5] if t.revenue > 0]
    return ratio(sum(top, ZERO), positive_base(totals))


def concentration(totals: Mapping[int | None, CustomerTotals]) -> Decimal | None:
    """Herfindahl–Hirschman index: Σ (customer share × 100)² on 0–10,000, over positive revenues."""
    return hhi(t.revenue for t in active(totals))


def _breakdown(
    totals: Sequence[CustomerTotals],
    name_of: dict[int, str],
    base: Decimal,
    order: Sequence[str] = (),
) -> tuple[Share, ...]:
    amounts: dict[str, Decimal] = defaultdict(lambda: ZERO)
    counts: dict[str, int] = defaultdict(int)
    for t in totals:
        name = name_of.get(t.customer_id or 0, "")
        amounts[name] += t.revenue
        counts[name] += 1
    rows = [Share(n, a, ratio(a, base), counts[n]) for n, a in amounts.items()]
    if order:
        rank = {n: i for i, n in enumerate(order)}
        return tuple(sorted(rows, key=lambda s: (rank.get(s.name, len(rank)), s.name)))
    return tuple(sorted(rows, key=lambda s: (-s.amount, s.name)))


def customer_row(
    t: CustomerTotals,
    info: Mapping[int, CustomerInfo],
    base: Decimal,
    collections: Mapping[int | None, Decimal],
    receivables: Mapping[int | None, Decimal],
    amount: Decimal | None = None,
) -> CustomerRow:
    c = info.get(t.customer_id or 0)
    value = t.revenue if amount is None else amount
    return CustomerRow(
        code=c.code if c else "",
        name=c.name if c else "",
        revenue=value,
        share=ratio(value, base),
        tier=(c.tier if c else "") or NO_TIER,
        region=(c.region if c else "") or NO_REGION,
        collections=collections.get(t.customer_id, ZERO),
        receivable=receivables.get(t.customer_id, ZERO),
    )


def customer_facts(
    scope: Scope,
    totals: Mapping[int | None, CustomerTotals],
    info: Mapping[int, CustomerInfo],
    collections: Mapping[int | None, Decimal],
    receivables: Mapping[int | None, Decimal],
) -> CustomerFacts:
    base = positive_base(totals)
    act = active(totals)
    gone = sorted(lost(totals), key=lambda t: (-t.last_year, t.customer_id or 0))
    tiers = {i: c.tier or NO_TIER for i, c in info.items()}
    regions = {i: c.region or NO_REGION for i, c in info.items()}
    return CustomerFacts(
        active=len(act),
        new=len(new(totals, scope.first)),
        returning=len(act) - len(new(totals, scope.first)),
        lost=len(gone),
        top5_share=top5_share(totals),
        hhi=concentration(totals),
        top=tuple(
            customer_row(t, info, base, collections, receivables) for t in ranked(totals)[:TOP_ROWS]
        ),
        by_tier=_breakdown(act, tiers, base, (*TIERS, NO_TIER)),
        by_region=_breakdown(act, regions, base),
        lost_customers=tuple(
            customer_row(t, info, base, collections, receivables, amount=t.last_year) for t in gone
        ),
    )
