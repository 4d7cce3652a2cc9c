"""The tables of the concrete section: grades, months, sites, accounts, aging and form errors.

Every table id starts with "concrete_" so it is unique in the document; totals are computed from
the rows shown (so a reader can add them up), never taken from elsewhere.
"""

from __future__ import annotations

from decimal import Decimal

from salesdesk.metrics.customers import BUCKETS
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.report.render.document import Cell, Table
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AccountRow, ConcreteFacts, GradeRow, VolumeMonth


def _sum(values: list[Decimal]) -> Decimal:
    return sum(values, ZERO)


def grade_name(grade: str, w: Words) -> str:
    return grade or w.say("未注明", "not given")


def grade_table(f: ConcreteFacts, w: Words) -> Table:
    def row(g: GradeRow) -> tuple[Cell, ...]:
        return (
            w.text_cell(grade_name(g.grade, w)),
            w.quantity_cell(g.volume_m3),
            w.ratio_cell(g.share),
            w.money_cell(g.amount),
            w.money_cell(g.avg_price),
            w.count_cell(g.pours),
        )

    header = w.pick(
        ("强度等级", "Strength grade"),
        ("方量（方）", "Volume (m³)"),
        ("占比", "Share"),
        ("金额（元）", "Amount (CNY)"),
        ("平均单价（元/方）", "Price (CNY/m³)"),
        ("浇筑单数", "Pours"),
    )
    total = (
        w.text_cell(w.say("合计", "Total")),
        w.quantity_cell(f.volume_m3),
        w.ratio_cell(ratio(f.volume_m3, f.volume_m3)),
        w.money_cell(f.amount),
        w.money_cell(f.avg_price),
        w.count_cell(sum(g.pours for g in f.by_grade)),
    )
    caption = w.say("按强度等级的方量与单价", "Volume and price by strength grade")
    sheet = w.say("强度等级", "Grades")
    return Table(
        "concrete_grades", sheet, caption, header, tuple(row(g) for g in f.by_grade), total
    )


def month_table(f: ConcreteFacts, w: Words) -> Table:
    def row(m: VolumeMonth) -> tuple[Cell, ...]:
        return (
            w.month_cell(m.month),
            w.quantity_cell(m.volume_m3),
            w.money_cell(m.amount),
            w.money_cell(m.avg_price),
        )

    header = w.pick(
        ("月份", "Month"),
        ("方量（方）", "Volume (m³)"),
        ("金额（元）", "Amount (CNY)"),
        ("平均单价（元/方）", "Price (CNY/m³)"),
    )
    total = (
        w.text_cell(w.say("全年", "Year")),
        w.quantity_cell(f.volume_m3),
        w.money_cell(f.amount),
        w.money_cell(f.avg_price),
    )
    caption = w.say("混凝土月度方量", "Concrete volume by month")
    sheet = w.say("月度方量", "Monthly m³")
    return Table("concrete_months", sheet, caption, header, tuple(map(row, f.by_month)), total)


def site_table(f: ConcreteFacts, w: Words) -> Table:
    rows = tuple(
        (
            w.text_cell(s.site),
            w.text_cell(s.customer_name or w.say("未指明客户", "no customer")),
            w.quantity_cell(s.volume_m3),
            w.ratio_cell(ratio(s.volume_m3, f.volume_m3)),
            w.money_cell(s.amount),
            w.count_cell(s.pours),
        )
        for s in f.top_sites
    )
    header = w.pick(
        ("工地", "Site"),
        ("主要客户", "Main customer"),
        ("方量（方）", "Volume (m³)"),
        ("占全年方量", "Share of m³"),
        ("金额（元）", "Amount (CNY)"),
        ("浇筑单数", "Pours"),
    )
    caption = w.say("方量最大的工地", "Sites by volume")
    return Table("concrete_sites", w.say("主要工地", "Sites"), caption, header, rows)


def _account_cells(r: AccountRow, name: str, w: Words) -> tuple[Cell, ...]:
    return (
        w.text_cell(r.code),
        w.text_cell(name),
        w.money_cell(r.opening),
        w.money_cell(r.sales),
        w.money_cell(r.collections),
        w.ratio_cell(r.rate),
        w.money_cell(r.receivable),
    )


