"""Section 二、主要工作与亮点 / 2. Main work and highlights: strengths, reps, customers, mix."""

from __future__ import annotations

from salesdesk.report import charts
from salesdesk.report.render.document import (
    Block,
    Cell,
    Chart,
    ItemList,
    Paragraph,
    Part,
    Section,
    Table,
    chart_or_sentence,
)
from salesdesk.report.render.evidence import finding_items
from salesdesk.report.render.kinds import kind_parts
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AnnualSummary, CustomerRow, RepRow, Share

__all__ = ["highlights_section", "share_table"]


def _strengths_part(s: AnnualSummary, w: Words) -> Part:
    items = finding_items(s, "strength", w)
    block: Block = (
        ItemList(items)
        if items
        else Paragraph(
            w.say("本年数据中没有发现突出的亮点。", "The year's data show no clear strength.")
        )
    )
    return Part(w.say("工作亮点", "Highlights"), (block,))


def _rep_status(r: RepRow, w: Words) -> Cell:
    if r.left_on is None:
        return w.text_cell(w.say("在职", "employed"))
    return Cell(w.say("{d}离职", "left on {d}", d=w.day(r.left_on)), r.left_on)


def _rep_table(rows: tuple[RepRow, ...], w: Words) -> Table:
    body = tuple(
        (
            w.count_cell(r.rank),
            w.text_cell(r.rep),
            w.text_cell(r.name),
            w.money_cell(r.revenue),
            w.money_cell(r.target),
            w.ratio_cell(r.attainment),
            w.money_cell(r.collections),
            w.count_cell(r.customers),
            w.count_cell(r.orders),
            w.count_cell(r.visits),
            _rep_status(r, w),
        )
        for r in rows
    )
    header = w.pick(
        ("排名", "Rank"),
        ("工号", "Code"),
        ("姓名", "Name"),
        ("销售额（元）", "Revenue (CNY)"),
        ("目标（元）", "Target (CNY)"),
        ("完成率", "Attainment"),
        ("回款（元）", "Collections (CNY)"),
        ("客户数", "Customers"),
        ("订单数", "Orders"),
        ("拜访次数", "Visits"),
        ("在职情况", "Status"),
    )
    caption = w.say("业务员业绩排名", "Sales reps ranked by revenue")
    return Table("reps", w.say("业务员排名", "Rep ranking"), caption, header, body)


def _reps_part(s: AnnualSummary, w: Words) -> Part:
    heading = w.say("业务员业绩", "Sales reps")
    rows = s.reps.rows
    if not rows:
        return Part(
            heading, (Paragraph(w.say("没有业务员业绩记录。", "No sales by rep were recorded.")),)
        )
    text = w.say(
        "共{n}名业务员有业绩记录，按销售额排名如下；各业务员目标完成率的离散系数为{cv}"
        "（越大表示业务水平差距越大）。",
        "{n} sales reps have sales, ranked below by revenue; the variation of their target "
        "attainment (CV) is {cv} (the larger, the wider the gap between reps).",
        n=w.count(len(rows)),
        cv=w.percent(s.reps.attainment_cv),
    )
    spec = charts.rep_revenue_chart(s, w.lang)
    chart: tuple[Block, ...] = (Chart(spec),) if spec else ()
    return Part(heading, (Paragraph(text), *chart, _rep_table(rows, w)))


def _customer_table(rows: tuple[CustomerRow, ...], w: Words) -> Table:
    body = tuple(
        (
            w.text_cell(c.code),
            w.text_cell(c.name),
            w.text_cell(c.tier),
            w.text_cell(c.region),
            w.money_cell(c.revenue),
            w.ratio_cell(c.share),
            w.money_cell(c.collections),
            w.money_cell(c.receivable),
        )
        for c in rows
    )
    header = w.pick(
        ("客户编号", "Code"),
        ("客户名称", "Customer"),
        ("等级", "Tier"),
        ("区域", "Region"),
        ("销售额（元）", "Revenue (CNY)"),
        ("占比", "Share"),
        ("回款（元）", "Collections (CNY)"),
        ("应收余额（元）", "Receivable (CNY)"),
    )
    caption = w.say("主要客户", "Largest customers")
    return Table("top_customers", w.say("主要客户", "Top customers"), caption, header, body)


