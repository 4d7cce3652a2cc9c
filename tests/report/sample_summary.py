"""Hand-built annual summaries for renderer tests (no database).

`sample_summary()` is a small export department (出口部, 2016, 12 months, 4 reps, findings,
reconciliation checks and a 2017 plan from `build_plan`), modelled on the first of the seed
年度工作总结: weak January, February and June, too many gift and OEM/ODM orders, a senior rep
(Nico) leaving in October, mould delays.  `sample_hotel_summary()` is a hotel sales department
with rooms and a restaurant, using the third seed summary's figures (including the 216 yuan by
which its restaurant receipts fail to add up).  `empty_summary()` has no records at all.

The summary carries both languages, so these take no language; tests render each in zh and en.
Totals are derived from the parts here, so every table adds up like a real summary would.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from salesdesk.planning.plan import RepInput, build_plan
from salesdesk.report.summary import (
    ActivityFacts,
    AgingBucket,
    AnnualSummary,
    ChannelRow,
    CollectionFacts,
    CustomerFacts,
    CustomerRow,
    DeliveryFacts,
    DiningFacts,
    Figure,
    Finding,
    IncidentRow,
    KeyAccount,
    MonthRow,
    PlanSection,
    ReconciliationCheck,
    RepFacts,
    RepRow,
    RoomFacts,
    RoomMonth,
    SalesFacts,
    Share,
    UnitVolume,
)

D = Decimal
YEAR = 2016
GENERATED = datetime(2017, 1, 5, 9, 30)
MONTHS = tuple(f"{YEAR}-{m:02d}" for m in range(1, 13))
CENT = D("0.01")

REVENUE = (
    D("4213560.50"),
    D("3087420.00"),
    D("6512380.75"),
    D("6804215.20"),
    D("7126930.00"),
    D("4608112.35"),
    D("6930480.60"),
    D("7312045.10"),
    D("6701893.40"),
    D("6420318.00"),
    D("6618750.90"),
    D("5935206.15"),
)
LAST_YEAR = (
    D("5120000.00"),
    D("4380500.00"),
    D("6810200.00"),
    D("6950000.00"),
    D("7010300.00"),
    D("6230150.00"),
    D("7105000.00"),
    D("7420800.00"),
    D("6880400.00"),
    D("6590000.00"),
    D("6705300.00"),
    D("6410000.00"),
)
ORDERS = (21, 15, 34, 36, 38, 23, 37, 39, 35, 33, 35, 30)
MONTH_TARGET = D("6500000.00")


def ratio(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """part / whole to six places, None for a zero whole (as the builder does)."""
    return None if whole == 0 else (D(part) / D(whole)).quantize(D("0.000001"))


def split(total: Decimal, weights: tuple[int, ...]) -> list[Decimal]:
    """Split money by integer weights to the cent; the last part takes the remainder."""
    scale = sum(weights)
    parts = [(total * w / scale).quantize(CENT) for w in weights[:-1]]
    return [*parts, total - sum(parts, D(0))]


def _change(now: Decimal, before: Decimal | None) -> Decimal | None:
    return None if not before else ratio(now - before, before)


def _months() -> tuple[MonthRow, ...]:
    rows = []
    for i, month in enumerate(MONTHS):
        before = REVENUE[i - 1] if i else None
        rows.append(
            MonthRow(
                month=month,
                revenue=REVENUE[i],
                target=MONTH_TARGET,
                last_year=LAST_YEAR[i],
                orders=ORDERS[i],
                mom=_change(REVENUE[i], before),
                yoy=_change(REVENUE[i], LAST_YEAR[i]),
            )
        )
    return tuple(rows)


def _shares(total: Decimal, names: tuple[str, ...], weights: tuple[int, ...]) -> tuple[Share, ...]:
    amounts = split(total, weights)
    counts = [max(1, w // 2) for w in weights]
    return tuple(
        Share(name, amount, ratio(amount, total), count)
        for name, amount, count in zip(names, amounts, counts, strict=True)
    )


def _sales() -> SalesFacts:
    revenue = sum(REVENUE, D(0))
    target = MONTH_TARGET * 12
    last_year = sum(LAST_YEAR, D(0))
    order_types = ("regular", "gift", "oem", "promo", "odm", "own")
    return SalesFacts(
        revenue=revenue,
        gross=revenue + D("412560.30") + D("186320.00"),
        adjustments=D("412560.30"),
        returns=D("186320.00"),
        target=target,
        attainment=ratio(revenue, target),
        last_year=last_year,
        yoy=ratio(revenue - last_year, last_year),
        orders=sum(ORDERS),
        lines=1520,
        cancelled_orders=7,
        by_month=_months(),
        volume=(
            UnitVolume("pcs", D("1234560"), revenue - D("3215400.00"), D("54.25")),
            UnitVolume("box", D("8420"), D("3215400.00"), D("381.88")),
        ),
        by_order_type=_shares(revenue, order_types, (38, 27, 15, 10, 6, 4)),
        by_channel=_shares(revenue, ("外贸直营", "贸易公司"), (72, 28)),
        by_category=_shares(revenue, ("塑料收纳", "园艺用品", "节日礼品"), (55, 30, 15)),
        weak_months=("2016-01", "2016-02", "2016-06"),
        monthly_cv=D("0.2143"),
    )


def _collections(revenue: Decimal) -> CollectionFacts:
    opening = D("9812400.00")
    amount = D("68954210.35")
    channels = split(amount, (62, 30, 8))
    names = ("transfer", "letter_of_credit", "other")
    closing = opening + revenue - amount
    return CollectionFacts(
        amount=amount,
        by_channel=tuple(
            ChannelRow(n, c, a) for n, c, a in zip(names, (214, 38, 17), channels, strict=True)
        ),
        opening_receivables=opening,
        closing_receivables=closing,
        rate=ratio(amount, opening + revenue),
        aging=tuple(
            AgingBucket(b, a, o)
            for b, a, o in zip(
                ("current", "1-30", "31-60", "61-90", "90+"),
                split(closing, (55, 20, 12, 8, 5)),
                (22, 9, 5, 3, 2),
                strict=True,
            )
        ),
        dso=D("41.3"),
    )


CUSTOMERS = (
    ("C001", "日本城（Japan City）", "VIP", "日本", 24),
    ("C002", "JUMBO", "VIP", "澳洲", 17),
    ("C003", "Cainz Home", "A", "日本", 14),
    ("C004", "沃尔玛（Walmart）", "A", "北美", 11),
    ("C005", "Kmart Australia", "B", "澳洲", 7),
    ("C006", "Tokyu Hands", "B", "日本", 5),
)


def _customers(revenue: Decimal) -> CustomerFacts:
    amounts = split(revenue, (24, 17, 14, 11, 7, 5, 22))[:6]
    top = tuple(
        CustomerRow(
            code,
            name,
            amount,
            ratio(amount, revenue),
            tier,
            region,
            (amount * D("0.93")).quantize(CENT),
            (amount * D("0.12")).quantize(CENT),
        )
        for (code, name, tier, region, _w), amount in zip(CUSTOMERS, amounts, strict=True)
    )
    lost = (
        CustomerRow("C101", "Daiso Industries", D("1820400.00"), None, "B", "日本", D(0), D(0)),
        CustomerRow("C102", "Bunnings", D("640250.00"), None, "C", "澳洲", D(0), D(0)),
        CustomerRow("C103", "Homebase", D("312800.00"), None, "C", "欧洲", D(0), D(0)),
    )
    return CustomerFacts(
        active=23,
        new=4,
        returning=19,
        lost=3,
        top5_share=ratio(sum(amounts[:5], D(0)), revenue),
        hhi=D("1385"),
        top=top,
        by_tier=_shares(revenue, ("VIP", "A", "B", "C"), (41, 25, 22, 12)),
        by_region=_shares(revenue, ("日本", "澳洲", "北美", "欧洲"), (48, 26, 16, 10)),
        lost_customers=lost,
    )


REPS = (
    ("E01", "林晓", 40, None, None),
    ("E02", "周敏", 30, None, None),
    ("E03", "黄妮（Nico）", 20, date(2011, 5, 3), date(2016, 10, 31)),
    ("E04", "王磊", 10, date(2016, 3, 1), None),
)
REP_TARGETS = (D("28000000"), D("24000000"), D("18000000"), D("8000000"))


def _reps(revenue: Decimal) -> RepFacts:
    amounts = split(revenue, tuple(r[2] for r in REPS))
    extras = ((160, 9, 150), (131, 7, 110), (72, 5, 75), (49, 3, 41))
    rows = []
    for rank, (rep, amount, target, extra) in enumerate(
        zip(REPS, amounts, REP_TARGETS, extras, strict=True), start=1
    ):
        code, name, _weight, _hired, left_on = rep
        visits, customers, orders = extra
        rows.append(
            RepRow(
                rep=code,
                name=name,
                revenue=amount,
                target=target,
                attainment=ratio(amount, target),
                rank=rank,
                collections=(amount * D("0.96")).quantize(CENT),
                visits=visits,
                customers=customers,
                orders=orders,
                left_on=left_on,
            )
        )
    return RepFacts(rows=tuple(rows), attainment_cv=D("0.1835"))


def _activity() -> ActivityFacts:
    kinds = (("visit", 148), ("call", 171), ("mail", 38), ("message", 55))
    total = sum(n for _k, n in kinds)
    return ActivityFacts(
        visits=total,
        by_kind=tuple(Share(k, D(0), ratio(n, total), n) for k, n in kinds),
        working_days=251,
        per_rep_per_day=D("0.47"),
        follow_ups_due=96,
        follow_ups_missed=31,
        rejections=40,
        rejections_followed=12,
        conversion=D("0.1842"),
    )


def _delivery() -> DeliveryFacts:
    return DeliveryFacts(
        delivered_lines=1520,
        on_time_lines=1318,
        on_time_rate=ratio(1318, 1520),
        incidents=(
            IncidentRow("quality", 4, D("126500.00")),
            IncidentRow("late_delivery", 9, D("48000.00")),
            IncidentRow("mold_delay", 6, D("35200.00")),
            IncidentRow("sample", 3, D("0.00")),
        ),
        ideas_submitted=22,
        ideas_adopted=5,
        idea_rewards=D("2500.00"),
        ideas_per_rep_month=ratio(22, 48),
    )


def _checks(collections: CollectionFacts) -> tuple[ReconciliationCheck, ...]:
    receivables = collections.closing_receivables
    return (
        ReconciliationCheck(
            "order_lines",
            "订单明细合计与订单金额",
            "Order lines against order totals",
            D("71871312.95"),
            D("71871312.95"),
            D("0"),
        ),
        ReconciliationCheck(
            "receivables",
            "期末应收与客户明细",
            "Closing receivables against customer balances",
            receivables,
            receivables - D("12345.60"),
            D("-12345.60"),
            ("PAY-2016-0457", "PAY-2016-0458"),
        ),
    )


def _figures(sales: SalesFacts, col: CollectionFacts, cus: CustomerFacts) -> tuple[Figure, ...]:
    def fig(key: str, zh: str, en: str, value: Decimal | int | None, unit: str, n: int) -> Figure:
        return Figure(
            key, zh, en, value, unit, f"{zh}的计算口径", f"How {en.lower()} is computed", n
        )

    return (
        fig("sales.revenue", "销售额", "Net sales", sales.revenue, "money", 1520),
        fig("sales.target", "年度目标", "Target", sales.target, "money", 12),
        fig("sales.attainment", "目标完成率", "Attainment", sales.attainment, "ratio", 1532),
        fig("sales.last_year", "上年销售额", "Last year's sales", sales.last_year, "money", 1490),
        fig("sales.yoy", "同比", "Change on last year", sales.yoy, "ratio", 3010),
        fig("sales.orders", "订单数", "Orders", sales.orders, "count", 376),
        fig(
            "sales.monthly_cv",
            "月度销售额离散系数",
            "Monthly variation",
            sales.monthly_cv,
            "ratio",
            12,
        ),
        fig("collections.amount", "回款额", "Collections", col.amount, "money", 269),
        fig("collections.rate", "回款率", "Collection rate", col.rate, "ratio", 1789),
        fig("collections.dso", "应收账款周转天数", "Days sales outstanding", col.dso, "days", 1789),
        fig("customers.active", "有成交客户", "Active customers", cus.active, "count", 23),
        fig(
            "customers.top5_share", "前五大客户占比", "Top five share", cus.top5_share, "ratio", 23
        ),
        fig("customers.hhi", "客户集中度", "Concentration (HHI)", cus.hhi, "hhi", 23),
        fig("activity.follow_ups_due", "到期跟进", "Follow-ups due", 96, "count", 96),
        fig("activity.follow_ups_missed", "未按期跟进", "Follow-ups missed", 31, "count", 96),
    )


def _findings(sales: SalesFacts, col: CollectionFacts, reps: RepFacts) -> tuple[Finding, ...]:
    target = sales.target or D(0)
    weak = sum(
        (MONTH_TARGET - m.revenue for m in sales.by_month if m.month in sales.weak_months), D(0)
    )
    gift = next(s for s in sales.by_order_type if s.name == "gift")
    top = reps.rows[0]
    return (
        Finding(
            "shortfall",
            "target_missed",
            "全年销售额未完成年度目标。",
            "Sales fell short of the yearly target.",
            {"sales.attainment": sales.attainment, "sales.target": sales.target},
            target - sales.revenue,
            action_zh="把年度目标分解到月、周和业务员，每月复盘完成率。",
            action_en="Split the target by month, week and rep, and review attainment monthly.",
        ),
        Finding(
            "shortfall",
            "weak_months",
            "一二月开局和六月订单不足，订单量不稳定。",
            "January, February and June were weak; orders were uneven.",
            {"months": sales.weak_months, "sales.monthly_cv": sales.monthly_cv},
            weak,
            action_zh="淡季前锁定重点客户的常规订单，平滑月度订单。",
            action_en="Secure key accounts' regular orders before the slow months.",
        ),
        Finding(
            "shortfall",
            "gift_share",
            "赠品订单比例过大，常规订单和自主产品比例偏小。",
            "Too many gift orders; too few regular orders and own products.",
            {"gift_share": gift.share, "own_share": D("0.04")},
            gift.amount - (sales.revenue * D("0.15")).quantize(CENT),
            action_zh="开发适合日本城、JUMBO、Cainz Home、沃尔玛的自主产品。",
            action_en="Develop own products for Japan City, JUMBO, Cainz Home and Walmart.",
        ),
        Finding(
            "shortfall",
            "incidents",
            "模具延期和质量问题引起客户投诉。",
            "Mould delays and quality problems caused complaints.",
            {"incidents": 22, "cost": D("209700.00")},
            D("209700.00"),
            records=("INC-03", "INC-07", "INC-11", "INC-12", "INC-15", "INC-18", "INC-21"),
            action_zh="设立客户资料确认表，与工厂书面确认模具和样板交期。",
            action_en="Confirm mould and sample dates with the factory in writing.",
        ),
        Finding(
            "shortfall",
            "follow_ups_missed",
            "到期跟进有三成未按期完成，被拒绝后大多没有二次跟进。",
            "A third of follow-ups were missed; most rejections were not followed up.",
            {"activity.follow_ups_missed": 31, "activity.follow_ups_due": 96},
            D(0),
            action_zh="建立定期与买手通电话的制度，到期前提醒跟进。",
            action_en="Call buyers on a fixed schedule, with reminders before follow-ups fall due.",
        ),
        Finding(
            "shortfall",
            "rep_left",
            "老业务员黄妮（Nico）10月离职，其客户需要交接。",
            "Senior rep Nico left in October; her customers need a new owner.",
            {"rep": "E03", "left_on": date(2016, 10, 31)},
            D(0),
        ),
        Finding(
            "strength",
            "collection_rate",
            "回款情况良好，全年回款率较高。",
            "Collections were good, with a high collection rate.",
            {"collections.rate": col.rate, "collections.amount": col.amount},
            D(0),
        ),
        Finding(
            "strength",
            "top_rep",
            f"{top.name}全年销售额居首，超额完成个人目标。",
            f"{top.name} sold the most and beat the personal target.",
            {"rep": top.rep, "revenue": top.revenue, "attainment": top.attainment},
            D(0),
        ),
    )


def _plan(revenue: Decimal, top: tuple[CustomerRow, ...]) -> PlanSection:
    reps = [
        RepInput(code, name, amount, hired, left)
        for (code, name, _w, hired, left), amount in zip(
            REPS, split(revenue, tuple(r[2] for r in REPS)), strict=True
        )
        if left is None
    ]
    plan = build_plan(
        YEAR + 1,
        target=None,
        last_year_revenue=revenue,
        growth=D("0.1"),
        monthly_history=dict(zip(range(1, 13), REVENUE, strict=True)),
        reps=reps,
    )
    accounts = tuple(
        KeyAccount(
            c.code, c.name, c.revenue, c.tier, "大客户，订单稳定", "large customer, steady orders"
        )
        for c in top[:4]
    )
    return PlanSection(plan=plan, key_accounts=accounts)


def sample_summary() -> AnnualSummary:
    """The export department's 2016 summary."""
    sales = _sales()
    collections = _collections(sales.revenue)
    customers = _customers(sales.revenue)
    reps = _reps(sales.revenue)
    return AnnualSummary(
        department="出口部",
        department_kind="export",
        year=YEAR,
        scope="department",
        scope_name="出口部",
        generated_at=GENERATED,
        first_day=date(2016, 1, 4),
        last_day=date(2016, 12, 30),
        sales=sales,
        collections=collections,
        customers=customers,
        reps=reps,
        activity=_activity(),
        delivery=_delivery(),
        rooms=None,
        dining=None,
        reconciliation=_checks(collections),
        findings=_findings(sales, collections, reps),
        plan=_plan(sales.revenue, customers.top),
        figures=_figures(sales, collections, customers),
    )


