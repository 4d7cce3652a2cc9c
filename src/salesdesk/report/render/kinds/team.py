"""How a supervised sales team's own facts appear: JSON facts and document parts.

Results: the ranking with its tie-breaks and the attainment distribution. Highlights: the raise
list. Shortfalls: why each rep below target fell short, and the coaching list.
"""

from __future__ import annotations

from typing import Any

from salesdesk.findings.kinds.team import reasons_text
from salesdesk.report.json_numbers import money, ratio
from salesdesk.report.render.document import Block, ItemList, Paragraph, Part, Table
from salesdesk.report.render.words import Words
from salesdesk.report.summary import (
    AnnualSummary,
    RankedRep,
    RepMeasures,
    RepReview,
    TeamFacts,
    TeamMedians,
)

RANKING_RULE = (
    "排名规则：有目标的业务员按完成率从高到低；完成率相同按销售额，再相同按回款额，再相同按工号；"
    "没有目标的业务员排在其后，按销售额、回款额、工号。",
    "Ranking rule: reps with a target by attainment, highest first; on a tie by revenue, then "
    "collections, then rep code; reps without a target follow, by revenue, collections and code.",
)


# ---- JSON --------------------------------------------------------------------------------------
def _ranked_json(r: RankedRep) -> dict[str, Any]:
    return {
        "rank": r.rank,
        "rep": r.rep,
        "name": r.name,
        "revenue": money(r.revenue),
        "target": money(r.target),
        "attainment": ratio(r.attainment),
        "collections": money(r.collections),
        "tie_break": r.tie_break or None,
    }


def _measures_json(m: RepMeasures) -> dict[str, Any]:
    return {
        "visits_per_day": ratio(m.visits_per_day),
        "conversion": ratio(m.conversion),
        "price_index": ratio(m.price_index),
        "price_gap": money(m.price_gap),
        "retention": ratio(m.retention),
        "lost_customers": list(m.lost_customers),
        "lost_revenue": money(m.lost_revenue),
        "follow_through": ratio(m.follow_through),
        "missed_follow_ups": m.missed_follow_ups,
    }


def _team_json(t: TeamMedians) -> dict[str, Any]:
    return {
        "visits_per_day": ratio(t.visits_per_day),
        "conversion": ratio(t.conversion),
        "price_index": 1.0,
        "retention": ratio(t.retention),
        "follow_through": ratio(t.follow_through),
    }


def _review_json(r: RepReview) -> dict[str, Any]:
    return {
        "rep": r.rep,
        "name": r.name,
        "revenue": money(r.revenue),
        "target": money(r.target),
        "attainment": ratio(r.attainment),
        "gap": money(r.gap),
        "collection_rate": ratio(r.collection_rate),
        "measures": _measures_json(r.measures),
        "team": _team_json(r.team),
        "reasons": [
            {
                "code": x.code,
                "rep_value": ratio(x.rep_value),
                "team_value": ratio(x.team_value),
                "severity": ratio(x.severity),
            }
            for x in r.reasons
        ],
        "main_reason": r.main_reason,
    }


def to_json(f: TeamFacts, lang: str) -> dict[str, Any]:
    return {
        "ranking": [_ranked_json(r) for r in f.ranking],
        "attainment_bands": [
            {"band": b.band, "count": len(b.reps), "reps": list(b.reps)} for b in f.bands
        ],
        "reviews": [_review_json(r) for r in f.reviews],
        "below_target": list(f.below_target),
        "coaching": [
            {"rep": c, "gap": money(f.review(c).gap), "main_reason": f.review(c).main_reason}
            for c in f.coaching
        ],
        "raise": list(f.raise_list),
        "gap_total": money(f.gap_total),
    }


