"""Collection accounts of a concrete seller: 回款率 and receivables per customer and per rep.

Each account uses the department's own definitions (metrics/collections.py), so the rows add up
to the department's figures:

* opening  = sales before the year − adjustments before it − payments before it;
* sales    = the year's lines − the year's adjustments (the department's revenue, split);
* receivable = opening + sales − collections (the balance on 31 Dec);
* 回款率    = collections / (opening + sales), None when that base is ≤ 0.

A customer's sales are those of its orders, its payments those naming it (else naming its order),
as for the department. A rep's sales are those of the orders the rep took (the order's rep, as
the rep ranking counts revenue); a rep's payments are those booked to the rep, else to the rep
of the order they name (as the rep ranking counts collections). Sales or payments naming no
customer (no rep) form their own row, code "".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import BigIntegerField, Q
from django.db.models.functions import Coalesce

from salesdesk.metrics import collections as collections_m
from salesdesk.metrics import reps as reps_m
from salesdesk.metrics.customers import PeriodSums, order_field
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.ratios import ZERO
from salesdesk.metrics.scope import Scope
from salesdesk.report.summary import AccountRow

if TYPE_CHECKING:
    from salesdesk.report.build import Computed

Key = int | None


def _row(code: str, name: str, opening: Decimal, sales: Decimal, paid: Decimal) -> AccountRow:
    return AccountRow(
        code=code,
        name=name,
        opening=opening,
        sales=sales,
        collections=paid,
        rate=collections_m.collection_rate(paid, opening, sales),
        receivable=opening + sales - paid,
    )


def _moves(row: AccountRow) -> bool:
    return any(v != 0 for v in (row.opening, row.sales, row.collections, row.receivable))


def _by_sales(rows: list[AccountRow]) -> tuple[AccountRow, ...]:
    return tuple(sorted(rows, key=lambda r: (-r.sales, r.code)))


def customer_accounts(c: Computed) -> tuple[tuple[AccountRow, ...], AccountRow | None]:
    """Every customer with a balance or a movement (largest sales first), and the row of
    sales/payments naming no customer (None when there are none)."""
    ledger = c.ledger
    lines_before: dict[Key, Decimal] = defaultdict(lambda: ZERO)
    for g in ledger.grid:
        lines_before[g.customer_id] += g.before
    adjustments = ledger.adjustments_by_customer
    payments = ledger.payments.by_customer
    rows: list[AccountRow] = []
    unassigned: AccountRow | None = None
    for key in set(lines_before) | set(c.totals) | set(payments):
        adj, paid = adjustments.get(key, PeriodSums()), payments.get(key, PeriodSums())
        totals = c.totals.get(key)
        info = ledger.customers.get(key) if key is not None else None
        row = _row(
            info.code if info else "",
            info.name if info else "",
            lines_before[key] - adj.before - paid.before,
            totals.revenue if totals else ZERO,
            paid.year,
        )
        owed = {key: totals} if totals else {}
        row = replace(row, aging=collections_m.aging(owed, {key: row.receivable}))
        if not _moves(row):
            continue
        if info is None:
            unassigned = row
        else:
            rows.append(row)
    return _by_sales(rows), unassigned


def load_rep_payments(scope: Scope) -> dict[Key, PeriodSums]:
    """Payments up to 31 Dec per rep (the payment's, else its order's), split at 1 January."""
    rep = Coalesce("rep_id", order_field(scope, "rep_id"), output_field=BigIntegerField())
    rows = (
        scope.payments()
        .filter(date__lte=scope.last)
        .annotate(r=rep)
        .values("r")
        .annotate(y=MoneyUnits("amount", filter=Q(date__gte=scope.first)), all=MoneyUnits("amount"))
        .order_by()
    )
    sums = {}
    for r in rows:
        year, through = units_to_money(r["y"]), units_to_money(r["all"])
        sums[r["r"]] = PeriodSums(year=year, before=through - year, through=through)
    return sums


def _rep_before(c: Computed) -> dict[Key, Decimal]:
    """Each rep's net sales before the year: the rep's lines − adjustments on the rep's orders."""
    before: dict[Key, Decimal] = defaultdict(lambda: ZERO)
    for g in c.ledger.grid:
        before[g.rep_id] += g.before
    for (_customer, rep), sums in c.ledger.adjustments.items():
        before[rep] -= sums.before
    return before


def rep_accounts(
    scope: Scope, c: Computed, payments: Mapping[Key, PeriodSums]
) -> tuple[tuple[AccountRow, ...], AccountRow | None]:
    """Every rep with a balance or a movement (largest sales first), and the unassigned row."""
    names = reps_m.load_reps(scope)
    sales = reps_m.rep_revenue(c.ledger.grid, c.ledger.adjustments)
    before = _rep_before(c)
    rows: list[AccountRow] = []
    unassigned: AccountRow | None = None
    for key in set(sales) | set(before) | set(payments):
        paid = payments.get(key, PeriodSums())
        info = names.get(key) if key is not None else None
        row = _row(
            info.code if info else "",
            info.name if info else "",
            before[key] - paid.before,
            sales.get(key, ZERO),
            paid.year,
        )
        if not _moves(row):
            continue
        if info is None:
            unassigned = row
        else:
            rows.append(row)
    return _by_sales(rows), unassigned
