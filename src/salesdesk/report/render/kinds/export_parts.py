"""The export department's document parts, one function a part (see kinds/export.py)."""

from __future__ import annotations

from salesdesk.report.render.document import Block, ItemList, Paragraph, Part, Table
from salesdesk.report.render.words import Words
from salesdesk.report.summary import (
    AnnualSummary,
    ChecklistFacts,
    DelayFacts,
    ExportFacts,
    PricingFacts,
)

ITEMS = {
    "packaging": ("包装材料", "packaging materials"),
    "marks": ("麦头", "shipping marks"),
    "design": ("设计稿", "design drafts"),
    "date": ("确认日期", "confirmation date"),
}
GAPS = {
    "packaging": ("包装材料未确认", "packaging materials not confirmed"),
    "marks": ("麦头未确认", "shipping marks not confirmed"),
    "design": ("设计稿未确认", "design drafts not confirmed"),
    "date": ("确认日期缺失或晚于投产", "confirmation date missing or after release"),
}
QUARTERS = (("一季度", "Q1"), ("二季度", "Q2"), ("三季度", "Q3"), ("四季度", "Q4"))


# -- results ----------------------------------------------------------------------------------
def _mix_table(f: ExportFacts, w: Words) -> Table:
    rows = tuple(
        (
            w.text_cell(w.label("order_type", r.order_type)),
            w.ratio_cell(r.last_year_share),
            *(w.ratio_cell(q) for q in r.quarter_shares),
            w.money_cell(r.amount),
            w.ratio_cell(r.share),
            w.change_cell(r.change),
        )
        for r in f.mix_trend
    )
    header = w.pick(
        ("订单类型", "Order type"),
        ("上年占比", "Last year"),
        *QUARTERS,
        ("全年金额（元）", "Year (CNY)"),
        ("全年占比", "Year share"),
        ("占比变化", "Change in share"),
    )
    caption = w.say("订单结构按季度及与上年对比", "Order mix by quarter and against last year")
    return Table("export_mix_trend", w.say("订单结构趋势", "Mix trend"), caption, header, rows)


def mix_part(s: AnnualSummary, f: ExportFacts, w: Words) -> Part:
    heading = w.say("订单结构变化", "How the order mix changed")
    if not f.mix_trend:
        return Part(
            heading, (Paragraph(w.say("本年没有订单。", "There were no orders this year.")),)
        )
    q = f.quarter_totals
    text = w.say(
        "各季度订单金额（折让前）分别为{q1}、{q2}、{q3}、{q4}；月度销售额离散系数{cv}。"
        "下表为各类订单占比按季度的变化及与上年的对比（占比变化为百分点）。",
        "Orders by quarter (before adjustments): {q1}, {q2}, {q3} and {q4}; the monthly sales "
        "vary by {cv} (CV). The table shows each order type's share by quarter and against last "
        "year (change in percentage points).",
        q1=w.money(q[0]),
        q2=w.money(q[1]),
        q3=w.money(q[2]),
        q4=w.money(q[3]),
        cv=w.percent(s.sales.monthly_cv),
    )
    return Part(heading, (Paragraph(text), _mix_table(f, w)))


def countries_part(f: ExportFacts, w: Words) -> Part:
    heading = w.say("客户国家分布", "Customers by country")
    if not f.by_country:
        return Part(heading, (Paragraph(w.say("本年没有客户成交。", "No customer bought.")),))
    rows = tuple(
        (
            w.text_cell(c.name or w.say("未登记国家", "country not recorded")),
            w.money_cell(c.amount),
            w.ratio_cell(c.share),
            w.count_cell(c.count),
        )
        for c in f.by_country
    )
    header = w.pick(
        ("国家", "Country"),
        ("销售额（元）", "Revenue (CNY)"),
        ("占比", "Share"),
        ("客户数", "Customers"),
    )
    top = f.by_country[0]
    text = w.say(
        "销售额来自{n}个国家（地区），最大的是{c}，占{share}。",
        "Sales came from {n} countries; the largest, {c}, took {share}.",
        n=w.count(len(f.by_country)),
        c=top.name or w.say("未登记国家", "country not recorded"),
        share=w.percent(top.share),
    )
    caption = w.say("销售额按客户国家", "Revenue by customer country")
    table = Table("export_countries", w.say("客户国家", "Countries"), caption, header, rows)
    return Part(heading, (Paragraph(text), table))


