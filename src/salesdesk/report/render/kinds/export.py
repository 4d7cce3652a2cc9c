"""How the export department's own facts appear: JSON facts and document parts.

Results (一): the order mix by quarter against last year, revenue by country, and the FOB what-if
on the year's own rates. Highlights (二): the service each VIP account got, ideas per rep.
Shortfalls (三): delays and the complaints after them, the customer confirmation checklist.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from salesdesk.report.render.document import Part
from salesdesk.report.render.kinds.export_parts import (
    checklist_part,
    countries_part,
    delays_part,
    ideas_part,
    mix_part,
    pricing_part,
    vip_part,
)
from salesdesk.report.render.words import Words
from salesdesk.report.summary import (
    AnnualSummary,
    ChecklistFacts,
    DelayFacts,
    ExportFacts,
    MixTrendRow,
    PricingFacts,
    RepIdeas,
    Share,
    VipService,
)


# report/facts.py imports this package (kind_json): its number helpers are imported when called,
# not when this module loads, so neither import order makes a cycle.
def money(value: Decimal | None) -> float | None:
    from salesdesk.report import facts

    return facts.money(value)


def ratio(value: Decimal | None) -> float | None:
    from salesdesk.report import facts

    return facts.ratio(value)


def quantity(value: Decimal | None) -> float | int | None:
    from salesdesk.report import facts

    return facts.quantity(value)


def _mix(r: MixTrendRow) -> dict[str, Any]:
    return {
        "order_type": r.order_type,
        "amount": money(r.amount),
        "share": ratio(r.share),
        "quarters": [money(a) for a in r.quarters],
        "quarter_shares": [ratio(s) for s in r.quarter_shares],
        "last_year": money(r.last_year),
        "last_year_share": ratio(r.last_year_share),
        "share_change": ratio(r.change),
    }


def _vip(v: VipService) -> dict[str, Any]:
    return {
        "customer": v.code,
        "name": v.name,
        "country": v.country,
        "revenue": money(v.revenue),
        "visits": v.visits,
        "delivered_lines": v.delivered_lines,
        "on_time_lines": v.on_time_lines,
        "on_time_rate": ratio(v.on_time_rate),
        "late_amount": money(v.late_amount),
        "incidents": v.incidents,
        "incident_cost": money(v.incident_cost),
    }


def _country(s: Share) -> dict[str, Any]:
    return {
        "country": s.name,
        "revenue": money(s.amount),
        "share": ratio(s.share),
        "customers": s.count,
    }


def _delays(d: DelayFacts) -> dict[str, Any]:
    return {
        "late_lines": d.late_lines,
        "late_amount": money(d.late_amount),
        "late_incidents": d.late_incidents,
        "late_incident_cost": money(d.late_incident_cost),
        "mold_delays": d.mold_delays,
        "mold_delay_cost": money(d.mold_delay_cost),
        "mold_delay_orders": list(d.mold_delay_orders),
        "complaints_after": d.complaints,
        "complaint_cost": money(d.complaint_cost),
        "complaint_orders": list(d.complaint_orders),
    }


def _checklist(c: ChecklistFacts | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "orders": c.orders,
        "unrecorded": c.unrecorded,
        "complete": c.complete,
        "complete_rate": ratio(c.complete_rate),
        "released": c.released,
        "released_incomplete": [
            {
                "order": g.order,
                "customer": g.customer,
                "released_on": g.released_on.isoformat(),
                "amount": money(g.amount),
                "missing": list(g.missing),
            }
            for g in c.released_incomplete
        ],
        "released_incomplete_amount": money(c.released_incomplete_amount),
        "missing_by_item": dict(c.missing_by_item),
    }


def _idea(i: RepIdeas) -> dict[str, Any]:
    return {
        "rep": i.rep,
        "name": i.name,
        "months": i.months,
        "submitted": i.submitted,
        "adopted": i.adopted,
        "per_month": ratio(i.per_month),
        "adoption_rate": ratio(i.adoption_rate),
    }


def _pricing(p: PricingFacts | None) -> dict[str, Any] | None:
    if p is None:
        return None
    w = p.whatif
    return {
        "currency": p.currency,
        "month_from": p.month_from,
        "month_to": p.month_to,
        "lines": p.lines,
        "rebate_recorded": p.rebate_recorded,
        "fx_from": quantity(w.fx_from),
        "fx_to": quantity(w.fx_to),
        "rebate_from": ratio(w.rebate_from) if p.rebate_recorded else None,
        "rebate_to": ratio(w.rebate_to) if p.rebate_recorded else None,
        "vat": ratio(w.vat),
        "cost": money(w.cost),
        "margin": money(w.margin),
        "margin_rate_from": ratio(w.margin_rate_from),
        "margin_rate_to": ratio(w.margin_rate_to),
        "fob_from": money(w.fob_from),
        "fob_to": money(w.fob_to),
        "fob_change": ratio(w.fob_change),
        "retail": [
            {
                "markup": quantity(r.markup),
                "change_of_fob": ratio(r.change_of_fob),
                "change_of_retail": ratio(r.change_of_retail),
            }
            for r in w.retail
        ],
    }


def to_json(f: ExportFacts, lang: str) -> dict[str, Any]:
    return {
        "mix_trend": [_mix(r) for r in f.mix_trend],
        "quarter_totals": [money(a) for a in f.quarter_totals],
        "vip": [_vip(v) for v in f.vip],
        "by_country": [_country(s) for s in f.by_country],
        "delays": _delays(f.delays),
        "checklist": _checklist(f.checklist),
        "ideas": [_idea(i) for i in f.ideas],
        "pricing": _pricing(f.pricing),
    }


def parts(s: AnnualSummary, f: ExportFacts, w: Words) -> dict[str, tuple[Part, ...]]:
    """Parts keyed by the section they belong to: results, highlights or shortfalls."""
    return {
        "results": (mix_part(s, f, w), countries_part(f, w), pricing_part(f.pricing, w)),
        "highlights": (vip_part(f, w), ideas_part(f, w)),
        "shortfalls": (delays_part(f.delays, w), checklist_part(f.checklist, w)),
    }
