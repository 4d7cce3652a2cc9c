"""Leads of a prepaid-card team (线索): where they came from and how far each got.

A lead is a customer whose first activity in the scope (any rep of the department, or the rep
of a personal report) falls in the year. Its stages:

* contacted  — every lead (the first contact is the activity that makes it a lead);
* interested — an activity of the year on or after the first contact with outcome
  `interested` or `deal`, or a sale (a buyer showed interest, so the funnel never widens);
* sold       — a non-cancelled order line of the year on or after the first contact (the same
  rule as `activity.conversion`, so the team's conversion equals that figure).

The lead belongs to the rep of its first contact (the earliest activity; the first recorded on
a tie) and to its source, `Customer.source` normalised by `lead_source`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Min, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from salesdesk.ingest.headers import normalise_token
from salesdesk.metrics.ratios import ratio
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import Activity
from salesdesk.report.summary import Funnel, LeadSourceRow

INTEREST_OUTCOMES = ("interested", "deal")
UNKNOWN_SOURCE = "unknown"
SOURCES: dict[str, tuple[str, ...]] = {
    "yellow_pages": ("黄页", "黄页资料", "黄页电话", "yellow pages", "yellowpages"),
    "mailing": ("邮寄", "寄信", "直邮", "宣传资料", "邮件", "mail", "direct mail"),
    "cold_visit": ("陌拜", "陌生拜访", "扫楼", "cold visit", "cold call"),
    "referral": ("转介绍", "介绍", "老客户介绍", "推荐", "referred"),
    "other": ("其他", "其它"),
}
_SOURCE_INDEX = {
    normalise_token(alias): code for code, aliases in SOURCES.items() for alias in (code, *aliases)
}


def lead_source(text: str) -> str:
    """The source code of a customer's free-text `source`: 黄页 → yellow_pages, 陌拜 → cold_visit;
    empty → unknown; any other text is kept as written (trimmed)."""
    cleaned = text.strip()
    if not cleaned:
        return UNKNOWN_SOURCE
    return _SOURCE_INDEX.get(normalise_token(cleaned), cleaned)


@dataclass(frozen=True)
class Lead:
    customer_id: int
    first: date  # first contact
    rep_id: int  # rep of the first contact
    source: str
    contacts: int  # activities of the year on this lead
    showed_interest: bool  # an interested/deal outcome of the year on or after `first`


def load_leads(scope: Scope) -> tuple[Lead, ...]:
    """Every lead of the scope: customers whose first activity in the scope is in the year.

    Two set-based queries: per customer the first day, the activities and those showing interest
    (all of them on or after the first day, by definition), kept when the first day is in the
    year; and each customer's earliest activity (lowest id on a tie), whose rep is the lead's.
    """
    activities = scope.activities().filter(customer__isnull=False, date__lte=scope.last)
    rows = (
        activities.values("customer_id", "customer__source")
        .annotate(
            first=Min("date"),
            contacts=Count("id"),
            interested=Count("id", filter=Q(outcome__in=INTEREST_OUTCOMES)),
        )
        .filter(first__gte=scope.first)
        .order_by("customer_id")
    )
    reps = _first_contact_reps(activities)
    return tuple(
        Lead(
            r["customer_id"],
            r["first"],
            reps[r["customer_id"]],
            lead_source(r["customer__source"] or ""),
            r["contacts"],
            r["interested"] > 0,
        )
        for r in rows
    )


def _first_contact_reps(activities: QuerySet[Activity]) -> dict[int, int]:
    """customer → rep of the customer's earliest activity (lowest id on a tie)."""
    first = Window(
        RowNumber(), partition_by=F("customer_id"), order_by=(F("date").asc(), F("id").asc())
    )
    rows = activities.annotate(n=first).filter(n=1).values_list("customer_id", "rep_id")
    return dict(rows)


def has_sale(lead: Lead, last_purchase: Mapping[int, date]) -> bool:
    """Ordered in the year on or after the first contact (the last line of the year is late enough)."""
    bought = last_purchase.get(lead.customer_id)
    return bought is not None and bought >= lead.first


def funnel(leads: Iterable[Lead], last_purchase: Mapping[int, date]) -> Funnel:
    """First contact → interested → sale: counts and the stage-to-stage rates."""
    contacted = interested = sold = 0
    for lead in leads:
        bought = has_sale(lead, last_purchase)
        contacted += 1
        interested += lead.showed_interest or bought
        sold += bought
    return Funnel(
        contacted=contacted,
        interested=interested,
        sold=sold,
        interest_rate=ratio(interested, contacted),
        close_rate=ratio(sold, interested),
        conversion=ratio(sold, contacted),
    )


def by_source(
    leads: Iterable[Lead], last_purchase: Mapping[int, date]
) -> tuple[LeadSourceRow, ...]:
    """The funnel of each lead source and its share of the contacts; most leads first."""
    groups: dict[str, list[Lead]] = defaultdict(list)
    for lead in leads:
        groups[lead.source].append(lead)
    all_contacts = sum(lead.contacts for group in groups.values() for lead in group)
    rows = [
        LeadSourceRow(
            source=source,
            funnel=funnel(group, last_purchase),
            contacts=sum(lead.contacts for lead in group),
            contact_share=ratio(sum(lead.contacts for lead in group), all_contacts),
        )
        for source, group in groups.items()
    ]
    return tuple(sorted(rows, key=lambda r: (-r.funnel.contacted, -r.contacts, r.source)))


def by_rep(leads: Iterable[Lead], last_purchase: Mapping[int, date]) -> dict[int, Funnel]:
    """The funnel of the leads each rep contacted first."""
    groups: dict[int, list[Lead]] = defaultdict(list)
    for lead in leads:
        groups[lead.rep_id].append(lead)
    return {rep: funnel(group, last_purchase) for rep, group in groups.items()}
