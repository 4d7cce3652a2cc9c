"""商品混凝土销售部: a ready-mix concrete seller (seed summary 2).

Pours in m³ by strength grade (C15–C50) with slump and site, priced about 300–500 元/m³; about
80 construction customers on 30/60/90-day terms who pay 1–4 months after the month's statement,
so the year ends with receivables, some over 90 days; the new head of sales (promoted from the
supply office in March) and 翁银红 in one group; one wrongly filled pour order (填错砼浇筑委托单)
that caused a quality incident; targets for revenue, volume and collections.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from salesdesk.demo.dates import days_of_month
from salesdesk.demo.kinds.concrete_people import Site, reps, sites
from salesdesk.demo.kinds.concrete_work import (
    add_activities,
    add_incidents,
    add_payments,
    add_targets,
)
from salesdesk.demo.people import Customer, add_customers, add_reps
from salesdesk.demo.sampling import Weighted, around
from salesdesk.demo.tables import Tables, money

GRADES = Weighted(
    [
        ("C15", 3),
        ("C20", 10),
        ("C25", 17),
        ("C30", 35),
        ("C35", 20),
        ("C40", 10),
        ("C45", 3),
        ("C50", 2),
    ]
)
PRICE = {
    "C15": 318,
    "C20": 332,
    "C25": 348,
    "C30": 368,
    "C35": 392,
    "C40": 418,
    "C45": 448,
    "C50": 478,
}
PRIOR_PRICE_PREMIUM = 12  # 元/m³: prices fell a little this year
MONTH_WEIGHTS = (0.60, 0.35, 0.90, 1.05, 1.10, 1.00, 0.85, 0.85, 1.10, 1.15, 1.20, 1.00)
ANNUAL_VOLUME = {"current": 186_000, "prior": 171_000}
SUNDAY_WEIGHT = 0.5


@dataclass(frozen=True)
class Pour:
    number: str
    day: date
    site: Site
    grade: str
    pumped: bool
    quantity_half_m3: int  # quantity in half cubic metres, so 86.5 m³ is 173
    price: int  # whole yuan per m³

    @property
    def amount(self) -> int:
        """Cents: half-m³ × yuan × 50."""
        return self.quantity_half_m3 * self.price * 50

    @property
    def quantity(self) -> str:
        whole, half = divmod(self.quantity_half_m3, 2)
        return f"{whole}.{5 if half else 0}"


def build(year: int, rng: Random) -> Tables:
    tables = Tables()
    the_reps, the_sites = reps(year), sites(year, rng)
    add_reps(tables, the_reps)
    add_customers(tables, _customers_of(the_sites))
    pours = _pours(year - 1, "prior", the_sites, rng) + _pours(year, "current", the_sites, rng)
    for p in pours:
        _add_pour(tables, p)
    add_payments(tables, [(p.day, p.site.account, p.amount) for p in pours], year, rng)
    add_activities(tables, the_reps, the_sites, year, rng)
    add_targets(tables, the_reps, the_sites, year, MONTH_WEIGHTS)
    add_incidents(tables, pours, year, rng)
    return tables


def _customers_of(the_sites: list[Site]) -> list[Customer]:
    seen: dict[str, Customer] = {}
    for s in the_sites:
        seen.setdefault(s.customer.code, s.customer)
    return list(seen.values())


def _pours(year: int, which: str, the_sites: list[Site], rng: Random) -> list[Pour]:
    monthly = ANNUAL_VOLUME[which] / sum(MONTH_WEIGHTS)
    premium = PRIOR_PRICE_PREMIUM if which == "prior" else 0
    pours: list[Pour] = []
    for month, weight in enumerate(MONTH_WEIGHTS, start=1):
        live = [s for s in the_sites if s.pours_in(year, month)]
        budget = round(2 * monthly * weight * rng.uniform(0.95, 1.05))
        pours.extend(_month(year, month, budget, live, premium, len(pours), rng))
    return pours


def _month(
    year: int, month: int, budget: int, live: list[Site], premium: int, seq: int, rng: Random
) -> list[Pour]:
    """Draw pours (day, site, size) until the month's volume is reached, then number them by day."""
    days = days_of_month(year, month)
    day_weights = [SUNDAY_WEIGHT if d.weekday() == 6 else 1.0 for d in days]
    site_weights = [s.weight for s in live]
    drawn: list[tuple[date, Site, int]] = []
    total = 0
    while total < budget:
        day = rng.choices(days, weights=day_weights, k=1)[0]
        site = rng.choices(live, weights=site_weights, k=1)[0]
        drawn.append((day, site, max(12, round(2 * around(rng, site.pour_size, 0.6)))))
        total += drawn[-1][2]
    drawn.sort(key=lambda d: (d[0], d[1].name))
    return [_pour(f"HNT{year}{n:05d}", d, premium, rng) for n, d in enumerate(drawn, start=seq + 1)]


def _pour(number: str, drawn: tuple[date, Site, int], premium: int, rng: Random) -> Pour:
    day, site, half_m3 = drawn
    grade = GRADES.pick(rng)
    price = round((PRICE[grade] + premium) * site.price_factor)
    return Pour(number, day, site, grade, site.pumped, half_m3, price)


def _add_pour(tables: Tables, p: Pour) -> None:
    tables.add(
        "orders",
        order=p.number,
        line=1,
        date=p.day,
        customer=p.site.customer.code,
        rep=p.site.customer.owner,
        order_type="regular",
        channel="direct",
        product=f"商品混凝土 {p.grade}",
        category="泵送砼" if p.pumped else "自卸砼",
        quantity=p.quantity,
        unit="m3",
        unit_price=money(p.price * 100),
        amount=money(p.amount),
        currency="CNY",
        promised_on=p.day,
        delivered_on=p.day,
        status="normal",
        strength_grade=p.grade,
        slump="180±20" if p.pumped else "120±20",
        site=p.site.name,
    )