def share_table(
    key: str, titles: tuple[str, str, str], shares: tuple[Share, ...], w: Words, group: str = ""
) -> Table:
    """A breakdown table: name, amount, share and count.

    ``titles`` is (sheet name, caption, first column header) in the report's language; ``group``
    names the code labels to show for the names (order_type, channel), if they are codes.
    """
    sheet, caption, first = titles
    body = tuple(
        (
            w.text_cell(w.label(group, x.name) if group else x.name),
            w.money_cell(x.amount),
            w.ratio_cell(x.share),
            w.count_cell(x.count),
        )
        for x in shares
    )
    header = (first, *w.pick(("金额（元）", "Amount (CNY)"), ("占比", "Share"), ("数量", "Count")))
    return Table(key, sheet, caption, header, body)


def _titles(
    w: Words, sheet: tuple[str, str], caption: tuple[str, str], first: tuple[str, str]
) -> tuple[str, str, str]:
    return (w.say(*sheet), w.say(*caption), w.say(*first))


def _customers_part(s: AnnualSummary, w: Words) -> Part:
    c = s.customers
    heading = w.say("主要客户", "Main customers")
    if not c.top:
        return Part(
            heading, (Paragraph(w.say("本年没有客户成交。", "No customer bought this year.")),)
        )
    blocks: list[Block] = [_customer_table(c.top, w)]
    if c.by_tier:
        titles = _titles(
            w,
            ("客户等级", "Customer tiers"),
            ("销售额按客户等级", "Revenue by tier"),
            ("等级", "Tier"),
        )
        blocks.append(share_table("tiers", titles, c.by_tier, w))
    if c.by_region:
        titles = _titles(
            w, ("客户区域", "Regions"), ("销售额按区域", "Revenue by region"), ("区域", "Region")
        )
        blocks.append(share_table("regions", titles, c.by_region, w))
    return Part(heading, tuple(blocks))


def _mix_part(s: AnnualSummary, w: Words) -> Part:
    sales = s.sales
    empty = w.say(
        "本年没有订单类型数据，未绘制订单结构图。", "There is no order-type data to chart."
    )
    blocks: list[Block] = [chart_or_sentence(charts.order_mix_chart(s, w.lang), empty)]
    if sales.by_order_type:
        titles = _titles(
            w,
            ("订单类型", "Order types"),
            ("销售额按订单类型", "Revenue by order type"),
            ("订单类型", "Order type"),
        )
        blocks.append(share_table("order_types", titles, sales.by_order_type, w, "order_type"))
    if sales.by_channel:
        titles = _titles(
            w,
            ("销售渠道", "Sales channels"),
            ("销售额按销售渠道", "Revenue by channel"),
            ("渠道", "Channel"),
        )
        blocks.append(share_table("sales_channels", titles, sales.by_channel, w, "channel"))
    if sales.by_category:
        titles = _titles(
            w,
            ("产品品类", "Categories"),
            ("销售额按品类", "Revenue by category"),
            ("品类", "Category"),
        )
        blocks.append(share_table("categories", titles, sales.by_category, w))
    return Part(w.say("订单结构", "Order mix"), tuple(blocks))


def _collection_channels(s: AnnualSummary, w: Words) -> Part:
    rows = s.collections.by_channel
    empty = w.say(
        "本年没有回款记录，未绘制回款渠道图。",
        "No collections were recorded, so there is no chart.",
    )
    blocks: list[Block] = [chart_or_sentence(charts.collections_channel_chart(s, w.lang), empty)]
    if rows:
        body = tuple(
            (
                w.text_cell(w.label("channel", r.channel)),
                w.count_cell(r.count),
                w.money_cell(r.amount),
            )
            for r in rows
        )
        header = w.pick(
            ("回款渠道", "Channel"), ("笔数", "Receipts"), ("金额（元）", "Amount (CNY)")
        )
        caption = w.say("回款按渠道", "Collections by channel")
        sheet = w.say("回款渠道", "Collection channels")
        blocks.append(Table("collection_channels", sheet, caption, header, body))
    return Part(w.say("回款渠道", "Collections by channel"), tuple(blocks))


def highlights_section(s: AnnualSummary, w: Words) -> Section:
    """What went well, with figures; who sold what, to whom, and how it was paid."""
    parts = (
        _strengths_part(s, w),
        _reps_part(s, w),
        _customers_part(s, w),
        _mix_part(s, w),
        _collection_channels(s, w),
        *kind_parts(s, "highlights", w),
    )
    return Section("highlights", w.say("主要工作与亮点", "Main work and highlights"), (), parts)
