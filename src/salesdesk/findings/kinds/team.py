"""Findings of a supervised sales team's own facts: who needs coaching and why (a shortfall worth
the reps' gap to target), and who has earned a raise (a strength worth what they sold above
target). The reasons are phrased here once, for the findings and the report alike."""

from __future__ import annotations

from salesdesk.findings.settings import Thresholds
from salesdesk.findings.text import num, pct, yuan
from salesdesk.metrics.ratios import ZERO
from salesdesk.report.format import label
from salesdesk.report.summary import Finding, RepReason, RepReview, TeamFacts

PHRASES: dict[str, tuple[str, str]] = {
    "few_visits": (
        "每个工作日拜访 {rep} 次，其他业务员中位数 {team} 次",
        "{rep} visits a working day against the other reps' median of {team}",
    ),
    "low_conversion": (
        "拜访的客户中 {rep} 下了单，其他业务员中位数 {team}",
        "{rep} of the customers visited ordered, against the other reps' median of {team}",
    ),
    "low_prices": (
        "共同产品售价为其他业务员均价的 {rep}，少收 {gap}",
        "sold shared products at {rep} of the other reps' average price, {gap} less",
    ),
    "lost_customers": (
        "上年客户销售额只保住 {rep}（其他业务员中位数 {team}），流失 {lost}：{who}",
        "kept {rep} of last year's customer revenue (the other reps' median {team}); lost {lost}: {who}",
    ),
    "no_follow_up": (
        "按时跟进 {rep}（其他业务员中位数 {team}），{missed} 次到期未跟进",
        "followed up {rep} in time (the other reps' median {team}); {missed} follow-ups missed",
    ),
}


def reason_phrase(review: RepReview, reason: RepReason, lang: str) -> str:
    """One reason in words, with the rep's value and the team's: "拜访少（每个工作日 1.50 次…）"."""
    m = review.measures
    per_day = reason.code == "few_visits"
    values = {
        "rep": num(reason.rep_value) if per_day else pct(reason.rep_value),
        "team": num(reason.team_value) if per_day else pct(reason.team_value),
        "gap": yuan(m.price_gap),
        "lost": yuan(m.lost_revenue),
        "who": ("、" if lang == "zh" else ", ").join(m.lost_customers),
        "missed": f"{m.missed_follow_ups:,}",
    }
    zh, en = PHRASES[reason.code]
    detail = (zh if lang == "zh" else en).format(**values)
    name = label("team_reason", reason.code, lang)
    return f"{name}（{detail}）" if lang == "zh" else f"{name} ({detail})"


def reasons_text(review: RepReview, lang: str) -> str:
    """Every reason of a rep, or the words for none."""
    if not review.reasons:
        return label("team_reason", "none", lang)
    return ("；" if lang == "zh" else "; ").join(
        reason_phrase(review, r, lang) for r in review.reasons
    )


def coaching(f: TeamFacts) -> list[Finding]:
    rows = [f.review(code) for code in f.coaching]
    if not rows:
        return []
    gap = sum((r.gap for r in rows), ZERO)
    zh = "；".join(
        f"{r.name}（{r.rep}）完成 {pct(r.attainment)}，差 {yuan(r.gap)}，主要原因：{label('team_reason', r.main_reason, 'zh')}"
        for r in rows
    )
    en = "; ".join(
        f"{r.name} ({r.rep}) at {pct(r.attainment)}, {yuan(r.gap)} short, mainly: {label('team_reason', r.main_reason, 'en')}"
        for r in rows
    )
    return [
        Finding(
            kind="shortfall",
            code="team_coaching",
            text_zh=f"{len(rows)} 名业务员未完成目标，需要辅导：{zh}。缺口合计 {yuan(gap)}。",
            text_en=f"{len(rows)} reps missed their target and need coaching: {en}. Total gap {yuan(gap)}.",
            evidence={
                "reps": [r.rep for r in rows],
                "gap_amount": gap,
                "attainment": {r.rep: r.attainment for r in rows},
                "main_reason": {r.rep: r.main_reason for r in rows},
            },
            at_stake=gap,
            records=tuple(r.rep for r in rows),
            action_zh="按每人的主要原因制定辅导计划：拜访少的定每日拜访量，转化低的由优秀业务员带访，价格偏低的收紧折扣审批，客户流失的逐一回访，不跟进的每周检查跟进记录。",
            action_en="Coach each rep on their main reason: a daily visit quota for few visits, joint visits with a top rep for low conversion, tighter discount approval for low prices, a call on every lost customer, and a weekly check of follow-ups.",
        )
    ]


def raise_list(f: TeamFacts, t: Thresholds) -> list[Finding]:
    rows = [f.review(code) for code in f.raise_list]
    if not rows:
        return []
    above = sum((r.revenue - (r.target or ZERO) for r in rows), ZERO)
    zh = "；".join(
        f"{r.name}（{r.rep}）完成 {pct(r.attainment)}，回款率 {pct(r.collection_rate)}"
        for r in rows
    )
    en = "; ".join(
        f"{r.name} ({r.rep}) at {pct(r.attainment)}, collections {pct(r.collection_rate)} of sales"
        for r in rows
    )
    return [
        Finding(
            kind="strength",
            code="team_raise",
            text_zh=f"建议加薪 {len(rows)} 人：{zh}；完成率不低于 {pct(t.raise_attainment_min)}、回款率不低于 {pct(t.raise_collection_rate_min)}，拜访、转化、价格、客户保有和跟进均不弱于团队。超出目标合计 {yuan(above)}。",
            text_en=f"Recommended for a raise ({len(rows)}): {en}; at least {pct(t.raise_attainment_min)} of target and {pct(t.raise_collection_rate_min)} collected, and no weaker than the team on visits, conversion, prices, customers kept or follow-ups. Together {yuan(above)} above target.",
            evidence={
                "reps": [r.rep for r in rows],
                "above_target_amount": above,
                "attainment": {r.rep: r.attainment for r in rows},
                "collection_rate": {r.rep: r.collection_rate for r in rows},
            },
            at_stake=max(ZERO, above),
            records=tuple(r.rep for r in rows),
        )
    ]


def findings(facts: TeamFacts, t: Thresholds) -> list[Finding]:
    return [*coaching(facts), *raise_list(facts, t)]
