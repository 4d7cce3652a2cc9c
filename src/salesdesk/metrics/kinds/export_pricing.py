"""The FOB what-if applied to the year's own exchange-rate and rebate change (docs/pricing.md).

Main foreign currency: the non-CNY currency with the largest CNY amount in the year. Its first
and last months with sales give the change:

* fx_from / fx_to — amount-weighted average rate of the month = Σ amount_cny / Σ amount;
* rebate_from / rebate_to — amount-weighted average of the recorded `rebate_rate`; when no line
  records one, the rebate is taken as unchanged (0 before and after) and said so;
* cost and old FOB — over the first month's lines that record `unit_cost`, a unit price and a
  positive quantity: quantity-weighted averages (Σ unit_cost × qty / Σ qty, Σ amount / Σ qty),
  the average unit whose margin times the units sold is the month's margin (the model is linear
  in cost and price, so the average unit's new FOB is the average of the lines' new FOBs).

Without a recorded unit cost there is no margin to keep: pricing is None.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from salesdesk.metrics.kinds.periods import month_of
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.metrics.scope import Scope
from salesdesk.planning.whatif import WhatIfError, fob_whatif
from salesdesk.report.summary import PricingFacts


@dataclass(frozen=True)
class PriceLine:
    month: int
    quantity: Decimal
    amount: Decimal  # in the currency
    amount_cny: Decimal
    rebate: Decimal | None
    unit_cost: Decimal | None


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except ArithmeticError:
        return None


def main_currency(foreign: Mapping[str, Decimal]) -> str | None:
    """Of the year's gross by non-CNY currency: the largest positive one (first by code on a tie)."""
    positive = {c: a for c, a in foreign.items() if a > 0}
    return max(sorted(positive), key=lambda c: positive[c]) if positive else None


def price_months(scope: Scope, currency: str) -> list[int]:
    """The months of the year with a line in the currency and a positive quantity."""
    lines = scope.year_lines().filter(currency=currency, quantity__gt=0)
    found = lines.values_list(month_of(scope.year), flat=True).distinct().order_by()
    return sorted(found)


def load_price_lines(scope: Scope, currency: str, months: Iterable[int]) -> list[PriceLine]:
    """The lines in the currency with a positive quantity, of the given months only."""
    within = Q()
    for m in months:
        within |= Q(date__gte=date(scope.year, m, 1), date__lte=_month_end(scope.year, m))
    rows = (
        scope.year_lines()
        .filter(within, currency=currency, quantity__gt=0)
        .values_list("date", "quantity", "amount", "amount_cny", "extra")
    )
    found = []
    for day, qty, amount, cny, extra in rows.iterator(chunk_size=5000):
        own = extra if isinstance(extra, dict) else {}
        found.append(
            PriceLine(
                day.month,
                qty,
                amount,
                cny,
                _decimal(own.get("rebate_rate")),
                _decimal(own.get("unit_cost")),
            )
        )
    return found


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def weighted_fx(lines: list[PriceLine]) -> Decimal | None:
    return ratio(sum((p.amount_cny for p in lines), ZERO), sum((p.amount for p in lines), ZERO))


def weighted_rebate(lines: list[PriceLine]) -> Decimal | None:
    rated = [p for p in lines if p.rebate is not None]
    total = sum((p.amount for p in rated), ZERO)
    return ratio(sum((p.amount * (p.rebate or ZERO) for p in rated), ZERO), total)


def unit_averages(lines: list[PriceLine]) -> tuple[Decimal | None, Decimal | None, int]:
    """(average unit cost, average FOB, lines) over the lines that record a unit cost."""
    costed = [p for p in lines if p.unit_cost is not None]
    qty = sum((p.quantity for p in costed), ZERO)
    cost = ratio(sum((p.quantity * (p.unit_cost or ZERO) for p in costed), ZERO), qty)
    return cost, ratio(sum((p.amount for p in costed), ZERO), qty), len(costed)


def pricing_facts(scope: Scope, foreign: Mapping[str, Decimal]) -> PricingFacts | None:
    """`foreign`: the year's gross by currency other than CNY (`export.load_mix`)."""
    currency = main_currency(foreign)
    if currency is None:
        return None
    months = price_months(scope, currency)
    if len(months) < 2:
        return None
    lines = load_price_lines(scope, currency, (months[0], months[-1]))
    first = [p for p in lines if p.month == months[0]]
    last = [p for p in lines if p.month == months[-1]]
    cost, fob, costed = unit_averages(first)
    fx_from, fx_to = weighted_fx(first), weighted_fx(last)
    if cost is None or fob is None or fx_from is None or fx_to is None or cost <= 0:
        return None
    rebate_from, rebate_to = weighted_rebate(first), weighted_rebate(last)
    recorded = rebate_from is not None and rebate_to is not None
    try:
        whatif = fob_whatif(
            cost,
            fx_from,
            fx_to,
            rebate_from if recorded and rebate_from is not None else ZERO,
            rebate_to if recorded and rebate_to is not None else ZERO,
            fob=fob,
        )
    except WhatIfError:
        return None  # e.g. a recorded rebate above the VAT rate: no meaningful price
    month = f"{scope.year:04d}-{{:02d}}"
    return PricingFacts(
        currency, month.format(months[0]), month.format(months[-1]), costed, recorded, whatif
    )
