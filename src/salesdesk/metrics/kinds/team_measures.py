"""Per-rep measures of a supervised sales team, for finding why a rep fell short of target.

Each measure is computed for every rep of the department from what the summary already read
(`Computed`), plus three grouped queries: first visits per rep and customer, the year's lines per
rep and product, and the rep of each follow-up. A rep is compared with the median of the *other*
reps, so one weak rep does not pull the yardstick down.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import Min

from salesdesk.metrics import rollups, staffing
from salesdesk.metrics.customers import last_purchases
from salesdesk.metrics.exact import MoneyUnits
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import LineProduct
from salesdesk.report.summary import RepMeasures, TeamMedians

if TYPE_CHECKING:
    from salesdesk.report.build import Computed

ONE = Decimal(1)


def median(values: Sequence[Decimal]) -> Decimal | None:
    """The middle value (the mean of the two middle ones for an even count); None for none."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def visits_per_day(scope: Scope, visits: Mapping[int, int]) -> dict[int, Decimal | None]:
    """Activities of the year / the rep's working days on the team (staffing windows)."""
    days = staffing.year_working_days(scope.year)
    spans = staffing.windows(scope, staffing.team_start(scope))
    return {
        w.rep_id: ratio(visits.get(w.rep_id, 0), staffing.rep_working_days([w], days))
        for w in spans
    }


def first_visits(scope: Scope) -> dict[tuple[int, int], date]:
    """(rep, customer) → the rep's first activity of the year with that customer."""
    rows = (
        scope.activities()
        .filter(
            date__gte=scope.first, date__lte=scope.last, customer__isnull=False, rep__isnull=False
        )
        .values("rep_id", "customer_id")
        .annotate(first=Min("date"))
        .order_by()
    )
    return {(r["rep_id"], r["customer_id"]): r["first"] for r in rows}


def conversion(
    firsts: Mapping[tuple[int, int], date], last_buy: Mapping[int, date]
) -> dict[int, Decimal | None]:
    """Customers the rep visited in the year who ordered (from anyone) on or after the rep's first
    visit, within the year ÷ customers the rep visited."""
    visited: dict[int, int] = defaultdict(int)
    won: dict[int, int] = defaultdict(int)
    for (rep, customer), first in firsts.items():
        visited[rep] += 1
        won[rep] += customer in last_buy and last_buy[customer] >= first
    return {rep: ratio(won[rep], n) for rep, n in visited.items()}


class ProductSales(NamedTuple):  # a tuple: one per rep and product, 100,000s in a large team
    amount: int  # in units of 1/10,000 (metrics.exact): summed and compared without Decimals
    quantity: int  # likewise


def product_sales(scope: Scope) -> dict[int, dict[str, ProductSales]]:
    """rep → product → Σ amount_cny and Σ quantity of the year's non-cancelled lines (returns
    netted; lines without a product or rep left out; prices before adjustments), in units;
    from the rollups (LineProduct) where they serve."""
    if not rollups.products_usable(scope):
        return lines_product_sales(scope)
    rows = LineProduct.objects.filter(department=scope.department, year=scope.year)
    return _by_rep(rows.values_list("rep_id", "product", "amount", "quantity"))


def lines_product_sales(scope: Scope) -> dict[int, dict[str, ProductSales]]:
    """`product_sales` read from the order lines themselves."""
    rows = (
        scope.year_lines()
        .exclude(product="")
        .filter(rep__isnull=False)
        .values("rep_id", "product")
        .annotate(units=MoneyUnits("amount_cny"), qty=MoneyUnits("quantity"))
        .order_by()
        .values_list("rep_id", "product", "units", "qty")  # tuples: one row per rep and product
    )
    return _by_rep(rows)


def _by_rep(
    rows: Iterable[tuple[int, str, int | None, int | None]],
) -> dict[int, dict[str, ProductSales]]:
    found: dict[int, dict[str, ProductSales]] = defaultdict(dict)
    for rep, product, units, qty in rows:
        found[rep][product] = ProductSales(int(units or 0), int(qty or 0))
    return dict(found)


def product_totals(sales: Mapping[int, Mapping[str, ProductSales]]) -> dict[str, ProductSales]:
    """product → Σ amount and Σ quantity over every rep (the others' sums are these minus mine)."""
    amount: dict[str, int] = defaultdict(int)
    qty: dict[str, int] = defaultdict(int)
    for products in sales.values():
        for product, s in products.items():
            amount[product] += s.amount
            qty[product] += s.quantity
    return {p: ProductSales(amount[p], qty[p]) for p in amount}


