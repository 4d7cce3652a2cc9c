"""Build the `AnnualSummary`: read every figure once, reconcile, find, plan.

`build_summary` is the one entry point; renderers, the CLI and the web app
read the frozen summary it returns and never query the database themselves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from salesdesk.findings import (
    FindingInputs,
    LateDeliveries,
    LeftRep,
    Thresholds,
    find,
    load_thresholds,
)
from salesdesk.findings import (
    rank as rank_findings,
)
from salesdesk.findings.kinds import concrete as concrete_f
from salesdesk.findings.kinds import export as export_f
from salesdesk.findings.kinds import prepaid_card as prepaid_f
from salesdesk.findings.kinds import team as team_f
from salesdesk.metrics import activity as activity_m
from salesdesk.metrics import collections as collections_m
from salesdesk.metrics import customers as customers_m
from salesdesk.metrics import delivery as delivery_m
from salesdesk.metrics import dining as dining_m
from salesdesk.metrics import reps as reps_m
from salesdesk.metrics import rooms as rooms_m
from salesdesk.metrics import sales as sales_m
from salesdesk.metrics import staffing
from salesdesk.metrics.definitions import DEFINITIONS
from salesdesk.metrics.kinds import concrete as concrete_k
from salesdesk.metrics.kinds import export as export_k
from salesdesk.metrics.kinds import prepaid_card as prepaid_k
from salesdesk.metrics.kinds import team as team_k
from salesdesk.metrics.ratios import ZERO
from salesdesk.metrics.scope import Scope, active_months, first_record_day, rep_scope, year_span
from salesdesk.planning.plan import PlanInputError, RepInput, build_plan
from salesdesk.planning.workdays import UnknownHolidayYear, working_days
from salesdesk.records.departments import department_named
from salesdesk.records.models import Rep
from salesdesk.report.reconcile import reconcile
from salesdesk.report.summary import (
    ActivityFacts,
    AnnualSummary,
    CollectionFacts,
    ConcreteFacts,
    CustomerFacts,
    DeliveryFacts,
    DiningFacts,
    ExportFacts,
    Figure,
    Finding,
    KeyAccount,
    PlanSection,
    PrepaidFacts,
    RepFacts,
    RoomFacts,
    SalesFacts,
    TeamFacts,
)

KEY_ACCOUNTS = 5


class NoRecordsForYear(LookupError):
    """The department (or rep) has no record of any kind dated in the year."""

    def __init__(self, scope: Scope) -> None:
        who = scope.department.name + (f" / {scope.rep.code}" if scope.rep else "")
        super().__init__(
            f"“{who}”在 {scope.year} 年没有任何记录（订单、收款、拜访、目标……），无法生成年度总结。 / "
            f"{who!r} has no records at all for {scope.year}; there is nothing to summarise."
        )
        self.scope = scope


def has_records(scope: Scope) -> bool:
    """Any record of the scope dated in the year (or a target for the year)."""
    dated = (
        scope.lines(),
        scope.payments(),
        scope.activities(),
        scope.adjustments(),
        scope.ideas(),
        scope.incidents(),
    )
    if any(qs.filter(date__gte=scope.first, date__lte=scope.last).exists() for qs in dated):
        return True
    return scope.targets("revenue").exists() or (scope.rep is None and scope.capacity().exists())


@dataclass(frozen=True)
class Ledger:
    """What was read from the database, once, for one scope."""

    sales: sales_m.SalesData
    customers: dict[int, customers_m.CustomerInfo]
    grid: tuple[customers_m.GridRow, ...]
    aging: customers_m.Aging
    adjustments: dict[tuple[int | None, int | None], customers_m.PeriodSums]
    payments: collections_m.PaymentData

    @property
    def adjustments_by_customer(self) -> dict[int | None, customers_m.PeriodSums]:
        return customers_m.by_customer_adjustments(self.adjustments)


def load_ledger(scope: Scope) -> Ledger:
    info = customers_m.load_customers(scope)
    grid, aging = customers_m.load_grid_and_aging(scope, info)
    return Ledger(
        sales=sales_m.load_sales(scope),
        customers=info,
        grid=grid,
        aging=aging,
        adjustments=customers_m.load_adjustment_split(scope),
        payments=collections_m.load_payments(scope),
    )


def _through(grid: tuple[customers_m.GridRow, ...]) -> dict[int | None, Decimal]:
    through: dict[int | None, Decimal] = defaultdict(lambda: ZERO)
    for g in grid:
        through[g.customer_id] += g.through
    return dict(through)


def _sales_before(ledger: Ledger) -> Decimal:
    lines = sum((g.before for g in ledger.grid), ZERO)
    return lines - sum((a.before for a in ledger.adjustments.values()), ZERO)


def _deductions(data: sales_m.SalesData) -> dict[str, Decimal]:
    kinds: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for a in data.adjustments_of(data.year):
        kinds[a.kind] += a.amount
    return dict(kinds)


def _left_reps(
    scope: Scope,
    info: Mapping[int, customers_m.CustomerInfo],
    totals: Mapping[int | None, customers_m.CustomerTotals],
) -> tuple[LeftRep, ...]:
    reps = (
        scope.reps()
        .filter(left_on__gte=scope.first, left_on__lte=scope.last)
        .order_by("left_on", "code")
    )
    found = []
    for rep in reps:
        owned = sorted((c for c in info.values() if c.owner_id == rep.pk), key=lambda c: c.code)
        revenue = sum((totals[c.id].revenue for c in owned if c.id in totals), ZERO)
        assert rep.left_on is not None
        found.append(
            LeftRep(rep.code, rep.name, rep.left_on, tuple(c.code for c in owned), revenue)
        )
    return tuple(found)


def _late(scope: Scope, data: sales_m.SalesData) -> LateDeliveries | None:
    delivered, on_time = delivery_m.delivered_lines(data.days, scope.year)
    if delivered == on_time:
        return None
    amount = sum((d.late_amount for d in data.days_of(scope.year)), ZERO)
    count, cost, orders = delivery_m.complaints_after_late(scope)
    return LateDeliveries(delivered - on_time, amount, count, cost, orders)


def _codes(info: Mapping[int, customers_m.CustomerInfo], ids: list[int | None]) -> tuple[str, ...]:
    seen: list[str] = []
    for i in ids:
        code = info[i].code if i is not None and i in info else ""
        if code and code not in seen:
            seen.append(code)
    return tuple(seen)


def key_accounts(
    customers: CustomerFacts,
    totals: Mapping[int | None, customers_m.CustomerTotals],
    info: Mapping[int, customers_m.CustomerInfo],
) -> tuple[KeyAccount, ...]:
    """Next year's key accounts: the five largest customers, then every VIP customer who bought."""
    found: list[KeyAccount] = []
    for rank, row in enumerate(customers.top[:KEY_ACCOUNTS], start=1):
        share = f"{(row.share or ZERO) * 100:.2f}%"
        found.append(
            KeyAccount(
                row.code,
                row.name,
                row.revenue,
                row.tier,
                f"销售额第 {rank} 名，占 {share}",
                f"No. {rank} by revenue, {share} of sales",
            )
        )
    listed = {a.code for a in found}
    vips = sorted(
        (
            t
            for c, t in totals.items()
            if c is not None and c in info and info[c].tier == "VIP" and t.year_orders
        ),
        key=lambda t: -t.revenue,
    )
    for t in vips:
        if t.customer_id is None:
            continue
        c = info[t.customer_id]
        if c.code not in listed:
            found.append(KeyAccount(c.code, c.name, t.revenue, c.tier, "VIP 客户", "VIP customer"))
    return tuple(found)


