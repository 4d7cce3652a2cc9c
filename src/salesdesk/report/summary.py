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
from salesdesk.planning.whatif import WhatIf

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
class MixTrendRow:
    """One order type's share of gross sales last year, in each quarter, and over the year."""

    order_type: str
    last_year: Money | None  # None when last year has no order lines
    last_year_share: Ratio
    quarters: tuple[Money, ...]  # Q1..Q4 amounts
    quarter_shares: tuple[Ratio, ...]  # of each quarter's gross; None for a quarter with none
    amount: Money
    share: Ratio
    change: Ratio  # share − last year's share, in fraction points (None without last year)


@dataclass(frozen=True)
class VipService:
    """The service a VIP (key) account got in the year."""

    code: str
    name: str
    country: str
    revenue: Money
    visits: int  # activities of any kind with the customer
    delivered_lines: int
    on_time_lines: int
    on_time_rate: Ratio
    late_amount: Money
    incidents: int
    incident_cost: Money


@dataclass(frozen=True)
class DelayFacts:
    """Late deliveries and mold delays, and the complaints that followed them."""

    late_lines: int
    late_amount: Money
    late_incidents: int  # incidents of kind late_delivery
    late_incident_cost: Money
    mold_delays: int
    mold_delay_cost: Money
    mold_delay_orders: tuple[str, ...]
    complaints: int  # quality/sample/other incidents on or after a delay, same order or customer
    complaint_cost: Money
    complaint_orders: tuple[str, ...]


@dataclass(frozen=True)
class ChecklistGap:
    """An order released to production before its customer confirmation was complete."""

    order: str
    customer: str
    released_on: date
    amount: Money
    missing: tuple[str, ...]  # packaging | marks | design | date (confirmed after release / none)


@dataclass(frozen=True)
class ChecklistFacts:
    """客户资料确认表: packaging materials, shipping marks (麦头), design drafts, date."""

    orders: int  # orders of the year carrying any checklist column
    unrecorded: int  # orders of the year carrying none
    complete: int
    complete_rate: Ratio  # complete / orders
    released: int  # orders with a release (投产) date
    released_incomplete: tuple[ChecklistGap, ...]  # largest amount first
    released_incomplete_amount: Money
    missing_by_item: tuple[tuple[str, int], ...]  # item → orders missing it


@dataclass(frozen=True)
class RepIdeas:
    rep: str
    name: str
    months: int  # months of the year the rep was on the team
    submitted: int
    adopted: int
    per_month: Ratio  # submitted / months
    adoption_rate: Ratio  # adopted / submitted


@dataclass(frozen=True)
class PricingFacts:
    """The FOB what-if applied to the year's own FX and rebate change (docs/pricing.md)."""

    currency: str
    month_from: str  # "YYYY-MM": first month with sales in the currency
    month_to: str
    lines: int  # lines of the first month behind cost and FOB
    rebate_recorded: bool  # False: rebate unknown, taken as unchanged (0)
    whatif: WhatIf


@dataclass(frozen=True)
class ExportFacts:
    """OEM/ODM export: order mix and its trend, key-account service, countries, delays,
    the customer confirmation checklist, ideas per rep and the pricing what-if."""

    mix_trend: tuple[MixTrendRow, ...]  # largest amount this year first
    quarter_totals: tuple[Money, ...]  # gross of each quarter
    vip: tuple[VipService, ...]  # largest revenue first
    by_country: tuple[Share, ...]  # revenue by customer country; "" = not recorded
    delays: DelayFacts
    checklist: ChecklistFacts | None  # None: no order of the year carries a checklist column
    ideas: tuple[RepIdeas, ...]  # by rep code
    pricing: PricingFacts | None  # None: no unit cost / FX change recorded


# ---- pack: concrete --------------------------------------------------------------------------
@dataclass(frozen=True)
class GradeRow:
    """Pours of one strength grade (强度等级, e.g. C30); grade "" = not given on the order."""

    grade: str
    volume_m3: Decimal
    amount: Money  # Σ line amounts (before adjustments)
    avg_price: Money | None  # amount / volume_m3
    share: Ratio  # of the year's m³
    pours: int  # order lines


@dataclass(frozen=True)
class VolumeMonth:
    month: str  # "YYYY-MM"
    volume_m3: Decimal
    amount: Money
    avg_price: Money | None


