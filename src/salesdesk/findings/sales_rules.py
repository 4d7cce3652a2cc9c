"""Findings about sales: weak months, dependence on few customers, the order mix, discounts,
and the strengths of hitting the target and growing."""

from __future__ import annotations

from salesdesk.findings.inputs import FindingInputs
from salesdesk.findings.settings import Thresholds
from salesdesk.findings.text import listing, num, pct, yuan
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.report.summary import Finding

ZH_KINDS = {
    "discount": "折扣",
    "voucher": "代金券",
    "comp": "赠送",
    "rounding": "抹零",
    "free": "免单",
    "hosting": "宴请",
    "other": "其他",
}
RISKY_TYPES = ("gift", "oem", "odm")
CORE_TYPES = ("own", "regular")


def weak_months(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    s = inp.sales
    rows = [r for r in s.by_month if r.month in s.weak_months]
    if not rows:
        return []
    active = [s.by_month[m - 1].revenue for m in inp.months]
    average = sum(active, ZERO) / len(active)
    gaps = {}
    for r in rows:
        below_target = r.target is not None and r.revenue < r.target
        reference = r.target if below_target and r.target is not None else average
        gaps[r.month] = max(ZERO, reference - r.revenue)
    gap = sum(gaps.values(), ZERO)
    zh = "；".join(
        f"{r.month} {yuan(r.revenue)}（月均的 {pct(ratio(r.revenue, average))}）" for r in rows
    )
    en = "; ".join(
        f"{r.month} {yuan(r.revenue)} ({pct(ratio(r.revenue, average))} of average)" for r in rows
    )
    months = [r.month for r in rows]
    return [
        Finding(
            kind="shortfall",
            code="weak_months",
            text_zh=f"{len(rows)} 个月销售额偏低（低于月均 {yuan(average)} 的 {pct(t.weak_month_share)} 或低于当月目标）：{zh}。与月均或目标的差距合计 {yuan(gap)}。",
            text_en=f"{len(rows)} weak months (below {pct(t.weak_month_share)} of the monthly average {yuan(average)} or below their target): {en}. Total gap to average or target {yuan(gap)}.",
            evidence={
                "weak_months": months,
                "average_revenue": average,
                "gap_amount": gap,
                "sales.monthly_cv": s.monthly_cv,
            },
            at_stake=gap,
            records=tuple(months),
            action_zh=f"提前为 {listing(months)} 安排促销和重点客户订单，按月跟踪目标完成情况。",
            action_en=f"Plan promotions and key-account orders for {listing(months, sep=', ')} in advance and track each month against its target.",
        )
    ]


def concentration(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    c = inp.customers
    over_top5 = c.top5_share is not None and c.top5_share > t.top5_share_max
    over_hhi = c.hhi is not None and c.hhi > t.hhi_max
    if not (over_top5 or over_hhi) or not c.top:
        return []
    biggest = c.top[0]
    names = [f"{r.name}（{r.code}）" for r in c.top[:5]]
    return [
        Finding(
            kind="shortfall",
            code="customer_concentration",
            text_zh=f"过度依赖少数客户：前五大客户占销售额 {pct(c.top5_share)}，客户集中度 HHI {num(c.hhi)}（超过 {num(t.hhi_max, 0)} 为高度集中）；最大客户 {biggest.name} 销售额 {yuan(biggest.revenue)}，占 {pct(biggest.share)}。",
            text_en=f"Sales depend on few customers: the top five hold {pct(c.top5_share)} of revenue, HHI {num(c.hhi)} (above {num(t.hhi_max, 0)} is highly concentrated); the largest, {biggest.name}, bought {yuan(biggest.revenue)} ({pct(biggest.share)}).",
            evidence={
                "customers.top5_share": c.top5_share,
                "customers.hhi": c.hhi,
                "customers": names,
            },
            at_stake=biggest.revenue,
            records=tuple(r.code for r in c.top[:5]),
            action_zh="对前五大客户执行 VIP 待遇稳住订单，同时每月开发新客户，降低前五大客户占比。",
            action_en="Give the top five customers VIP treatment to keep their orders, and win new customers every month to lower their share.",
        )
    ]


def order_mix(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    by_type = {s.name: s.amount for s in inp.sales.by_order_type}
    risky = sum((by_type.get(k, ZERO) for k in RISKY_TYPES), ZERO)
    core = sum((by_type.get(k, ZERO) for k in CORE_TYPES), ZERO)
    if risky <= 0:
        return []
    mix = ratio(risky, core)
    if mix is not None and mix <= t.mix_ratio_max:
        return []
    gross = inp.sales.gross
    parts_zh = "、".join(
        f"{n} {yuan(by_type.get(k, ZERO))}"
        for k, n in zip(RISKY_TYPES, ("赠品", "OEM", "ODM"), strict=True)
    )
    parts_en = ", ".join(
        f"{n} {yuan(by_type.get(k, ZERO))}"
        for k, n in zip(RISKY_TYPES, ("gift", "OEM", "ODM"), strict=True)
    )
    return [
        Finding(
            kind="shortfall",
            code="order_mix",
            text_zh=f"赠品、OEM、ODM 订单合计 {yuan(risky)}，占销售额 {pct(ratio(risky, gross))}（{parts_zh}），而自主产品和常规订单仅 {yuan(core)}（{pct(ratio(core, gross))}）。",
            text_en=f"Gift, OEM and ODM orders add up to {yuan(risky)}, {pct(ratio(risky, gross))} of sales ({parts_en}), against {yuan(core)} ({pct(ratio(core, gross))}) of own-product and regular orders.",
            evidence={
                "gift_oem_odm_amount": risky,
                "own_regular_amount": core,
                "mix_ratio": mix,
            },
            at_stake=risky,
            records=tuple(k for k in RISKY_TYPES if by_type.get(k)),
            action_zh="提高自主产品和常规订单比例：开发适合长期客户的自主产品，减少对赠品和贴牌订单的依赖。",
            action_en="Raise the share of own products and regular orders: develop own products for long-term customers and rely less on gift and OEM/ODM orders.",
        )
    ]


def discounts(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    kinds = {k: v for k, v in inp.deductions.items() if k != "return" and v}
    total = sum(kinds.values(), ZERO)
    share = ratio(total, inp.sales.gross)
    if share is None or share <= t.discount_share_max:
        return []
    ordered = sorted(kinds.items(), key=lambda kv: -kv[1])
    zh = "、".join(f"{ZH_KINDS.get(k, k)} {yuan(v)}" for k, v in ordered)
    en = ", ".join(f"{k} {yuan(v)}" for k, v in ordered)
    return [
        Finding(
            kind="shortfall",
            code="discounts",
            text_zh=f"优惠让利合计 {yuan(total)}，占折前销售额 {yuan(inp.sales.gross)} 的 {pct(share)}（{zh}），超过 {pct(t.discount_share_max)}。",
            text_en=f"Deductions add up to {yuan(total)}, {pct(share)} of gross sales {yuan(inp.sales.gross)} ({en}), above {pct(t.discount_share_max)}.",
            evidence={
                "deductions_amount": total,
                "sales.gross": inp.sales.gross,
                "deductions_share": share,
                **{f"{k}_amount": v for k, v in ordered},
            },
            at_stake=total,
            records=tuple(k for k, _v in ordered),
            action_zh=f"控制折扣力度：促销活动设定让利上限，把优惠占比压到 {pct(t.discount_share_max)} 以内。",
            action_en=f"Cap discounts in every promotion and bring deductions below {pct(t.discount_share_max)} of gross sales.",
        )
    ]


def target_met(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    s = inp.sales
    if s.attainment is None or s.attainment < 1 or s.target is None:
        return []
    return [
        Finding(
            kind="strength",
            code="target_met",
            text_zh=f"完成年度销售目标：销售额 {yuan(s.revenue)}，目标 {yuan(s.target)}，完成率 {pct(s.attainment)}。",
            text_en=f"The revenue target was met: {yuan(s.revenue)} against {yuan(s.target)}, attainment {pct(s.attainment)}.",
            evidence={
                "sales.revenue": s.revenue,
                "sales.target": s.target,
                "sales.attainment": s.attainment,
            },
            at_stake=s.revenue - s.target,
        )
    ]


def growth(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    s = inp.sales
    if s.yoy is None or s.yoy <= 0 or s.last_year is None:
        return []
    return [
        Finding(
            kind="strength",
            code="growth",
            text_zh=f"销售额同比增长 {pct(s.yoy)}：本年 {yuan(s.revenue)}，上年 {yuan(s.last_year)}。",
            text_en=f"Revenue grew {pct(s.yoy)} on last year: {yuan(s.revenue)} against {yuan(s.last_year)}.",
            evidence={
                "sales.revenue": s.revenue,
                "last_year_revenue": s.last_year,
                "sales.yoy": s.yoy,
            },
            at_stake=s.revenue - s.last_year,
        )
    ]


def target_missed(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    s = inp.sales
    if s.attainment is None or s.attainment >= 1 or s.target is None:
        return []
    gap = s.target - s.revenue
    return [
        Finding(
            kind="shortfall",
            code="target_missed",
            text_zh=f"未完成年度销售目标：销售额 {yuan(s.revenue)}，目标 {yuan(s.target)}，完成率 {pct(s.attainment)}，差 {yuan(gap)}。",
            text_en=f"The revenue target was missed: {yuan(s.revenue)} against {yuan(s.target)}, attainment {pct(s.attainment)}, {yuan(gap)} short.",
            evidence={
                "sales.revenue": s.revenue,
                "sales.target": s.target,
                "sales.attainment": s.attainment,
            },
            at_stake=gap,
            action_zh="把年度目标分解到月、周和每位业务员，每月对照完成情况找出差距。",
            action_en="Split the yearly target by month, week and rep, and review the gap every month.",
        )
    ]


def decline(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    s = inp.sales
    if s.yoy is None or s.yoy >= 0 or s.last_year is None:
        return []
    loss = s.last_year - s.revenue
    return [
        Finding(
            kind="shortfall",
            code="decline",
            text_zh=f"销售额同比下降 {pct(-s.yoy)}：本年 {yuan(s.revenue)}，上年 {yuan(s.last_year)}，减少 {yuan(loss)}。",
            text_en=f"Revenue fell {pct(-s.yoy)} on last year: {yuan(s.revenue)} against {yuan(s.last_year)}, {yuan(loss)} less.",
            evidence={
                "sales.revenue": s.revenue,
                "last_year_revenue": s.last_year,
                "sales.yoy": s.yoy,
            },
            at_stake=loss,
            action_zh="逐个分析销售额下降的客户和月份，制定挽回计划。",
            action_en="Go through the customers and months that fell and plan how to win them back.",
        )
    ]


RULES = (
    weak_months,
    concentration,
    order_mix,
    discounts,
    target_missed,
    decline,
    target_met,
    growth,
)