def _history(data: sales_m.SalesData, started: date | None) -> dict[int, Decimal]:
    """Seasonality for the plan: monthly revenue summed over the whole years on record (≤ 2)."""
    history: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for year in (data.year - 1, data.year):
        whole = started is None or started <= date(year, 1, 31)
        if whole and sales_m.has_year(data, year):
            for month, amount in sales_m.monthly_revenue(data, year).items():
                history[month] += amount
    return {m: max(ZERO, v) for m, v in history.items()}


def plan_section(
    scope: Scope,
    data: sales_m.SalesData,
    sales: SalesFacts,
    reps: RepFacts,
    accounts: tuple[KeyAccount, ...],
    started: date | None,
    *,
    plan_target: Decimal | None,
    growth: Decimal,
    assume_weekends: bool,
) -> PlanSection:
    """Next year's plan: the target (given, or this year's revenue × (1 + growth)) split by month
    following past seasonality, and by rep following this year's revenue shares."""
    year = scope.year + 1
    note_zh = note_en = ""
    try:
        working_days(year)
        assume = False
    except UnknownHolidayYear as unknown:
        if not assume_weekends:
            return PlanSection(None, accounts, str(unknown), str(unknown))
        assume = True
        note_zh = f"节假日日历尚未收录 {year} 年，按周一至周五为工作日估算。"
        note_en = f"The holiday calendar does not know {year} yet; Monday to Friday are taken as working days."
    if plan_target is None and sales.revenue <= 0:
        return PlanSection(
            None,
            accounts,
            f"{scope.year} 年没有销售额，无法按增长率推算 {year} 年目标；请给出目标金额。",
            f"There is no revenue in {scope.year} to grow from; give a target for {year}.",
        )
    revenue = {r.rep: r.revenue for r in reps.rows}
    inputs = [
        RepInput(
            r.code,
            r.name,
            max(ZERO, revenue[r.code]) if r.code in revenue else None,
            r.hired_on,
            r.left_on,
        )
        for r in Rep.objects.filter(
            department=scope.department, **({"pk": scope.rep.pk} if scope.rep else {})
        ).order_by("code")
        if r.left_on is None or r.left_on >= date(year, 1, 1)
    ]
    try:
        plan = build_plan(
            year,
            target=plan_target,
            last_year_revenue=max(ZERO, sales.revenue),
            growth=growth,
            monthly_history=_history(data, started),
            reps=inputs,
            assume_weekends=assume,
        )
    except PlanInputError as error:
        return PlanSection(None, accounts, str(error), str(error))
    return PlanSection(plan, accounts, note_zh, note_en)


