"""Findings of the prepaid-card team's own facts: effort spent on the lead source that converts
worst, and months of the team's life without a card sold (the seed's goal: 月月有进帐的单子).

A second contact after a rejection (the seed's "致命的失误") is already a general finding
(`rejections_not_followed`, findings/team_rules.py); this pack lists those prospects and reps
in its own part of section 三 instead of repeating the finding.
"""

from __future__ import annotations

from salesdesk.findings.settings import Thresholds
from salesdesk.findings.text import listing, num, pct
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.report import format as fmt
from salesdesk.report.summary import Finding, LeadSourceRow, PrepaidFacts

UNKNOWN_SOURCE = "unknown"


def findings(facts: PrepaidFacts, t: Thresholds) -> list[Finding]:
    return [*lead_sources(facts, t), *months_without_sales(facts, t)]


def _comparable(facts: PrepaidFacts, t: Thresholds) -> list[LeadSourceRow]:
    """Sources with enough leads to compare (a source nobody recorded is not one to steer to)."""
    return [
        r
        for r in facts.by_source
        if r.source != UNKNOWN_SOURCE
        and r.funnel.contacted >= max(t.source_min_leads, 1)
        and r.funnel.conversion is not None
    ]


def _name(source: str, lang: str) -> str:
    return fmt.label("lead_source", source, lang)


def _tally(r: LeadSourceRow) -> str:
    return f"{r.funnel.sold:,}/{r.funnel.contacted:,}"


def lead_sources(facts: PrepaidFacts, t: Thresholds) -> list[Finding]:
    """The most-worked source (most contacts) against the best-converting one."""
    rows = _comparable(facts, t)
    if len(rows) < 2:
        return []
    worked = max(rows, key=lambda r: (r.contacts, r.funnel.contacted, r.source))
    best = max(rows, key=lambda r: (r.funnel.conversion or ZERO, r.funnel.contacted, r.source))
    best_rate = best.funnel.conversion or ZERO
    worked_rate = worked.funnel.conversion or ZERO
    if best.source == worked.source and best_rate > 0:
        return [_aligned(best, len(rows))]
    if best_rate > 0 and best_rate >= t.source_conversion_gap * worked_rate:
        return [_mismatch(worked, best, t)]
    return []


def _evidence(worked: LeadSourceRow, best: LeadSourceRow) -> dict[str, object]:
    return {
        "worked_source": worked.source,
        "worked_contacts": worked.contacts,
        "worked_contact_share": worked.contact_share,
        "worked_conversion": worked.funnel.conversion,
        "best_source": best.source,
        "best_leads": best.funnel.contacted,
        "best_conversion": best.funnel.conversion,
    }


def _times(worked: LeadSourceRow, best: LeadSourceRow) -> tuple[str, str]:
    """How many times better the best source converts, in words (the worked one may have none)."""
    multiple = ratio(best.funnel.conversion, worked.funnel.conversion or None)
    if multiple is None:
        return "前者至今没有成交", "the former has not sold once"
    return f"是前者的 {num(multiple)} 倍", f"{num(multiple)} times the former"


def _mismatch(worked: LeadSourceRow, best: LeadSourceRow, t: Thresholds) -> Finding:
    wz, we = _name(worked.source, "zh"), _name(worked.source, "en")
    bz, be = _name(best.source, "zh"), _name(best.source, "en")
    times_zh, times_en = _times(worked, best)
    return Finding(
        kind="shortfall",
        code="lead_source_mismatch",
        text_zh=f"跟进精力用错了地方：{wz}线索占全部跟进的 {pct(worked.contact_share)}（{worked.contacts:,} 次），"
        f"成交转化率只有 {pct(worked.funnel.conversion)}（{_tally(worked)}）；{bz}线索的转化率却达到 "
        f"{pct(best.funnel.conversion)}（{_tally(best)}），{times_zh}。",
        text_en=f"Effort goes to the wrong leads: {we} take {pct(worked.contact_share)} of all contacts "
        f"({worked.contacts:,}) but convert at only {pct(worked.funnel.conversion)} ({_tally(worked)}), "
        f"while {be} convert at {pct(best.funnel.conversion)} ({_tally(best)}), {times_en}.",
        evidence=_evidence(worked, best),
        at_stake=ZERO,
        records=(worked.source, best.source),
        action_zh=f"把更多拜访时间投向{bz}线索；{wz}线索先电话筛选出有意向的再上门。",
        action_en=f"Spend more of the visits on {be}; screen {we} by phone first and visit only the interested.",
    )


def _aligned(best: LeadSourceRow, sources: int) -> Finding:
    bz, be = _name(best.source, "zh"), _name(best.source, "en")
    return Finding(
        kind="strength",
        code="lead_source_aligned",
        text_zh=f"跟进精力投对了地方：跟进最多的{bz}线索（占 {pct(best.contact_share)}）也是 {sources} "
        f"个来源中转化率最高的，达 {pct(best.funnel.conversion)}（{_tally(best)}）。",
        text_en=f"Effort goes where it pays: {be}, the most-worked leads ({pct(best.contact_share)} of "
        f"contacts), also convert best of {sources} sources, at {pct(best.funnel.conversion)} "
        f"({_tally(best)}).",
        evidence=_evidence(best, best),
        at_stake=ZERO,
        records=(best.source,),
    )


def months_without_sales(facts: PrepaidFacts, t: Thresholds) -> list[Finding]:
    """Months of the team's existence in which no card was sold."""
    empty = list(facts.months_without_sales)
    if not empty:
        return []
    zh = listing([fmt.month(m, "zh") for m in empty], limit=12)
    en = listing([fmt.month(m, "en") for m in empty], limit=12, sep=", ")
    return [
        Finding(
            kind="shortfall",
            code="months_without_card_sales",
            text_zh=f"团队运作的 {facts.months_active} 个月中有 {len(empty)} 个月没有售出一张卡：{zh}。",
            text_en=f"In {len(empty)} of the team's {facts.months_active} months not a single card was sold: {en}.",
            evidence={"months": empty},
            at_stake=ZERO,
            records=tuple(empty),
            action_zh="以“月月有进账的单子”为底线：每月初把售卡目标分解到人、到周，月中检查进度。",
            action_en="Make a card sale every month the floor: split the monthly card target by rep and week, and check it mid-month.",
        )
    ]
