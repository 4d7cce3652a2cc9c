"""Section 一、全年工作完成情况 / 1. Results of the year: the headline figures and their tables.

The field work (visits, delivery) and the hotel blocks (rooms, restaurant) of this section are in
fieldwork.py and hospitality.py.
"""

from __future__ import annotations

from datetime import date

from salesdesk.report import charts
from salesdesk.report.render.document import (
    Block,
    Paragraph,
    Part,
    Section,
    Table,
    chart_or_sentence,
)
from salesdesk.report.render.fieldwork import activity_part, delivery_part
from salesdesk.report.render.hospitality import dining_part, rooms_part
from salesdesk.report.render.kinds import kind_parts
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AnnualSummary, CollectionFacts, CustomerFacts, SalesFacts

__all__ = ["lead_sentence", "results_section"]


def _target_clause(sales: SalesFacts, w: Words) -> str:
    if sales.target is None:
        return w.say("，本年未设定销售目标", ", with no target set for the year")
    return w.say(
        "，年度目标{target}，完成率{att}",
        " against a target of {target} (attainment {att})",
        target=w.money(sales.target),
        att=w.percent(sales.attainment),
    )


def _yoy_clause(sales: SalesFacts, w: Words) -> str:
    if sales.last_year is None:
        return w.say("，无上年数据可比", "; there is no prior year to compare with")
    return w.say(
        "，上年{last}，同比{change}",
        "; last year's sales were {last}, a change of {change}",
        last=w.money(sales.last_year),
        change=w.change(sales.yoy) if w.zh else w.signed(sales.yoy),
    )


def lead_sentence(s: AnnualSummary, w: Words) -> str:
    """The opening sentence: sales against target and last year, orders and collections."""
    head = w.say(
        "{year}年，{name}全年实现销售额{revenue}",
        "In {year}, {name} made net sales of {revenue}",
        year=s.year,
        name=s.scope_name,
        revenue=w.money(s.sales.revenue),
    )
    tail = w.say(
        "；全年成交订单{orders}笔，回款{collected}，回款率{rate}。",
        "; {orders} orders were made; collections were {collected}, a collection rate of {rate}.",
        orders=w.count(s.sales.orders),
        collected=w.money(s.collections.amount),
        rate=w.percent(s.collections.rate),
    )
    return head + _target_clause(s.sales, w) + _yoy_clause(s.sales, w) + tail


def _partial_year(s: AnnualSummary, w: Words) -> tuple[Block, ...]:
    """A note when the records start after January: the year is not a whole year."""
    if s.first_day is None or s.first_day < date(s.year, 2, 1):
        return ()
    return (
        Paragraph(
            w.say(
                "本年记录自{first}开始，不足一整年，与上年及目标比较时请考虑这一点。",
                "Records start on {first}, so this is not a whole year; bear this in mind when "
                "comparing with last year and the target.",
                first=w.day(s.first_day),
            )
        ),
    )


def _key_figures(sales: SalesFacts, w: Words) -> Table:
    rows = (
        (("销售额（净额）", "Net sales"), w.money_cell(sales.revenue, unit=True)),
        (
            ("订单金额（调整前）", "Order amounts before adjustments"),
            w.money_cell(sales.gross, True),
        ),
        (("优惠及调整", "Adjustments"), w.money_cell(sales.adjustments, unit=True)),
        (("退货", "Returns"), w.money_cell(sales.returns, unit=True)),
        (("年度目标", "Target"), w.money_cell(sales.target, unit=True)),
        (("目标完成率", "Attainment"), w.ratio_cell(sales.attainment)),
        (("上年销售额", "Last year's sales"), w.money_cell(sales.last_year, unit=True)),
        (("同比", "Change on last year"), w.change_cell(sales.yoy)),
        (("订单数（笔）", "Orders"), w.count_cell(sales.orders)),
        (("订单行数", "Order lines"), w.count_cell(sales.lines)),
        (("取消订单（笔）", "Cancelled orders"), w.count_cell(sales.cancelled_orders)),
        (("月度销售额离散系数", "Variation of monthly sales (CV)"), w.ratio_cell(sales.monthly_cv)),
    )
    return Table(
        key="key_figures",
        sheet=w.say("主要指标", "Key figures"),
        caption=w.say("全年主要销售指标", "Key sales figures of the year"),
        header=w.pick(("指标", "Figure"), ("数值", "Value")),
        rows=tuple((w.text_cell(w.pick(name)[0]), cell) for name, cell in rows),
    )


def _sales_part(s: AnnualSummary, w: Words) -> Part:
    return Part(
        w.say("销售完成情况", "Sales against target and last year"),
        (_key_figures(s.sales, w),),
    )


def _weak_months(sales: SalesFacts, w: Words) -> Paragraph:
    if not sales.weak_months:
        return Paragraph(
            w.say("各月销售额没有明显偏低的月份。", "No month had markedly weak sales.")
        )
    return Paragraph(
        w.say(
            "销售额明显偏低的月份：{months}；全年月度销售额离散系数为{cv}（越大表示各月越不均衡）。",
            "Months with weak sales: {months}; the variation of monthly sales (CV) is {cv} "
            "(the larger, the more uneven the months).",
            months=w.join(w.month(m) for m in sales.weak_months),
            cv=w.percent(sales.monthly_cv),
        )
    )


