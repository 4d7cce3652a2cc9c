"""The report facts: the JSON of `salesdesk report --format json` (data contract v1).

The contract's keys are a promise: `year`, `scope`, `sales`, `collections`,
`customers`, `reps`, `activity`, `rooms` (only with room-night sales), `dining`
(only with restaurant bills), `reconciliation`, `findings` and `plan` keep their
names and meaning; more keys may be added. Money is a JSON number rounded
half-up to 0.01; a ratio is a fraction rounded half-up to 4 decimals; a figure
without meaning is null, never 0. Nested objects, never dotted keys.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from salesdesk.metrics.definitions import DEFINITIONS
from salesdesk.planning.plan import plan_to_dict
from salesdesk.report.json_numbers import CENT, money, quantity, ratio
from salesdesk.report.render.kinds import kind_json
from salesdesk.report.summary import (
    AnnualSummary,
    ChannelRow,
    CustomerRow,
    DiningFacts,
    Finding,
    ReconciliationCheck,
    RoomFacts,
    Share,
)

RATIO_HINTS = (
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
COUNT_CHECKS = ("room_capacity",)


def _by_unit(value: Decimal | int | None, unit: str) -> float | int | None:
    if value is None or isinstance(value, int):
        return value
    if unit == "ratio":
        return ratio(value)
    if unit in ("quantity", "number", "count"):
        return quantity(value)
    return money(value)


def _evidence_unit(name: str, value: object) -> str:
    if name in DEFINITIONS:
        return DEFINITIONS[name].unit
    last = name.rsplit(".", 1)[-1].lower()
    return "ratio" if any(h in last for h in RATIO_HINTS) else "money"


def _plain(value: object, unit: str) -> object:
    """Evidence values as JSON: Decimals by unit, dates as ISO text, containers recursively."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str | float):
        return value
    if isinstance(value, Decimal):
        return _by_unit(value, unit)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v, unit) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v, unit) for v in value]
    return str(value)


def _share(s: Share) -> dict[str, Any]:
    return {"name": s.name, "amount": money(s.amount), "share": ratio(s.share), "count": s.count}


def _channel(c: ChannelRow) -> dict[str, Any]:
    return {"channel": c.channel, "count": c.count, "amount": money(c.amount)}


def _customer(c: CustomerRow) -> dict[str, Any]:
    return {
        "customer": c.code,
        "name": c.name,
        "revenue": money(c.revenue),
        "share": ratio(c.share),
        "tier": c.tier,
        "region": c.region,
        "collections": money(c.collections),
        "receivable": money(c.receivable),
    }


def _sales(s: AnnualSummary) -> dict[str, Any]:
    f = s.sales
    return {
        "revenue": money(f.revenue),
        "target": money(f.target),
        "attainment": ratio(f.attainment),
        "yoy": ratio(f.yoy),
        "orders": f.orders,
        "by_month": [
            {
                "month": m.month,
                "revenue": money(m.revenue),
                "target": money(m.target),
                "last_year": money(m.last_year),
                "orders": m.orders,
                "mom": ratio(m.mom),
                "yoy": ratio(m.yoy),
            }
            for m in f.by_month
        ],
        "gross": money(f.gross),
        "adjustments": money(f.adjustments),
        "returns": money(f.returns),
        "last_year": money(f.last_year),
        "lines": f.lines,
        "cancelled_orders": f.cancelled_orders,
        "volume": [
            {
                "unit": v.unit,
                "quantity": quantity(v.quantity),
                "revenue": money(v.revenue),
                "avg_price": money(v.avg_price),
            }
            for v in f.volume
        ],
        "by_order_type": [_share(x) for x in f.by_order_type],
        "by_channel": [_share(x) for x in f.by_channel],
        "by_category": [_share(x) for x in f.by_category],
        "weak_months": list(f.weak_months),
        "monthly_cv": ratio(f.monthly_cv),
    }


def _collections(s: AnnualSummary) -> dict[str, Any]:
    c = s.collections
    return {
        "amount": money(c.amount),
        "by_channel": [_channel(x) for x in c.by_channel],
        "rate": ratio(c.rate),
        "opening_receivables": money(c.opening_receivables),
        "closing_receivables": money(c.closing_receivables),
        "aging": [
            {"bucket": a.bucket, "amount": money(a.amount), "customers": a.orders} for a in c.aging
        ],
        "dso": quantity(c.dso.quantize(CENT, rounding=ROUND_HALF_UP))
        if c.dso is not None
        else None,
    }


def _customers(s: AnnualSummary) -> dict[str, Any]:
    c = s.customers
    return {
        "active": c.active,
        "new": c.new,
        "top5_share": ratio(c.top5_share),
        "hhi": money(c.hhi),
        "returning": c.returning,
        "lost": c.lost,
        "top": [_customer(x) for x in c.top],
        "by_tier": [_share(x) for x in c.by_tier],
        "by_region": [_share(x) for x in c.by_region],
        "lost_customers": [_customer(x) for x in c.lost_customers],
    }


def _reps(s: AnnualSummary) -> list[dict[str, Any]]:
    return [
        {
            "rep": r.rep,
            "name": r.name,
            "revenue": money(r.revenue),
            "target": money(r.target),
            "attainment": ratio(r.attainment),
            "rank": r.rank,
            "collections": money(r.collections),
            "visits": r.visits,
            "customers": r.customers,
            "orders": r.orders,
            "left_on": r.left_on.isoformat() if r.left_on else None,
        }
        for r in s.reps.rows
    ]