def price_index(
    rep: int,
    sales: Mapping[int, Mapping[str, ProductSales]],
    totals: Mapping[str, ProductSales] | None = None,
) -> tuple[Decimal | None, Decimal]:
    """(index, gap) on the products the rep and some other rep both sold (quantity > 0):
    index = Σ rep amount / Σ (rep qty × the others' average price), gap = denominator − numerator
    (money). The others' average price of a product = their Σ amount / Σ quantity. `totals` is
    `product_totals(sales)`, passed in when asked for every rep. Worked in units: the sums are
    exact integers and every quotient is the money one × 10,000, rounded at the same digits."""
    own = sales.get(rep, {})
    every = totals if totals is not None else product_totals(sales)
    paid = 0
    at_team_price = ZERO
    for product, mine in own.items():
        amount = every[product].amount - mine.amount
        qty = every[product].quantity - mine.quantity
        if mine.quantity <= 0 or qty <= 0:
            continue
        paid += mine.amount
        at_team_price += Decimal(mine.quantity * amount) / qty
    return ratio(paid, at_team_price), (at_team_price - paid).scaleb(-4)


@dataclass(frozen=True)
class Losses:
    customers: tuple[str, ...]
    revenue: Decimal
    retention: Decimal | None


def losses(c: Computed) -> dict[int, Losses]:
    """Per rep: customers the rep sold to last year who bought from nobody this year, their
    last-year revenue with the rep (lines − adjustments), and retention = 1 − that revenue / the
    rep's whole last-year revenue (None when the rep had no positive revenue last year)."""
    before: dict[int, Decimal] = defaultdict(lambda: ZERO)
    lost: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for g in c.ledger.grid:
        if g.rep_id is None:
            continue
        adj = c.ledger.adjustments.get((g.customer_id, g.rep_id))
        net = g.last_year - (adj.last_year if adj else ZERO)
        before[g.rep_id] += net
        gone = g.customer_id is not None and c.totals[g.customer_id].year_orders == 0
        if gone and g.last_year_lines and g.customer_id in c.ledger.customers:
            lost[g.rep_id].append((c.ledger.customers[g.customer_id].code, net))
    found = {}
    for rep, base in before.items():
        rows = sorted(lost[rep])
        amount = sum((a for _code, a in rows), ZERO)
        retention = ONE - amount / base if base > 0 else None
        found[rep] = Losses(tuple(code for code, _a in rows), amount, retention)
    return found


def follow_through(c: Computed) -> dict[int, tuple[Decimal | None, int]]:
    """Per rep: (follow-through, missed). The activities that needed a follow-up are the follow-ups
    due in the year and the rejections of the year (one activity counted once); missed are those
    with no later activity for the customer in time; follow-through = 1 − missed / due."""
    due = {f.key: (f.rep_id, f.kept) for f in c.follow_ups}
    for r in c.rejections:
        rep, kept = due.get(r.key, (r.rep_id, True))
        due[r.key] = (rep, kept and r.followed)
    total: dict[int, int] = defaultdict(int)
    missed: dict[int, int] = defaultdict(int)
    for rep, kept in due.values():
        if rep is not None:
            total[rep] += 1
            missed[rep] += not kept
    return {rep: (ONE - Decimal(missed[rep]) / n, missed[rep]) for rep, n in total.items()}


def measures(scope: Scope, c: Computed, visits: Mapping[int, int]) -> dict[int, RepMeasures]:
    """Every measure for each rep of `visits` (rep id → activities of the year, from the ranking)."""
    per_day = visits_per_day(scope, visits)
    converted = conversion(first_visits(scope), last_purchases(c.ledger.grid))
    sales = product_sales(scope)
    totals = product_totals(sales)
    lost = losses(c)
    follow = follow_through(c)
    found = {}
    for rep in visits:
        index, gap = price_index(rep, sales, totals)
        gone = lost.get(rep, Losses((), ZERO, None))
        kept, missed = follow.get(rep, (None, 0))
        found[rep] = RepMeasures(
            visits_per_day=per_day.get(rep),
            conversion=converted.get(rep),
            price_index=index,
            price_gap=gap,
            retention=gone.retention,
            lost_customers=gone.customers,
            lost_revenue=gone.revenue,
            follow_through=kept,
            missed_follow_ups=missed,
        )
    return found


def team_medians(rep: int, every: Mapping[int, RepMeasures]) -> TeamMedians:
    """The median of each compared measure over the reps other than `rep` that have a value."""

    def of(name: str) -> Decimal | None:
        values = [getattr(m, name) for r, m in every.items() if r != rep]
        return median([v for v in values if v is not None])

    return TeamMedians(
        visits_per_day=of("visits_per_day"),
        conversion=of("conversion"),
        retention=of("retention"),
        follow_through=of("follow_through"),
    )
