"""The 销售一部 team: twelve reps in three groups, each with a working style, and their dealers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from salesdesk.demo.people import Customer, Rep

SUPERVISOR = "王建华"
AREAS = {"一组": "城区", "二组": "郊县", "三组": "开发区"}


@dataclass(frozen=True)
class Style:
    """How a rep works: visits a day, price level, share of leads followed up, customers lost."""

    visits: float = 2.6
    price: float = 1.0
    follow_up: float = 0.85
    lost: int = 0  # how many of their dealers went to a competitor this year
    reason: str = ""


STYLES = {  # code: name, group, style (the four weak ones each show one reason in the data)
    "T01": ("张伟", "一组", Style(3.1, 1.02, 0.9)),
    "T02": ("王芳", "一组", Style(2.9, 1.0, 0.9)),
    "T03": ("李强", "一组", Style(1.3, 1.0, 0.8, 0, "拜访量少")),
    "T04": ("刘洋", "一组", Style(2.6)),
    "T05": ("陈静", "二组", Style(3.0, 1.0, 0.92)),
    "T06": ("杨磊", "二组", Style(2.7, 0.75, 0.85, 0, "低价出货")),
    "T07": ("赵敏", "二组", Style(2.5)),
    "T08": ("黄涛", "二组", Style(2.6, 1.0, 0.85, 6, "客户流失")),
    "T09": ("周杰", "三组", Style(2.9, 1.0, 0.9)),
    "T10": ("吴霞", "三组", Style(2.4)),
    "T11": ("徐斌", "三组", Style(2.7, 1.0, 0.05, 0, "不跟进")),
    "T12": ("孙丽", "三组", Style(2.4, 1.0, 0.8)),
}
DEALERS_PER_REP = 14
SHOP_HEADS = [
    "新华",
    "万家",
    "顺达",
    "金鼎",
    "百信",
    "家和",
    "惠民",
    "阳光",
    "旺角",
    "福满",
    "永利",
    "鑫源",
    "宏达",
    "民生",
    "安康",
    "锦华",
    "益丰",
    "汇丰",
    "长城",
    "东方",
    "华联",
    "联发",
    "利民",
    "祥和",
    "天虹",
    "好运",
    "国美佳",
    "新世纪",
    "大众",
    "兴隆",
]
SHOP_TAILS = ("电器商行", "家电城", "电器专卖店", "家电超市", "五金电器店", "数码家电")


@dataclass(frozen=True)
class Dealer:
    customer: Customer
    weight: float
    lost_from: date | None  # first day it no longer buys


def reps(year: int) -> list[Rep]:
    found = []
    for code, (name, team, _) in STYLES.items():
        hired = date(year, 3, 3) if code == "T12" else date(year - 10 + int(code[1:]) % 8, 4, 1)
        found.append(Rep(code, name, team, AREAS[team], hired, None, SUPERVISOR))
    return found


def style_of(code: str) -> Style:
    return STYLES[code][2]


def dealers(year: int, rng: Random) -> list[Dealer]:
    names = [h + t for h in SHOP_HEADS for t in SHOP_TAILS]
    Random("team-dealers").shuffle(names)
    found = []
    for r, rep in enumerate(reps(year)):
        for i in range(DEALERS_PER_REP):
            number = r * DEALERS_PER_REP + i
            lost = date(year, 1, 1) if i < style_of(rep.code).lost else None
            found.append(_dealer(f"KH{number + 1:03d}", names[number], rep, lost, year, rng))
    return found


def _dealer(code: str, name: str, rep: Rep, lost: date | None, year: int, rng: Random) -> Dealer:
    weight = rng.uniform(0.4, 1.8)
    tier = "A" if weight > 1.4 else "B" if weight > 0.8 else "C"
    since = date(year - rng.randint(2, 13), rng.randint(1, 12), 1)
    customer = Customer(
        code,
        f"{rep.territory}{name}",
        rep.code,
        "经销商",
        rep.territory,
        "中国",
        tier,
        rng.choice(("老客户", "上门开发", "转介绍")),
        since,
    )
    return Dealer(customer, weight, lost)
