"""How the prepaid_card department's own facts appear: JSON facts and document parts.

Section 一 gets the team's year (start, leads, funnel, visits, cards) with the funnel, lead-source
and monthly card tables; section 二 the reps' visits per working day and conversion; section 三
the rejections that never got a second contact, with the prospects and reps named.
"""

from __future__ import annotations

from typing import Any

from salesdesk.metrics.ratios import ratio
from salesdesk.report import format as fmt
from salesdesk.report.json_numbers import money as _money
from salesdesk.report.json_numbers import quantity as _quantity
from salesdesk.report.json_numbers import ratio as _ratio
from salesdesk.report.render.document import Block, Paragraph, Part, Table
from salesdesk.report.render.words import Words
from salesdesk.report.summary import (
    AnnualSummary,
    CardMonth,
    Funnel,
    LeadSourceRow,
    PrepaidFacts,
    PrepaidRepRow,
    UnfollowedRejection,
)

UNFOLLOWED_ROWS = 30  # rows of the unfollowed-rejection table in the document (JSON has all)


# -- JSON -------------------------------------------------------------------------------------
def _funnel(f: Funnel) -> dict[str, Any]:
    return {
        "contacted": f.contacted,
        "interested": f.interested,
        "sold": f.sold,
        "interest_rate": _ratio(f.interest_rate),
        "close_rate": _ratio(f.close_rate),
        "conversion": _ratio(f.conversion),
    }


def _source(r: LeadSourceRow, lang: str) -> dict[str, Any]:
    return {
        "source": r.source,
        "name": fmt.label("lead_source", r.source, lang),
        "leads": r.funnel.contacted,
        "contacts": r.contacts,
        "contact_share": _ratio(r.contact_share),
        **_funnel(r.funnel),
    }


def _month(m: CardMonth) -> dict[str, Any]:
    return {
        "month": m.month,
        "cards": _quantity(m.cards),
        "stored_value": _money(m.stored_value),
        "orders": m.orders,
    }


def _rep(r: PrepaidRepRow) -> dict[str, Any]:
    return {
        "rep": r.rep,
        "name": r.name,
        "visits": r.visits,
        "working_days": r.working_days,
        "per_day": _ratio(r.per_day),
        "funnel": _funnel(r.funnel),
        "rejections": r.rejections,
        "rejections_followed": r.rejections_followed,
        "cards": _quantity(r.cards),
        "stored_value": _money(r.stored_value),
    }


def _unfollowed(u: UnfollowedRejection) -> dict[str, Any]:
    return {
        "date": u.day.isoformat(),
        "customer": u.customer,
        "customer_name": u.customer_name,
        "rep": u.rep,
        "rep_name": u.rep_name,
    }


def to_json(f: PrepaidFacts, lang: str) -> dict[str, Any]:
    return {
        "started_on": f.started_on.isoformat() if f.started_on else None,
        "months_active": f.months_active,
        "leads": f.funnel.contacted,
        "leads_per_month": _ratio(f.leads_per_month),
        "funnel": _funnel(f.funnel),
        "by_source": [_source(r, lang) for r in f.by_source],
        "visits": {
            "total": f.visits,
            "rep_days": f.rep_days,
            "per_rep_per_day": _ratio(f.visits_per_rep_day),
            "per_month": _ratio(f.visits_per_month),
        },
        "rejections": {
            "count": f.rejections,
            "followed": f.rejections_followed,
            "not_followed": f.rejections - f.rejections_followed,
            "follow_up_rate": _ratio(f.follow_up_rate),
            "unfollowed": [_unfollowed(u) for u in f.unfollowed],
        },
        "cards": {
            "sold": _quantity(f.cards),
            "stored_value": _money(f.stored_value),
            "orders": f.card_orders,
            "per_month": _quantity(f.cards_per_month),
            "stored_value_per_month": _money(f.stored_value_per_month),
            "months_without_sales": list(f.months_without_sales),
            "by_month": [_month(m) for m in f.by_month],
        },
        "by_rep": [_rep(r) for r in f.by_rep],
    }


# -- section 一: the team's year ---------------------------------------------------------------
def _start_text(f: PrepaidFacts, w: Words) -> str:
    if f.started_on is None:
        return w.say(
            "团队全年在岗，月均数按{m}个月计算。",
            "The team worked the whole year; monthly averages are over {m} months.",
            m=f.months_active,
        )
    return w.say(
        "团队于{d}开始工作，本年运作{m}个月；以下月均数按这{m}个月计算，人均每日拜访按开始工作后的工作日计算。",
        "The team started on {d} and existed for {m} months of the year; monthly averages below "
        "are over those {m} months and visits per day over the working days since the start.",
        d=w.day(f.started_on),
        m=f.months_active,
    )


