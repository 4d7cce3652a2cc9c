"""锦都大酒店销售部: a 120-room hotel with its restaurant 锦园私房菜 (seed summary 3).

Rooms near 68% occupancy at about 185 元 a night, sold through agreement companies, walk-ins,
the OTAs and travel-agency groups; a restaurant of about 10,474 bills a year with the seed's
deductions and payment channels. The year before is there too, fuller and with more agreement
guests, so the decline the seed complains of shows.
"""

from __future__ import annotations

from datetime import date
from random import Random

from salesdesk.demo.dates import plus_days, workdays_of_month
from salesdesk.demo.kinds.hospitality_dining import add_bills
from salesdesk.demo.kinds.hospitality_people import (
    Account,
    agency_accounts,
    agreement_accounts,
    reps,
    staff_meal_customer,
)
from salesdesk.demo.kinds.hospitality_rooms import add_bookings, add_capacity
from salesdesk.demo.people import Rep, add_customers, add_reps
from salesdesk.demo.sampling import Weighted, allocate
from salesdesk.demo.tables import Tables

ANNUAL_TARGET = {"prior": 9_300_000, "current": 9_600_000}
TARGET_MONTH_WEIGHTS = (0.95, 1.00, 0.95, 1.00, 1.05, 0.95, 1.10, 1.15, 1.00, 1.10, 0.90, 0.85)
OUTCOMES = Weighted([("deal", 0.25), ("interested", 0.35), ("pending", 0.25), ("rejected", 0.15)])


def build(year: int, rng: Random) -> Tables:
    tables = Tables()
    the_reps, companies, agencies = (
        reps(year),
        agreement_accounts(year, rng),
        agency_accounts(year, rng),
    )
    add_reps(tables, the_reps)
    add_customers(tables, [a.customer for a in companies + agencies] + [staff_meal_customer(year)])
    for y, which in ((year - 1, "prior"), (year, "current")):
        add_bookings(tables, y, which, companies, agencies, rng)
    on_account = [a.customer.code for a in companies if a.last_year >= year][:10]
    for y, which in ((year - 1, "prior"), (year, "current")):
        add_bills(tables, y, which, on_account, rng)
    add_capacity(tables, year)
    _add_activities(tables, the_reps, companies + agencies, year, rng)
    _add_targets(tables, year)
    return tables


def _add_activities(
    tables: Tables, the_reps: list[Rep], accounts: list[Account], year: int, rng: Random
) -> None:
    """Visits to agreement companies and travel agencies (走访旅行社), with follow-ups."""
    for y in (year - 1, year):
        for month in range(1, 13):
            for rep in the_reps[:3]:
                own = [
                    a.customer.code
                    for a in accounts
                    if a.customer.owner == rep.code and a.active(y)
                ]
                for day in sorted(rng.choices(workdays_of_month(y, month), k=rng.randint(4, 9))):
                    _activity(tables, rep.code, rng.choice(own), day, rng)


def _activity(tables: Tables, rep: str, customer: str, day: date, rng: Random) -> None:
    outcome = OUTCOMES.pick(rng)
    follow_up = plus_days(day, rng.randint(7, 30)) if outcome == "interested" else None
    kind = "visit" if rng.random() < 0.6 else "call"
    tables.add(
        "activities",
        date=day,
        rep=rep,
        customer=customer,
        kind=kind,
        outcome=outcome,
        next_follow_up=follow_up,
        note="协议续签与房价洽谈" if customer.startswith("XY") else "团队房洽谈",
    )


def _add_targets(tables: Tables, year: int) -> None:
    for y, which in ((year - 1, "prior"), (year, "current")):
        total = ANNUAL_TARGET[which]
        tables.target(y, "revenue", total)
        for month, value in enumerate(allocate(total // 1000, TARGET_MONTH_WEIGHTS), start=1):
            tables.target(y, "revenue", value * 1000, month=month)
