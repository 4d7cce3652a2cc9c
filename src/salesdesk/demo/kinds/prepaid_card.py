"""预付卡销售部: a prepaid stored-value card team formed on 15 October (seed summary 5).

Five reps hired that day work leads from the yellow pages (黄页), the mail-out (邮寄) and cold
visits (陌拜) in the tax hall and the high-tech zone's office towers. About 230 contacts are
logged by the year's end, far fewer than planned; most refusals are never approached again
(the seed's "被拒绝之后没有二次追踪"), some interested leads miss their follow-up date, and a few
card sales close from November.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random

from salesdesk.demo.dates import plus_days, workdays_between
from salesdesk.demo.people import Customer, Rep, add_customers, add_reps
from salesdesk.demo.sampling import Weighted, chance
from salesdesk.demo.tables import Tables, money

MANAGER = "高峰"
REPS = (("P01", "马骏"), ("P02", "钱晓东"), ("P03", "郑雪"), ("P04", "冯立"), ("P05", "何佳"))
DAILY_CONTACTS = {10: 0.3, 11: 0.6, 12: 0.95}  # first contacts per rep per working day, by month
FIRST_KIND = Weighted([("cold_visit", 0.55), ("call", 0.25), ("mail", 0.10), ("visit", 0.10)])
FIRST_OUTCOME = {
    "cold_visit": Weighted(
        [("rejected", 0.65), ("interested", 0.1), ("pending", 0.15), ("no_answer", 0.1)]
    ),
    "call": Weighted(
        [("rejected", 0.45), ("no_answer", 0.3), ("interested", 0.15), ("pending", 0.1)]
    ),
    "mail": Weighted([("pending", 0.8), ("no_answer", 0.2)]),
    "visit": Weighted([("interested", 0.5), ("deal", 0.05), ("pending", 0.25), ("rejected", 0.2)]),
}
FOLLOW_OUTCOME = Weighted([("deal", 0.2), ("interested", 0.4), ("pending", 0.2), ("rejected", 0.2)])
SOURCE = {"cold_visit": "cold_visit", "call": "yellow_pages", "mail": "mailing", "visit": "mailing"}
PLACES = ("高新区", "高新区", "税务大厅", "经开区", "老城区")
HEADS = [
    "博远",
    "华创",
    "科讯",
    "众合",
    "启明",
    "天润",
    "鼎盛",
    "嘉信",
    "易联",
    "腾跃",
    "汇智",
    "德行",
    "恒通",
    "联创",
    "新锐",
    "佳和",
    "明达",
    "正源",
    "卓越",
    "同舟",
    "弘毅",
    "睿思",
    "安泰",
    "锦程",
    "星火",
    "方圆",
    "远航",
    "蓝海",
    "青松",
    "瑞景",
]
TAILS = [
    "科技有限公司",
    "贸易有限公司",
    "软件有限公司",
    "餐饮管理有限公司",
    "文化传媒有限公司",
    "物业服务有限公司",
    "会计师事务所",
    "商贸有限公司",
    "医疗器械有限公司",
    "教育咨询有限公司",
]
FACE_VALUES = (100, 200, 500, 1000)
UNCONTACTED_LEADS = 30


@dataclass
class Team:
    start: date
    end: date
    leads: list[Customer] = field(default_factory=list)
    log: list[tuple[date, str, str, str, str, date | None]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def build(year: int, rng: Random) -> Tables:
    tables = Tables()
    start, end = date(year, 10, 15), date(year, 12, 31)
    reps = [Rep(code, name, "预付卡销售部", "高新区", start, None, MANAGER) for code, name in REPS]
    team = Team(start, end, names=_company_names())
    for day in workdays_between(start, end):
        for rep in reps:
            for _ in range(_contacts(day, rep, start, rng)):
                _first_contact(team, rep, day, rng)
    _uncontacted(team, rng)
    add_reps(tables, reps)
    add_customers(tables, team.leads)
    _write_log(tables, team, year, rng)
    _add_targets(tables, year, reps)
    return tables


def _company_names() -> list[str]:
    names = [h + t for h in HEADS for t in TAILS]
    Random("prepaid-leads").shuffle(names)
    return names


def _contacts(day: date, rep: Rep, start: date, rng: Random) -> int:
    """First contacts a rep makes that day; the team's first day always has one (the kick-off)."""
    rate = DAILY_CONTACTS[day.month]
    count = int(rate) + chance(rng, rate % 1)
    return max(count, 1) if day == start and rep.code == "P01" else count