# ---- results: ranking and bands ----------------------------------------------------------------
def _ranking_table(f: TeamFacts, w: Words) -> Table:
    rows = tuple(
        (
            w.count_cell(r.rank),
            w.text_cell(r.rep),
            w.text_cell(r.name),
            w.ratio_cell(r.attainment),
            w.money_cell(r.revenue),
            w.money_cell(r.collections),
            w.text_cell(
                w.label("tie_break", r.tie_break) if r.tie_break else w.say("无并列", "no tie")
            ),
        )
        for r in f.ranking
    )
    header = w.pick(
        ("排名", "Rank"),
        ("工号", "Code"),
        ("姓名", "Name"),
        ("完成率", "Attainment"),
        ("销售额（元）", "Revenue (CNY)"),
        ("回款（元）", "Collections (CNY)"),
        ("与上一名并列时的依据", "Tie with the rep above broken by"),
    )
    caption = w.say("业务员排名及并列规则", "Rep ranking and its tie-breaks")
    return Table("team_ranking", w.say("团队排名", "Team ranking"), caption, header, rows)


def _bands_table(f: TeamFacts, s: AnnualSummary, w: Words) -> Table:
    names = {r.rep: r.name for r in f.ranking}
    rows = tuple(
        (
            w.text_cell(w.label("attainment_band", b.band)),
            w.count_cell(len(b.reps)),
            w.text_cell(
                w.join(
                    f"{names.get(c, c)}（{c}）" if w.zh else f"{names.get(c, c)} ({c})"
                    for c in b.reps
                )
                or w.say("无", "none")
            ),
        )
        for b in f.bands
    )
    header = w.pick(("完成率区间", "Attainment"), ("人数", "Reps"), ("业务员", "Who"))
    caption = w.say("目标完成率分布", "Attainment distribution")
    return Table("team_bands", w.say("完成率分布", "Attainment bands"), caption, header, rows)


def _results_part(s: AnnualSummary, f: TeamFacts, w: Words) -> Part:
    met = sum(len(b.reps) for b in f.bands if b.band in ("100-120", "ge120"))
    with_target = sum(len(b.reps) for b in f.bands if b.band != "none")
    text = w.say(
        "{n}名有目标的业务员中，{met}人完成目标，{below}人未完成，未完成者合计差{gap}。",
        "Of {n} reps with a target, {met} met it and {below} did not, {gap} short in all.",
        n=w.count(with_target),
        met=w.count(met),
        below=w.count(len(f.below_target)),
        gap=w.money(f.gap_total),
    )
    blocks: tuple[Block, ...] = (
        Paragraph(text),
        _bands_table(f, s, w),
        Paragraph(w.say(*RANKING_RULE)),
        _ranking_table(f, w),
    )
    return Part(w.say("团队目标完成分布与排名", "Team attainment and ranking"), blocks)


# ---- highlights: the raise list ----------------------------------------------------------------
def _raise_part(f: TeamFacts, w: Words) -> Part:
    heading = w.say("建议加薪名单", "Recommended for a raise")
    if not f.raise_list:
        text = w.say(
            "本年没有业务员同时达到加薪条件（完成目标、回款达标、各项不弱于团队）。",
            "No rep met every condition for a raise this year (target met, collections in, "
            "no weaker than the team).",
        )
        return Part(heading, (Paragraph(text),))
    items = tuple(
        w.say(
            "{i}. {name}（{code}）：完成率{att}，回款率{rate}，拜访、转化、价格、客户保有和跟进均不弱于团队。",
            "{i}. {name} ({code}): {att} of target, {rate} of sales collected, no weaker than "
            "the team on visits, conversion, prices, customers kept or follow-ups.",
            i=i,
            name=r.name,
            code=r.rep,
            att=w.percent(r.attainment),
            rate=w.percent(r.collection_rate),
        )
        for i, r in enumerate((f.review(c) for c in f.raise_list), start=1)
    )
    return Part(heading, (ItemList(items),))


