"""Findings of the export department's own facts: orders released before the customer confirmed
them, key accounts served badly, mold delays and the complaints after them, too few product
ideas — and a checklist kept on every released order as a strength."""

from __future__ import annotations

from salesdesk.findings.settings import Thresholds
from salesdesk.findings.text import listing, num, pct, yuan
from salesdesk.metrics.ratios import ZERO
from salesdesk.report.summary import ChecklistFacts, ExportFacts, Finding

ITEM_NAMES = {
    "packaging": ("包装材料", "packaging materials"),
    "marks": ("麦头", "shipping marks"),
    "design": ("设计稿", "design drafts"),
    "date": ("确认日期（缺失或晚于投产）", "confirmation date (none, or after release)"),
}


def _items(codes: tuple[str, ...], lang: int) -> str:
    return ("、" if lang == 0 else ", ").join(ITEM_NAMES[c][lang] for c in codes)


def checklist(cl: ChecklistFacts) -> list[Finding]:
    gaps = cl.released_incomplete
    if not gaps:
        if cl.released == 0:
            return []
        return [
            Finding(
                kind="strength",
                code="export_checklist_complete",
                text_zh=f"已投产的 {cl.released:,} 个订单全部在投产前完成客户资料确认（包装材料、麦头、设计稿）。",
                text_en=f"All {cl.released:,} orders released to production had the customer's confirmation (packaging, shipping marks, design) complete before release.",
                evidence={"export.checklist.released": cl.released},
                at_stake=ZERO,
            )
        ]
    orders = [g.order for g in gaps]
    detail_zh = "；".join(f"{g.order} 缺{_items(g.missing, 0)}" for g in gaps[:5])
    detail_en = "; ".join(f"{g.order} lacks {_items(g.missing, 1)}" for g in gaps[:5])
    return [
        Finding(
            kind="shortfall",
            code="export_checklist",
            text_zh=f"{len(gaps):,} 个订单在客户资料确认表未完成时即投产，金额 {yuan(cl.released_incomplete_amount)}（{detail_zh}）；确认表完整率 {pct(cl.complete_rate)}（{cl.complete:,}/{cl.orders:,}）。",
            text_en=f"{len(gaps):,} orders worth {yuan(cl.released_incomplete_amount)} were released to production before the customer confirmation was complete ({detail_en}); checklists complete {pct(cl.complete_rate)} ({cl.complete:,} of {cl.orders:,}).",
            evidence={
                "export.checklist.released_incomplete": len(gaps),
                "released_incomplete_amount": cl.released_incomplete_amount,
                "export.checklist.complete_rate": cl.complete_rate,
            },
            at_stake=cl.released_incomplete_amount,
            records=tuple(orders),
            action_zh="投产前必须收齐客户对包装材料、麦头、设计稿的书面确认并登记确认日期，未确认的订单不下生产单。",
            action_en="Release no order to production until the customer has confirmed packaging, shipping marks and design in writing, with the date recorded.",
        )
    ]


def vip_service(f: ExportFacts, t: Thresholds) -> list[Finding]:
    poor = [
        v
        for v in f.vip
        if v.incidents > 0 or (v.on_time_rate is not None and v.on_time_rate < t.on_time_min)
    ]
    if not poor:
        return []
    at_stake = sum((v.late_amount + v.incident_cost for v in poor), ZERO)
    zh = "；".join(
        f"{v.name}（准时交货率 {pct(v.on_time_rate)}，客诉/事故 {v.incidents:,} 起 {yuan(v.incident_cost)}）"
        for v in poor[:5]
    )
    en = "; ".join(
        f"{v.name} (on time {pct(v.on_time_rate)}, {v.incidents:,} incidents costing {yuan(v.incident_cost)})"
        for v in poor[:5]
    )
    return [
        Finding(
            kind="shortfall",
            code="export_vip_service",
            text_zh=f"{len(poor):,} 个 VIP 重点客户未得到应有的服务：{zh}。",
            text_en=f"{len(poor):,} VIP key accounts were not served as they should be: {en}.",
            evidence={
                "vip_customers": len(poor),
                "late_amount": sum((v.late_amount for v in poor), ZERO),
                "incident_cost": sum((v.incident_cost for v in poor), ZERO),
            },
            at_stake=at_stake,
            records=tuple(v.code for v in poor),
            action_zh="对 VIP 客户执行优先排产、专人跟单和定期与买手通话制度，交期风险提前告知。",
            action_en="Give VIP accounts priority in production, a named order follower and regular calls with their buyers; warn them early of any delivery risk.",
        )
    ]


def mold_delays(f: ExportFacts) -> list[Finding]:
    d = f.delays
    if d.mold_delays == 0:
        return []
    return [
        Finding(
            kind="shortfall",
            code="export_mold_delays",
            text_zh=f"模具延期 {d.mold_delays:,} 起，损失 {yuan(d.mold_delay_cost)}（{listing(list(d.mold_delay_orders))}）；交期延误和模具延期之后，同一订单或客户又有客诉 {d.complaints:,} 起，损失 {yuan(d.complaint_cost)}。",
            text_en=f"{d.mold_delays:,} mould delays cost {yuan(d.mold_delay_cost)} ({listing(list(d.mold_delay_orders), sep=', ')}); after late deliveries and mould delays the same orders or customers complained {d.complaints:,} more times, costing {yuan(d.complaint_cost)}.",
            evidence={
                "mold_delays": d.mold_delays,
                "mold_delay_cost": d.mold_delay_cost,
                "complaints": d.complaints,
                "complaint_cost": d.complaint_cost,
            },
            at_stake=d.mold_delay_cost + d.complaint_cost,
            records=tuple(dict.fromkeys((*d.mold_delay_orders, *d.complaint_orders))),
            action_zh="开模前与工厂书面确认模期，每周跟踪进度；模期有变立即通知客户并调整交期。",
            action_en="Agree mould lead times with the factory in writing before tooling starts, track them weekly, and tell the customer at once when one slips.",
        )
    ]


def few_ideas(f: ExportFacts, t: Thresholds) -> list[Finding]:
    low = [i for i in f.ideas if i.per_month is not None and i.per_month < t.ideas_per_month_min]
    if not low:
        return []
    zh = "、".join(f"{i.name} {num(i.per_month)}" for i in low[:5])
    en = ", ".join(f"{i.name} {num(i.per_month)}" for i in low[:5])
    return [
        Finding(
            kind="shortfall",
            code="export_few_ideas",
            text_zh=f"{len(low):,} 名业务员每月提出的产品开发建议少于 {num(t.ideas_per_month_min)} 条：{zh}（条/月）。",
            text_en=f"{len(low):,} reps put forward fewer than {num(t.ideas_per_month_min)} product ideas a month: {en} a month.",
            evidence={"reps": len(low), "ideas_per_month_min": t.ideas_per_month_min},
            at_stake=ZERO,
            records=tuple(i.rep for i in low),
            action_zh="每名业务员每月至少提交一条产品开发建议，被采纳的给予奖励。",
            action_en="Have every rep put forward at least one product idea a month, rewarding those adopted.",
        )
    ]


def findings(facts: ExportFacts, t: Thresholds) -> list[Finding]:
    found = checklist(facts.checklist) if facts.checklist is not None else []
    return [*found, *vip_service(facts, t), *mold_delays(facts), *few_ideas(facts, t)]