def _figure(key: str, value: Decimal | int | None, records: int) -> Figure:
    d = DEFINITIONS[key]
    return Figure(
        key, d.label_zh, d.label_en, value, d.unit, d.definition_zh, d.definition_en, records
    )


def figures(summary_parts: dict[str, tuple[Decimal | int | None, int]]) -> tuple[Figure, ...]:
    return tuple(_figure(k, v, n) for k, (v, n) in summary_parts.items())


def _generated_at(today: date | None) -> datetime:
    if today is None:
        return timezone.now()
    return timezone.make_aware(datetime.combine(today, time()))


@dataclass(frozen=True)
class Computed:
    """Every part of the summary, computed once, with the records the findings need."""

    months: tuple[int, ...]
    started: date | None
    ledger: Ledger
    totals: dict[int | None, customers_m.CustomerTotals]
    sales: SalesFacts
    collections: CollectionFacts
    customers: CustomerFacts
    reps: RepFacts
    activity: ActivityFacts
    delivery: DeliveryFacts
    rooms: RoomFacts | None
    dining: DiningFacts | None
    follow_ups: tuple[activity_m.FollowUp, ...]
    rejections: tuple[activity_m.Rejection, ...]
    rep_days: int
    room_data: tuple[tuple[rooms_m.RoomDay, ...], dict[date, int]] | None
    dining_data: dining_m.DiningData | None


def _team(scope: Scope, ledger: Ledger) -> RepFacts:
    """The rep table is the department's, also in a rep's report (which keeps its own row)."""
    if scope.rep is None:
        return reps_m.rep_facts(ledger.grid, ledger.adjustments, reps_m.load_rep_data(scope))
    team = scope.whole_department()
    return reps_m.rep_facts(
        customers_m.load_grid(team, ledger.customers),
        customers_m.load_adjustment_split(team),
        reps_m.load_rep_data(scope),
        scope.rep.pk,
    )


def _hospitality(
    scope: Scope, data: sales_m.SalesData
) -> tuple[tuple[tuple[rooms_m.RoomDay, ...], dict[date, int]] | None, dining_m.DiningData | None]:
    """Room-night sales and restaurant bills, read only where the year has any."""
    room_data = None
    if rooms_m.has_rooms(data.dimensions):
        room_data = (rooms_m.load_room_days(scope), rooms_m.load_capacity(scope))
    dining_data = None
    if dining_m.has_dining(data.days, scope.year):
        dining_data = dining_m.load_dining(scope)
        if not dining_data.bills:
            dining_data = None  # only cancelled bills carried covers
    return room_data, dining_data


