"""The prepaid-card team's own facts: leads by source, the funnel, visits per rep per working day,
second contacts after a rejection, and cards sold with the value stored on them.

A team that started during the year (the department's first record falls in it) has its
per-month figures divided by the months it existed, not by twelve, and its reps' working days
counted from the team's start (`metrics/staffing.py`). The general summary's figures are reused:
visits, rep working days and the rejections with their follow-up come from `Computed`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count

from salesdesk.metrics import staffing
from salesdesk.metrics.customers import last_purchases
from salesdesk.metrics.kinds import prepaid_cards, prepaid_leads
from salesdesk.metrics.ratios import ratio
from salesdesk.metrics.scope import Scope
from salesdesk.report.summary import (
    Funnel,
    PrepaidFacts,
    PrepaidRepRow,
    UnfollowedRejection,
)

if TYPE_CHECKING:
    from salesdesk.report.build import Computed

NO_FUNNEL = prepaid_leads.funnel((), {})


@dataclass(frozen=True)
class RejectionRow:
    key: str
    rep_id: int
    rep: str
    rep_name: str
    customer: str
    customer_name: str


def facts(scope: Scope, c: Computed) -> PrepaidFacts | None:
    """None when the scope has no visit, no lead and no card sold in the year."""
    leads = prepaid_leads.load_leads(scope)
    cards = prepaid_cards.load_card_sales(scope)
    if not leads and c.activity.visits == 0 and cards.total.orders == 0:
        return None
    bought = last_purchases(c.ledger.grid)
    months = len(c.months)
    rejected = _rejection_rows(scope)
    followed = {r.key for r in c.rejections if r.followed}
    return PrepaidFacts(
        started_on=c.started if c.started is not None and c.started.year == scope.year else None,
        months_active=months,
        funnel=prepaid_leads.funnel(leads, bought),
        by_source=prepaid_leads.by_source(leads, bought),
        visits=c.activity.visits,
        rep_days=c.rep_days,
        visits_per_rep_day=c.activity.per_rep_per_day,
        visits_per_month=per_month(c.activity.visits, months),
        leads_per_month=per_month(len(leads), months),
        rejections=c.activity.rejections,
        rejections_followed=c.activity.rejections_followed,
        follow_up_rate=ratio(c.activity.rejections_followed, c.activity.rejections),
        unfollowed=unfollowed(c, rejected),
        cards=cards.total.cards,
        stored_value=cards.total.stored_value,
        card_orders=cards.total.orders,
        cards_per_month=per_month(cards.total.cards, months),
        stored_value_per_month=per_month(cards.total.stored_value, months),
        months_without_sales=tuple(
            f"{scope.year}-{m:02d}"
            for m in c.months
            if cards.by_month.get(m, prepaid_cards.CardSums()).cards <= 0
        ),
        by_month=prepaid_cards.card_months(cards, scope.year, c.months),
        by_rep=rep_rows(scope, prepaid_leads.by_rep(leads, bought), cards, rejected, followed),
    )


def per_month(total: Decimal | int, months: int) -> Decimal:
    """A total over the months the team existed (always at least one)."""
    return Decimal(total) / Decimal(max(months, 1))


def _rejection_rows(scope: Scope) -> dict[str, RejectionRow]:
    """Who was rejected by whom: the year's rejected activities by key (those of `c.rejections`)."""
    rows = (
        scope.activities()
        .filter(date__gte=scope.first, date__lte=scope.last, outcome="rejected")
        .values_list("key", "rep_id", "rep__code", "rep__name", "customer__code", "customer__name")
    )
    return {r[0]: RejectionRow(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "") for r in rows}


def unfollowed(c: Computed, rows: dict[str, RejectionRow]) -> tuple[UnfollowedRejection, ...]:
    """Rejections with no second contact by their follow-up date, oldest first."""
    found = []
    for r in c.rejections:
        if r.followed or r.key not in rows:
            continue
        who = rows[r.key]
        found.append(
            UnfollowedRejection(r.day, who.customer, who.customer_name, who.rep, who.rep_name)
        )
    return tuple(sorted(found, key=lambda u: (u.day, u.customer, u.rep)))


def _visits_by_rep(scope: Scope) -> dict[int, int]:
    rows = (
        scope.activities()
        .filter(date__gte=scope.first, date__lte=scope.last)
        .values("rep_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {r["rep_id"]: r["n"] for r in rows}


def rep_rows(
    scope: Scope,
    funnels: dict[int, Funnel],
    cards: prepaid_cards.CardSales,
    rejected: dict[str, RejectionRow],
    followed: set[str],
) -> tuple[PrepaidRepRow, ...]:
    """Each rep on the team or with any figure: visits per working day, funnel, rejections, cards."""
    days = staffing.year_working_days(scope.year)
    spans = {w.rep_id: w for w in staffing.windows(scope, staffing.team_start(scope))}
    visits = _visits_by_rep(scope)
    rejections = Counter(r.rep_id for r in rejected.values())
    seconds = Counter(r.rep_id for r in rejected.values() if r.key in followed)
    rows = []
    for rep in scope.reps().order_by("code"):
        on_team = rep.pk in spans
        if not (on_team or rep.pk in visits or rep.pk in funnels or rep.pk in cards.by_rep):
            continue
        worked = staffing.rep_working_days([spans[rep.pk]], days) if on_team else 0
        sold = cards.by_rep.get(rep.pk, prepaid_cards.CardSums())
        rows.append(
            PrepaidRepRow(
                rep=rep.code,
                name=rep.name,
                visits=visits.get(rep.pk, 0),
                working_days=worked,
                per_day=ratio(visits.get(rep.pk, 0), worked),
                funnel=funnels.get(rep.pk, NO_FUNNEL),
                rejections=rejections[rep.pk],
                rejections_followed=seconds[rep.pk],
                cards=sold.cards,
                stored_value=sold.stored_value,
            )
        )
    return tuple(rows)