@dataclass(frozen=True)
class SiteRow:
    """One building site (工地) by name; `customer` is the one who took most of its m³."""

    site: str
    customer: str
    customer_name: str
    volume_m3: Decimal
    amount: Money
    pours: int


@dataclass(frozen=True)
class AccountRow:
    """A customer's or a rep's collection account for the year (code "" = not assigned).

    receivable = opening + sales − collections; rate = collections / (opening + sales), the
    department's 回款率 definition, so the rows add up to the department's figures.
    """

    code: str
    name: str
    opening: Money
    sales: Money
    collections: Money
    rate: Ratio
    receivable: Money
    aging: tuple[AgingBucket, ...] = ()  # customers only

    def aged(self, bucket: str = "90+") -> Money:
        return sum((b.amount for b in self.aging if b.bucket == bucket), Decimal(0))


@dataclass(frozen=True)
class FormErrorRow:
    """An order-form error (incident kind form_error) of the year."""

    day: date
    order: str
    customer: str
    customer_name: str
    cost: Money
    note: str


@dataclass(frozen=True)
class ConcreteFacts:
    """Ready-mix concrete: m³, price per m³, 回款率 and aging per customer and rep, form errors."""

    volume_m3: Decimal  # Σ quantity of the year's non-cancelled m³ lines
    amount: Money  # Σ their amounts (before adjustments)
    avg_price: Money | None  # amount / volume_m3
    by_grade: tuple[GradeRow, ...]  # largest m³ first
    by_month: tuple[VolumeMonth, ...]  # twelve, January first
    sites: int  # distinct site names poured to
    top_sites: tuple[SiteRow, ...]  # largest m³ first
    customers: tuple[AccountRow, ...]  # largest sales first
    customers_unassigned: AccountRow | None  # sales and payments naming no customer
    reps: tuple[AccountRow, ...]  # largest sales first
    reps_unassigned: AccountRow | None  # sales and payments naming no rep
    pour_orders: int  # distinct orders with an m³ line in the year (cancelled included)
    form_errors: tuple[FormErrorRow, ...]  # by date
    form_error_cost: Money
    orders_with_error: int  # pour orders of the year named by a form error of the year
    error_share: Ratio  # orders_with_error / pour_orders


# ---- pack: team ------------------------------------------------------------------------------
@dataclass(frozen=True)
class RankedRep:
    """A rep's place in the ranking and the key that put them below the rep ranked just above."""

    rank: int
    rep: str
    name: str
    revenue: Money
    target: Money | None
    attainment: Ratio
    collections: Money
    tie_break: str  # "" (no tie above) | revenue | collections | code


@dataclass(frozen=True)
class AttainmentBand:
    band: str  # lt60 | 60-80 | 80-100 | 100-120 | ge120 | none (no target)
    reps: tuple[str, ...]  # rep codes, in rank order


@dataclass(frozen=True)
class RepMeasures:
    """What a rep's data shows, each beside the median of the other reps (None: no value)."""

    visits_per_day: Ratio  # activities / the rep's working days on the team
    conversion: Ratio  # visited customers who ordered on or after the first visit / visited
    price_index: Ratio  # Σ rep amount / Σ (rep qty × others' average price), shared products
    price_gap: Money  # Σ rep qty × others' average price − Σ rep amount (shared products)
    retention: Ratio  # 1 − lost customers' last-year revenue / the rep's last-year revenue
    lost_customers: tuple[str, ...]  # bought from the rep last year, from nobody this year
    lost_revenue: Money  # their last-year revenue with the rep (net of adjustments)
    follow_through: Ratio  # follow-ups and rejections followed in time / all due
    missed_follow_ups: int  # follow-ups due and rejections not followed in time


@dataclass(frozen=True)
class TeamMedians:
    """The median of the other reps' values (None when no other rep has one)."""

    visits_per_day: Ratio
    conversion: Ratio
    retention: Ratio
    follow_through: Ratio


@dataclass(frozen=True)
class RepReason:
    """One weakness the data shows: the rep's value, the team's, and how far below (severity)."""

    code: str  # few_visits | low_conversion | low_prices | lost_customers | no_follow_up
    rep_value: Decimal
    team_value: Decimal
    severity: Decimal  # 1 − rep_value / team_value: the main reason is the largest