def _pricing_text(p: PricingFacts, w: Words) -> str:
    x = p.whatif
    rebate = (
        w.say(
            "出口退税率由{a}变为{b}",
            "the export rebate went from {a} to {b}",
            a=w.percent(x.rebate_from),
            b=w.percent(x.rebate_to),
        )
        if p.rebate_recorded
        else w.say(
            "订单未登记退税率，按退税不变计算",
            "no rebate rate was recorded, so it is taken as unchanged",
        )
    )
    return w.say(
        "以{cur}计价的订单：{m1}平均汇率{fx1}，{m2}为{fx2}；{rebate}。按{m1}{n}行订单的平均单位成本"
        "{cost}和平均FOB单价{fob1} {cur}，每单位人民币毛利{margin}（毛利率{r1}）。要保持这一毛利，"
        "FOB单价需调整为{fob2} {cur}（{change}），毛利率变为{r2}。",
        "Orders in {cur}: the average rate was {fx1} in {m1} and {fx2} in {m2}; {rebate}. At the "
        "average unit cost of {cost} and FOB price of {fob1} {cur} over {n} lines of {m1}, the "
        "margin was {margin} a unit ({r1} of revenue). Keeping that margin needs an FOB price of "
        "{fob2} {cur} ({change}); the margin rate becomes {r2}.",
        cur=p.currency,
        m1=w.month(p.month_from),
        m2=w.month(p.month_to),
        fx1=w.number(x.fx_from, 4),
        fx2=w.number(x.fx_to, 4),
        rebate=rebate,
        n=w.count(p.lines),
        cost=w.money(x.cost),
        fob1=w.number(x.fob_from, 4),
        margin=w.money(x.margin),
        r1=w.percent(x.margin_rate_from),
        fob2=w.number(x.fob_to, 4),
        change=w.signed(x.fob_change),
        r2=w.percent(x.margin_rate_to),
    )


def _retail_table(p: PricingFacts, w: Words) -> Table:
    rows = tuple(
        (
            w.number_cell(r.markup, 0),
            w.number_cell(r.old, 4),
            w.number_cell(r.new, 4),
            w.change_cell(r.change_of_fob),
            w.change_cell(r.change_of_retail),
        )
        for r in p.whatif.retail
    )
    header = w.pick(
        ("零售加价倍数", "Retail markup"),
        (f"原零售价（{p.currency}）", f"Old retail ({p.currency})"),
        (f"新零售价（{p.currency}）", f"New retail ({p.currency})"),
        ("涨价占原FOB", "Rise of old FOB"),
        ("涨价占原零售价", "Rise of old retail"),
    )
    caption = w.say("FOB调整对国外零售价的影响", "What the FOB change does to retail abroad")
    return Table("export_pricing", w.say("报价测算", "Pricing"), caption, header, rows)


def pricing_part(p: PricingFacts | None, w: Words) -> Part:
    heading = w.say("汇率与退税变化的报价测算", "Pricing after the year's FX and rebate change")
    if p is None:
        return Part(
            heading,
            (
                Paragraph(
                    w.say(
                        "订单未登记外币汇率变化或单位成本，无法按本年实际汇率和退税率测算FOB报价。",
                        "The orders record no foreign-currency rate change or no unit cost, so the "
                        "FOB price cannot be tested against the year's own rates.",
                    )
                ),
            ),
        )
    return Part(heading, (Paragraph(_pricing_text(p, w)), _retail_table(p, w)))


# -- highlights -------------------------------------------------------------------------------
def vip_part(f: ExportFacts, w: Words) -> Part:
    heading = w.say("重点客户（VIP）服务", "Service to key (VIP) accounts")
    if not f.vip:
        return Part(
            heading,
            (Paragraph(w.say("本年没有VIP客户往来。", "No VIP account bought or was served.")),),
        )
    rows = tuple(
        (
            w.text_cell(v.code),
            w.text_cell(v.name),
            w.text_cell(v.country or w.missing),
            w.money_cell(v.revenue),
            w.count_cell(v.visits),
            w.count_cell(v.delivered_lines),
            w.ratio_cell(v.on_time_rate),
            w.count_cell(v.incidents),
            w.money_cell(v.incident_cost),
        )
        for v in f.vip
    )
    header = w.pick(
        ("客户编号", "Code"),
        ("客户名称", "Customer"),
        ("国家", "Country"),
        ("销售额（元）", "Revenue (CNY)"),
        ("拜访/联系", "Contacts"),
        ("交货行数", "Lines delivered"),
        ("准时交货率", "On time"),
        ("客诉/事故", "Incidents"),
        ("损失（元）", "Cost (CNY)"),
    )
    text = w.say(
        "{n}个VIP客户本年有往来，下表列出各自的销售额、联系次数、准时交货和客诉情况。",
        "{n} VIP accounts bought or were served this year: their revenue, contacts, on-time "
        "delivery and incidents.",
        n=w.count(len(f.vip)),
    )
    caption = w.say("VIP客户服务情况", "VIP account service")
    return Part(heading, (Paragraph(text), Table("export_vip", "VIP", caption, header, rows)))


