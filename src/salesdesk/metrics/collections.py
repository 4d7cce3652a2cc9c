"""Collections (回款): receipts, the collection rate, receivables, their aging and DSO."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BigIntegerField, Count, Q
from django.db.models.functions import Coalesce

from salesdesk.metrics.customers import BUCKETS, CustomerTotals, PeriodSums, order_field
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.metrics.scope import Scope
from salesdesk.report.summary import AgingBucket, ChannelRow, CollectionFacts


@dataclass(frozen=True)
class PaymentData:
    """Payments up to 31 Dec of the year, read once."""

    by_channel: tuple[ChannelRow, ...]  # the year's receipts by channel
    by_customer: dict[int | None, PeriodSums]  # customer = the payment's, else its order's
    records: int  # payment records dated in the year


def load_payments(scope: Scope) -> PaymentData:
    """Payments up to 31 Dec in one grouped query: by customer (the payment's, else the
    customer of the order it names) and channel, split into the year and before it."""
    year = Q(date__gte=scope.first)
    customer = Coalesce(
        "customer_id", order_field(scope, "customer_id"), output_field=BigIntegerField()
    )
    rows = (
        scope.payments()
        .filter(date__lte=scope.last)
        .annotate(c=customer)
        .values("c", "channel")
        .annotate(
            y=MoneyUnits("amount", filter=year),
            through=MoneyUnits("amount"),
            n=Count("id", filter=year),
        )
        .order_by()
    )
    channel_amount: dict[str, Decimal] = defaultdict(lambda: ZERO)
    channel_count: dict[str, int] = defaultdict(int)
    sums: dict[int | None, tuple[Decimal, Decimal]] = {}
    for r in rows:
        y, through = units_to_money(r["y"]), units_to_money(r["through"])
        if r["n"]:
            channel_amount[r["channel"]] += y
            channel_count[r["channel"]] += r["n"]
        old_y, old_through = sums.get(r["c"], (ZERO, ZERO))
        sums[r["c"]] = (old_y + y, old_through + through)
    by_channel = sorted(
        (ChannelRow(c, channel_count[c], channel_amount[c]) for c in channel_amount),
        key=lambda c: (-c.amount, c.channel),
    )
    by_customer = {
        c: PeriodSums(year=y, before=through - y, through=through)
        for c, (y, through) in sums.items()
    }
    return PaymentData(tuple(by_channel), by_customer, sum(c.count for c in by_channel))


def collected(payments: PaymentData) -> Decimal:
    """Collections of the year: Σ amount of the payments dated in the year."""
    return sum((c.amount for c in payments.by_channel), ZERO)


def opening_receivables(sales_before: Decimal, payments: PaymentData) -> Decimal:
    """Receivables on 1 Jan: all net sales before the year − all payments before it, floored at 0."""
    paid_before = sum((p.before for p in payments.by_customer.values()), ZERO)
    return max(ZERO, sales_before - paid_before)


def collection_rate(amount: Decimal, opening: Decimal, revenue: Decimal) -> Decimal | None:
    """回款率 = collections / (opening receivables + the year's net sales); None if that base is ≤ 0."""
    base = opening + revenue
    return ratio(amount, base) if base > 0 else None


def dso(closing: Decimal, revenue: Decimal, days: int) -> Decimal | None:
    """Days sales outstanding = closing receivables / revenue × days in the year; None if revenue is 0."""
    r = ratio(closing, revenue)
    return r * days if r is not None else None


def outstanding(
    totals: Mapping[int | None, CustomerTotals],
    adjustments: Mapping[int | None, PeriodSums],
    payments: PaymentData,
    through: Mapping[int | None, Decimal],
) -> dict[int | None, Decimal]:
    """Each customer's balance on 31 Dec: all lines − adjustments − payments up to that day."""
    keys = set(totals) | set(payments.by_customer)
    return {
        c: through.get(c, ZERO)
        - adjustments.get(c, PeriodSums()).through
        - payments.by_customer.get(c, PeriodSums()).through
        for c in keys
    }


def aging(
    totals: Mapping[int | None, CustomerTotals], balances: Mapping[int | None, Decimal]
) -> tuple[AgingBucket, ...]:
    """Aging of year-end receivables, payments allocated to the oldest sales first (FIFO).

    Due date = order date + the customer's terms (extra "terms_days", else 30
    days); buckets by days past due on 31 Dec: current (not yet due), 1-30,
    31-60, 61-90, 90+. What a customer still owes is the newest part of its
    sales, so its balance is laid over its buckets from `current` back to `90+`.
    The `orders` field counts the customers owing in the bucket (accounts, not
    single orders: FIFO leaves one order partly paid, so an order count would be
    a guess).
    """
    amounts = dict.fromkeys(BUCKETS, ZERO)
    orders = dict.fromkeys(BUCKETS, 0)
    for c, balance in balances.items():
        t = totals.get(c)
        if balance <= 0 or t is None:
            continue
        left = balance
        for name in BUCKETS:
            take = min(max(t.buckets.get(name, ZERO), ZERO), left)
            if name == BUCKETS[-1]:
                take = left  # anything older than the known buckets is past 90 days
            if take > 0:
                amounts[name] += take
                orders[name] += 1
            left -= take
            if left <= 0:
                break
    return tuple(AgingBucket(name, amounts[name], orders[name]) for name in BUCKETS)


def collection_facts(
    scope: Scope,
    payments: PaymentData,
    revenue: Decimal,
    sales_before: Decimal,
    totals: Mapping[int | None, CustomerTotals],
    balances: Mapping[int | None, Decimal],
) -> CollectionFacts:
    amount = collected(payments)
    opening = opening_receivables(sales_before, payments)
    closing = opening + revenue - amount
    return CollectionFacts(
        amount=amount,
        by_channel=payments.by_channel,
        opening_receivables=opening,
        closing_receivables=closing,
        rate=collection_rate(amount, opening, revenue),
        aging=aging(totals, balances),
        dso=dso(closing, revenue, scope.days_in_year),
    )