@dataclass(frozen=True)
class RepReview:
    rep: str
    name: str
    revenue: Money
    target: Money | None
    attainment: Ratio
    gap: Money  # target − revenue when below target, else 0
    collection_rate: Ratio  # the rep's collections / revenue
    measures: RepMeasures
    team: TeamMedians  # the other reps' medians (for prices the team's value is 1: their own)
    reasons: tuple[RepReason, ...]  # largest severity first

    @property
    def main_reason(self) -> str:
        return self.reasons[0].code if self.reasons else "none"


@dataclass(frozen=True)
class TeamRules:
    """The thresholds the facts were judged by (findings settings), so the report can say them."""

    reason_share: Decimal  # a measure below this share of the others' median is a reason
    price_index_min: Decimal  # a price index below this is a reason
    raise_attainment_min: Decimal
    raise_collection_rate_min: Decimal


@dataclass(frozen=True)
class TeamFacts:
    """A supervised sales team: ranking with tie-breaks, attainment bands, why each rep below
    target fell short, and the lists for a raise and for coaching."""

    ranking: tuple[RankedRep, ...]  # rank 1 first
    bands: tuple[AttainmentBand, ...]  # lt60 … ge120, none: all six, empty ones too
    reviews: tuple[RepReview, ...]  # every rep of the ranking, in rank order
    below_target: tuple[str, ...]  # attainment < 100%, in rank order
    coaching: tuple[str, ...]  # below target, largest gap first
    raise_list: tuple[str, ...]  # on target, collections fine, no weakness, still employed
    gap_total: Money  # Σ gap of the reps below target
    rules: TeamRules

    def review(self, code: str) -> RepReview:
        return next(r for r in self.reviews if r.rep == code)


# ---- pack: prepaid_card ----------------------------------------------------------------------
@dataclass(frozen=True)
class Funnel:
    """Leads first contacted in the year, how many showed interest, how many bought."""

    contacted: int
    interested: int  # an interested/deal outcome after first contact, or a sale
    sold: int  # ordered in the year on or after the first contact
    interest_rate: Ratio  # interested / contacted
    close_rate: Ratio  # sold / interested
    conversion: Ratio  # sold / contacted


@dataclass(frozen=True)
class LeadSourceRow:
    source: str  # yellow_pages, mailing, cold_visit, referral, other, unknown, or the text given
    funnel: Funnel
    contacts: int  # activities of the year on these leads
    contact_share: Ratio  # contacts / contacts on all leads


@dataclass(frozen=True)
class CardMonth:
    month: str  # "YYYY-MM", active months only
    cards: Decimal
    stored_value: Money
    orders: int


@dataclass(frozen=True)
class PrepaidRepRow:
    rep: str
    name: str
    visits: int
    working_days: int  # working days on the team in the year
    per_day: Ratio  # visits / working days
    funnel: Funnel  # leads this rep contacted first
    rejections: int
    rejections_followed: int
    cards: Decimal
    stored_value: Money


@dataclass(frozen=True)
class UnfollowedRejection:
    day: date
    customer: str
    customer_name: str
    rep: str
    rep_name: str


@dataclass(frozen=True)
class PrepaidFacts:
    """A new prepaid-card team: leads by source, the funnel, rejections followed, cards sold."""

    started_on: date | None  # first record, when inside the year (None: on record before it)
    months_active: int  # months from the start on (12 for a team there all year)
    funnel: Funnel
    by_source: tuple[LeadSourceRow, ...]  # most leads first
    visits: int
    rep_days: int
    visits_per_rep_day: Ratio
    visits_per_month: Decimal  # visits / months_active
    leads_per_month: Decimal  # leads / months_active
    rejections: int
    rejections_followed: int
    follow_up_rate: Ratio  # rejections followed / rejections
    unfollowed: tuple[UnfollowedRejection, ...]  # oldest first
    cards: Decimal
    stored_value: Money
    card_orders: int
    cards_per_month: Decimal
    stored_value_per_month: Money
    months_without_sales: tuple[str, ...]  # active months with no card sold
    by_month: tuple[CardMonth, ...]
    by_rep: tuple[PrepaidRepRow, ...]  # by code


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
