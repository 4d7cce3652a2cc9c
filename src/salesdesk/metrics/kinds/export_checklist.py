"""The customer confirmation checklist (客户资料确认表) of export orders.

Each order line may carry, in `extra`, the export department's optional columns (ingest/packs.py):
packaging_confirmed (包装材料确认), marks_confirmed (麦头确认), design_confirmed (设计稿确认),
confirmed_on (确认日期) and released_on (投产日期). An order's checklist is complete when all three
items are confirmed and the confirmation date is on or before the release date (or there is no
release yet). An order released to production with its checklist incomplete is a shortfall.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import BooleanField, Case, Min, Q, Value, When

from salesdesk.ingest.headers import normalise_token
from salesdesk.ingest.packs import YES_NO
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.metrics.scope import Scope
from salesdesk.report.summary import ChecklistFacts, ChecklistGap

ITEMS = ("packaging", "marks", "design")
COLUMNS = (*(f"{i}_confirmed" for i in ITEMS), "confirmed_on", "released_on")


def carries_checklist() -> Case:
    """True for an order line with any checklist column in `extra`, in SQL. Most lines carry no
    extra at all; comparing with the empty object first spares the database parsing them."""
    return Case(
        When(Q(extra={}), then=Value(False)),
        When(Q(extra__has_any_keys=list(COLUMNS)), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


_ANSWERS = {normalise_token(a): v for v, aliases in YES_NO.items() for a in (v, *aliases)}


def confirmed(value: object) -> bool | None:
    """A yes/no cell as stored in `extra`: True, False, or None when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    answer = _ANSWERS.get(normalise_token(str(value)))
    return None if answer is None else answer == "yes"


def as_day(value: object) -> date | None:
    """An ISO date kept in `extra` ("2025-03-04", possibly with a time), else None."""
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


@dataclass
class OrderChecklist:
    """One order's checklist, merged over its lines."""

    order: str
    customer: str = ""
    amount: Decimal = ZERO
    answers: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    confirmed_on: date | None = None
    released_on: date | None = None
    recorded: bool = False

    def add(self, extra: Mapping[str, object], amount: Decimal, customer: str) -> None:
        self.amount += amount
        self.customer = self.customer or customer
        for item in ITEMS:
            answer = confirmed(extra.get(f"{item}_confirmed"))
            if answer is not None:
                self.answers[item].append(answer)
        when, release = as_day(extra.get("confirmed_on")), as_day(extra.get("released_on"))
        # the latest confirmation and the earliest release decide
        if when and (self.confirmed_on is None or when > self.confirmed_on):
            self.confirmed_on = when
        if release and (self.released_on is None or release < self.released_on):
            self.released_on = release
        self.recorded = self.recorded or any(c in extra for c in COLUMNS)

    def missing(self) -> tuple[str, ...]:
        """Items not confirmed (an item is confirmed when some line says yes and none says no),
        and "date" when there is no confirmation date or it falls after the release."""
        gaps = [i for i in ITEMS if not self.answers[i] or not all(self.answers[i])]
        late = self.released_on is not None and (
            self.confirmed_on is None or self.confirmed_on > self.released_on
        )
        if self.confirmed_on is None or late:
            gaps.append("date")
        return tuple(gaps)


def load_orders(scope: Scope) -> tuple[list[OrderChecklist], int]:
    """The year's non-cancelled orders that carry a checklist column on some line, merged over
    all their lines in order-number order, and how many of the year's orders carry none.

    The database finds those orders and folds each order's lines that share a customer and the
    same `extra` into one row (an order's checklist is usually repeated on every line), so Python
    only reads what it must judge: the free-text yes/no and date cells.
    """
    year = scope.year_lines()
    recorded = year.filter(extra__has_any_keys=list(COLUMNS)).values("order_no")
    rows = (
        year.filter(order_no__in=recorded)
        .values("order_no", "customer__code", "extra")
        .annotate(units=MoneyUnits("amount_cny"), first_line=Min("line_no"))
        .order_by("order_no", "first_line")
        .values_list("order_no", "extra", "units", "customer__code")
    )
    orders: dict[str, OrderChecklist] = {}
    for order, extra, units, customer in rows.iterator(chunk_size=5000):
        sheet = orders.setdefault(order, OrderChecklist(order))
        sheet.add(extra if isinstance(extra, dict) else {}, units_to_money(units), customer or "")
    recorded_count = sum(1 for o in orders.values() if o.recorded)
    if not recorded_count:
        return list(orders.values()), 0  # no checklist at all: the count would not be shown
    every = year.values("order_no").distinct().count()
    return list(orders.values()), every - recorded_count


def checklist_facts(orders: Iterable[OrderChecklist], unrecorded: int) -> ChecklistFacts | None:
    """The checklist facts; None when no order of the year carries any checklist column.

    `unrecorded` counts the year's orders without any checklist column (not in `orders`).
    """
    recorded = [o for o in orders if o.recorded]
    if not recorded:
        return None
    complete = [o for o in recorded if not o.missing()]
    released = [o for o in recorded if o.released_on is not None]
    gaps = sorted(
        (
            ChecklistGap(o.order, o.customer, o.released_on, o.amount, o.missing())
            for o in released
            if o.missing() and o.released_on is not None
        ),
        key=lambda g: (-g.amount, g.order),
    )
    by_item: dict[str, int] = {i: 0 for i in (*ITEMS, "date")}
    for o in recorded:
        for item in o.missing():
            by_item[item] += 1
    return ChecklistFacts(
        orders=len(recorded),
        unrecorded=unrecorded,
        complete=len(complete),
        complete_rate=ratio(len(complete), len(recorded)),
        released=len(released),
        released_incomplete=tuple(gaps),
        released_incomplete_amount=sum((g.amount for g in gaps), ZERO),
        missing_by_item=tuple(by_item.items()),
    )