def _monthly_table(sales: SalesFacts, w: Words) -> Table:
    rows = tuple(
        (
            w.month_cell(m.month),
            w.money_cell(m.revenue),
            w.money_cell(m.target),
            w.money_cell(m.last_year),
            w.change_cell(m.yoy),
            w.change_cell(m.mom),
            w.count_cell(m.orders),
        )
        for m in sales.by_month
    )
    total = (
        w.text_cell(w.say("全年", "Year")),
        w.money_cell(sales.revenue),
        w.money_cell(sales.target),
        w.money_cell(sales.last_year),
        w.change_cell(sales.yoy),
        w.text_cell(w.say("不适用", "not applicable")),
        w.count_cell(sales.orders),
    )
    header = w.pick(
        ("月份", "Month"),
        ("销售额（元）", "Revenue (CNY)"),
        ("目标（元）", "Target (CNY)"),
        ("上年同期（元）", "Last year (CNY)"),
        ("同比", "Year on year"),
        ("环比", "Month on month"),
        ("订单数", "Orders"),
    )
    caption = w.say("月度销售额、目标与同比", "Monthly revenue, target and change")
    return Table("monthly", w.say("月度销售", "Monthly sales"), caption, header, rows, total)


def _monthly_part(s: AnnualSummary, w: Words) -> Part:
    spec = charts.monthly_revenue_chart(s, w.lang)
    empty = w.say("本年没有月度销售数据，未绘制月度图表。", "There are no monthly sales to chart.")
    blocks: tuple[Block, ...] = (chart_or_sentence(spec, empty), _weak_months(s.sales, w))
    if s.sales.by_month:
        blocks += (_monthly_table(s.sales, w),)
    return Part(w.say("月度完成情况", "Month by month"), blocks)


def _volume_part(sales: SalesFacts, w: Words) -> Part:
    heading = w.say("销量", "Volume")
    if not sales.volume:
        return Part(heading, (Paragraph(w.say("本年没有销量记录。", "No quantities were sold.")),))
    summary = w.say(
        "全年销量：{items}。",
        "Quantities sold: {items}.",
        items=w.join(w.quantity(v.quantity, v.unit) for v in sales.volume),
    )
    rows = tuple(
        (
            w.text_cell(w.unit(v.unit)),
            w.quantity_cell(v.quantity),
            w.money_cell(v.revenue),
            w.money_cell(v.avg_price),
        )
        for v in sales.volume
    )
    header = w.pick(
        ("单位", "Unit"),
        ("数量", "Quantity"),
        ("销售额（元）", "Revenue (CNY)"),
        ("平均单价（元）", "Average price (CNY)"),
    )
    caption = w.say("按计量单位的销量", "Volume by unit")
    table = Table("volume", w.say("销量", "Volume"), caption, header, rows)
    return Part(heading, (Paragraph(summary), table))


def _aging_table(c: CollectionFacts, w: Words) -> Table:
    rows = tuple(
        (w.text_cell(w.label("aging", a.bucket)), w.money_cell(a.amount), w.count_cell(a.orders))
        for a in c.aging
    )
    header = w.pick(("账龄", "Age"), ("金额（元）", "Amount (CNY)"), ("订单数", "Orders"))
    caption = w.say("期末应收账款账龄", "Receivables by age at year end")
    return Table("aging", w.say("应收账龄", "Receivables aging"), caption, header, rows)


def _collections_part(c: CollectionFacts, w: Words) -> Part:
    text = w.say(
        "全年回款{amount}，回款率{rate}（回款额 ÷（期初应收 + 本年销售额））。期初应收账款{opening}，"
        "期末应收账款{closing}，应收账款周转天数{dso}。",
        "Collections for the year were {amount}, a collection rate of {rate} (collections ÷ "
        "(opening receivables + sales)). Receivables were {opening} at the start of the year "
        "and {closing} at the end; days sales outstanding: {dso}.",
        amount=w.money(c.amount),
        rate=w.percent(c.rate),
        opening=w.money(c.opening_receivables),
        closing=w.money(c.closing_receivables),
        dso=w.days(c.dso),
    )
    aging: Block = (
        _aging_table(c, w)
        if c.aging
        else Paragraph(w.say("期末没有应收账款。", "No receivables are open at year end."))
    )
    return Part(w.say("回款与应收账款", "Collections and receivables"), (Paragraph(text), aging))


def _customers_part(c: CustomerFacts, w: Words) -> Part:
    text = w.say(
        "全年有成交的客户{active}家，其中新客户{new}家、老客户{returning}家；上年有成交而本年没有成交的"
        "流失客户{lost}家。前五大客户销售额占比{top5}，客户集中度指数（HHI，0–10,000）为{hhi}。",
        "{active} customers bought during the year: {new} new and {returning} returning; {lost} "
        "customers who bought last year did not buy this year. The five largest customers made "
        "{top5} of sales; the concentration index (HHI, 0–10,000) is {hhi}.",
        active=w.count(c.active),
        new=w.count(c.new),
        returning=w.count(c.returning),
        lost=w.count(c.lost),
        top5=w.percent(c.top5_share),
        hhi=w.number(c.hhi, places=0),
    )
    return Part(w.say("客户", "Customers"), (Paragraph(text),))


def results_section(s: AnnualSummary, w: Words) -> Section:
    """Headline figures against target and last year, month by month, then each area."""
    parts = [
        _sales_part(s, w),
        _monthly_part(s, w),
        _volume_part(s.sales, w),
        _collections_part(s.collections, w),
        _customers_part(s.customers, w),
        activity_part(s.activity, w),
        delivery_part(s.delivery, w),
    ]
    if s.rooms is not None:
        parts.append(rooms_part(s, s.rooms, w))
    if s.dining is not None:
        parts.append(dining_part(s.dining, w))
    parts.extend(kind_parts(s, "results", w))
    intro = (Paragraph(lead_sentence(s, w)), *_partial_year(s, w))
    return Section("results", w.say("全年工作完成情况", "Results of the year"), intro, tuple(parts))