def _year_text(f: PrepaidFacts, w: Words) -> str:
    n = f.funnel
    return w.say(
        "本年首次接触线索{leads}个（月均{lpm}个），其中有意向{interested}个（意向率{ir}），成交{sold}个"
        "（意向成交率{cr}，总转化率{conv}）。拜访及联系客户{visits}次（月均{vpm}次），业务员在岗合计"
        "{days}个工作日，人均每日{per_day}次。售出储值卡{cards}，储值金额{value}，共{orders}单；"
        "月均售卡{cpm}，月均储值{spm}。",
        "{leads} leads were first contacted ({lpm} a month); {interested} showed interest "
        "({ir}) and {sold} bought ({cr} of the interested, {conv} of all leads). {visits} visits "
        "and contacts ({vpm} a month) over {days} rep working days: {per_day} per rep per working "
        "day. {cards} were sold in {orders} orders, storing {value}; {cpm} and {spm} a month on "
        "average.",
        leads=w.count(n.contacted),
        lpm=w.number(f.leads_per_month, 1),
        interested=w.count(n.interested),
        ir=w.percent(n.interest_rate),
        sold=w.count(n.sold),
        cr=w.percent(n.close_rate),
        conv=w.percent(n.conversion),
        visits=w.count(f.visits),
        vpm=w.number(f.visits_per_month, 1),
        days=w.count(f.rep_days),
        per_day=w.number(f.visits_per_rep_day),
        cards=w.quantity(f.cards, "card"),
        value=w.money(f.stored_value),
        orders=w.count(f.card_orders),
        cpm=w.quantity(f.cards_per_month, "card"),
        spm=w.money(f.stored_value_per_month),
    )


def _funnel_table(f: Funnel, w: Words) -> Table:
    start = w.text_cell(w.say("起点", "start"))  # the first stage has no stage before it
    stages = (
        (w.say("首次接触", "First contact"), f.contacted, start),
        (w.say("有意向", "Interested"), f.interested, w.ratio_cell(f.interest_rate)),
        (w.say("成交", "Sale"), f.sold, w.ratio_cell(f.close_rate)),
    )
    rows = tuple(
        (w.text_cell(name), w.count_cell(count), step, w.ratio_cell(ratio(count, f.contacted)))
        for name, count, step in stages
    )
    header = w.pick(
        ("阶段", "Stage"),
        ("线索数", "Leads"),
        ("较上一阶段", "Of the stage before"),
        ("占首次接触", "Of first contacts"),
    )
    caption = w.say("线索转化漏斗", "Lead funnel")
    return Table("prepaid_funnel", w.say("转化漏斗", "Funnel"), caption, header, rows)


def _source_table(f: PrepaidFacts, w: Words) -> Table:
    rows = tuple(
        (
            w.text_cell(w.label("lead_source", r.source)),
            w.count_cell(r.funnel.contacted),
            w.count_cell(r.contacts),
            w.ratio_cell(r.contact_share),
            w.count_cell(r.funnel.interested),
            w.count_cell(r.funnel.sold),
            w.ratio_cell(r.funnel.conversion),
        )
        for r in f.by_source
    )
    header = w.pick(
        ("线索来源", "Lead source"),
        ("线索数", "Leads"),
        ("跟进次数", "Contacts"),
        ("跟进占比", "Share of contacts"),
        ("有意向", "Interested"),
        ("成交", "Sold"),
        ("转化率", "Conversion"),
    )
    caption = w.say("线索来源与转化", "Leads by source")
    return Table("prepaid_sources", w.say("线索来源", "Lead sources"), caption, header, rows)


def _month_table(f: PrepaidFacts, w: Words) -> Table:
    rows = tuple(
        (
            w.month_cell(m.month),
            w.quantity_cell(m.cards),
            w.money_cell(m.stored_value),
            w.count_cell(m.orders),
        )
        for m in f.by_month
    )
    total = (
        w.text_cell(w.say("合计", "Total")),
        w.quantity_cell(f.cards),
        w.money_cell(f.stored_value),
        w.count_cell(f.card_orders),
    )
    header = w.pick(
        ("月份", "Month"),
        ("售卡（张）", "Cards"),
        ("储值金额（元）", "Stored value (CNY)"),
        ("单数", "Orders"),
    )
    caption = w.say("储值卡月度销售", "Cards sold by month")
    return Table(
        "prepaid_cards_monthly", w.say("售卡月度", "Cards by month"), caption, header, rows, total
    )


def _results(f: PrepaidFacts, w: Words) -> Part:
    blocks: tuple[Block, ...] = (Paragraph(_start_text(f, w)), Paragraph(_year_text(f, w)))
    if f.funnel.contacted:
        blocks += (_funnel_table(f.funnel, w), _source_table(f, w))
    if f.by_month:
        blocks += (_month_table(f, w),)
    return Part(
        w.say("预付卡团队：线索、转化与售卡", "Prepaid-card team: leads, conversion and cards"),
        blocks,
    )