def sample_rep_summary() -> AnnualSummary:
    """The same figures seen as one rep's personal summary (only the scope differs)."""
    return replace(sample_summary(), scope="E01", scope_name="林晓")


# -- a hotel sales department with rooms and a restaurant (the third seed summary) ----------

ROOM_REVENUE = D("5521962.00")
ROOM_NIGHTS = (1980, 1850, 2410, 2520, 2630, 2380, 2890, 2960, 2650, 2790, 2520, 2247)
ROOMS_AVAILABLE = 120
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
DEDUCTIONS = (
    ("discount", D("318216.25"), 1840),
    ("voucher", D("60216.00"), 602),
    ("free", D("14354.00"), 41),
    ("comp", D("8232.10"), 96),
    ("rounding", D("3874.25"), 2210),
    ("hosting", D("2797.00"), 3),
    ("other", D("600.00"), 6),
)
RECEIPTS = (
    ("cash", 6602, D("1414964")),
    ("member_card", 1225, D("826890")),
    ("bank_card", 1785, D("652513")),
    ("on_account", 454, D("181656")),
    ("staff_meal", 549, D("75376")),
    ("meituan", 329, D("71956")),
    ("dianping", 49, D("11182")),
    ("nuomi", 44, D("10625")),
    ("deposit", 4, D("3300")),
    ("other", 3, D("2797")),
)
DINING_GROSS = D("3656967.60")
DINING_NET = D("3248462.00")


