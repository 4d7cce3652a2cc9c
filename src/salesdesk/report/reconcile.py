"""Reconciliation: do the records agree with each other?

Each check states what was expected, what the records show, the difference
(actual − expected; 0 when it balances) and the first records that do not
balance. Checks that need something the scope lacks (restaurant bills, room
sales, monthly targets) run only where it exists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from salesdesk.findings.text import yuan
from salesdesk.metrics.dining import DiningData
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.line_sums import MISMATCHED
from salesdesk.metrics.ratios import ZERO
from salesdesk.metrics.rooms import RoomDay, days_without_capacity
from salesdesk.metrics.sales import SalesData
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import OrderLine, Payment, Target
from salesdesk.report.summary import ReconciliationCheck

SHOWN = 20


def _check(
    code: str, zh: str, en: str, expected: Decimal, actual: Decimal, records: Sequence[str] = ()
) -> ReconciliationCheck:
    return ReconciliationCheck(
        code, zh, en, expected, actual, actual - expected, tuple(records[:SHOWN])
    )


def bill_payments(dining: DiningData) -> ReconciliationCheck:
    """Restaurant bills: Σ net of every bill against Σ payments naming those bills."""
    off = [b for b in dining.bills if b.paid != b.net]
    return _check(
        "bill_payments",
        "账单收款与实收核对",
        "Bill payments against bill net",
        sum((b.net for b in dining.bills), ZERO),
        sum((b.paid for b in dining.bills), ZERO),
        [f"{b.order_no}: net {yuan(b.net)}, paid {yuan(b.paid)}" for b in off],
    )


def _year_payments(scope: Scope) -> QuerySet[Payment]:
    return scope.payments().filter(date__gte=scope.first, date__lte=scope.last)


def _payment_ref(number: str, key: str, day: date) -> str:
    return f"{number or key} ({day.isoformat()})"


def payments_unknown_order(scope: Scope) -> ReconciliationCheck:
    """Payments of the year that name an order: all of them against those whose order exists."""
    naming = _year_payments(scope).exclude(order_no="")
    known = Exists(
        OrderLine.objects.filter(department=scope.department, order_no=OuterRef("order_no"))
    )
    unknown = naming.filter(~known)  # an anti-join, not a subquery per payment
    every = units_to_money(naming.aggregate(u=MoneyUnits("amount"))["u"])
    missing = unknown.aggregate(u=MoneyUnits("amount"), n=Count("id"))
    records: list[str] = []
    if missing["n"]:
        rows = unknown.order_by("date", "id").values_list("payment_no", "key", "date", "order_no")
        records = [f"{_payment_ref(n, k, d)} → {o}" for n, k, d, o in rows[:SHOWN]]
    return _check(
        "payment_unknown_order",
        "收款对应的单号不存在",
        "Payments naming an unknown order",
        every,
        every - units_to_money(missing["u"]),
        records,
    )


def payments_without_customer(scope: Scope) -> ReconciliationCheck:
    """Payments of the year against those that name a customer or an order (the rest cannot be traced)."""
    untraced = Q(customer__isnull=True, order_no="")
    qs = _year_payments(scope)
    totals = qs.aggregate(
        all=MoneyUnits("amount"),
        bad=MoneyUnits("amount", filter=untraced),
        n_bad=Count("id", filter=untraced),
    )
    every = units_to_money(totals["all"])
    records: list[str] = []
    if totals["n_bad"]:
        rows = qs.filter(untraced).order_by("date", "id")
        records = [
            f"{_payment_ref(n, k, d)} {yuan(a)}"
            for n, k, d, a in rows.values_list("payment_no", "key", "date", "amount")[:SHOWN]
        ]
    return _check(
        "payment_no_customer",
        "收款未注明客户或单号",
        "Payments naming neither customer nor order",
        every,
        every - units_to_money(totals["bad"]),
        records,
    )


def line_amounts(scope: Scope, sales: SalesData) -> ReconciliationCheck:
    """Order lines whose amount differs from quantity × unit price by more than 0.01."""
    count = sum(d.mismatched for d in sales.days_of(scope.year))
    label = ("订单行金额与数量×单价不符", "Line amount against quantity × unit price")
    if not count:
        return _check("line_amounts", *label, ZERO, ZERO)
    lines = scope.year_lines().filter(MISMATCHED)
    totals = lines.aggregate(
        expected=MoneyUnits(F("quantity") * F("unit_price")), actual=MoneyUnits("amount")
    )
    shown = lines.order_by("date", "order_no", "line_no").values_list(
        "order_no", "line_no", "quantity", "unit_price", "amount"
    )
    return _check(
        "line_amounts",
        *label,
        units_to_money(totals["expected"]),
        units_to_money(totals["actual"]),
        [f"{o}#{n}: {q.normalize():f} × {p} ≠ {a}" for o, n, q, p, a in shown[:SHOWN]],
    )


def room_capacity(days: Sequence[RoomDay], capacity: Mapping[date, int]) -> ReconciliationCheck:
    """Days with room-night sales against those of them that have a capacity row."""
    sold_days = {d.day for d in days if d.sold or d.comps}
    missing = days_without_capacity(days, capacity)
    return _check(
        "room_capacity",
        "有客房销售但无可售房记录的日期",
        "Days with room sales but no capacity",
        Decimal(len(sold_days)),
        Decimal(len(sold_days) - len(missing)),
        [d.isoformat() for d in missing],
    )


def monthly_targets(scope: Scope) -> list[ReconciliationCheck]:
    """Monthly revenue targets against the annual one, for the department and each rep that has both."""
    annual: dict[str, Decimal] = {}
    monthly: dict[str, Decimal] = {}
    months: dict[str, int] = {}
    rows = Target.objects.filter(department=scope.department, year=scope.year, metric="revenue")
    if scope.rep:
        rows = rows.filter(rep=scope.rep)
    for code, month, value in rows.values_list("rep__code", "month", "value"):
        who = code or ""
        if month is None:
            annual[who] = value
        else:
            monthly[who] = monthly.get(who, ZERO) + value
            months[who] = months.get(who, 0) + 1
    checks = []
    for who in sorted(set(annual) & set(monthly)):
        suffix = f":{who}" if who else ""
        checks.append(
            _check(
                f"monthly_targets{suffix}",
                f"月度目标之和与年度目标{('（' + who + '）') if who else ''}",
                f"Monthly targets against the annual target{(' (' + who + ')') if who else ''}",
                annual[who],
                monthly[who],
                [f"{months[who]} months"] if monthly[who] != annual[who] else [],
            )
        )
    return checks


def reconcile(
    scope: Scope,
    sales: SalesData,
    dining: DiningData | None,
    rooms: tuple[Sequence[RoomDay], Mapping[date, int]] | None,
) -> tuple[ReconciliationCheck, ...]:
    checks = []
    if dining is not None and dining.bills:
        checks.append(bill_payments(dining))
    checks.append(payments_unknown_order(scope))
    checks.append(payments_without_customer(scope))
    checks.append(line_amounts(scope, sales))
    if rooms is not None:
        checks.append(room_capacity(*rooms))
    checks.extend(monthly_targets(scope))
    return tuple(checks)
