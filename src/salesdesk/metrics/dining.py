"""Dining (餐饮): restaurant bills — the orders that carry a number of covers.

Present only where the year has such orders. A bill's lines may all repeat the
covers; each bill counts its covers once (the largest value on its lines).
Gross is the bills' line amounts; deductions are the adjustments on those
bills by kind; net = gross − deductions. Amounts are the lines' amount_cny.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, QuerySet

from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.metrics.sales import DayTotals
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import OrderLine
from salesdesk.report.summary import ChannelRow, DiningFacts, Share

MONTHS_IN_YEAR = 12


@dataclass(frozen=True)
class Bill:
    order_no: str
    day: date
    covers: int
    gross: Decimal
    deductions: Decimal
    paid: Decimal
    payments: int

    @property
    def net(self) -> Decimal:
        return self.gross - self.deductions


@dataclass(frozen=True)
class DiningData:
    bills: tuple[Bill, ...]
    deductions: tuple[Share, ...]  # by kind; count = adjustment records
    receipts: tuple[ChannelRow, ...]  # payments on the bills by channel


def has_dining(days: Sequence[DayTotals], year: int) -> bool:
    """Whether the year has lines carrying covers (a cancelled bill alone yields no bills)."""
    return any(d.cover_lines for d in days if d.day.year == year)


def bill_numbers(scope: Scope) -> QuerySet[OrderLine, Any]:
    """The year's orders that carry covers (a subquery of order numbers)."""
    return scope.year_lines().filter(covers__isnull=False).values("order_no")


def load_dining(scope: Scope) -> DiningData:
    bills = bill_numbers(scope)
    lines = (
        scope.year_lines()
        .filter(order_no__in=bills)
        .values("order_no")
        .annotate(covers=Max("covers"), units=MoneyUnits("amount_cny"), day=Min("date"))
        .order_by("order_no")
    )
    adjustments = (
        scope.adjustments()
        .filter(order_no__in=bills)
        .values("order_no", "kind")
        .annotate(units=MoneyUnits("amount"), n=Count("id"))
        .order_by()
    )
    payments = (
        scope.payments()
        .filter(order_no__in=bills)
        .values("order_no", "channel")
        .annotate(units=MoneyUnits("amount"), n=Count("id"))
        .order_by()
    )
    deducted: dict[str, Decimal] = defaultdict(lambda: ZERO)
    kinds: dict[str, Decimal] = defaultdict(lambda: ZERO)
    kind_counts: dict[str, int] = defaultdict(int)
    for a in adjustments:
        amount = units_to_money(a["units"])
        deducted[a["order_no"]] += amount
        kinds[a["kind"]] += amount
        kind_counts[a["kind"]] += a["n"]
    paid: dict[str, Decimal] = defaultdict(lambda: ZERO)
    paid_count: dict[str, int] = defaultdict(int)
    channels: dict[str, Decimal] = defaultdict(lambda: ZERO)
    channel_counts: dict[str, int] = defaultdict(int)
    for p in payments:
        amount = units_to_money(p["units"])
        paid[p["order_no"]] += amount
        paid_count[p["order_no"]] += p["n"]
        channels[p["channel"]] += amount
        channel_counts[p["channel"]] += p["n"]
    found = tuple(
        Bill(
            r["order_no"],
            r["day"],
            int(r["covers"] or 0),
            units_to_money(r["units"]),
            deducted[r["order_no"]],
            paid[r["order_no"]],
            paid_count[r["order_no"]],
        )
        for r in lines
    )
    gross_total = sum((b.gross for b in found), ZERO)
    return DiningData(
        bills=found,
        deductions=tuple(
            sorted(
                (Share(k, v, ratio(v, gross_total), kind_counts[k]) for k, v in kinds.items()),
                key=lambda s: (-s.amount, s.name),
            )
        ),
        receipts=tuple(
            sorted(
                (ChannelRow(c, channel_counts[c], v) for c, v in channels.items()),
                key=lambda c: (-c.amount, c.channel),
            )
        ),
    )


def net(data: DiningData) -> Decimal:
    """Net dining sales = bills' gross − the adjustments on those bills."""
    return sum((b.net for b in data.bills), ZERO)


def avg_per_bill(data: DiningData) -> Decimal | None:
    """单均消费 = net / bills."""
    return ratio(net(data), len(data.bills))


def per_cover(data: DiningData) -> Decimal | None:
    """人均消费 = net / covers (each bill's covers counted once)."""
    return ratio(net(data), sum(b.covers for b in data.bills))


def monthly_avg(data: DiningData) -> Decimal | None:
    """月平均消费 = net / 12 (as the data contract defines it, also for a partial year)."""
    return net(data) / MONTHS_IN_YEAR if data.bills else None


def dining_facts(data: DiningData) -> DiningFacts:
    gross_total = sum((b.gross for b in data.bills), ZERO)
    deductions = sum((b.deductions for b in data.bills), ZERO)
    return DiningFacts(
        bills=len(data.bills),
        covers=sum(b.covers for b in data.bills),
        gross=gross_total,
        deductions=data.deductions,
        deductions_total=deductions,
        net=net(data),
        avg_per_bill=avg_per_bill(data),
        per_cover=per_cover(data),
        monthly_avg=monthly_avg(data),
        receipts=data.receipts,
        discount_share=ratio(deductions, gross_total),
    )