# ---- shortfalls: reasons and coaching ----------------------------------------------------------
def _reasons_table(f: TeamFacts, w: Words) -> Table:
    rows = tuple(
        (
            w.text_cell(r.rep),
            w.text_cell(r.name),
            w.ratio_cell(r.attainment),
            w.money_cell(r.gap),
            w.number_cell(r.measures.visits_per_day),
            w.number_cell(r.team.visits_per_day),
            w.ratio_cell(r.measures.conversion),
            w.ratio_cell(r.measures.price_index),
            w.ratio_cell(r.measures.retention),
            w.ratio_cell(r.measures.follow_through),
            w.text_cell(
                w.join(w.label("team_reason", x.code) for x in r.reasons)
                or w.label("team_reason", "none")
            ),
        )
        for r in (f.review(c) for c in f.below_target)
    )
    header = w.pick(
        ("工号", "Code"),
        ("姓名", "Name"),
        ("完成率", "Attainment"),
        ("差额（元）", "Gap (CNY)"),
        ("日均拜访", "Visits a day"),
        ("他人日均拜访中位数", "Others' median visits a day"),
        ("转化率", "Conversion"),
        ("价格指数", "Price index"),
        ("客户保有率", "Retention"),
        ("按时跟进率", "Follow-through"),
        ("原因", "Reasons"),
    )
    caption = w.say("未完成目标业务员的原因分析", "Why reps below target fell short")
    return Table("team_reasons", w.say("未完成原因", "Shortfall reasons"), caption, header, rows)


def _reasons_part(f: TeamFacts, w: Words) -> Part:
    heading = w.say("未完成目标的原因", "Why reps fell short of target")
    if not f.below_target:
        return Part(
            heading,
            (
                Paragraph(
                    w.say("所有有目标的业务员均完成了目标。", "Every rep with a target met it.")
                ),
            ),
        )
    intro = w.say(
        "每名业务员与其他业务员的中位数比较：日均拜访、转化率、客户保有率或按时跟进率低于中位数的"
        "{share}，或共同产品售价低于他人均价的{price}，即列为原因。",
        "Each rep is compared with the median of the other reps: visits a day, conversion, "
        "retention or follow-through below {share} of that median, or prices on shared products "
        "below {price} of the others' average, are listed as reasons.",
        share=w.percent(f.rules.reason_share),
        price=w.percent(f.rules.price_index_min),
    )
    items = tuple(
        w.say(
            "{i}. {name}（{code}）完成{att}，差{gap}：{why}。",
            "{i}. {name} ({code}) at {att}, {gap} short: {why}.",
            i=i,
            name=r.name,
            code=r.rep,
            att=w.percent(r.attainment),
            gap=w.money(r.gap),
            why=reasons_text(r, w.lang),
        )
        for i, r in enumerate((f.review(c) for c in f.below_target), start=1)
    )
    return Part(heading, (Paragraph(intro), _reasons_table(f, w), ItemList(items)))


def _coaching_part(f: TeamFacts, w: Words) -> Part:
    items = tuple(
        w.say(
            "{i}. {name}（{code}）：差{gap}，主要原因：{why}。",
            "{i}. {name} ({code}): {gap} short, mainly {why}.",
            i=i,
            name=r.name,
            code=r.rep,
            gap=w.money(r.gap),
            why=w.label("team_reason", r.main_reason),
        )
        for i, r in enumerate((f.review(c) for c in f.coaching), start=1)
    )
    return Part(
        w.say("辅导名单（按差额排序）", "Coaching list (largest gap first)"), (ItemList(items),)
    )


def parts(s: AnnualSummary, f: TeamFacts, w: Words) -> dict[str, tuple[Part, ...]]:
    """Parts keyed by the section they belong to: results, highlights or shortfalls."""
    shortfalls: tuple[Part, ...] = (_reasons_part(f, w),)
    if f.coaching:
        shortfalls += (_coaching_part(f, w),)
    return {
        "results": (_results_part(s, f, w),),
        "highlights": (_raise_part(f, w),),
        "shortfalls": shortfalls,
    }
