"""Findings about the sales team: reps below target, uneven attainment, too few visits,
follow-ups let slip, reps who left, and the top rep."""

from __future__ import annotations

from salesdesk.findings.inputs import FindingInputs
from salesdesk.findings.settings import Thresholds
from salesdesk.findings.text import listing, num, pct, yuan
from salesdesk.metrics.ratios import ZERO, mean
from salesdesk.report.summary import Finding


def reps_below_target(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    rows = [
        r
        for r in inp.reps.rows
        if r.attainment is not None and r.target is not None and r.attainment < t.rep_attainment_min
    ]
    if not rows:
        return []
    gap = sum((max(ZERO, (r.target or ZERO) - r.revenue) for r in rows), ZERO)
    zh = "；".join(
        f"{r.name}（{r.rep}）{yuan(r.revenue)} / {yuan(r.target)}，完成 {pct(r.attainment)}"
        for r in rows
    )
    en = "; ".join(
        f"{r.name} ({r.rep}) {yuan(r.revenue)} of {yuan(r.target)}, {pct(r.attainment)}"
        for r in rows
    )
    return [
        Finding(
            kind="shortfall",
            code="reps_below_target",
            text_zh=f"{len(rows)} 名业务员完成率低于 {pct(t.rep_attainment_min)}：{zh}。缺口合计 {yuan(gap)}。",
            text_en=f"{len(rows)} reps below {pct(t.rep_attainment_min)} of target: {en}. Total shortfall {yuan(gap)}.",
            evidence={
                "reps": [r.rep for r in rows],
                "gap_amount": gap,
                "attainment": {r.rep: r.attainment for r in rows},
            },
            at_stake=gap,
            records=tuple(r.rep for r in rows),
            action_zh="对完成率低于目标 80% 的业务员逐一分析原因（客户、产品、拜访量），每月单独沟通并辅导。",
            action_en="Go through each rep below 80% of target (customers, products, visits) and coach them one-to-one every month.",
        )
    ]


def rep_spread(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    cv = inp.reps.attainment_cv
    rows = [r for r in inp.reps.rows if r.attainment is not None]
    if cv is None or cv <= t.rep_spread_cv_max or len(rows) < 2:
        return []
    best = max(rows, key=lambda r: r.attainment or ZERO)
    worst = min(rows, key=lambda r: r.attainment or ZERO)
    average = mean([r.attainment or ZERO for r in rows]) or ZERO
    gap = sum((max(ZERO, average * (r.target or ZERO) - r.revenue) for r in rows), ZERO)
    return [
        Finding(
            kind="shortfall",
            code="rep_spread",
            text_zh=f"业务员水平参差不齐：完成率变异系数 {num(cv)}（超过 {num(t.rep_spread_cv_max)}），最高 {best.name} {pct(best.attainment)}，最低 {worst.name} {pct(worst.attainment)}；低于平均完成率 {pct(average)} 的业务员合计差 {yuan(gap)}。",
            text_en=f"Reps perform unevenly: the coefficient of variation of attainment is {num(cv)} (above {num(t.rep_spread_cv_max)}), from {best.name} at {pct(best.attainment)} to {worst.name} at {pct(worst.attainment)}; reps below the average attainment of {pct(average)} fall short by {yuan(gap)}.",
            evidence={
                "attainment_cv": cv,
                "best": best.rep,
                "worst": worst.rep,
                "gap_amount": gap,
            },
            at_stake=gap,
            records=(best.rep, worst.rep),
            action_zh="每月举办业务交流会，由完成率最高的业务员分享经验，缩小差距。",
            action_en="Hold a monthly exchange where the best reps share what works, to narrow the gap.",
        )
    ]


def visit_rate(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    a = inp.activity
    rate = a.per_rep_per_day
    if rate is None or rate >= t.visits_per_day_min:
        return []
    return [
        Finding(
            kind="shortfall",
            code="few_visits",
            text_zh=f"客户拜访量太少：全年拜访 {a.visits:,} 次，业务员在岗合计 {inp.rep_days:,} 个工作日，人均每天 {num(rate)} 次，低于 {num(t.visits_per_day_min)} 次。",
            text_en=f"Too few customer visits: {a.visits:,} in the year over {inp.rep_days:,} rep working days, {num(rate)} per rep per day, below {num(t.visits_per_day_min)}.",
            evidence={
                "activity.visits": a.visits,
                "rep_days": inp.rep_days,
                "activity.per_rep_per_day": rate,
            },
            at_stake=ZERO,
            action_zh=f"规定每名业务员每个工作日至少拜访 {num(t.visits_per_day_min, 0)} 个客户，并每日登记拜访记录。",
            action_en=f"Require at least {num(t.visits_per_day_min, 0)} customer visits per rep per working day, logged daily.",
        )
    ]


def follow_ups(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    a = inp.activity
    found = []
    if a.follow_ups_missed:
        found.append(
            Finding(
                kind="shortfall",
                code="follow_ups_missed",
                text_zh=f"应跟进 {a.follow_ups_due:,} 次，其中 {a.follow_ups_missed:,} 次到期未跟进（客户：{listing(list(inp.missed_follow_ups))}）。",
                text_en=f"{a.follow_ups_missed:,} of {a.follow_ups_due:,} follow-ups due were missed (customers: {listing(list(inp.missed_follow_ups), sep=', ')}).",
                evidence={
                    "activity.follow_ups_due": a.follow_ups_due,
                    "activity.follow_ups_missed": a.follow_ups_missed,
                },
                at_stake=ZERO,
                records=inp.missed_follow_ups,
                action_zh="每条拜访记录填写下次跟进日期，每周检查到期未跟进的客户。",
                action_en="Give every visit a next follow-up date and review overdue follow-ups every week.",
            )
        )
    unfollowed = a.rejections - a.rejections_followed
    if unfollowed > 0:
        found.append(
            Finding(
                kind="shortfall",
                code="rejections_not_followed",
                text_zh=f"被拒绝 {a.rejections:,} 次，只有 {a.rejections_followed:,} 次在 {t.follow_up_window_days} 天内再次跟进，{unfollowed:,} 次被拒后没有二次跟进。",
                text_en=f"Of {a.rejections:,} rejections only {a.rejections_followed:,} were followed up within {t.follow_up_window_days} days; {unfollowed:,} never got a second contact.",
                evidence={
                    "activity.rejections": a.rejections,
                    "activity.rejections_followed": a.rejections_followed,
                },
                at_stake=ZERO,
                records=inp.unfollowed_rejections,
                action_zh=f"被拒绝的客户 {t.follow_up_window_days} 天内必须二次跟进，了解原因并调整方案。",
                action_en=f"Contact every rejecting customer again within {t.follow_up_window_days} days to learn why and adjust the offer.",
            )
        )
    return found


def reps_left(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    found = []
    for r in inp.left_reps:
        found.append(
            Finding(
                kind="shortfall",
                code="rep_left",
                text_zh=f"业务员 {r.name}（{r.code}）于 {r.left_on.isoformat()} 离职，其负责的 {len(r.customers):,} 个客户本年销售额 {yuan(r.revenue)}，需要交接维护。",
                text_en=f"Rep {r.name} ({r.code}) left on {r.left_on.isoformat()}; the {len(r.customers):,} customers they owned bought {yuan(r.revenue)} this year and need a new owner.",
                evidence={
                    "rep": r.code,
                    "left_on": r.left_on.isoformat(),
                    "customers": list(r.customers),
                    "revenue": r.revenue,
                },
                at_stake=r.revenue,
                records=r.customers,
                action_zh=f"为 {r.name} 的客户指定新的负责业务员，一个月内逐一拜访。",
                action_en=f"Assign {r.name}'s customers to a new rep and visit each within a month.",
            )
        )
    return found


def top_rep(inp: FindingInputs, t: Thresholds) -> list[Finding]:
    rows = inp.reps.rows
    if len(rows) < 2:
        return []
    best = rows[0]
    above = best.revenue - best.target if best.target is not None else best.revenue
    att = f"，完成率 {pct(best.attainment)}" if best.attainment is not None else ""
    att_en = f", attainment {pct(best.attainment)}" if best.attainment is not None else ""
    return [
        Finding(
            kind="strength",
            code="top_rep",
            text_zh=f"销售第一名：{best.name}（{best.rep}），销售额 {yuan(best.revenue)}{att}，客户 {best.customers:,} 个。",
            text_en=f"Top rep: {best.name} ({best.rep}), revenue {yuan(best.revenue)}{att_en}, {best.customers:,} customers.",
            evidence={
                "rep": best.rep,
                "revenue": best.revenue,
                "attainment": best.attainment,
            },
            at_stake=max(ZERO, above),
            records=(best.rep,),
        )
    ]


RULES = (reps_below_target, rep_spread, visit_rate, follow_ups, reps_left, top_rep)
