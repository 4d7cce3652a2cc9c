"""The headline figures: label, unit and definition of each, in Chinese and English.

One table serves the report's `figures`, `salesdesk explain KEY` and the docs
(docs/metrics.md must mention every key; a test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Definition:
    key: str
    label_zh: str
    label_en: str
    unit: str  # money | ratio | count | hhi | days | quantity | number
    definition_zh: str
    definition_en: str


_D = Definition

DEFINITIONS: dict[str, Definition] = {
    d.key: d
    for d in (
        _D(
            "sales.revenue",
            "销售额（净）",
            "Revenue (net)",
            "money",
            "本年非取消订单行的人民币金额合计（退货为负数行，已冲减），减去本年全部优惠/折让。",
            "Σ amount_cny of the year's order lines that are not cancelled (returns are negative "
            "lines, so netted), less every adjustment of the year.",
        ),
        _D(
            "sales.gross",
            "销售额（折让前）",
            "Gross sales",
            "money",
            "本年非取消订单行的人民币金额合计，未减优惠。",
            "Σ amount_cny of the year's non-cancelled order lines, before adjustments.",
        ),
        _D(
            "sales.orders",
            "订单数",
            "Orders",
            "count",
            "本年非取消订单行的不同单号数（一个单号一个日期记一单）。",
            "Distinct order numbers among the year's non-cancelled lines (one order number on one date).",
        ),
        _D(
            "sales.target",
            "销售目标",
            "Revenue target",
            "money",
            "本年销售额年度目标；只有月度目标时为各月目标之和；没有目标为空。",
            "The year's annual revenue target; the sum of monthly targets when only those exist; "
            "null without any.",
        ),
        _D(
            "sales.attainment",
            "目标完成率",
            "Attainment",
            "ratio",
            "销售额 / 销售目标；无目标或目标为 0 时为空。",
            "Revenue / revenue target; null without a target or with a zero target.",
        ),
        _D(
            "sales.yoy",
            "同比增长",
            "Year-on-year change",
            "ratio",
            "(本年销售额 − 上年销售额) / 上年销售额；上年无记录或为 0 时为空。",
            "(revenue − last year's revenue) / last year's revenue; null with no prior-year "
            "records or a zero base.",
        ),
        _D(
            "sales.monthly_cv",
            "月度波动系数",
            "Monthly variation (CV)",
            "ratio",
            "各月销售额的总体标准差 / 月平均；年中开业只计开业后各月；平均为 0 时为空。",
            "Population standard deviation / mean of monthly revenue, over the months from the "
            "first record on; null if the mean is 0.",
        ),
        _D(
            "collections.amount",
            "回款额",
            "Collections",
            "money",
            "本年收款记录金额合计。",
            "Σ amount of the payments dated in the year.",
        ),
        _D(
            "collections.rate",
            "回款率",
            "Collection rate",
            "ratio",
            "回款额 / (期初应收 + 本年销售额)；期初应收 = 年前全部销售额 − 年前全部收款（不低于 0）。",
            "Collections / (opening receivables + the year's revenue); opening receivables = all "
            "sales before the year − all payments before it, floored at 0.",
        ),
        _D(
            "collections.dso",
            "应收账款周转天数",
            "Days sales outstanding",
            "days",
            "期末应收 / 本年销售额 × 全年天数；销售额为 0 时为空。",
            "Closing receivables / revenue × days in the year; null if revenue is 0.",
        ),
        _D(
            "customers.active",
            "有效客户数",
            "Active customers",
            "count",
            "本年有非取消订单行的客户数。",
            "Customers with at least one non-cancelled order line in the year.",
        ),
        _D(
            "customers.new",
            "新客户数",
            "New customers",
            "count",
            "有效客户中首次购买日期在本年的客户数。",
            "Active customers whose first purchase ever is dated in the year.",
        ),
        _D(
            "customers.top5_share",
            "前五大客户占比",
            "Top-5 customer share",
            "ratio",
            "销售额最大的五个客户之和 / 全部客户正销售额之和（无客户的销售不计）；分母为 0 时为空。",
            "Revenue of the five largest customers / Σ of positive customer revenue (sales without "
            "a customer left out); null if that base is 0.",
        ),
        _D(
            "customers.hhi",
            "客户集中度（HHI）",
            "Customer concentration (HHI)",
            "hhi",
            "Σ(各客户销售额占比 × 100)²，取值 0–10,000，只计正销售额客户；无客户销售时为空。",
            "Σ (customer share × 100)² on 0–10,000 over customers with positive revenue; null "
            "without customer sales.",
        ),
        _D(
            "activity.visits",
            "拜访量",
            "Visits",
            "count",
            "本年各类拜访/跟进记录数（上门、陌拜、电话、邮寄、会议、微信/短信）。",
            "Activities of every kind in the year (visit, cold visit, call, mail, meeting, message).",
        ),
        _D(
            "activity.per_rep_per_day",
            "人均日拜访量",
            "Visits per rep per working day",
            "number",
            "拜访量 / Σ 每位业务员本年在岗工作日（按入职、离职日期及团队首次拜访日期；工作日含调休）。",
            "Visits / Σ over reps of their working days on the team in the year (hire and leave "
            "dates, the team's first activity; Chinese working days incl. make-up days).",
        ),
        _D(
            "activity.follow_ups_due",
            "应跟进数",
            "Follow-ups due",
            "count",
            "下次跟进日期在本年的记录，加上结果为拒绝/有意向且未填日期、跟进期（默认 14 天）在本年届满的记录；只计有客户的记录。",
            "Activities whose next follow-up date falls in the year, plus rejected/interested "
            "outcomes without a date whose window (default 14 days) ends in the year; customers only.",
        ),
        _D(
            "activity.follow_ups_missed",
            "漏跟进数",
            "Follow-ups missed",
            "count",
            "应跟进记录中，到期日前（含）该客户再无任何拜访记录的数量。",
            "Follow-ups due with no later activity for that customer on or before the due date.",
        ),
        _D(
            "delivery.on_time_rate",
            "准时交货率",
            "On-time delivery",
            "ratio",
            "实际交货日期不晚于约定交期的订单行 / 两个日期都有的订单行；无此类订单行时为空。",
            "Lines delivered on or before the promised date / lines with both dates; null without such lines.",
        ),
        _D(
            "rooms.occupancy",
            "出租率",
            "Occupancy",
            "ratio",
            "售出间夜（不含免费房）/ 可售间夜；无可售量记录时为空。",
            "Room-nights sold (comps excluded) / room-nights available; null without capacity.",
        ),
        _D(
            "rooms.adr",
            "平均房价",
            "ADR",
            "money",
            "客房收入 / 售出间夜（不含免费房）；未售出时为空。",
            "Room revenue / room-nights sold (comps excluded); null if none sold.",
        ),
        _D(
            "rooms.revpar",
            "每间可售房收入",
            "RevPAR",
            "money",
            "客房收入 / 可售间夜；无可售量记录时为空。",
            "Room revenue / room-nights available; null without capacity.",
        ),
        _D(
            "dining.net",
            "餐饮实收",
            "Dining net",
            "money",
            "带就餐人数的账单的金额合计，减去这些账单上的全部优惠（折扣、代金券、赠送、抹零、免单、宴请等）。",
            "Σ amount of the bills (orders carrying covers), less every adjustment on those bills "
            "(discount, voucher, comp, rounding, free, hosting …).",
        ),
        _D(
            "dining.avg_per_bill",
            "单均消费",
            "Average per bill",
            "money",
            "餐饮实收 / 账单数。",
            "Dining net / bills.",
        ),
        _D(
            "dining.per_cover",
            "人均消费",
            "Average per cover",
            "money",
            "餐饮实收 / 就餐人数（每张账单人数只计一次）。",
            "Dining net / covers (each bill's covers counted once).",
        ),
    )
}


def definition(key: str) -> Definition:
    return DEFINITIONS[key]
