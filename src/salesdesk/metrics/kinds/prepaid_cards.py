"""Cards sold and the value stored on them (售卡张数、储值金额).

Card lines are the non-cancelled order lines of the year whose unit is `card` (张). Cards sold =
Σ quantity and stored value = Σ amount_cny of those lines: the face value loaded onto the cards,
before any discount on the order (returns, with a negative quantity, are netted). One grouped
query by month and rep; sums are exact on every database (`metrics/exact.py`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet

from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.kinds.periods import month_of
from salesdesk.metrics.ratios import ZERO
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import OrderLine
from salesdesk.report.summary import CardMonth

CARD_UNIT = "card"


@dataclass(frozen=True)
class CardSums:
    cards: Decimal = ZERO
    stored_value: Decimal = ZERO
    orders: int = 0


@dataclass(frozen=True)
class CardSales:
    by_month: dict[int, CardSums]
    by_rep: dict[int | None, CardSums]
    total: CardSums


def load_card_sales(scope: Scope) -> CardSales:
    """The year's card lines summed by month and by rep, and in total (orders counted once)."""
    lines = scope.year_lines().filter(unit=CARD_UNIT)
    rows = (
        lines.annotate(m=month_of(scope.year))
        .values("m", "rep_id")
        .annotate(qty=MoneyUnits("quantity"), value=MoneyUnits("amount_cny"))
        .order_by()
    )
    months: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    reps: dict[int | None, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for r in rows:
        qty, value = units_to_money(r["qty"]), units_to_money(r["value"])
        for bucket in (months[r["m"]], reps[r["rep_id"]]):
            bucket[0] += qty
            bucket[1] += value
    orders_by_month = _orders(lines, "m", scope.year)
    orders_by_rep = _orders(lines, "rep_id", scope.year)
    total_orders = lines.values("order_no").distinct().count()
    return CardSales(
        by_month={m: CardSums(q, v, orders_by_month.get(m, 0)) for m, (q, v) in months.items()},
        by_rep={r: CardSums(q, v, orders_by_rep.get(r, 0)) for r, (q, v) in reps.items()},
        total=CardSums(
            sum((q for q, _v in months.values()), ZERO),
            sum((v for _q, v in months.values()), ZERO),
            total_orders,
        ),
    )


def _orders(lines: QuerySet[OrderLine], key: str, year: int) -> dict[int | None, int]:
    """Distinct card orders per month ("m") or per rep ("rep_id")."""
    rows = (
        lines.annotate(m=month_of(year))
        .values(key)
        .annotate(n=Count("order_no", distinct=True))
        .order_by()
    )
    return {r[key]: r["n"] for r in rows}


def card_months(sales: CardSales, year: int, months: tuple[int, ...]) -> tuple[CardMonth, ...]:
    """One row per active month (a month with no card sold shows zeros: a real nothing)."""
    return tuple(
        CardMonth(
            f"{year}-{m:02d}",
            sales.by_month.get(m, CardSums()).cards,
            sales.by_month.get(m, CardSums()).stored_value,
            sales.by_month.get(m, CardSums()).orders,
        )
        for m in months
    )
