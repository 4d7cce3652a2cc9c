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

from salesdesk.ingest.headers import normalise_token
from salesdesk.metrics.ratios import ratio
from salesdesk.metrics.scope import Scope
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
    """Every lead of the scope: customers whose first activity in the scope is in the year."""
    rows = (
        scope.activities()
        .filter(customer__isnull=False, date__lte=scope.last)
        .order_by("customer_id", "date", "id")
        .values_list("customer_id", "date", "rep_id", "outcome", "customer__source")
    )
    leads: list[Lead] = []
    current: list[tuple[int, date, int, str, str]] = []
    for row in rows.iterator(chunk_size=5000):
        if current and current[0][0] != row[0]:
            leads.extend(_lead(current, scope))
            current = []
        current.append(row)
    if current:
        leads.extend(_lead(current, scope))
    return tuple(leads)


def _lead(rows: list[tuple[int, date, int, str, str]], scope: Scope) -> list[Lead]:
    """One customer's activities (oldest first) as a lead, or nothing if first contacted earlier."""
    customer, first, rep, _outcome, source = rows[0]
    if first < scope.first:
        return []
    interested = any(outcome in INTEREST_OUTCOMES for *_, outcome, _s in rows)
    return [Lead(customer, first, rep, lead_source(source or ""), len(rows), interested)]


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