# -- section 二: the reps ----------------------------------------------------------------------
def _rep_table(rows: tuple[PrepaidRepRow, ...], w: Words) -> Table:
    body = tuple(
        (
            w.text_cell(r.rep),
            w.text_cell(r.name),
            w.count_cell(r.visits),
            w.count_cell(r.working_days),
            w.number_cell(r.per_day),
            w.count_cell(r.funnel.contacted),
            w.count_cell(r.funnel.interested),
            w.count_cell(r.funnel.sold),
            w.ratio_cell(r.funnel.conversion),
            w.count_cell(r.rejections - r.rejections_followed),
            w.quantity_cell(r.cards),
            w.money_cell(r.stored_value),
        )
        for r in rows
    )
    header = w.pick(
        ("工号", "Code"),
        ("姓名", "Name"),
        ("拜访次数", "Visits"),
        ("在岗工作日", "Working days"),
        ("日均拜访", "Visits per day"),
        ("线索", "Leads"),
        ("有意向", "Interested"),
        ("成交", "Sold"),
        ("转化率", "Conversion"),
        ("被拒未跟进", "Rejections not followed"),
        ("售卡（张）", "Cards"),
        ("储值金额（元）", "Stored value (CNY)"),
    )
    caption = w.say("业务员拜访、转化与售卡", "Reps: visits, conversion and cards")
    return Table("prepaid_reps", w.say("业务员拜访转化", "Rep visits"), caption, header, body)


def _reps(f: PrepaidFacts, w: Words) -> Part:
    text = w.say(
        "每名业务员的拜访量按其在岗工作日计算（团队开始工作前的日子不计）；线索归首次接触它的业务员。",
        "Each rep's visits are over the rep's working days on the team (days before the team "
        "started do not count); a lead belongs to the rep who first contacted it.",
    )
    return Part(
        w.say("业务员拜访与转化", "Reps' visits and conversion"),
        (Paragraph(text), _rep_table(f.by_rep, w)),
    )


# -- section 三: rejections without a second contact -------------------------------------------
def _rejection_text(f: PrepaidFacts, w: Words) -> str:
    if f.rejections == 0:
        return w.say("本年没有被客户拒绝的记录。", "No rejection was recorded this year.")
    missed = f.rejections - f.rejections_followed
    return w.say(
        "被客户拒绝{n}次，按期做了二次跟进的{k}次（{rate}），{m}次被拒之后再没有跟进。被拒绝之后没有二次追踪"
        "是致命的失误：每个拒绝过我们的客户都应在跟进期限内再联系一次，了解原因、调整方案。",
        "{n} rejections, {k} of them followed up in time ({rate}); {m} never got a second "
        "contact. No second contact after a rejection is a fatal mistake: every prospect who "
        "said no should hear from us again within the follow-up window, to learn why and adjust "
        "the offer.",
        n=w.count(f.rejections),
        k=w.count(f.rejections_followed),
        rate=w.percent(f.follow_up_rate),
        m=w.count(missed),
    )


def _unfollowed_table(rows: tuple[UnfollowedRejection, ...], w: Words) -> Table:
    body = tuple(
        (
            w.text_cell(w.day(u.day)),
            w.text_cell(u.customer),
            w.text_cell(u.customer_name),
            w.text_cell(f"{u.rep_name}（{u.rep}）" if w.zh else f"{u.rep_name} ({u.rep})"),
        )
        for u in rows[:UNFOLLOWED_ROWS]
    )
    header = w.pick(
        ("被拒日期", "Rejected on"), ("客户编号", "Code"), ("客户", "Prospect"), ("业务员", "Rep")
    )
    caption = w.say("被拒后未二次跟进的客户", "Prospects not contacted again after a rejection")
    return Table("prepaid_unfollowed", w.say("被拒未跟进", "Not followed"), caption, header, body)


def _rejections(f: PrepaidFacts, w: Words) -> Part:
    blocks: tuple[Block, ...] = (Paragraph(_rejection_text(f, w)),)
    if f.unfollowed:
        blocks += (_unfollowed_table(f.unfollowed, w),)
    if len(f.unfollowed) > UNFOLLOWED_ROWS:
        blocks += (
            Paragraph(
                w.say(
                    "上表只列出最早的{k}条，共{n}条（完整名单见 JSON 输出）。",
                    "The table lists the first {k} of {n} (the JSON facts list them all).",
                    k=UNFOLLOWED_ROWS,
                    n=w.count(len(f.unfollowed)),
                )
            ),
        )
    return Part(w.say("被拒绝后的二次跟进", "Second contact after a rejection"), blocks)


def parts(s: AnnualSummary, f: PrepaidFacts, w: Words) -> dict[str, tuple[Part, ...]]:
    """Parts keyed by the section they belong to: results, highlights or shortfalls."""
    found: dict[str, tuple[Part, ...]] = {"results": (_results(f, w),)}
    if f.by_rep:
        found["highlights"] = (_reps(f, w),)
    found["shortfalls"] = (_rejections(f, w),)
    return found
