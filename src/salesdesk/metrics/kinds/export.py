"""The export (OEM/ODM) department's own facts: what the general summary does not already give.

The general summary has the year's order mix, monthly CV and weak months, tiers, regions and
on-time delivery; this pack adds the mix's trend (by quarter and against last year), the service
each VIP account got, revenue by country, delays and the complaints after them, the customer
confirmation checklist, ideas per rep per month, and the FOB what-if on the year's own rates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Sum, Value, When

from salesdesk.metrics import rollups, staffing
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.kinds.export_accounts import by_country, vip_service
from salesdesk.metrics.kinds.export_checklist import (
    carries_checklist,
    checklist_facts,
    load_orders,
)
from salesdesk.metrics.kinds.export_delays import delay_facts, load_incidents, load_late_lines
from salesdesk.metrics.kinds.export_pricing import pricing_facts
from salesdesk.metrics.kinds.periods import year_quarter_of
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.metrics.scope import NORMAL, Scope
from salesdesk.records.models import LineMix
from salesdesk.report.summary import ExportFacts, MixTrendRow, RepIdeas

if TYPE_CHECKING:
    from salesdesk.report.build import Computed

QUARTERS = (1, 2, 3, 4)
Grid = dict[tuple[int, int, str], Decimal]  # (year, quarter, order type) → gross


@dataclass(frozen=True)
class LineSums:
    """What the pack needs from every order line, read in one grouped scan."""

    grid: Grid  # gross by year, quarter and order type, this year and last
    foreign: dict[str, Decimal]  # this year's gross by currency other than CNY
    checklist: bool  # some line of the year carries a checklist column


def load_mix(scope: Scope) -> LineSums:
    """Gross (Σ amount_cny, not cancelled) by year, quarter, order type, foreign currency and
    whether the line carries a checklist column, this year and last: read from the order-mix
    rollup when it serves (metrics/rollups.py), else from the lines; one grouped scan either way."""
    if not rollups.usable(scope):
        return lines_mix(scope)
    rows = LineMix.objects.filter(department=scope.department)
    return _line_sums(scope, rows, Q(checklist=True), Sum("amount"))


def lines_mix(scope: Scope) -> LineSums:
    """`load_mix` read from the order lines themselves."""
    rows = scope.lines().filter(NORMAL)
    return _line_sums(scope, rows, carries_checklist(), MoneyUnits("amount_cny"))


def _line_sums(scope: Scope, rows: QuerySet[Any], checklist: Any, units: Any) -> LineSums:
    """`rows` (lines or mix rollups) of this year and last, grouped and summed into LineSums;
    `checklist` says in SQL whether a row carries the checklist (the rollup's own definition,
    `carries_checklist`, on the lines)."""
    this_year = Q(date__gte=scope.first)
    grouped = (
        rows.filter(date__gte=scope.first.replace(year=scope.year - 1), date__lte=scope.last)
        .values(
            "order_type",
            yq=year_quarter_of(scope.year - 1, scope.year),
            foreign=Case(When(currency="CNY", then=Value("")), default=F("currency")),
            listed=Case(
                When(this_year & checklist, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .annotate(units=units)
        .order_by()
    )
    grid: Grid = defaultdict(lambda: ZERO)
    foreign: dict[str, Decimal] = defaultdict(lambda: ZERO)
    carries = False
    for r in grouped:
        y, amount = r["yq"] // 10, units_to_money(r["units"])
        grid[(y, r["yq"] % 10, r["order_type"])] += amount
        if y == scope.year and r["foreign"]:
            foreign[r["foreign"]] += amount
        carries = carries or bool(r["listed"])
    return LineSums(dict(grid), dict(foreign), carries)


def quarter_totals(grid: Grid, year: int) -> tuple[Decimal, ...]:
    return tuple(
        sum((a for (y, q, _t), a in grid.items() if y == year and q == n), ZERO) for n in QUARTERS
    )


def mix_trend(grid: Grid, year: int) -> tuple[MixTrendRow, ...]:
    """Each order type's share of gross sales by quarter, over the year and last year.

    Share = the type's gross / all gross of the period (None when the period has none); change =
    this year's share − last year's share (None when last year has no order lines).
    """
    types = sorted({t for (_y, _q, t) in grid})
    quarters = quarter_totals(grid, year)
    whole = sum(quarters, ZERO)
    had_last = any(y == year - 1 for (y, _q, _t) in grid)
    last_whole = sum((a for (y, _q, _t), a in grid.items() if y == year - 1), ZERO)
    rows = []
    for t in types:
        by_q = tuple(grid.get((year, n, t), ZERO) for n in QUARTERS)
        amount = sum(by_q, ZERO)
        last = sum((grid.get((year - 1, n, t), ZERO) for n in QUARTERS), ZERO) if had_last else None
        share, last_share = ratio(amount, whole), ratio(last, last_whole)
        rows.append(
            MixTrendRow(
                order_type=t,
                last_year=last,
                last_year_share=last_share,
                quarters=by_q,
                quarter_shares=tuple(ratio(a, q) for a, q in zip(by_q, quarters, strict=True)),
                amount=amount,
                share=share,
                change=share - last_share if share is not None and last_share is not None else None,
            )
        )
    return tuple(sorted(rows, key=lambda r: (-r.amount, r.order_type)))


def rep_ideas(scope: Scope) -> tuple[RepIdeas, ...]:
    """Per rep: ideas submitted and adopted in the year, per month on the team (staffing windows)."""
    months: dict[int, int] = defaultdict(int)
    for w in staffing.windows(scope, staffing.team_start(scope)):
        months[w.rep_id] += w.end.month - w.start.month + 1
    counts = {
        r["rep_id"]: (r["n"], r["adopted"])
        for r in scope.ideas()
        .filter(date__gte=scope.first, date__lte=scope.last)
        .values("rep_id")
        .annotate(n=Count("id"), adopted=Count("id", filter=Q(status="adopted")))
        .order_by()
    }
    rows = []
    for rep in scope.reps().order_by("code"):
        if rep.pk not in months and rep.pk not in counts:
            continue
        submitted, adopted = counts.get(rep.pk, (0, 0))
        on_team = months.get(rep.pk, 0)
        rows.append(
            RepIdeas(
                rep.code,
                rep.name,
                on_team,
                submitted,
                adopted,
                ratio(submitted, on_team),
                ratio(adopted, submitted),
            )
        )
    return tuple(rows)


def facts(scope: Scope, c: Computed) -> ExportFacts | None:
    """None when the scope has no order line, incident or idea in the year."""
    sums = load_mix(scope)
    grid = sums.grid
    incidents = load_incidents(scope)
    ideas = rep_ideas(scope)
    has_lines = any(y == scope.year for (y, _q, _t) in grid)
    if not (has_lines or incidents or any(i.submitted for i in ideas)):
        return None
    return ExportFacts(
        mix_trend=mix_trend(grid, scope.year),
        quarter_totals=quarter_totals(grid, scope.year),
        vip=vip_service(scope, c.totals),
        by_country=by_country(scope, c.totals),
        delays=delay_facts(c.delivery, c.ledger.sales, incidents, load_late_lines(scope)),
        checklist=checklist_facts(*load_orders(scope)) if sums.checklist else None,
        ideas=ideas,
        pricing=pricing_facts(scope, sums.foreign),
    )
