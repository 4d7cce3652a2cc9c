"""The concrete department's collections (回款), calls and visits, targets and incidents."""

from __future__ import annotations

import calendar
from datetime import date
from random import Random
from typing import TYPE_CHECKING

from salesdesk.demo.dates import month_end, plus_days, workdays_of_month
from salesdesk.demo.kinds.concrete_people import Account, Site
from salesdesk.demo.people import Rep
from salesdesk.demo.sampling import Weighted, allocate, chance
from salesdesk.demo.tables import Tables, money

if TYPE_CHECKING:
    from salesdesk.demo.kinds.concrete import Pour

TARGET_VOLUME = {"prior": 168_000, "current": 178_000}  # m³
TARGET_PRICE = {"prior": 386, "current": 374}  # 元/m³ the plan assumed
COLLECTION_SHARE = 0.9
OUTCOMES = Weighted(
    [("deal", 0.2), ("interested", 0.3), ("pending", 0.25), ("rejected", 0.15), ("no_answer", 0.1)]
)
Sale = tuple[date, Account, int]
Receipt = tuple[date, str, str, int]  # date, customer, rep, cents


def add_payments(tables: Tables, sales: list[Sale], year: int, rng: Random) -> None:
    """Each month's deliveries are one statement, paid 1–4 months later; slow payers pay late."""
    statements: dict[tuple[str, int], int] = {}
    accounts: dict[str, Account] = {}
    for day, account, amount in sales:
        key = (account.customer.code, day.year * 12 + day.month - 1)
        statements[key] = statements.get(key, 0) + amount
        accounts[account.customer.code] = account
    receipts: list[Receipt] = []
    for (code, month), amount in statements.items():
        receipts.extend(_receipts(accounts[code], month, amount, rng))
    receipts = sorted(r for r in receipts if r[0] <= date(year, 12, 31))
    for seq, (day, code, rep, amount) in enumerate(receipts, start=1):
        tables.add(
            "payments",
            payment=f"HK{seq:06d}",
            date=day,
            customer=code,
            rep=rep,
            channel="transfer",
            amount=money(amount),
        )


def _receipts(account: Account, month: int, amount: int, rng: Random) -> list[Receipt]:
    lag = max(1, min(4, account.terms_days // 30 + account.extra_lag + rng.choice((-1, 0, 0, 1))))
    customer, rep = account.customer.code, account.customer.owner
    if not account.slow:
        return [(_pay_day(month + lag, rng), customer, rep, amount)]
    part = round(amount * rng.uniform(0.5, 0.8))
    late = lag + rng.randint(3, 6)
    return [
        (_pay_day(month + lag, rng), customer, rep, part),
        (_pay_day(month + late, rng), customer, rep, amount - part),
    ]


def _pay_day(month_index: int, rng: Random) -> date:
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(last, rng.randint(5, 28)))


def add_activities(
    tables: Tables, reps: list[Rep], sites: list[Site], year: int, rng: Random
) -> None:
    """Mostly phone calls and door-to-door visits, as the seed says."""
    for y in (year - 1, year):
        for month in range(1, 13):
            for rep in reps:
                own = list({s.customer.code: s for s in sites if s.customer.owner == rep.code})
                days = [d for d in workdays_of_month(y, month) if rep.works_on(d)]
                for day in sorted(rng.choice(days) for _ in range(rng.randint(8, 16)) if days):
                    _activity(tables, rep, rng.choice(own), day, rng)


def _activity(tables: Tables, rep: Rep, customer: str, day: date, rng: Random) -> None:
    kind = "call" if chance(rng, 0.55) else "visit"
    outcome = OUTCOMES.pick(rng)
    follow_up = plus_days(day, rng.randint(5, 20)) if outcome == "interested" else None
    note = "电话联系工程进度与用量" if kind == "call" else "上门拜访项目部"
    tables.add(
        "activities",
        date=day,
        rep=rep.code,
        customer=customer,
        kind=kind,
        outcome=outcome,
        next_follow_up=follow_up,
        note=note,
    )


def add_targets(
    tables: Tables, reps: list[Rep], sites: list[Site], year: int, month_weights: tuple[float, ...]
) -> None:
    """Volume (m³), revenue and collections for the department by month, volume and revenue by rep."""
    for y, which in ((year - 1, "prior"), (year, "current")):
        volume = TARGET_VOLUME[which]
        revenue = _round(volume * TARGET_PRICE[which], 10_000)
        totals = {
            "volume": volume,
            "revenue": revenue,
            "collections": _round(revenue * COLLECTION_SHARE, 10_000),
        }
        for metric, total in totals.items():
            tables.target(y, metric, total)
            for month, value in enumerate(allocate(total // 100, month_weights), start=1):
                tables.target(y, metric, value * 100, month=month)
        for code, share in _rep_shares(reps, sites, y).items():
            tables.target(y, "volume", _round(volume * share, 100), rep=code)
            tables.target(y, "revenue", _round(revenue * share, 10_000), rep=code)


def _round(value: float, step: int) -> int:
    return round(value / step) * step


def _rep_shares(reps: list[Rep], sites: list[Site], year: int) -> dict[str, float]:
    months = range(year * 12, year * 12 + 12)
    weights = {r.code: 0.0 for r in reps}
    for s in sites:
        active = sum(1 for m in months if s.first <= m <= s.last)
        weights[s.customer.owner] += s.weight * active
    scale = sum(weights.values())
    return {code: w / scale for code, w in weights.items() if w}


def add_incidents(tables: Tables, pours: list[Pour], year: int, rng: Random) -> None:
    """The head's wrongly filled pour order this year, a smaller slip last year, one weak test cube."""
    cases = (
        (
            year,
            "C01",
            "form_error",
            36_800,
            "填错砼浇筑委托单（C35 误填为 C30），造成质量事故，受到公司处罚",
        ),
        (year - 1, "C03", "form_error", 4_200, "委托单坍落度填写错误，现场退回一车"),
        (year, "C05", "quality", 12_000, "试块强度不足，返工凿除并赔偿"),
    )
    for y, rep, kind, cost, note in cases:
        fitting = [
            p
            for p in pours
            if p.day.year == y and p.site.customer.owner == rep and 4 <= p.day.month <= 9
        ]
        pour = rng.choice(fitting)
        day = min(plus_days(pour.day, rng.randint(3, 10)), month_end(y, 12))
        tables.add(
            "incidents",
            date=day,
            kind=kind,
            customer=pour.site.customer.code,
            order=pour.number,
            cost=money(cost * 100),
            note=note,
        )
