"""Parts of section 一 about the field work: customer visits and follow-ups; delivery,
complaints and product ideas."""

from __future__ import annotations

from salesdesk.report.render.document import Block, Paragraph, Part, Table
from salesdesk.report.render.words import Words
from salesdesk.report.summary import ActivityFacts, DeliveryFacts

__all__ = ["activity_part", "delivery_part"]


def _activity_table(a: ActivityFacts, w: Words) -> Table:
    rows = tuple(
        (w.text_cell(w.label("activity", k.name)), w.count_cell(k.count), w.ratio_cell(k.share))
        for k in a.by_kind
    )
    header = w.pick(("方式", "Kind"), ("次数", "Count"), ("占比", "Share"))
    caption = w.say("客户拜访与联系方式", "Customer contacts by kind")
    return Table("activity", w.say("拜访方式", "Contacts"), caption, header, rows)


def activity_part(a: ActivityFacts, w: Words) -> Part:
    heading = w.say("客户拜访与跟进", "Visits and follow-ups")
    if a.visits == 0 and not a.by_kind:
        return Part(heading, (Paragraph(w.say("本年没有拜访记录。", "No visits were recorded.")),))
    text = w.say(
        "全年拜访及联系客户{visits}次，{days}个工作日内人均每日{per_day}次。到期应跟进{due}次，其中"
        "{missed}次未按期跟进；被客户拒绝{rejections}次，其中{followed}次做了再次跟进；本年首次接触的"
        "客户中，接触后成交的比例为{conversion}。",
        "{visits} customer visits and contacts were made over {days} working days, {per_day} per "
        "rep per working day. {due} follow-ups fell due and {missed} of them were missed; "
        "{rejections} rejections, {followed} of them followed up again; of the customers first "
        "contacted this year, {conversion} ordered after the first contact.",
        visits=w.count(a.visits),
        days=w.count(a.working_days),
        per_day=w.number(a.per_rep_per_day),
        due=w.count(a.follow_ups_due),
        missed=w.count(a.follow_ups_missed),
        rejections=w.count(a.rejections),
        followed=w.count(a.rejections_followed),
        conversion=w.percent(a.conversion),
    )
    blocks: tuple[Block, ...] = (Paragraph(text),)
    return Part(heading, blocks + ((_activity_table(a, w),) if a.by_kind else ()))


def _incident_table(d: DeliveryFacts, w: Words) -> Table:
    rows = tuple(
        (w.text_cell(w.label("incident", i.kind)), w.count_cell(i.count), w.money_cell(i.cost))
        for i in d.incidents
    )
    header = w.pick(("类型", "Kind"), ("次数", "Count"), ("损失金额（元）", "Cost (CNY)"))
    caption = w.say("客诉与事故", "Complaints and incidents")
    return Table("incidents", w.say("客诉事故", "Incidents"), caption, header, rows)


def _delivery_text(d: DeliveryFacts, w: Words) -> str:
    if d.delivered_lines == 0:
        return w.say("本年没有交付记录。", "No deliveries were recorded.")
    return w.say(
        "全年交付订单行{lines}行，其中按期交付{on_time}行，按期交付率{rate}。",
        "{lines} order lines were delivered, {on_time} of them on time: an on-time rate of {rate}.",
        lines=w.count(d.delivered_lines),
        on_time=w.count(d.on_time_lines),
        rate=w.percent(d.on_time_rate),
    )


def _ideas_text(d: DeliveryFacts, w: Words) -> str:
    return w.say(
        "业务员全年提交产品建议{submitted}条，采纳{adopted}条，发放奖励{rewards}；人均每月{per}条。",
        "Sales reps submitted {submitted} product ideas and {adopted} were adopted, with rewards "
        "of {rewards}; {per} ideas per rep per month.",
        submitted=w.count(d.ideas_submitted),
        adopted=w.count(d.ideas_adopted),
        rewards=w.money(d.idea_rewards),
        per=w.number(d.ideas_per_rep_month),
    )


def delivery_part(d: DeliveryFacts, w: Words) -> Part:
    incidents: Block = (
        _incident_table(d, w)
        if d.incidents
        else Paragraph(
            w.say("全年没有客诉与事故记录。", "No complaints or incidents were recorded.")
        )
    )
    blocks = (Paragraph(_delivery_text(d, w)), incidents, Paragraph(_ideas_text(d, w)))
    return Part(w.say("交付、客诉与产品建议", "Delivery, incidents and product ideas"), blocks)