def compute(scope: Scope, t: Thresholds) -> Computed:
    """Read the scope once and compute every fact of the summary."""
    started = first_record_day(scope.department)
    months = active_months(scope, started)
    ledger = load_ledger(scope)
    data = ledger.sales
    adjustments = ledger.adjustments_by_customer
    totals = customers_m.customer_totals(ledger.grid, adjustments, ledger.aging)
    sales = sales_m.sales_facts(data, months, t.weak_month_share)
    balances = collections_m.outstanding(
        totals, adjustments, ledger.payments, _through(ledger.grid)
    )
    paid_in_year = {c: p.year for c, p in ledger.payments.by_customer.items()}
    spans = staffing.windows(scope, staffing.team_start(scope))
    rep_days = staffing.rep_working_days(spans, staffing.year_working_days(scope.year))
    follow_ups, rejections = activity_m.load_follow_ups_and_rejections(
        scope, t.follow_up_window_days
    )
    room_data, dining_data = _hospitality(scope, data)
    return Computed(
        months=months,
        started=started,
        ledger=ledger,
        totals=totals,
        sales=sales,
        collections=collections_m.collection_facts(
            scope, ledger.payments, sales.revenue, _sales_before(ledger), totals, balances
        ),
        customers=customers_m.customer_facts(
            scope, totals, ledger.customers, paid_in_year, balances
        ),
        reps=_team(scope, ledger),
        activity=activity_m.activity_facts(
            scope, follow_ups, rejections, customers_m.last_purchases(ledger.grid), rep_days
        ),
        delivery=delivery_m.delivery_facts(scope, data.days, delivery_m.load_ideas(scope), spans),
        rooms=rooms_m.room_facts(scope.year, *room_data) if room_data else None,
        dining=dining_m.dining_facts(dining_data) if dining_data else None,
        follow_ups=follow_ups,
        rejections=rejections,
        rep_days=rep_days,
        room_data=room_data,
        dining_data=dining_data,
    )


def finding_inputs(scope: Scope, c: Computed) -> FindingInputs:
    info = c.ledger.customers
    return FindingInputs(
        year=scope.year,
        months=c.months,
        sales=c.sales,
        collections=c.collections,
        customers=c.customers,
        reps=c.reps,
        activity=c.activity,
        delivery=c.delivery,
        dining=c.dining,
        rep_days=c.rep_days,
        deductions=_deductions(c.ledger.sales),
        late=_late(scope, c.ledger.sales),
        form_errors=delivery_m.incident_records(scope, "form_error"),
        missed_follow_ups=_codes(info, [f.customer_id for f in c.follow_ups if not f.kept]),
        unfollowed_rejections=_codes(info, [r.customer_id for r in c.rejections if not r.followed]),
        left_reps=_left_reps(scope, info, c.totals),
    )


def figure_parts(scope: Scope, c: Computed) -> dict[str, tuple[Decimal | int | None, int]]:
    """Each headline figure's value and the number of records behind it."""
    data, sales, payments = c.ledger.sales, c.sales, c.ledger.payments.records
    adjustment_records = sum(a.count for a in data.adjustments_of(scope.year))
    target_records = scope.targets("revenue").count()
    last_year_orders = sum(d.orders for d in data.days_of(scope.year - 1))
    customers, activity = c.customers, c.activity
    parts: dict[str, tuple[Decimal | int | None, int]] = {
        "sales.revenue": (sales.revenue, sales.lines + adjustment_records),
        "sales.gross": (sales.gross, sales.lines),
        "sales.orders": (sales.orders, sales.lines),
        "sales.target": (sales.target, target_records),
        "sales.attainment": (sales.attainment, sales.lines + adjustment_records + target_records),
        "sales.yoy": (sales.yoy, sales.orders + last_year_orders),
        "sales.monthly_cv": (sales.monthly_cv, sales.lines + adjustment_records),
        "collections.amount": (c.collections.amount, payments),
        "collections.rate": (c.collections.rate, payments + sales.lines),
        "collections.dso": (c.collections.dso, payments + sales.lines),
        "customers.active": (customers.active, customers.active),
        "customers.new": (customers.new, customers.active),
        "customers.top5_share": (customers.top5_share, customers.active),
        "customers.hhi": (customers.hhi, customers.active),
        "activity.visits": (activity.visits, activity.visits),
        "activity.per_rep_per_day": (activity.per_rep_per_day, activity.visits),
        "activity.follow_ups_due": (activity.follow_ups_due, activity.follow_ups_due),
        "activity.follow_ups_missed": (activity.follow_ups_missed, activity.follow_ups_due),
        "delivery.on_time_rate": (c.delivery.on_time_rate, c.delivery.delivered_lines),
    }
    if c.rooms is not None and c.room_data is not None:
        room_lines = sum(d.lines for d in c.room_data[0])
        capacity_rows = len(c.room_data[1])
        parts["rooms.occupancy"] = (c.rooms.occupancy, room_lines + capacity_rows)
        parts["rooms.adr"] = (c.rooms.adr, room_lines)
        parts["rooms.revpar"] = (c.rooms.revpar, room_lines + capacity_rows)
    if c.dining is not None:
        parts["dining.net"] = (c.dining.net, c.dining.bills)
        parts["dining.avg_per_bill"] = (c.dining.avg_per_bill, c.dining.bills)
        parts["dining.per_cover"] = (c.dining.per_cover, c.dining.bills)
    return parts