def ideas_part(f: ExportFacts, w: Words) -> Part:
    heading = w.say("产品开发建议", "Product ideas")
    if not f.ideas:
        return Part(heading, (Paragraph(w.say("没有业务员记录。", "No reps were recorded.")),))
    rows = tuple(
        (
            w.text_cell(i.rep),
            w.text_cell(i.name),
            w.count_cell(i.months),
            w.count_cell(i.submitted),
            w.count_cell(i.adopted),
            w.number_cell(i.per_month),
            w.ratio_cell(i.adoption_rate),
        )
        for i in f.ideas
    )
    header = w.pick(
        ("工号", "Code"),
        ("姓名", "Name"),
        ("在岗月数", "Months on team"),
        ("提出建议", "Submitted"),
        ("被采纳", "Adopted"),
        ("每月建议数", "Per month"),
        ("采纳率", "Adoption rate"),
    )
    submitted = sum(i.submitted for i in f.ideas)
    adopted = sum(i.adopted for i in f.ideas)
    text = w.say(
        "业务员全年提出产品开发建议{n}条，被采纳{a}条；各人按在岗月数计算每月建议数。",
        "Reps put forward {n} product ideas and {a} were adopted; ideas a month are counted over "
        "the months each rep was on the team.",
        n=w.count(submitted),
        a=w.count(adopted),
    )
    caption = w.say("业务员产品开发建议", "Product ideas by rep")
    table = Table("export_ideas", w.say("产品建议", "Ideas"), caption, header, rows)
    return Part(heading, (Paragraph(text), table))


# -- shortfalls -------------------------------------------------------------------------------
def delays_part(d: DelayFacts, w: Words) -> Part:
    text = w.say(
        "交货延误{lines}行，金额{amount}；登记交期延误事故{li}起，损失{lc}；模具延期{mold}起，"
        "损失{mc}。延误之后同一订单或客户的客诉{n}起，损失{cc}。",
        "{lines} lines worth {amount} were delivered late; {li} late-delivery incidents cost {lc}; "
        "{mold} mould delays cost {mc}. After these delays the same orders or customers "
        "complained {n} times, costing {cc}.",
        lines=w.count(d.late_lines),
        amount=w.money(d.late_amount),
        li=w.count(d.late_incidents),
        lc=w.money(d.late_incident_cost),
        mold=w.count(d.mold_delays),
        mc=w.money(d.mold_delay_cost),
        n=w.count(d.complaints),
        cc=w.money(d.complaint_cost),
    )
    blocks: tuple[Block, ...] = (Paragraph(text),)
    if d.complaint_orders:
        blocks += (
            Paragraph(
                w.say(
                    "延误后被投诉的订单：{o}。",
                    "Orders complained about after a delay: {o}.",
                    o=w.join(d.complaint_orders),
                )
            ),
        )
    return Part(w.say("交期与模具延误", "Delivery and mould delays"), blocks)


def checklist_part(c: ChecklistFacts | None, w: Words) -> Part:
    heading = w.say("客户资料确认表", "Customer confirmation checklist")
    if c is None:
        text = w.say(
            "本年订单未登记客户资料确认表（包装材料、麦头、设计稿、确认日期）。",
            "No order of the year records the customer confirmation checklist (packaging, "
            "shipping marks, design, date).",
        )
        return Part(heading, (Paragraph(text),))
    text = w.say(
        "登记确认表的订单{n}个（另有{u}个未登记），确认完整{done}个，完整率{rate}；已投产{rel}个，"
        "其中{gaps}个在确认未完成时投产，金额{amount}。",
        "{n} orders record the checklist ({u} do not); {done} are complete ({rate}). {rel} were "
        "released to production, {gaps} of them before the confirmation was complete, worth "
        "{amount}.",
        n=w.count(c.orders),
        u=w.count(c.unrecorded),
        done=w.count(c.complete),
        rate=w.percent(c.complete_rate),
        rel=w.count(c.released),
        gaps=w.count(len(c.released_incomplete)),
        amount=w.money(c.released_incomplete_amount),
    )
    blocks: tuple[Block, ...] = (Paragraph(text),)
    missing = [
        w.say("{item}：{n}个订单", "{item}: {n} orders", item=w.say(*GAPS[k]), n=w.count(n))
        for k, n in c.missing_by_item
        if n
    ]
    if missing:
        blocks += (ItemList(tuple(f"{i}. {m}" for i, m in enumerate(missing, start=1))),)
    if c.released_incomplete:
        blocks += (_gaps_table(c, w),)
    return Part(heading, blocks)


def _gaps_table(c: ChecklistFacts, w: Words) -> Table:
    rows = tuple(
        (
            w.text_cell(g.order),
            w.text_cell(g.customer),
            w.text_cell(w.day(g.released_on)),
            w.money_cell(g.amount),
            w.text_cell(w.join(w.say(*ITEMS[m]) for m in g.missing)),
        )
        for g in c.released_incomplete
    )
    header = w.pick(
        ("订单号", "Order"),
        ("客户", "Customer"),
        ("投产日期", "Released"),
        ("金额（元）", "Amount (CNY)"),
        ("未确认项", "Not confirmed"),
    )
    caption = w.say("确认未完成即投产的订单", "Orders released before confirmation")
    return Table("export_checklist_gaps", w.say("未确认投产", "Unconfirmed"), caption, header, rows)
