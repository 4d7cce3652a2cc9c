"""Parts of section 一 for hotels: rooms (occupancy, ADR, RevPAR) and the restaurant (bills,
covers, deductions, receipts), present only when the summary has them."""

from __future__ import annotations

from salesdesk.report import charts
from salesdesk.report.render.document import Block, Paragraph, Part, Table, chart_or_sentence
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AnnualSummary, DiningFacts, RoomFacts

__all__ = ["dining_part", "rooms_part"]


def _rooms_text(r: RoomFacts, w: Words) -> str:
    return w.say(
        "客房全年收入{revenue}，售出{sold}（另有免费房{comps}），可售{available}，平均出租率"
        "{occupancy}，平均房价{adr}/间夜，每间可售房收入（RevPAR）{revpar}。",
        "Rooms earned {revenue} from {sold} sold ({comps} complimentary) out of {available} "
        "available: occupancy {occupancy}, average daily rate {adr}, revenue per available room "
        "(RevPAR) {revpar}.",
        revenue=w.money(r.revenue),
        sold=w.quantity(r.sold, "room_night"),
        comps=w.quantity(r.comps, "room_night"),
        available=w.quantity(r.available, "room_night"),
        occupancy=w.percent(r.occupancy),
        adr=w.money(r.adr),
        revpar=w.money(r.revpar),
    )


def _rooms_month_table(r: RoomFacts, w: Words) -> Table:
    rows = tuple(
        (
            w.month_cell(m.month),
            w.quantity_cell(m.sold),
            w.count_cell(m.available),
            w.ratio_cell(m.occupancy),
            w.money_cell(m.adr),
            w.money_cell(m.revpar),
        )
        for m in r.by_month
    )
    header = w.pick(
        ("月份", "Month"),
        ("售出间夜", "Room-nights sold"),
        ("可售间夜", "Room-nights available"),
        ("出租率", "Occupancy"),
        ("平均房价（元）", "ADR (CNY)"),
        ("RevPAR（元）", "RevPAR (CNY)"),
    )
    caption = w.say("客房月度经营情况", "Rooms by month")
    return Table("rooms_monthly", w.say("客房月度", "Rooms by month"), caption, header, rows)


def _rooms_channel_table(r: RoomFacts, w: Words) -> Table:
    rows = tuple(
        (
            w.text_cell(w.label("channel", c.name)),
            w.money_cell(c.amount),
            w.ratio_cell(c.share),
            w.count_cell(c.count),
        )
        for c in r.by_channel
    )
    header = w.pick(
        ("渠道", "Channel"),
        ("客房收入（元）", "Room revenue (CNY)"),
        ("占比", "Share"),
        ("间夜", "Room-nights"),
    )
    caption = w.say("客房收入按渠道", "Room revenue by channel")
    return Table("rooms_channels", w.say("客房渠道", "Room channels"), caption, header, rows)


def rooms_part(s: AnnualSummary, r: RoomFacts, w: Words) -> Part:
    spec = charts.occupancy_chart(s, w.lang)
    empty = w.say("没有月度客房数据，未绘制出租率图。", "There is no monthly room data to chart.")
    blocks: tuple[Block, ...] = (Paragraph(_rooms_text(r, w)), chart_or_sentence(spec, empty))
    if r.by_month:
        blocks += (_rooms_month_table(r, w),)
    if r.by_channel:
        blocks += (_rooms_channel_table(r, w),)
    return Part(w.say("客房", "Rooms"), blocks)


def _dining_text(d: DiningFacts, w: Words) -> str:
    return w.say(
        "餐厅全年营业额{gross}，各项优惠减免{deductions}（占营业额{share}），实收{net}。全年消费"
        "{bills}单，用餐{covers}人，单均消费{per_bill}，人均消费{per_cover}，月平均实收{monthly}。",
        "The restaurant took {gross} before deductions of {deductions} ({share} of the gross), "
        "{net} net. {bills} bills and {covers} covers: {per_bill} per bill, {per_cover} per "
        "cover and {monthly} a month on average.",
        gross=w.money(d.gross),
        deductions=w.money(d.deductions_total),
        share=w.percent(d.discount_share),
        net=w.money(d.net),
        bills=w.count(d.bills),
        covers=w.count(d.covers),
        per_bill=w.money(d.avg_per_bill),
        per_cover=w.money(d.per_cover),
        monthly=w.money(d.monthly_avg),
    )


def _deductions_table(d: DiningFacts, w: Words) -> Table:
    rows = tuple(
        (
            w.text_cell(w.label("adjustment", x.name)),
            w.money_cell(x.amount),
            w.ratio_cell(x.share),
            w.count_cell(x.count),
        )
        for x in d.deductions
    )
    header = w.pick(
        ("项目", "Kind"), ("金额（元）", "Amount (CNY)"), ("占比", "Share"), ("笔数", "Count")
    )
    caption = w.say("餐饮优惠减免明细", "Restaurant deductions by kind")
    return Table("dining_deductions", w.say("餐饮优惠", "Dining deductions"), caption, header, rows)


def _receipts_table(d: DiningFacts, w: Words) -> Table:
    rows = tuple(
        (w.text_cell(w.label("channel", c.channel)), w.count_cell(c.count), w.money_cell(c.amount))
        for c in d.receipts
    )
    header = w.pick(("收款方式", "Payment"), ("单数", "Bills"), ("金额（元）", "Amount (CNY)"))
    caption = w.say("餐饮实收按收款方式", "Restaurant receipts by payment")
    return Table("dining_receipts", w.say("餐饮收款", "Dining receipts"), caption, header, rows)


def dining_part(d: DiningFacts, w: Words) -> Part:
    blocks: tuple[Block, ...] = (Paragraph(_dining_text(d, w)),)
    if d.deductions:
        blocks += (_deductions_table(d, w),)
    if d.receipts:
        blocks += (_receipts_table(d, w),)
    return Part(w.say("餐饮", "Restaurant"), blocks)
