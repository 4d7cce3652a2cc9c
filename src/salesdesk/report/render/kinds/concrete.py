"""How the concrete department's own facts appear: JSON facts and document parts.

Results (一): m³ and price per m³ by strength grade and by month; collections, 回款率 and
receivables (with aging) per customer and per rep, said to reconcile with the department's
figures — or by how much they do not. Highlights (二): the largest sites. Shortfalls (三): the
order-form errors, each with its cost.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from salesdesk.metrics.ratios import ZERO
from salesdesk.report.render.document import Block, Paragraph, Part
from salesdesk.report.render.kinds import concrete_tables as tables
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AccountRow, AnnualSummary, ConcreteFacts


def _account_json(r: AccountRow | None, key: str) -> dict[str, Any] | None:
    from salesdesk.report import facts as j  # facts imports this package: import when called

    if r is None:
        return None
    found: dict[str, Any] = {
        key: r.code,
        "name": r.name,
        "opening": j.money(r.opening),
        "sales": j.money(r.sales),
        "collections": j.money(r.collections),
        "rate": j.ratio(r.rate),
        "receivable": j.money(r.receivable),
    }
    if key == "customer":
        found["aging"] = {b.bucket: j.money(b.amount) for b in r.aging}
    return found


def to_json(f: ConcreteFacts, lang: str) -> dict[str, Any]:
    from salesdesk.report import facts as j  # facts imports this package: import when called

    return {
        "volume_m3": j.quantity(f.volume_m3),
        "amount": j.money(f.amount),
        "avg_price": j.money(f.avg_price),
        "by_grade": [
            {
                "grade": g.grade,
                "volume_m3": j.quantity(g.volume_m3),
                "amount": j.money(g.amount),
                "avg_price": j.money(g.avg_price),
                "share": j.ratio(g.share),
                "pours": g.pours,
            }
            for g in f.by_grade
        ],
        "by_month": [
            {
                "month": m.month,
                "volume_m3": j.quantity(m.volume_m3),
                "amount": j.money(m.amount),
                "avg_price": j.money(m.avg_price),
            }
            for m in f.by_month
        ],
        "sites": f.sites,
        "top_sites": [
            {
                "site": s.site,
                "customer": s.customer,
                "name": s.customer_name,
                "volume_m3": j.quantity(s.volume_m3),
                "amount": j.money(s.amount),
                "pours": s.pours,
            }
            for s in f.top_sites
        ],
        "customers": [_account_json(r, "customer") for r in f.customers],
        "customers_unassigned": _account_json(f.customers_unassigned, "customer"),
        "reps": [_account_json(r, "rep") for r in f.reps],
        "reps_unassigned": _account_json(f.reps_unassigned, "rep"),
        "form_errors": {
            "count": len(f.form_errors),
            "cost": j.money(f.form_error_cost),
            "pour_orders": f.pour_orders,
            "orders_with_error": f.orders_with_error,
            "share": j.ratio(f.error_share),
            "records": [
                {
                    "date": e.day.isoformat(),
                    "order": e.order,
                    "customer": e.customer,
                    "name": e.customer_name,
                    "cost": j.money(e.cost),
                    "note": e.note,
                }
                for e in f.form_errors
            ],
        },
    }


def _volume_text(f: ConcreteFacts, w: Words) -> str:
    return w.say(
        "全年供应商品混凝土{volume}，金额（未扣优惠）{amount}，平均单价{price}/方；"
        "浇筑委托单{orders}张，供应工地{sites}个。",
        "The year's ready-mix concrete: {volume} for {amount} before adjustments, an average "
        "of {price} per m³, on {orders} pour orders to {sites} sites.",
        volume=w.quantity(f.volume_m3, "m3"),
        amount=w.money(f.amount),
        price=w.money(f.avg_price),
        orders=w.count(f.pour_orders),
        sites=w.count(f.sites),
    )


def _volume_part(f: ConcreteFacts, w: Words) -> Part:
    blocks: tuple[Block, ...] = (Paragraph(_volume_text(f, w)),)
    if f.by_grade:
        blocks += (tables.grade_table(f, w), tables.month_table(f, w))
    return Part(w.say("混凝土方量与单价", "Concrete volume and price"), blocks)


def _total(rows: list[AccountRow], field: str) -> Decimal:
    return sum((getattr(r, field) for r in rows), ZERO)


def _reconciled(s: AnnualSummary, rows: list[AccountRow], w: Words) -> str:
    """Whether the rows add up to the department's collections and closing receivables."""
    paid_gap = _total(rows, "collections") - s.collections.amount
    owed_gap = _total(rows, "receivable") - s.collections.closing_receivables
    if paid_gap == 0 and owed_gap == 0:
        return w.say(
            "逐户合计与部门回款额、期末应收一致。",
            "The rows add up to the department's collections and closing receivables.",
        )
    return w.say(
        "逐户合计与部门数相差：回款{paid}，期末应收{owed}（部门期初应收为负时按0计）。",
        "The rows differ from the department's figures by {paid} (collections) and {owed} "
        "(closing receivables; the department floors a negative opening balance at 0).",
        paid=w.money(paid_gap),
        owed=w.money(owed_gap),
    )


