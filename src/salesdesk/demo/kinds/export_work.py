"""The export department's calls and meetings, targets, product ideas and incidents."""

from __future__ import annotations

from datetime import date
from random import Random
from typing import TYPE_CHECKING

from salesdesk.demo.dates import month_end, plus_days, workdays_of_month
from salesdesk.demo.kinds.export_people import Buyer
from salesdesk.demo.money import cents
from salesdesk.demo.people import Rep
from salesdesk.demo.sampling import Weighted, chance
from salesdesk.demo.tables import Tables, money

if TYPE_CHECKING:
    from salesdesk.demo.kinds.export import Order

# 600–700万 a month, the level the seed calls ideal.
MONTHLY_TARGET_WAN = (600, 550, 650, 650, 700, 650, 700, 700, 700, 650, 650, 600)
PRIOR_TARGET_FACTOR = 80 / 78
CALL_OUTCOMES = Weighted(
    [("deal", 0.10), ("interested", 0.30), ("pending", 0.30), ("no_answer", 0.30)]
)
MEETING_OUTCOMES = Weighted([("deal", 0.25), ("interested", 0.45), ("pending", 0.30)])
IDEA_CONCEPTS = (
    "可折叠收纳箱",
    "抗菌砧板",
    "带刻度保鲜盒",
    "宠物喂食碗",
    "防滑衣架",
    "便携餐具盒",
    "节日限定杯",
    "儿童学习餐盘",
    "厨房沥水篮",
    "可叠放花盆",
    "真空保温壶",
    "车载收纳袋",
)
IDEA_FOR = ("日本城", "Jumbo", "Cainz Home", "ValueMart", "百元店渠道", "欧洲超市", "美国礼品商")
IDEA_STATUS = Weighted([("adopted", 0.2), ("rejected", 0.55), ("submitted", 0.25)])
INCIDENT_COUNTS = {
    "prior": {"mold_delay": 3, "sample": 3, "quality": 3},
    "current": {"mold_delay": 6, "sample": 5, "quality": 5},
}
INCIDENT_NOTES = {
    "mold_delay": "模具未按期完成，客户投诉",
    "sample": "样板与确认稿不符，对客户失信",
    "quality": "不良品偏多，返工并被客户扣款",
}


def add_activities(
    tables: Tables, reps: list[Rep], buyers: list[Buyer], year: int, rng: Random
) -> None:
    for y in (year - 1, year):
        for month in range(1, 13):
            for rep in reps:
                if rep.works_on(month_end(y, month)):
                    _rep_month(tables, rep, buyers, y, month, rng)


def _rep_month(
    tables: Tables, rep: Rep, buyers: list[Buyer], year: int, month: int, rng: Random
) -> None:
    days = [d for d in workdays_of_month(year, month) if rep.works_on(d)]
    own = [
        b
        for b in buyers
        if b.owner == rep.code and (b.last is None or b.last >= date(year, month, 1))
    ]
    if not own or not days:
        return
    meetings = rng.randint(2, 5) if month in (4, 10) else 0  # the Canton Fair
    for kind, count in (("call", rng.randint(3, 8)), ("meeting", meetings)):
        for day in sorted(rng.choice(days) for _ in range(count)):
            _activity(tables, rep, rng.choice(own), kind, day, rng)


def _activity(tables: Tables, rep: Rep, buyer: Buyer, kind: str, day: date, rng: Random) -> None:
    outcome = (CALL_OUTCOMES if kind == "call" else MEETING_OUTCOMES).pick(rng)
    follow_up = plus_days(day, rng.randint(7, 21)) if outcome == "interested" else None
    note = "广交会洽谈新品" if kind == "meeting" else "与买手电话沟通订单计划"
    tables.add(
        "activities",
        date=day,
        rep=rep.code,
        customer=buyer.code,
        kind=kind,
        outcome=outcome,
        next_follow_up=follow_up,
        note=note,
    )


