"""A finding's evidence in words: the figures it rests on and the records behind them.

Evidence is a mapping from a name to a value.  A name that is a figure key of the summary
(e.g. "sales.attainment") is labelled and formatted like that figure; any other name is
labelled from a short list of common names and formatted by what its name says it is
(…share/rate → percent, …revenue/amount → money, a "YYYY-MM" text → a month).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from salesdesk.report import format as fmt
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AnnualSummary, Figure, Finding

__all__ = ["evidence_text", "finding_items", "records_text"]

_MONTH = re.compile(r"^\d{4}-\d{2}$")
_RATIO_HINTS = (
    "share",
    "rate",
    "ratio",
    "attainment",
    "yoy",
    "mom",
    "cv",
    "occupancy",
    "conversion",
)
_MONEY_HINTS = (
    "revenue",
    "amount",
    "cost",
    "collection",
    "receivable",
    "target",
    "sales",
    "gross",
    "net",
    "price",
    "adr",
    "revpar",
    "stake",
)
_NAMES: dict[str, tuple[str, str]] = {
    "month": ("月份", "Month"),
    "months": ("月份", "Months"),
    "share": ("占比", "Share"),
    "count": ("数量", "Count"),
    "customer": ("客户", "Customer"),
    "customers": ("客户", "Customers"),
    "rep": ("业务员", "Sales rep"),
    "reps": ("业务员", "Sales reps"),
    "orders": ("订单数", "Orders"),
    "revenue": ("销售额", "Revenue"),
    "amount": ("金额", "Amount"),
    "target": ("目标", "Target"),
    "attainment": ("完成率", "Attainment"),
    "last_year": ("上年", "Last year"),
    "order_type": ("订单类型", "Order type"),
    "channel": ("渠道", "Channel"),
    "kind": ("类型", "Kind"),
    "incidents": ("事故数", "Incidents"),
    "cost": ("损失金额", "Cost"),
    "visits": ("拜访次数", "Visits"),
    "missed": ("未按期跟进", "Missed"),
    "due": ("应跟进", "Due"),
    "left_on": ("离职日期", "Left on"),
    "hired_on": ("入职日期", "Hired on"),
    "rate": ("比率", "Rate"),
    "receivable": ("应收账款", "Receivables"),
    "aged_90_amount": ("逾期90天以上应收", "Receivables over 90 days past due"),
}
_SUFFIXES: dict[str, tuple[str, str]] = {
    "share": ("占比", "share"),
    "rate": ("比率", "rate"),
    "amount": ("金额", "amount"),
    "count": ("数量", "count"),
    "revenue": ("销售额", "revenue"),
}
_CODE_GROUPS = ("order_type", "channel", "adjustment", "activity", "incident")
_MAX_RECORDS = 5


def _unit_for(name: str, value: object) -> str:
    """Guess the unit of a non-figure evidence value from its name."""
    last = name.rsplit(".", 1)[-1].lower()
    if isinstance(value, int) and not isinstance(value, bool):
        return "count"
    if any(hint in last for hint in _RATIO_HINTS):
        return "ratio"
    if any(hint in last for hint in _MONEY_HINTS):
        return "money"
    return "number"


def _value(value: object, unit: str, w: Words) -> str:
    if value is None:
        return w.missing
    if isinstance(value, bool):
        return w.say("是", "yes") if value else w.say("否", "no")
    if isinstance(value, Decimal | int):
        return fmt.by_unit(value, unit, w.lang)
    if isinstance(value, date):
        return w.day(value)
    if isinstance(value, str):
        return w.month(value) if _MONTH.match(value) else value
    if isinstance(value, list | tuple | set | frozenset):
        return w.join(_value(v, unit, w) for v in value)
    if isinstance(value, Mapping):
        return w.join(f"{k} {_value(v, unit, w)}" for k, v in value.items())
    return str(value)


def _code_label(code: str, w: Words) -> str | None:
    """A code's display name (e.g. "gift" → 赠品订单), or None when it is no known code."""
    for group in _CODE_GROUPS:
        if fmt.label(group, code, "zh") != code:
            return w.label(group, code)
    return None


def _compound_label(name: str, w: Words) -> str | None:
    """Names such as "gift_share" → "赠品订单占比" / "gift share"."""
    head, _, tail = name.rpartition("_")
    suffix = _SUFFIXES.get(tail)
    if not head or suffix is None:
        return None
    pair = _NAMES.get(head)
    subject = (pair[0] if w.zh else pair[1]) if pair else _code_label(head, w)
    if subject is None:
        return None
    return f"{subject}{suffix[0]}" if w.zh else f"{subject} {suffix[1]}".capitalize()


def _label(name: str, figures: Mapping[str, Figure], w: Words) -> str:
    figure = figures.get(name)
    if figure is not None:
        return figure.label_zh if w.zh else figure.label_en
    last = name.rsplit(".", 1)[-1]
    pair = _NAMES.get(last)
    if pair:
        return pair[0] if w.zh else pair[1]
    return _compound_label(last, w) or name


def records_text(records: tuple[str, ...], w: Words) -> str:
    """The first few record ids, with how many more there are."""
    shown = w.join(records[:_MAX_RECORDS])
    more = len(records) - _MAX_RECORDS
    if more > 0:
        shown += w.say("等{total}条", " and {more} more", total=len(records), more=more)
    return w.say("相关记录：{r}", "records: {r}", r=shown)


def evidence_text(finding: Finding, figures: Mapping[str, Figure], w: Words) -> str:
    """All of a finding's evidence as one clause list, e.g. "目标完成率：68.10%；月份：2016年1月"."""
    parts = []
    for name, value in finding.evidence.items():
        figure = figures.get(name)
        unit = figure.unit if figure is not None else _unit_for(name, value)
        parts.append(f"{_label(name, figures, w)}{w.colon}{_value(value, unit, w)}")
    if finding.records:
        parts.append(records_text(finding.records, w))
    return w.sep.join(parts)


def finding_items(s: AnnualSummary, kind: str, w: Words) -> tuple[str, ...]:
    """Findings of one kind as numbered sentences, each followed by its evidence."""
    figures = {f.key: f for f in s.figures}
    items = []
    for number, finding in enumerate((f for f in s.findings if f.kind == kind), start=1):
        text = (finding.text_zh if w.zh else finding.text_en).rstrip("。.").strip()
        notes = []
        if kind == "shortfall" and finding.at_stake:
            notes.append(w.say("涉及金额{m}", "at stake: {m}", m=w.money(finding.at_stake)))
        evidence = evidence_text(finding, figures, w)
        if evidence:
            notes.append(w.say("依据：{e}", "evidence: {e}", e=evidence))
        note = w.say("（{n}）", " ({n})", n=w.sep.join(notes)) if notes else ""
        items.append(f"{number}. {text}{note}{w.say('。', '.')}")
    return tuple(items)