def _accounts_text(s: AnnualSummary, f: ConcreteFacts, w: Words) -> str:
    rows = tables.accounts(f, reps=False)
    owing = [r for r in f.customers if r.receivable > 0]
    return w.say(
        "{n}户客户本年有销售、回款或欠款，其中{owing}户年末仍欠款；期末应收合计{owed}，"
        "逾期90天以上{aged}。{check}",
        "Customer accounts with sales, payments or a balance in the year: {n}; still owing at "
        "year end: {owing}, {owed} in all, {aged} of it more than 90 days past due. {check}",
        n=w.count(len(f.customers)),
        owing=w.count(len(owing)),
        owed=w.money(_total(rows, "receivable")),
        aged=w.money(sum((r.aged() for r in rows), ZERO)),
        check=_reconciled(s, rows, w),
    )


def _customers_part(s: AnnualSummary, f: ConcreteFacts, w: Words) -> Part:
    blocks: tuple[Block, ...] = (Paragraph(_accounts_text(s, f, w)),)
    if tables.accounts(f, reps=False):
        blocks += (tables.customer_table(f, w),)
    if any(r.receivable > 0 for r in tables.accounts(f, reps=False)):
        blocks += (tables.aging_table(f, w),)
    return Part(w.say("客户回款与应收账款", "Collections and receivables by customer"), blocks)


def _reps_part(f: ConcreteFacts, w: Words) -> Part:
    basis = w.say(
        "业务员的销售按订单上的业务员统计，回款按收款记录上的业务员（未注明时按所涉订单的业务员）统计，"
        "回款率口径与部门相同：回款 ÷（期初应收 + 本年销售）。",
        "A rep's sales are those of the orders the rep took; a rep's collections those booked "
        "to the rep (else to the rep of the order paid). The collection rate is the "
        "department's: collected / (opening receivables + sales).",
    )
    blocks: tuple[Block, ...] = (Paragraph(basis),)
    if tables.accounts(f, reps=True):
        blocks += (tables.rep_table(f, w),)
    return Part(w.say("业务员回款", "Collections by rep"), blocks)


def _sites_part(f: ConcreteFacts, w: Words) -> Part:
    text = w.say(
        "全年向{sites}个工地供砼，方量最大的{n}个工地如下。",
        "Concrete went to {sites} sites in the year; the {n} largest by volume follow.",
        sites=w.count(f.sites),
        n=w.count(len(f.top_sites)),
    )
    return Part(w.say("主要工地", "Main sites"), (Paragraph(text), tables.site_table(f, w)))


def _errors_part(f: ConcreteFacts, w: Words) -> Part:
    heading = w.say("单据填写错误", "Order-form errors")
    if not f.form_errors:
        text = w.say(
            "全年{orders}张浇筑委托单没有单据填写错误的记录。",
            "No order-form error was recorded on the year's {orders} pour orders.",
            orders=w.count(f.pour_orders),
        )
        return Part(heading, (Paragraph(text),))
    text = w.say(
        "全年单据填写错误{n}起，造成损失{cost}；涉及浇筑委托单{bad}张，占全年{orders}张的{share}。",
        "Order-form errors: {n}, costing {cost}; they concern {bad} of the year's {orders} "
        "pour orders ({share}).",
        n=w.count(len(f.form_errors)),
        cost=w.money(f.form_error_cost),
        bad=w.count(f.orders_with_error),
        orders=w.count(f.pour_orders),
        share=w.percent(f.error_share),
    )
    return Part(heading, (Paragraph(text), tables.form_error_table(f, w)))


def parts(s: AnnualSummary, f: ConcreteFacts, w: Words) -> dict[str, tuple[Part, ...]]:
    """Parts keyed by the section they belong to: results, highlights or shortfalls."""
    results = (_volume_part(f, w), _customers_part(s, f, w), _reps_part(f, w))
    highlights = (_sites_part(f, w),) if f.top_sites else ()
    return {"results": results, "highlights": highlights, "shortfalls": (_errors_part(f, w),)}