def _rooms() -> RoomFacts:
    revenues = split(ROOM_REVENUE, ROOM_NIGHTS)
    months = []
    for month, sold, days, revenue in zip(
        MONTHS, ROOM_NIGHTS, DAYS_IN_MONTH, revenues, strict=True
    ):
        available = ROOMS_AVAILABLE * days
        months.append(
            RoomMonth(
                month,
                D(sold),
                available,
                ratio(sold, available),
                (revenue / sold).quantize(D("0.0001")),
                (revenue / available).quantize(D("0.0001")),
            )
        )
    sold_total = sum(ROOM_NIGHTS)
    available_total = ROOMS_AVAILABLE * 366
    channels = split(ROOM_REVENUE, (46, 31, 15, 8))
    names = ("协议客户", "ota", "散客", "旅行社")
    nights = (13720, 9246, 4474, 2387)
    return RoomFacts(
        sold=D(sold_total),
        available=available_total,
        occupancy=ratio(sold_total, available_total),
        adr=(ROOM_REVENUE / sold_total).quantize(D("0.0001")),
        revpar=(ROOM_REVENUE / available_total).quantize(D("0.0001")),
        revenue=ROOM_REVENUE,
        comps=D("86"),
        by_month=tuple(months),
        by_channel=tuple(
            Share(n, a, ratio(a, ROOM_REVENUE), c)
            for n, a, c in zip(names, channels, nights, strict=True)
        ),
    )


