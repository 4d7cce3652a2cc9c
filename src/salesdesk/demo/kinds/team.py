"""销售一部: a sales supervisor's team of twelve in three groups (seed summary 4).

Sales come out of the reps' own work: each working day a rep visits dealers; a visit ends in a
deal, interest (with a follow-up date), a pending answer or a refusal, and a follow-up on time
often closes. Attainment therefore spreads widely, and the four weak reps show why in the data:
李强 visits half as often, 杨磊 sells 20% under list price, 黄涛 lost six dealers to a
competitor, and 徐斌 almost never follows up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random

from salesdesk.demo.dates import plus_days, workdays_of_year
from salesdesk.demo.kinds.team_people import Dealer, dealers, reps, style_of
from salesdesk.demo.people import Rep, add_customers, add_reps
from salesdesk.demo.sampling import Weighted, around, chance
from salesdesk.demo.tables import Tables, money

PRODUCTS = (
    ("空调 KFR-35GW", "空调", 2699),
    ("冰箱 BCD-215", "冰箱", 1899),
    ("洗衣机 XQB80", "洗衣机", 1299),
    ("热水器 60L", "热水器", 999),
    ("油烟机 CXW-200", "厨电", 1599),
    ("电饭煲 4L", "小家电", 299),
)
MONTH_WEIGHTS = (0.80, 0.70, 0.90, 1.00, 1.15, 1.30, 1.30, 1.10, 0.95, 1.05, 1.10, 0.95)
MEAN_ORDER = 7_400  # 元
FIRST_VISIT = Weighted(
    [("deal", 0.22), ("interested", 0.30), ("pending", 0.28), ("rejected", 0.20)]
)
FOLLOW_UP = Weighted([("deal", 0.55), ("pending", 0.20), ("rejected", 0.25)])
REP_TARGET = {"prior": 1_900_000, "current": 2_000_000}
VISIT_TARGET = 55  # a month


@dataclass
class Ledger:
    """Running numbers shared by every rep's year: order and payment sequences, orders made."""

    year: int
    orders: int = 0
    payments: int = 0
    follow_ups: dict[date, list[Dealer]] = field(default_factory=dict)


def build(year: int, rng: Random) -> Tables:
    tables = Tables()
    the_reps, the_dealers = reps(year), dealers(year, rng)
    add_reps(tables, the_reps)
    add_customers(tables, [d.customer for d in the_dealers])
    for y in (year - 1, year):
        ledger = Ledger(y)
        for rep in the_reps:
            own = [d for d in the_dealers if d.customer.owner == rep.code]
            _rep_year(tables, rep, own, ledger, rng)
    _add_targets(tables, the_reps, year)
    return tables


def _rep_year(tables: Tables, rep: Rep, own: list[Dealer], ledger: Ledger, rng: Random) -> None:
    days = [d for d in workdays_of_year(ledger.year) if rep.works_on(d)]
    ledger.follow_ups = {}
    weights = [d.weight for d in own]
    style = style_of(rep.code)
    for i, day in enumerate(days):
        for dealer in ledger.follow_ups.pop(day, []):
            _visit(tables, rep, dealer, day, FOLLOW_UP.pick(rng), ledger, rng, follow_up=True)
        for _ in range(int(style.visits) + chance(rng, style.visits % 1)):
            dealer = rng.choices(own, weights=weights, k=1)[0]
            outcome = "rejected" if _lost(dealer, day) else FIRST_VISIT.pick(rng)
            due = (
                days[min(len(days) - 1, i + rng.randint(2, 7))] if outcome == "interested" else None
            )
            _visit(tables, rep, dealer, day, outcome, ledger, rng, due=due)
            if due and due > day and chance(rng, style.follow_up):
                ledger.follow_ups.setdefault(due, []).append(dealer)


def _lost(dealer: Dealer, day: date) -> bool:
    return dealer.lost_from is not None and day >= dealer.lost_from