def add_targets(tables: Tables, reps: list[Rep], buyers: list[Buyer], year: int) -> None:
    for y, factor in ((year - 1, PRIOR_TARGET_FACTOR), (year, 1.0)):
        monthly = [round(w * factor) * 10_000 for w in MONTHLY_TARGET_WAN]
        tables.target(y, "revenue", sum(monthly))
        for month, value in enumerate(monthly, start=1):
            tables.target(y, "revenue", value, month=month)
        for rep, value in _rep_targets(reps, buyers, y, sum(monthly)).items():
            tables.target(y, "revenue", value, rep=rep)


def _rep_targets(reps: list[Rep], buyers: list[Buyer], year: int, total: int) -> dict[str, int]:
    """Each rep's share of the department target, by the weight of the buyers they own."""
    start = date(year, 1, 1)
    weights = {r.code: 0.0 for r in reps if r.works_on(date(year, 12, 31)) or r.works_on(start)}
    for b in buyers:
        if b.owner in weights and (b.last is None or b.last >= start) and b.first.year <= year:
            weights[b.owner] += b.weight * (0.3 if b.first.year == year else 1.0)
    scale = sum(weights.values())
    return {code: round(total * w / scale / 10_000) * 10_000 for code, w in weights.items() if w}


def add_ideas(tables: Tables, reps: list[Rep], year: int, rng: Random) -> None:
    """One product idea per rep per month; some adopted, with a reward."""
    for y in (year - 1, year):
        for month in range(1, 13):
            day = next(d for d in workdays_of_month(y, month) if d.day >= 20)
            for rep in reps:
                if rep.works_on(day):
                    _idea(tables, rep, day, y == year and month == 12, rng)


def _idea(tables: Tables, rep: Rep, day: date, recent: bool, rng: Random) -> None:
    status = "submitted" if recent else IDEA_STATUS.pick(rng)
    reward = money(100 * rng.choice((500, 1000, 2000))) if status == "adopted" else None
    title = f"为{rng.choice(IDEA_FOR)}开发{rng.choice(IDEA_CONCEPTS)}"
    tables.add("ideas", date=day, rep=rep.code, title=title, status=status, reward=reward)


def add_incidents(tables: Tables, orders: list[Order], year: int, rng: Random) -> None:
    cutoff = date(year, 12, 31)
    found = [row for o in orders if (row := _late(o, rng))]
    for y, which in ((year - 1, "prior"), (year, "current")):
        of_year = [o for o in orders if o.day.year == y and o.status == "normal"]
        for kind, count in INCIDENT_COUNTS[which].items():
            found.extend(
                _incident(o, kind, rng) for o in rng.sample(_fitting(of_year, kind), count)
            )
    found = sorted((r for r in found if r[0] <= cutoff), key=lambda r: (r[0], r[1], r[2]))
    for day, kind, number, customer, cost, note in found:
        tables.add(
            "incidents", date=day, kind=kind, customer=customer, order=number, cost=cost, note=note
        )


Incident = tuple[date, str, str, str, str, str]


def _late(o: Order, rng: Random) -> Incident | None:
    if o.status != "normal" or not (o.delivered_on and o.promised_on):
        return None
    delay = (o.delivered_on - o.promised_on).days
    if delay < 7 or not chance(rng, 0.7):
        return None
    cost = money(cents(o.amount_cny / 100 * rng.uniform(0.004, 0.015)))
    note = f"交期延误{delay}天，补货改空运"
    return (o.delivered_on, "late_delivery", o.number, o.buyer.code, cost, note)


def _fitting(orders: list[Order], kind: str) -> list[Order]:
    if kind == "mold_delay":
        return [o for o in orders if o.order_type in ("oem", "odm")]
    if kind == "quality":
        return [o for o in orders if o.delivered_on]
    return orders


def _incident(o: Order, kind: str, rng: Random) -> Incident:
    base = o.delivered_on if kind == "quality" and o.delivered_on else o.day
    day = plus_days(base, rng.randint(10, 30))
    cost = {
        "mold_delay": rng.choice((0, 3000, 5000, 8000)),
        "sample": rng.randint(8, 30) * 100,
        "quality": rng.randint(10, 60) * 1000,
    }[kind]
    return (day, kind, o.number, o.buyer.code, money(cost * 100), INCIDENT_NOTES[kind])
