"""What the finding rules read: the summary's facts plus a few record lists behind them.

A finding's evidence maps a name to a plain value (Decimal, int, str, list or a
mapping). A name that is a figure key ("sales.attainment") takes that figure's
unit; any other name says what it is by its ending (…_share/…_rate/…attainment
are fractions, …_amount/…revenue/…cost are money, an int is a count).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from salesdesk.report.summary import (
    ActivityFacts,
    CollectionFacts,
    CustomerFacts,
    DeliveryFacts,
    DiningFacts,
    RepFacts,
    SalesFacts,
)


@dataclass(frozen=True)
class LeftRep:
    """A rep who left during the year and the customers they owned."""

    code: str
    name: str
    left_on: date
    customers: tuple[str, ...]  # codes of the customers they owned
    revenue: Decimal  # those customers' revenue of the year


@dataclass(frozen=True)
class LateDeliveries:
    lines: int  # lines delivered after the promised date
    amount: Decimal  # their amount
    complaints: int  # complaints dated on or after a late delivery (same order or customer)
    complaint_cost: Decimal
    complaint_orders: tuple[str, ...]


@dataclass(frozen=True)
class FindingInputs:
    year: int
    months: tuple[int, ...]  # the active months (all twelve, or from a mid-year start)
    sales: SalesFacts
    collections: CollectionFacts
    customers: CustomerFacts
    reps: RepFacts
    activity: ActivityFacts
    delivery: DeliveryFacts
    dining: DiningFacts | None
    rep_days: int  # Σ over reps of their working days on the team
    deductions: dict[str, Decimal] = field(default_factory=dict)  # the year's adjustments by kind
    late: LateDeliveries | None = None
    form_errors: tuple[str, ...] = ()  # the form-error incidents (order number or date)
    missed_follow_ups: tuple[str, ...] = ()  # customers whose follow-up was missed
    unfollowed_rejections: tuple[str, ...] = ()  # customers rejected and never visited again
    left_reps: tuple[LeftRep, ...] = ()