def _visit(
    tables: Tables,
    rep: Rep,
    dealer: Dealer,
    day: date,
    outcome: str,
    ledger: Ledger,
    rng: Random,
    *,
    due: date | None = None,
    follow_up: bool = False,
) -> None:
    kind = "visit" if follow_up or chance(rng, 0.7) else "call"
    note = "按约跟进" if follow_up else "已转向竞品" if _lost(dealer, day) else "例行拜访"
    tables.add(
        "activities",
        date=day,
        rep=rep.code,
        customer=dealer.customer.code,
        kind=kind,
        outcome=outcome,
        next_follow_up=due,
        note=note,
    )
    if outcome == "deal":
        _order(tables, rep, dealer, day, ledger, rng)


def _order(
    tables: Tables, rep: Rep, dealer: Dealer, day: date, ledger: Ledger, rng: Random
) -> None:
    ledger.orders += 1
    number = f"XS{ledger.year}{ledger.orders:05d}"
    value = around(rng, MEAN_ORDER * MONTH_WEIGHTS[day.month - 1] * dealer.weight**0.5, 0.5)
    products = rng.sample(PRODUCTS, rng.choice((1, 1, 2, 3)))
    total = 0
    for line, product in enumerate(products, start=1):
        total += _line(tables, number, line, rep, dealer, day, product, value / len(products), rng)
    _payment(tables, number, rep, dealer, day, total, ledger, rng)


def _line(
    tables: Tables,
    number: str,
    line: int,
    rep: Rep,
    dealer: Dealer,
    day: date,
    product: tuple[str, str, int],
    value: float,
    rng: Random,
) -> int:
    name, category, list_price = product
    price = round(list_price * style_of(rep.code).price * rng.uniform(0.96, 1.0))
    quantity = max(1, round(value / list_price))
    tables.add(
        "orders",
        order=number,
        line=line,
        date=day,
        customer=dealer.customer.code,
        rep=rep.code,
        order_type="regular",
        channel="dealer",
        product=name,
        category=category,
        quantity=quantity,
        unit="pcs",
        unit_price=money(price * 100),
        amount=money(quantity * price * 100),
        currency="CNY",
        status="normal",
    )
    return quantity * price * 100


def _payment(
    tables: Tables,
    number: str,
    rep: Rep,
    dealer: Dealer,
    day: date,
    amount: int,
    ledger: Ledger,
    rng: Random,
) -> None:
    paid_on = plus_days(day, rng.randint(0, 30))
    if paid_on.year == ledger.year:
        ledger.payments += 1
        tables.add(
            "payments",
            payment=f"SK{ledger.year}{ledger.payments:05d}",
            date=paid_on,
            customer=dealer.customer.code,
            order=number,
            rep=rep.code,
            channel="transfer",
            amount=money(amount),
        )


def _add_targets(tables: Tables, the_reps: list[Rep], year: int) -> None:
    """Per-rep annual and monthly revenue targets (prorated for a rep hired in the year), the
    department's as their sums, and a monthly visits target per rep."""
    for y, which in ((year - 1, "prior"), (year, "current")):
        staff = [r for r in the_reps if r.works_on(date(y, 12, 31))]
        monthly = {r.code: _monthly(REP_TARGET[which], _first_month(r, y)) for r in staff}
        tables.target(y, "revenue", sum(sum(m.values()) for m in monthly.values()))
        for code, months in monthly.items():
            tables.target(y, "revenue", sum(months.values()), rep=code)
        for month in range(1, 13):
            tables.target(y, "revenue", sum(m.get(month, 0) for m in monthly.values()), month=month)
            for code, months in monthly.items():
                if month in months:
                    tables.target(y, "revenue", months[month], month=month, rep=code)
                    tables.target(y, "visits", VISIT_TARGET, month=month, rep=code)


def _first_month(rep: Rep, year: int) -> int:
    return rep.hired_on.month if rep.hired_on and rep.hired_on.year == year else 1


def _monthly(annual: int, first: int) -> dict[int, int]:
    """A full-year target spread by month weights over the months from `first` (in hundreds)."""
    scale = sum(MONTH_WEIGHTS)
    found = {m: round(annual * MONTH_WEIGHTS[m - 1] / scale / 100) * 100 for m in range(first, 13)}
    whole = round(annual * sum(MONTH_WEIGHTS[first - 1 :]) / scale / 10_000) * 10_000
    found[12] += whole - sum(found.values())
    return found