def _first_contact(team: Team, rep: Rep, day: date, rng: Random) -> None:
    kind = FIRST_KIND.pick(rng)
    outcome = FIRST_OUTCOME[kind].pick(rng)
    if outcome == "deal" and day.month < 11:
        outcome = "interested"  # no card sale before November
    lead = _lead(team, rep, day, SOURCE[kind], rng)
    _log(team, day, rep.code, lead.code, kind, outcome, rng)


def _lead(team: Team, rep: Rep, day: date, source: str, rng: Random) -> Customer:
    code = f"YX{len(team.leads) + 1:03d}"
    lead = Customer(
        code,
        team.names[len(team.leads)],
        rep.code,
        "企业",
        rng.choice(PLACES),
        "中国",
        "C",
        source,
        day,
    )
    team.leads.append(lead)
    return lead


def _log(team: Team, day: date, rep: str, lead: str, kind: str, outcome: str, rng: Random) -> None:
    """Record a contact and, depending on the outcome, the follow-up that happens (or does not)."""
    due = _weekday(plus_days(day, rng.randint(3, 10))) if outcome == "interested" else None
    team.log.append((day, rep, lead, kind, outcome, due))
    after = _next_contact(day, outcome, due, rng)
    if after and _weekday(after) <= team.end:
        after = _weekday(after)
        follow = FOLLOW_OUTCOME.pick(rng)
        follow = "interested" if follow == "deal" and after.month < 11 else follow
        _log(team, after, rep, lead, "visit" if chance(rng, 0.6) else "call", follow, rng)


def _weekday(day: date) -> date:
    """Saturday and Sunday move to the Monday after."""
    return plus_days(day, max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


def _next_contact(day: date, outcome: str, due: date | None, rng: Random) -> date | None:
    """Rejections are rarely revisited; interest is followed up on time, late, or never."""
    if outcome == "rejected":
        return plus_days(day, rng.randint(5, 20)) if chance(rng, 0.1) else None
    if outcome == "interested" and due:
        roll = rng.random()
        return due if roll < 0.5 else plus_days(due, rng.randint(2, 9)) if roll < 0.7 else None
    return None


def _uncontacted(team: Team, rng: Random) -> None:
    """Leads compiled from the yellow pages and the mail-out that nobody has called yet."""
    for i in range(UNCONTACTED_LEADS):
        day = plus_days(team.start, rng.randint(0, 20))
        source = "yellow_pages" if i % 2 else "mailing"
        team.leads.append(
            Customer(
                f"YX{len(team.leads) + 1:03d}",
                team.names[len(team.leads)],
                "",
                "企业",
                rng.choice(PLACES),
                "中国",
                "C",
                source,
                day,
            )
        )


def _write_log(tables: Tables, team: Team, year: int, rng: Random) -> None:
    notes = {
        "cold_visit": "陌生拜访",
        "call": "黄页电话",
        "mail": "寄送《至客户的一封信》",
        "visit": "上门面谈",
    }
    for seq, (day, rep, lead, kind, outcome, due) in enumerate(
        sorted(team.log, key=lambda r: r[:3])
    ):
        tables.add(
            "activities",
            date=day,
            rep=rep,
            customer=lead,
            kind=kind,
            outcome=outcome,
            next_follow_up=due,
            note=notes[kind],
        )
        if outcome == "deal":
            _card_sale(tables, f"YK{year}{seq + 1:04d}", day, rep, lead, rng)


def _card_sale(tables: Tables, number: str, day: date, rep: str, lead: str, rng: Random) -> None:
    face = rng.choice(FACE_VALUES)
    cards = rng.choice((20, 30, 50, 80, 100, 150))
    tables.add(
        "orders",
        order=number,
        line=1,
        date=day,
        customer=lead,
        rep=rep,
        order_type="own",
        channel="direct",
        product=f"万事无忧储值卡 {face}元",
        category="储值卡",
        quantity=cards,
        unit="card",
        unit_price=money(face * 100),
        amount=money(face * cards * 100),
        currency="CNY",
        status="normal",
    )
    paid = min(plus_days(day, rng.randint(0, 5)), date(day.year, 12, 31))
    tables.add(
        "payments",
        payment=f"{number}-1",
        date=paid,
        customer=lead,
        order=number,
        rep=rep,
        channel="transfer",
        amount=money(face * cards * 100),
    )


def _add_targets(tables: Tables, year: int, reps: list[Rep]) -> None:
    """Revenue and contacts the company asked for in the team's first quarter."""
    revenue = {10: 100_000, 11: 200_000, 12: 300_000}
    visits = {10: 260, 11: 400, 12: 460}
    tables.target(year, "revenue", sum(revenue.values()))
    for month in (10, 11, 12):
        tables.target(year, "revenue", revenue[month], month=month)
        tables.target(year, "visits", visits[month], month=month)
    for rep in reps:
        tables.target(year, "revenue", 120_000, rep=rep.code)
