"""Section 四、下一年度工作计划 / 4. Plan for next year: target, its split, key accounts, actions."""

from __future__ import annotations

from salesdesk.planning.plan import AnnualPlan
from salesdesk.report.render.document import Block, ItemList, Paragraph, Part, Section, Table
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AnnualSummary, KeyAccount

__all__ = ["plan_section"]


def _target_text(plan: AnnualPlan, w: Words) -> str:
    return w.say(
        "{year}年销售目标为{target}，依据为{basis}；按{month_basis}分解到各月。",
        "The sales target for {year} is {target}, based on {basis}; it is split into months by "
        "{month_basis}.",
        year=plan.year,
        target=w.money(plan.target),
        basis=w.label("basis", plan.basis),
        month_basis=w.label("basis", plan.month_basis),
    )


def _months_table(plan: AnnualPlan, w: Words) -> Table:
    rows = tuple(
        (w.month_cell(m.month), w.count_cell(m.working_days), w.money_cell(m.target))
        for m in plan.by_month
    )
    total = (
        w.text_cell(w.say("全年", "Year")),
        w.count_cell(sum(m.working_days for m in plan.by_month)),
        w.money_cell(plan.target),
    )
    header = w.pick(("月份", "Month"), ("工作日", "Working days"), ("目标（元）", "Target (CNY)"))
    caption = w.say("{y}年月度销售目标", "Monthly sales targets for {y}", y=plan.year)
    return Table(
        "plan_months", w.say("计划月度目标", "Plan by month"), caption, header, rows, total
    )


def _target_part(plan: AnnualPlan, w: Words) -> Part:
    blocks = (Paragraph(_target_text(plan, w)), _months_table(plan, w))
    return Part(w.say("销售目标与月度分解", "Target and monthly split"), blocks)


def _reps_part(plan: AnnualPlan, w: Words) -> Part:
    heading = w.say("业务员目标", "Targets by sales rep")
    if not plan.by_rep:
        text = w.say(
            "未录入业务员，目标未分解到人。",
            "No sales reps were given; the target is not split by rep.",
        )
        return Part(heading, (Paragraph(text),))
    text = w.say(
        "目标按{basis}分解到{n}名业务员，各人目标合计等于年度目标{target}。",
        "The target is split among {n} sales reps by {basis}; their targets add up to the "
        "yearly target of {target}.",
        basis=w.label("basis", plan.rep_basis),
        n=w.count(len(plan.by_rep)),
        target=w.money(plan.target),
    )
    rows = tuple(
        (
            w.text_cell(r.rep),
            w.text_cell(r.name),
            w.count_cell(r.working_days),
            w.ratio_cell(r.share),
            w.money_cell(r.target),
        )
        for r in plan.by_rep
    )
    header = w.pick(
        ("工号", "Code"),
        ("姓名", "Name"),
        ("在职工作日", "Working days employed"),
        ("占比", "Share"),
        ("目标（元）", "Target (CNY)"),
    )
    caption = w.say("业务员年度目标", "Yearly targets by sales rep")
    table = Table("plan_reps", w.say("计划业务员目标", "Plan by rep"), caption, header, rows)
    return Part(heading, (Paragraph(text), table))


def _accounts_table(accounts: tuple[KeyAccount, ...], w: Words) -> Table:
    rows = tuple(
        (
            w.text_cell(a.code),
            w.text_cell(a.name),
            w.text_cell(a.tier),
            w.money_cell(a.revenue),
            w.text_cell(a.reason_zh if w.zh else a.reason_en),
        )
        for a in accounts
    )
    header = w.pick(
        ("客户编号", "Code"),
        ("客户名称", "Customer"),
        ("等级", "Tier"),
        ("本年销售额（元）", "Revenue this year (CNY)"),
        ("列为重点的理由", "Why it is a key account"),
    )
    caption = w.say("重点客户", "Key accounts")
    return Table("key_accounts", w.say("重点客户", "Key accounts"), caption, header, rows)


def _accounts_part(s: AnnualSummary, w: Words) -> Part:
    accounts = s.plan.key_accounts
    heading = w.say("重点客户", "Key accounts")
    if not accounts:
        return Part(
            heading, (Paragraph(w.say("没有列出重点客户。", "No key accounts are listed.")),)
        )
    text = w.say(
        "以下客户列为下一年度重点客户，在产品开发、交期和服务上优先安排。",
        "These customers are next year's key accounts, first in line for product development, "
        "delivery dates and service.",
    )
    return Part(heading, (Paragraph(text), _accounts_table(accounts, w)))


def _actions(s: AnnualSummary, w: Words) -> tuple[str, ...]:
    """One action per shortfall that has one, pointing back at the shortfall's number."""
    items: list[str] = []
    for number, finding in enumerate(s.shortfalls, start=1):
        action = (finding.action_zh if w.zh else finding.action_en).rstrip("。.").strip()
        if action:
            ref = w.say("（针对第三部分第{n}项不足）", " (shortfall {n} in section 3)", n=number)
            items.append(f"{len(items) + 1}. {action}{ref}{w.say('。', '.')}")
    return tuple(items)


def _actions_part(s: AnnualSummary, w: Words) -> Part:
    heading = w.say("改进措施", "Actions")
    items = _actions(s, w)
    if items:
        return Part(heading, (ItemList(items),))
    if s.shortfalls:
        text = w.say(
            "各项不足的改进措施尚未录入。", "No actions have been entered for the shortfalls."
        )
    else:
        text = w.say("本年没有需要专项改进的不足。", "No shortfall calls for a specific action.")
    return Part(heading, (Paragraph(text),))


def _no_plan(s: AnnualSummary, w: Words) -> Paragraph:
    note = s.plan.note_zh if w.zh else s.plan.note_en
    default = w.say(
        "缺少年度目标和上年销售额，无法制定下一年度销售目标。",
        "There is neither a target nor last year's revenue, so no sales target can be set.",
    )
    return Paragraph(note or default)


def plan_section(s: AnnualSummary, w: Words) -> Section:
    """Next year's target and its split, the key accounts and one action per shortfall."""
    plan = s.plan.plan
    parts: list[Part] = []
    intro: tuple[Block, ...] = ()
    if plan is None:
        intro = (_no_plan(s, w),)
    else:
        parts += [_target_part(plan, w), _reps_part(plan, w)]
    parts += [_accounts_part(s, w), _actions_part(s, w)]
    return Section("plan", w.say("下一年度工作计划", "Plan for next year"), intro, tuple(parts))
