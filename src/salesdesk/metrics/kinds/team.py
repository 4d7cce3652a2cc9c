"""A supervised sales team's own facts: the ranking and its tie-breaks, attainment bands, why each
rep below target fell short, and the lists for a raise and for coaching.

Rules (docs/metrics.md, "Sales team"):

* The ranking is the rep table's (`metrics.reps.ranked`): attainment, then revenue, then
  collections, then code; `tie_break` names the key that put a rep below the one just above.
* Below target: attainment < 100%. Every rep is measured (visits a day, conversion, price index,
  retention, follow-through) and compared with the median of the other reps; a measure below
  `team_reason_share` (0.8) of that median, or a price index below `team_price_index_min` (0.95),
  is a weakness. A rep below target lists their weaknesses as reasons, largest severity first.
* Raise list: attainment ≥ `raise_attainment_min`, collections ≥ `raise_collection_rate_min` of
  revenue, no weakness, still employed at the year end. Coaching list: every rep below target,
  largest gap first.

A rep's personal report has no team to compare with inside it: the pack returns None there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from salesdesk.findings.settings import Thresholds, load_thresholds
from salesdesk.metrics.kinds.team_measures import ONE, measures, team_medians
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.metrics.reps import load_reps
from salesdesk.metrics.scope import Scope
from salesdesk.report.summary import (
    AttainmentBand,
    RankedRep,
    RepMeasures,
    RepReason,
    RepReview,
    RepRow,
    TeamFacts,
    TeamMedians,
    TeamRules,
)

if TYPE_CHECKING:
    from salesdesk.report.build import Computed

BANDS = (
    ("lt60", Decimal("0"), Decimal("0.6")),
    ("60-80", Decimal("0.6"), Decimal("0.8")),
    ("80-100", Decimal("0.8"), Decimal("1")),
    ("100-120", Decimal("1"), Decimal("1.2")),
    ("ge120", Decimal("1.2"), None),
)
NO_TARGET = "none"
COMPARED = (
    ("few_visits", "visits_per_day"),
    ("low_conversion", "conversion"),
    ("lost_customers", "retention"),
    ("no_follow_up", "follow_through"),
)
REASON_ORDER = ("few_visits", "low_conversion", "low_prices", "lost_customers", "no_follow_up")


def tie_break(row: RepRow, above: RepRow | None) -> str:
    """The key that ranks `row` below `above` when both tie on the key before it: revenue (same
    attainment), collections (same revenue too), code (same collections too); "" with no tie."""
    if above is None or (row.attainment is None) != (above.attainment is None):
        return ""
    if row.attainment != above.attainment:
        return ""
    if row.revenue != above.revenue:
        return "revenue" if row.attainment is not None else ""
    return "collections" if row.collections != above.collections else "code"


def ranking(rows: Sequence[RepRow]) -> tuple[RankedRep, ...]:
    return tuple(
        RankedRep(
            r.rank,
            r.rep,
            r.name,
            r.revenue,
            r.target,
            r.attainment,
            r.collections,
            tie_break(r, rows[i - 1] if i else None),
        )
        for i, r in enumerate(rows)
    )


def band_of(attainment: Decimal | None) -> str:
    """lt60 [0, 60%), 60-80 [60%, 80%), 80-100 [80%, 100%), 100-120 [100%, 120%), ge120 ≥ 120%."""
    if attainment is None:
        return NO_TARGET
    for name, _low, high in BANDS:
        if high is None or attainment < high:
            return name
    return BANDS[-1][0]


def bands(rows: Sequence[RepRow]) -> tuple[AttainmentBand, ...]:
    names = [b[0] for b in BANDS] + [NO_TARGET]
    return tuple(
        AttainmentBand(n, tuple(r.rep for r in rows if band_of(r.attainment) == n)) for n in names
    )


def reasons(m: RepMeasures, team: TeamMedians, t: Thresholds) -> tuple[RepReason, ...]:
    """The weaknesses the data shows, largest severity (1 − rep / team) first."""
    found = []
    for code, name in COMPARED:
        mine, theirs = getattr(m, name), getattr(team, name)
        weak = mine is not None and theirs is not None and theirs > 0
        if weak and mine < t.team_reason_share * theirs:
            found.append(RepReason(code, mine, theirs, ONE - mine / theirs))
    if m.price_index is not None and m.price_index < t.team_price_index_min:
        found.append(RepReason("low_prices", m.price_index, ONE, ONE - m.price_index))
    return tuple(sorted(found, key=lambda r: (-r.severity, REASON_ORDER.index(r.code))))


def review(row: RepRow, m: RepMeasures, team: TeamMedians, t: Thresholds) -> RepReview:
    below = row.attainment is not None and row.attainment < 1
    return RepReview(
        rep=row.rep,
        name=row.name,
        revenue=row.revenue,
        target=row.target,
        attainment=row.attainment,
        gap=(row.target or ZERO) - row.revenue if below else ZERO,
        collection_rate=ratio(row.collections, row.revenue) if row.revenue > 0 else None,
        measures=m,
        team=team,
        reasons=reasons(m, team, t),
    )


def deserves_raise(r: RepReview, row: RepRow, scope: Scope, t: Thresholds) -> bool:
    employed = row.left_on is None or row.left_on > scope.last
    return (
        employed
        and r.attainment is not None
        and r.attainment >= t.raise_attainment_min
        and r.collection_rate is not None
        and r.collection_rate >= t.raise_collection_rate_min
        and not r.reasons
    )


def facts(scope: Scope, c: Computed, t: Thresholds | None = None) -> TeamFacts | None:
    """None for a rep's personal report, or when no rep has a row in the year's table."""
    rows = c.reps.rows
    if scope.rep is not None or not rows:
        return None
    t = t or load_thresholds()
    ids = {info.code: rep for rep, info in load_reps(scope).items()}
    every = measures(scope, c, {ids[r.rep]: r.visits for r in rows})
    reviews = tuple(review(r, every[ids[r.rep]], team_medians(ids[r.rep], every), t) for r in rows)
    return _assemble(scope, rows, reviews, t)


def _assemble(
    scope: Scope, rows: Sequence[RepRow], reviews: Sequence[RepReview], t: Thresholds
) -> TeamFacts:
    by_code: Mapping[str, RepRow] = {r.rep: r for r in rows}
    below = [r for r in reviews if r.attainment is not None and r.attainment < 1]
    return TeamFacts(
        ranking=ranking(rows),
        bands=bands(rows),
        reviews=tuple(reviews),
        below_target=tuple(r.rep for r in below),
        coaching=tuple(r.rep for r in sorted(below, key=lambda r: (-r.gap, r.rep))),
        raise_list=tuple(r.rep for r in reviews if deserves_raise(r, by_code[r.rep], scope, t)),
        gap_total=sum((r.gap for r in below), ZERO),
        rules=TeamRules(
            t.team_reason_share,
            t.team_price_index_min,
            t.raise_attainment_min,
            t.raise_collection_rate_min,
        ),
    )