def _activity(s: AnnualSummary) -> dict[str, Any]:
    a = s.activity
    return {
        "visits": a.visits,
        "follow_ups_due": a.follow_ups_due,
        "follow_ups_missed": a.follow_ups_missed,
        "by_kind": [{"kind": k.name, "count": k.count, "share": ratio(k.share)} for k in a.by_kind],
        "working_days": a.working_days,
        "per_rep_per_day": ratio(a.per_rep_per_day),
        "rejections": a.rejections,
        "rejections_followed": a.rejections_followed,
        "conversion": ratio(a.conversion),
    }


def _delivery(s: AnnualSummary) -> dict[str, Any]:
    d = s.delivery
    return {
        "delivered_lines": d.delivered_lines,
        "on_time_lines": d.on_time_lines,
        "on_time_rate": ratio(d.on_time_rate),
        "incidents": [
            {"kind": i.kind, "count": i.count, "cost": money(i.cost)} for i in d.incidents
        ],
        "ideas_submitted": d.ideas_submitted,
        "ideas_adopted": d.ideas_adopted,
        "idea_rewards": money(d.idea_rewards),
        "ideas_per_rep_month": ratio(d.ideas_per_rep_month),
    }


def _rooms(r: RoomFacts) -> dict[str, Any]:
    return {
        "sold": quantity(r.sold),
        "available": r.available,
        "occupancy": ratio(r.occupancy),
        "adr": money(r.adr),
        "revpar": money(r.revpar),
        "revenue": money(r.revenue),
        "comps": quantity(r.comps),
        "by_month": [
            {
                "month": m.month,
                "sold": quantity(m.sold),
                "available": m.available,
                "occupancy": ratio(m.occupancy),
                "adr": money(m.adr),
                "revpar": money(m.revpar),
            }
            for m in r.by_month
        ],
        "by_channel": [
            {
                "channel": c.name,
                "revenue": money(c.amount),
                "share": ratio(c.share),
                "sold": c.count,
            }
            for c in r.by_channel
        ],
    }


def _dining(d: DiningFacts) -> dict[str, Any]:
    return {
        "bills": d.bills,
        "covers": d.covers,
        "gross": money(d.gross),
        "deductions": {x.name: money(x.amount) for x in d.deductions},
        "net": money(d.net),
        "avg_per_bill": money(d.avg_per_bill),
        "per_cover": money(d.per_cover),
        "monthly_avg": money(d.monthly_avg),
        "deductions_total": money(d.deductions_total),
        "receipts": [_channel(x) for x in d.receipts],
        "discount_share": ratio(d.discount_share),
    }


def _check(c: ReconciliationCheck, lang: str) -> dict[str, Any]:
    convert = quantity if c.check in COUNT_CHECKS else money
    return {
        "check": c.check,
        "expected": convert(c.expected),
        "actual": convert(c.actual),
        "difference": convert(c.difference),
        "label": c.label_zh if lang == "zh" else c.label_en,
        "records": list(c.records),
    }


def _finding(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "code": f.code,
        "text": f.text_zh if lang == "zh" else f.text_en,
        "evidence": {k: _plain(v, _evidence_unit(k, v)) for k, v in f.evidence.items()},
        "records": list(f.records),
        "at_stake": money(f.at_stake),
        "action": (f.action_zh if lang == "zh" else f.action_en) or None,
    }


def _plan(s: AnnualSummary, lang: str) -> dict[str, Any]:
    p = s.plan
    note = (p.note_zh if lang == "zh" else p.note_en) or None
    accounts = [
        {
            "customer": a.code,
            "name": a.name,
            "revenue": money(a.revenue),
            "tier": a.tier,
            "reason": a.reason_zh if lang == "zh" else a.reason_en,
        }
        for a in p.key_accounts
    ]
    if p.plan is None:
        return {
            "year": s.year + 1,
            "target": None,
            "by_month": [],
            "by_rep": [],
            "note": note,
            "key_accounts": accounts,
        }
    plan = plan_to_dict(p.plan)
    plan.pop("by_day", None)
    return {**plan, "note": note, "key_accounts": accounts}


def _figures(s: AnnualSummary) -> dict[str, Any]:
    return {
        f.key: {"value": _by_unit(f.value, f.unit), "unit": f.unit, "records": f.records}
        for f in s.figures
    }


def summary_to_facts(summary: AnnualSummary, lang: str = "zh") -> dict[str, Any]:
    """The report facts of the data contract, plus further keys; texts in `lang` (zh or en)."""
    if lang not in ("zh", "en"):
        raise ValueError(f"unsupported language {lang!r}; use 'zh' or 'en'")
    s = summary
    facts: dict[str, Any] = {
        "year": s.year,
        "scope": s.scope,
        "department": s.department,
        "department_kind": s.department_kind,
        "scope_name": s.scope_name,
        "generated_at": s.generated_at.isoformat(),
        "first_day": s.first_day.isoformat() if s.first_day else None,
        "last_day": s.last_day.isoformat() if s.last_day else None,
        "sales": _sales(s),
        "collections": _collections(s),
        "customers": _customers(s),
        "reps": _reps(s),
        "rep_attainment_cv": ratio(s.reps.attainment_cv),
        "activity": _activity(s),
        "delivery": _delivery(s),
    }
    if s.rooms is not None:
        facts["rooms"] = _rooms(s.rooms)
    if s.dining is not None:
        facts["dining"] = _dining(s.dining)
    facts.update(kind_json(s, lang))
    facts["reconciliation"] = [_check(c, lang) for c in s.reconciliation]
    facts["findings"] = [_finding(f, lang) for f in s.findings]
    facts["plan"] = _plan(s, lang)
    facts["figures"] = _figures(s)
    return facts


def facts_json(summary: AnnualSummary, lang: str = "zh", indent: int | None = 2) -> str:
    """The facts as JSON text (UTF-8, Chinese left readable)."""
    return json.dumps(summary_to_facts(summary, lang), ensure_ascii=False, indent=indent)
