"""The one typed report object (`AnnualSummary`) that every renderer reads.

It is built once from the database (report/build.py) and is plain, frozen data:
renderers never query the database. Money is Decimal with full precision
(rounded half-up to 0.01 only when displayed); a ratio is a Decimal fraction or
None when it has no meaning (zero or missing denominator) — never a fake 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from salesdesk.planning.plan import AnnualPlan

Money = Decimal
Ratio = Decimal | None


@dataclass(frozen=True)
class Figure:
    """A traceable figure: what it is, how it is defined, and how many records stand behind it."""

    key: str  # e.g. "sales.revenue"
    label_zh: str
    label_en: str
    value: Decimal | int | None
    unit: str  # money | ratio | count | hhi | days | quantity
    definition_zh: str
    definition_en: str
    records: int


@dataclass(frozen=True)
class Share:
    """One slice of a breakdown (order type, channel, tier, region …)."""

    name: str
    amount: Money
    share: Ratio
    count: int = 0


@dataclass(frozen=True)
class MonthRow:
    month: str  # "YYYY-MM"
    revenue: Money
    target: Money | None
    last_year: Money | None
    orders: int
    mom: Ratio  # 环比: change against the month before
    yoy: Ratio  # 同比: change against the same month last year


@dataclass(frozen=True)
class UnitVolume:
    unit: str  # pcs, m3, room_night …
    quantity: Decimal
    revenue: Money
    avg_price: Money | None


@dataclass(frozen=True)
class SalesFacts:
    revenue: Money
    gross: Money  # order amounts before adjustments (cancelled left out)
    adjustments: Money
    returns: Money  # returned amounts (already netted in revenue), as a positive number
    target: Money | None
    attainment: Ratio
    last_year: Money | None
    yoy: Ratio
    orders: int
    lines: int
    cancelled_orders: int
    by_month: tuple[MonthRow, ...]
    volume: tuple[UnitVolume, ...]
    by_order_type: tuple[Share, ...]
    by_channel: tuple[Share, ...]
    by_category: tuple[Share, ...]
    weak_months: tuple[str, ...]
    monthly_cv: Ratio  # order stability: coefficient of variation of monthly revenue


@dataclass(frozen=True)
class ChannelRow:
    channel: str
    count: int
    amount: Money


@dataclass(frozen=True)
class AgingBucket:
    bucket: str  # current | 1-30 | 31-60 | 61-90 | 90+
    amount: Money
    orders: int


@dataclass(frozen=True)
class CollectionFacts:
    amount: Money
    by_channel: tuple[ChannelRow, ...]
    opening_receivables: Money
    closing_receivables: Money
    rate: Ratio  # 回款率 = collections / (opening receivables + sales)
    aging: tuple[AgingBucket, ...]
    dso: Decimal | None  # days


@dataclass(frozen=True)
class CustomerRow:
    code: str
    name: str
    revenue: Money
    share: Ratio
    tier: str
    region: str
    collections: Money
    receivable: Money


@dataclass(frozen=True)
class CustomerFacts:
    active: int
    new: int
    returning: int
    lost: int
    top5_share: Ratio
    hhi: Decimal | None  # 0–10,000
    top: tuple[CustomerRow, ...]
    by_tier: tuple[Share, ...]
    by_region: tuple[Share, ...]
    lost_customers: tuple[
        CustomerRow, ...
    ]  # bought last year, not this year (revenue = last year's)


@dataclass(frozen=True)
class RepRow:
    rep: str
    name: str
    revenue: Money
    target: Money | None
    attainment: Ratio
    rank: int
    collections: Money
    visits: int
    customers: int
    orders: int
    left_on: date | None


@dataclass(frozen=True)
class RepFacts:
    rows: tuple[RepRow, ...]  # rank 1 first
    attainment_cv: Ratio  # spread of attainment across reps (业务水平参差不齐 as a number)


@dataclass(frozen=True)
class ActivityFacts:
    visits: int
    by_kind: tuple[Share, ...]  # amount unused (0); count = activities
    working_days: int
    per_rep_per_day: Ratio
    follow_ups_due: int
    follow_ups_missed: int
    rejections: int
    rejections_followed: int
    conversion: Ratio  # customers first contacted this year who ordered after first contact


@dataclass(frozen=True)
class IncidentRow:
    kind: str
    count: int
    cost: Money


@dataclass(frozen=True)
class DeliveryFacts:
    delivered_lines: int
    on_time_lines: int
    on_time_rate: Ratio
    incidents: tuple[IncidentRow, ...]
    ideas_submitted: int
    ideas_adopted: int
    idea_rewards: Money
    ideas_per_rep_month: Ratio


@dataclass(frozen=True)
class RoomMonth:
    month: str
    sold: Decimal
    available: int
    occupancy: Ratio
    adr: Money | None
    revpar: Money | None


@dataclass(frozen=True)
class RoomFacts:
    sold: Decimal
    available: int
    occupancy: Ratio
    adr: Money | None
    revpar: Money | None
    revenue: Money
    comps: Decimal  # room-nights given free, left out of ADR
    by_month: tuple[RoomMonth, ...]
    by_channel: tuple[Share, ...]  # amount = revenue, count = room-nights


@dataclass(frozen=True)
class DiningFacts:
    bills: int
    covers: int
    gross: Money
    deductions: tuple[Share, ...]  # by kind: discount, voucher, comp, rounding, free, hosting …
    deductions_total: Money
    net: Money
    avg_per_bill: Money | None
    per_cover: Money | None
    monthly_avg: Money | None
    receipts: tuple[ChannelRow, ...]
    discount_share: Ratio  # deductions / gross


@dataclass(frozen=True)
class ReconciliationCheck:
    check: str  # code, e.g. "bill_payments"
    label_zh: str
    label_en: str
    expected: Decimal
    actual: Decimal
    difference: Decimal
    records: tuple[str, ...] = ()  # the records that do not balance (first few)


@dataclass(frozen=True)
class Finding:
    kind: str  # strength | shortfall
    code: str
    text_zh: str
    text_en: str
    evidence: dict[str, object]
    at_stake: Money  # money at stake, for ranking
    records: tuple[str, ...] = ()
    action_zh: str = ""  # one action for next year's plan (shortfalls)
    action_en: str = ""


@dataclass(frozen=True)
class KeyAccount:
    code: str
    name: str
    revenue: Money
    tier: str
    reason_zh: str
    reason_en: str


@dataclass(frozen=True)
class PlanSection:
    plan: AnnualPlan | None
    key_accounts: tuple[KeyAccount, ...]
    note_zh: str = ""  # why there is no plan, when there is none
    note_en: str = ""


# ---- Department-kind packs: each kind's own facts, present only for that kind ----------------
# Each block below belongs to one pack (metrics/kinds/<kind>.py computes it, findings/kinds/
# <kind>.py finds in it, report/render/kinds/<kind>.py writes it as JSON and document parts).


# ---- pack: export ----------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportFacts:
    """OEM/ODM export: order mix and its trend, key-account service, confirmation checklist …"""

    orders: int


# ---- pack: concrete --------------------------------------------------------------------------
@dataclass(frozen=True)
class ConcreteFacts:
    """Ready-mix concrete: m³, price per m³, 回款率 and aging per customer and rep, form errors."""

    volume_m3: Decimal


# ---- pack: team ------------------------------------------------------------------------------
@dataclass(frozen=True)
class TeamFacts:
    """A supervised sales team: attainment bands, why each rep below target fell short, lists."""

    reps: int


# ---- pack: prepaid_card ----------------------------------------------------------------------
@dataclass(frozen=True)
class PrepaidFacts:
    """A new prepaid-card team: leads by source, the funnel, rejections followed, cards sold."""

    cards: Decimal


# ---- end of packs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnualSummary:
    department: str
    department_kind: str
    year: int
    scope: str  # "department" or the rep's code
    scope_name: str  # the department's or the rep's name
    generated_at: datetime
    first_day: date | None  # first record of the year (a partial year starts later)
    last_day: date | None
    sales: SalesFacts
    collections: CollectionFacts
    customers: CustomerFacts
    reps: RepFacts
    activity: ActivityFacts
    delivery: DeliveryFacts
    rooms: RoomFacts | None
    dining: DiningFacts | None
    reconciliation: tuple[ReconciliationCheck, ...]
    findings: tuple[Finding, ...]  # ranked by money at stake
    plan: PlanSection
    figures: tuple[Figure, ...] = field(default=())
    # the department kind's own facts: at most one is set, the one of `department_kind`
    export: ExportFacts | None = None
    concrete: ConcreteFacts | None = None
    team: TeamFacts | None = None
    prepaid_card: PrepaidFacts | None = None

    @property
    def strengths(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == "strength")

    @property
    def shortfalls(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == "shortfall")
