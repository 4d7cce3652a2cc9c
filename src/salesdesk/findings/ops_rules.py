"""Findings about delivery, paperwork and money owed: late deliveries and the complaints after
them, order-form errors, growing or aging receivables, and on-time delivery as a strength."""

from __future__ import annotations

from salesdesk.findings.inputs import FindingInputs
from salesdesk.findings.settings import Thresholds
from salesdesk.findings.text import listing, num, pct, yuan
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.report.summary import Finding


def late_deliveries(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    d = inp.delivery
    late = inp.late
    if d.on_time_rate is None or d.on_time_rate >= t.on_time_min or late is None:
        return []
    return [
        Finding(
            kind="shortfall",
            code="late_deliveries",
            text_zh=f"准时交货率 {pct(d.on_time_rate)}（{d.on_time_lines:,}/{d.delivered_lines:,} 行），延误 {late.lines:,} 行、金额 {yuan(late.amount)}；延误后收到客诉 {late.complaints:,} 起，损失 {yuan(late.complaint_cost)}。",
            text_en=f"On-time delivery {pct(d.on_time_rate)} ({d.on_time_lines:,} of {d.delivered_lines:,} lines); {late.lines:,} late lines worth {yuan(late.amount)}, followed by {late.complaints:,} complaints costing {yuan(late.complaint_cost)}.",
            evidence={
                "delivery.on_time_rate": d.on_time_rate,
                "late_lines": late.lines,
                "late_amount": late.amount,
                "complaints": late.complaints,
                "complaint_cost": late.complaint_cost,
            },
            at_stake=late.amount,
            records=late.complaint_orders,
            action_zh="接单时与工厂确认交期，建立客户资料确认表，交期有变提前通知客户。",
            action_en="Confirm delivery dates with the factory when taking orders, keep a customer confirmation sheet, and warn customers early of any delay.",
        )
    ]


def form_errors(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    rows = [i for i in inp.delivery.incidents if i.kind == "form_error"]
    if not rows:
        return []
    count = sum(i.count for i in rows)
    cost = sum((i.cost for i in rows), ZERO)
    return [
        Finding(
            kind="shortfall",
            code="form_errors",
            text_zh=f"单据填写错误 {count:,} 起，造成损失 {yuan(cost)}（{listing(list(inp.form_errors))}）。",
            text_en=f"{count:,} order-form errors cost {yuan(cost)} ({listing(list(inp.form_errors), sep=', ')}).",
            evidence={"incidents": count, "cost": cost},
            at_stake=cost,
            records=inp.form_errors,
            action_zh="委托单、订单录入后由第二人复核，错误记录每月通报。",
            action_en="Have a second person check every order and work order after entry, and review errors monthly.",
        )
    ]


def receivables(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    c = inp.collections
    unpaid = sum((b.amount for b in c.aging), ZERO)
    aged = sum((b.amount for b in c.aging if b.bucket == "90+"), ZERO)
    aged_share = ratio(aged, unpaid)
    growing = c.closing_receivables > c.opening_receivables and c.opening_receivables > 0
    too_old = aged_share is not None and aged_share > t.aged_share_max
    if not (growing or too_old):
        return []
    rise = c.closing_receivables - c.opening_receivables
    return [
        Finding(
            kind="shortfall",
            code="receivables",
            text_zh=f"应收账款期初 {yuan(c.opening_receivables)}，期末 {yuan(c.closing_receivables)}（增加 {yuan(rise)}）；逾期 90 天以上 {yuan(aged)}，占未收款 {pct(aged_share)}；回款率 {pct(c.rate)}，应收周转 {num(c.dso, 1)} 天。",
            text_en=f"Receivables went from {yuan(c.opening_receivables)} to {yuan(c.closing_receivables)} ({yuan(rise)}); {yuan(aged)} is more than 90 days past due, {pct(aged_share)} of what is unpaid; collection rate {pct(c.rate)}, DSO {num(c.dso, 1)} days.",
            evidence={
                "collections.opening_receivables": c.opening_receivables,
                "collections.closing_receivables": c.closing_receivables,
                "aged_90_amount": aged,
                "aged_share": aged_share,
                "collections.rate": c.rate,
                "collections.dso": c.dso,
            },
            at_stake=max(aged, rise, ZERO),
            action_zh="逐户核对逾期 90 天以上的应收款，指定专人催收，信用期内未回款暂停发货。",
            action_en="Reconcile every receivable over 90 days with the customer, assign a collector, and hold deliveries to customers past their terms.",
        )
    ]


def on_time(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    d = inp.delivery
    if d.on_time_rate is None or d.on_time_rate < t.on_time_min:
        return []
    return [
        Finding(
            kind="strength",
            code="on_time",
            text_zh=f"准时交货率 {pct(d.on_time_rate)}（{d.on_time_lines:,}/{d.delivered_lines:,} 行）。",
            text_en=f"On-time delivery {pct(d.on_time_rate)} ({d.on_time_lines:,} of {d.delivered_lines:,} lines).",
            evidence={"delivery.on_time_rate": d.on_time_rate},
            at_stake=ZERO,
        )
    ]


RULES = (late_deliveries, form_errors, receivables, on_time)