def _dining() -> DiningFacts:
    total = sum((a for _k, a, _n in DEDUCTIONS), D(0))
    return DiningFacts(
        bills=10474,
        covers=68894,
        gross=DINING_GROSS,
        deductions=tuple(Share(k, a, ratio(a, total), n) for k, a, n in DEDUCTIONS),
        deductions_total=total,
        net=DINING_NET,
        avg_per_bill=DINING_NET / 10474,
        per_cover=DINING_NET / 68894,
        monthly_avg=DINING_NET / 12,
        receipts=tuple(ChannelRow(k, n, a) for k, n, a in RECEIPTS),
        discount_share=ratio(total, DINING_GROSS),
    )


def sample_hotel_summary() -> AnnualSummary:
    """A hotel's sales department: rooms and restaurant blocks, and an unbalanced check."""
    base = sample_summary()
    rooms, dining = _rooms(), _dining()
    expected = DINING_GROSS - dining.deductions_total
    check = ReconciliationCheck(
        "bill_payments",
        "餐厅营业额减优惠与实收",
        "Restaurant gross less deductions against receipts",
        expected,
        DINING_NET,
        DINING_NET - expected,
    )
    return replace(
        base,
        department="酒店销售部",
        department_kind="hospitality",
        scope_name="酒店销售部",
        rooms=rooms,
        dining=dining,
        reconciliation=(*base.reconciliation, check),
    )


def empty_summary() -> AnnualSummary:
    """A department with no records in the year: every ratio is None, every list empty."""
    zero = D(0)
    months = tuple(MonthRow(m, zero, None, None, 0, None, None) for m in MONTHS)
    return AnnualSummary(
        department="新销售部",
        department_kind="prepaid_card",
        year=YEAR,
        scope="department",
        scope_name="新销售部",
        generated_at=GENERATED,
        first_day=None,
        last_day=None,
        sales=SalesFacts(
            zero,
            zero,
            zero,
            zero,
            None,
            None,
            None,
            None,
            0,
            0,
            0,
            months,
            (),
            (),
            (),
            (),
            (),
            None,
        ),
        collections=CollectionFacts(zero, (), zero, zero, None, (), None),
        customers=CustomerFacts(0, 0, 0, 0, None, None, (), (), (), ()),
        reps=RepFacts((), None),
        activity=ActivityFacts(0, (), 0, None, 0, 0, 0, 0, None),
        delivery=DeliveryFacts(0, 0, None, (), 0, 0, zero, None),
        rooms=None,
        dining=None,
        reconciliation=(),
        findings=(),
        plan=PlanSection(plan=None, key_accounts=()),
        figures=(),
    )