@dataclass(frozen=True)
class KindFacts:
    """The department kind's own facts (at most one set) and the findings they show."""

    export: ExportFacts | None = None
    concrete: ConcreteFacts | None = None
    team: TeamFacts | None = None
    prepaid_card: PrepaidFacts | None = None
    findings: tuple[Finding, ...] = ()


def kind_facts(scope: Scope, c: Computed, t: Thresholds) -> KindFacts:
    """The pack of the department's kind; a general or hospitality department has none here
    (hotels and restaurants get `rooms` and `dining`, which any department with such sales has)."""
    kind = scope.department.kind
    if kind == "export":
        ex = export_k.facts(scope, c)
        return KindFacts(export=ex, findings=tuple(export_f.findings(ex, t)) if ex else ())
    if kind == "concrete":
        co = concrete_k.facts(scope, c)
        return KindFacts(concrete=co, findings=tuple(concrete_f.findings(co, t)) if co else ())
    if kind == "team":
        te = team_k.facts(scope, c, t)
        return KindFacts(team=te, findings=tuple(team_f.findings(te, t)) if te else ())
    if kind == "prepaid_card":
        pc = prepaid_k.facts(scope, c)
        return KindFacts(prepaid_card=pc, findings=tuple(prepaid_f.findings(pc, t)) if pc else ())
    return KindFacts()


def build_summary(
    department: str | None,
    year: int,
    *,
    rep: str | None = None,
    lang: str = "zh",
    today: date | None = None,
    plan_target: Decimal | None = None,
    growth: Decimal = Decimal("0.1"),
    assume_weekends: bool = True,
    thresholds: Thresholds | None = None,
) -> AnnualSummary:
    """The annual summary of a department (or one rep with `rep`) for `year`.

    Raises UnknownDepartment / UnknownRep for names that do not exist and
    NoRecordsForYear when the scope has no record in the year. `lang` must be zh
    or en; the summary itself carries both languages.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"unsupported language {lang!r}; use 'zh' or 'en'")
    t = thresholds or load_thresholds()
    scope = rep_scope(department_named(department), year, rep)
    if not has_records(scope):
        raise NoRecordsForYear(scope)
    c = compute(scope, t)
    pack = kind_facts(scope, c, t)
    accounts = key_accounts(c.customers, c.totals, c.ledger.customers)
    plan = plan_section(
        scope,
        c.ledger.sales,
        c.sales,
        c.reps,
        accounts,
        c.started,
        plan_target=plan_target,
        growth=growth,
        assume_weekends=assume_weekends,
    )
    first_day, last_day = year_span(scope)
    return AnnualSummary(
        department=scope.department.name,
        department_kind=scope.department.kind,
        year=year,
        scope=scope.code,
        scope_name=scope.rep.name if scope.rep else scope.department.name,
        generated_at=_generated_at(today),
        first_day=first_day,
        last_day=last_day,
        sales=c.sales,
        collections=c.collections,
        customers=c.customers,
        reps=c.reps,
        activity=c.activity,
        delivery=c.delivery,
        rooms=c.rooms,
        dining=c.dining,
        reconciliation=reconcile(scope, c.ledger.sales, c.dining_data, c.room_data),
        findings=rank_findings([*find(finding_inputs(scope, c), t), *pack.findings]),
        plan=plan,
        figures=figures(figure_parts(scope, c)),
        export=pack.export,
        concrete=pack.concrete,
        team=pack.team,
        prepaid_card=pack.prepaid_card,
    )
