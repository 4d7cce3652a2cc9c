"""Section 三、存在的不足与问题 / 3. Shortfalls and problems: ranked shortfalls, lost customers,
and the reconciliation checks that do not balance."""

from __future__ import annotations

from salesdesk.report.render.document import Block, Cell, ItemList, Paragraph, Part, Section, Table
from salesdesk.report.render.evidence import finding_items, records_text
from salesdesk.report.render.kinds import kind_parts
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AnnualSummary, CustomerRow, ReconciliationCheck

__all__ = ["shortfalls_section"]


def _shortfalls_part(s: AnnualSummary, w: Words) -> Part:
    items = finding_items(s, "shortfall", w)
    block: Block = (
        ItemList(items)
        if items
        else Paragraph(
            w.say("本年数据中没有发现明显的不足。", "The year's data show no clear shortfall.")
        )
    )
    return Part(
        w.say("主要不足（按涉及金额排序）", "Main shortfalls, largest money at stake first"),
        (block,),
    )


def _lost_table(rows: tuple[CustomerRow, ...], w: Words) -> Table:
    body = tuple(
        (
            w.text_cell(c.code),
            w.text_cell(c.name),
            w.text_cell(c.tier),
            w.text_cell(c.region),
            w.money_cell(c.revenue),
        )
        for c in rows
    )
    header = w.pick(
        ("客户编号", "Code"),
        ("客户名称", "Customer"),
        ("等级", "Tier"),
        ("区域", "Region"),
        ("上年销售额（元）", "Last year's revenue (CNY)"),
    )
    caption = w.say(
        "上年有成交、本年未成交的客户", "Customers who bought last year but not this year"
    )
    return Table("lost_customers", w.say("流失客户", "Lost customers"), caption, header, body)


def _lost_part(s: AnnualSummary, w: Words) -> Part:
    heading = w.say("流失客户", "Lost customers")
    rows = s.customers.lost_customers
    if not rows:
        return Part(
            heading, (Paragraph(w.say("本年没有流失客户。", "No customer was lost this year.")),)
        )
    text = w.say(
        "上年有成交而本年没有成交的客户共{n}家，按上年销售额列示如下。",
        "{n} customers who bought last year did not buy this year; they are listed by last "
        "year's revenue.",
        n=w.count(s.customers.lost),
    )
    return Part(heading, (Paragraph(text), _lost_table(rows, w)))


def _unbalanced(check: ReconciliationCheck, w: Words) -> str:
    """One check that does not balance, in words."""
    label = check.label_zh if w.zh else check.label_en
    text = w.say(
        "{label}：应为{expected}，实际为{actual}，相差{difference}",
        "{label}: expected {expected}, actual {actual}, a difference of {difference}",
        label=label,
        expected=w.number(check.expected),
        actual=w.number(check.actual),
        difference=w.number(check.difference),
    )
    if check.records:
        text += w.say("（{r}）", " ({r})", r=records_text(check.records, w))
    return text + w.say("。", ".")


def _checks_table(checks: tuple[ReconciliationCheck, ...], w: Words) -> Table:
    balanced, unbalanced = w.pick(("相符", "balances"), ("不相符", "does not balance"))
    body = tuple(
        (
            Cell(c.label_zh if w.zh else c.label_en, c.check),
            w.number_cell(c.expected),
            w.number_cell(c.actual),
            w.number_cell(c.difference),
            w.text_cell(balanced if c.difference == 0 else unbalanced),
        )
        for c in checks
    )
    header = w.pick(
        ("核对项目", "Check"),
        ("应为", "Expected"),
        ("实际", "Actual"),
        ("差额", "Difference"),
        ("结果", "Result"),
    )
    caption = w.say("对账核查结果", "Reconciliation checks")
    return Table("reconciliation", w.say("对账核查", "Reconciliation"), caption, header, body)


def _reconciliation_part(s: AnnualSummary, w: Words) -> Part:
    heading = w.say("对账核查", "Reconciliation")
    checks = s.reconciliation
    if not checks:
        return Part(
            heading, (Paragraph(w.say("本年没有进行对账核查。", "No reconciliation was run.")),)
        )
    wrong = [c for c in checks if c.difference != 0]
    text = w.say(
        "共进行{n}项对账核查，{ok}项相符，{bad}项不相符。",
        "{n} reconciliation checks were run: {ok} balance and {bad} do not.",
        n=w.count(len(checks)),
        ok=w.count(len(checks) - len(wrong)),
        bad=w.count(len(wrong)),
    )
    blocks: list[Block] = [Paragraph(text)]
    blocks += [Paragraph(_unbalanced(c, w)) for c in wrong]
    blocks.append(_checks_table(checks, w))
    return Part(heading, tuple(blocks))


def shortfalls_section(s: AnnualSummary, w: Words) -> Section:
    """What fell short, ranked by money at stake, each with its evidence."""
    parts = (
        _shortfalls_part(s, w),
        *kind_parts(s, "shortfalls", w),
        _lost_part(s, w),
        _reconciliation_part(s, w),
    )
    return Section("shortfalls", w.say("存在的不足与问题", "Shortfalls and problems"), (), parts)