def _account_total(rows: list[AccountRow], counted: str, w: Words) -> tuple[Cell, ...]:
    opening = _sum([r.opening for r in rows])
    sales = _sum([r.sales for r in rows])
    paid = _sum([r.collections for r in rows])
    base = opening + sales
    return (
        w.text_cell(w.say("合计", "Total")),
        w.text_cell(counted),
        w.money_cell(opening),
        w.money_cell(sales),
        w.money_cell(paid),
        w.ratio_cell(ratio(paid, base) if base > 0 else None),
        w.money_cell(_sum([r.receivable for r in rows])),
    )


ACCOUNT_HEADER = (
    ("期初应收（元）", "Opening (CNY)"),
    ("本年销售（元）", "Sales (CNY)"),
    ("回款（元）", "Collected (CNY)"),
    ("回款率", "Collection rate"),
    ("期末应收（元）", "Closing (CNY)"),
)


def accounts(f: ConcreteFacts, reps: bool) -> list[AccountRow]:
    """The rows of the customer (or rep) table, the unassigned row last."""
    rows = list(f.reps if reps else f.customers)
    extra = f.reps_unassigned if reps else f.customers_unassigned
    return rows + ([extra] if extra is not None else [])


def customer_table(f: ConcreteFacts, w: Words) -> Table:
    rows = accounts(f, reps=False)
    nobody = w.say("未指明客户", "no customer")
    body = tuple((*_account_cells(r, r.name or nobody, w), w.money_cell(r.aged())) for r in rows)
    counted = w.say("{n}户", "{n} accounts", n=w.count(len(rows)))
    total = (*_account_total(rows, counted, w), w.money_cell(_sum([r.aged() for r in rows])))
    header = w.pick(
        ("客户编号", "Code"),
        ("客户名称", "Customer"),
        *ACCOUNT_HEADER,
        ("逾期90天以上（元）", "Over 90 days (CNY)"),
    )
    caption = w.say("客户回款与应收账款", "Collections and receivables by customer")
    return Table(
        "concrete_customers", w.say("客户回款", "Customer accounts"), caption, header, body, total
    )


def rep_table(f: ConcreteFacts, w: Words) -> Table:
    rows = accounts(f, reps=True)
    nobody = w.say("未指明业务员", "no rep")
    body = tuple(_account_cells(r, r.name or nobody, w) for r in rows)
    header = w.pick(("工号", "Code"), ("姓名", "Name"), *ACCOUNT_HEADER)
    caption = w.say("业务员回款与应收账款", "Collections and receivables by rep")
    return Table(
        "concrete_reps",
        w.say("业务员回款", "Rep accounts"),
        caption,
        header,
        body,
        _account_total(rows, w.say("{n}人", "{n} accounts", n=w.count(len(rows))), w),
    )


def aging_table(f: ConcreteFacts, w: Words) -> Table:
    owing = [r for r in accounts(f, reps=False) if r.receivable > 0]
    owing.sort(key=lambda r: (-r.receivable, r.code))
    nobody = w.say("未指明客户", "no customer")
    body = tuple(
        (
            w.text_cell(r.name or nobody),
            w.money_cell(r.receivable),
            *(w.money_cell(r.aged(b)) for b in BUCKETS),
        )
        for r in owing
    )
    total = (
        w.text_cell(w.say("合计", "Total")),
        w.money_cell(_sum([r.receivable for r in owing])),
        *(w.money_cell(_sum([r.aged(b) for r in owing])) for b in BUCKETS),
    )
    header = (
        *w.pick(("客户", "Customer"), ("期末应收（元）", "Closing (CNY)")),
        *(w.label("aging", b) for b in BUCKETS),
    )
    caption = w.say("客户应收账款账龄（12月31日）", "Receivables aging by customer (31 Dec)")
    return Table(
        "concrete_aging", w.say("客户账龄", "Customer aging"), caption, header, body, total
    )


def form_error_table(f: ConcreteFacts, w: Words) -> Table:
    body = tuple(
        (
            Cell(w.day(e.day), e.day),
            w.text_cell(e.order),
            w.text_cell(e.customer_name or w.say("未指明客户", "no customer")),
            w.money_cell(e.cost),
            w.text_cell(e.note),
        )
        for e in f.form_errors
    )
    header = w.pick(
        ("日期", "Date"),
        ("单号", "Order"),
        ("客户", "Customer"),
        ("损失金额（元）", "Cost (CNY)"),
        ("说明", "Note"),
    )
    caption = w.say("单据填写错误明细", "Order-form errors")
    return Table("concrete_form_errors", w.say("单据错误", "Form errors"), caption, header, body)
