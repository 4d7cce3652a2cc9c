"""The concrete department's reps, construction customers and their building sites."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from salesdesk.demo.people import Customer, Rep
from salesdesk.demo.sampling import Weighted, around, chance

HEAD = "周建国"
# code, name, team, territory, hired into sales, customers owned
REPS = (
    ("C01", HEAD, "一组", "城东", (0, 3, 1), 9),
    ("C02", "翁银红", "一组", "城东", (-6, 4, 8), 18),
    ("C03", "李志强", "二组", "城西", (-8, 7, 3), 15),
    ("C04", "陈海燕", "二组", "高新区", (-5, 2, 17), 14),
    ("C05", "王磊", "三组", "经开区", (-7, 9, 10), 14),
    ("C06", "赵文斌", "三组", "县区", (-1, 6, 3), 10),
)
NAME_HEADS = [
    "龙泉",
    "金沙",
    "盛华",
    "宏远",
    "鸿达",
    "恒基",
    "华耀",
    "广厦",
    "天成",
    "中锦",
    "远大",
    "嘉禾",
    "瑞丰",
    "信和",
    "永安",
    "明珠",
    "东升",
    "新城",
    "汇通",
    "长兴",
    "富力达",
    "锦程",
    "隆盛",
    "安居",
]
NAME_TAILS = {
    "总包": "建设集团有限公司",
    "房地产": "房地产开发有限公司",
    "市政": "市政工程有限公司",
    "路桥": "路桥工程有限公司",
    "厂房": "建筑工程有限公司",
}
KINDS = Weighted([("总包", 40), ("房地产", 25), ("市政", 15), ("路桥", 8), ("厂房", 12)])
POUR_SIZE = {"总包": 85.0, "房地产": 95.0, "市政": 50.0, "路桥": 45.0, "厂房": 35.0}
TERMS = {
    "总包": (60, 90),
    "房地产": (90, 90, 60),
    "市政": (60, 90),
    "路桥": (30, 60),
    "厂房": (30, 30, 60),
}
PROJECTS = [
    "滨江花园",
    "阳光城",
    "锦绣华庭",
    "翠湖天地",
    "高新科技园",
    "南湖新城",
    "学府名苑",
    "金色港湾",
    "人民医院新院区",
    "地铁3号线",
    "绕城高速连接线",
    "第二中学新校区",
    "物流园仓储",
    "工业园标准厂房",
    "城东安置小区",
    "世纪广场",
    "天悦府",
    "御景湾",
    "文体中心",
    "污水处理厂扩建",
]
PHASES = ("一期", "二期", "三期", "A区", "B区")


@dataclass(frozen=True)
class Account:
    customer: Customer
    terms_days: int
    extra_lag: int  # months beyond the terms a customer usually pays
    slow: bool  # pays only part on time, the rest months later
    size: float  # relative weight of its business


@dataclass(frozen=True)
class Site:
    account: Account
    name: str
    weight: float
    pour_size: float
    price_factor: float
    pumped: bool
    first: int  # first month of pouring, as year × 12 + month − 1
    last: int

    @property
    def customer(self) -> Customer:
        return self.account.customer

    def pours_in(self, year: int, month: int) -> bool:
        return self.first <= year * 12 + month - 1 <= self.last


def reps(year: int) -> list[Rep]:
    """The head of sales joined from the supply office in March; 翁银红 works in his group."""
    found = []
    for code, name, team, territory, (y, m, d), _ in REPS:
        hired = date(year + y, m, d)
        manager = "总经理" if code == "C01" else HEAD
        found.append(Rep(code, name, team, territory, hired, None, manager))
    return found


def sites(year: int, rng: Random) -> list[Site]:
    found: list[Site] = []
    names = iter(_company_heads(rng))
    number = 0
    for rep in reps(year):
        owned = next(r[5] for r in REPS if r[0] == rep.code)
        earliest = (
            max(0, (rep.hired_on.year - year + 1) * 12 + rep.hired_on.month - 1)
            if rep.hired_on
            else 0
        )
        for i in range(owned):
            number += 1
            life = "new" if rep.code == "C01" or i == owned - 1 else "lost" if i < 2 else "both"
            account = _account(f"HT{number:03d}", next(names), rep, life, year, rng)
            found.extend(_sites_of(account, life, earliest, (year - 1) * 12, rng))
    return found


def _company_heads(rng: Random) -> list[str]:
    heads = list(NAME_HEADS) + [a + b for a in NAME_HEADS[:12] for b in NAME_HEADS[12:]]
    Random("concrete-names").shuffle(heads)
    return heads


def _account(code: str, head: str, rep: Rep, life: str, year: int, rng: Random) -> Account:
    kind = KINDS.pick(rng)
    size = around(rng, 1.0, 0.7) * (1.5 if rep.name == "翁银红" else 1.0)
    tier = "VIP" if size > 2.2 else "A" if size > 1.3 else "B" if size > 0.6 else "C"
    terms = rng.choice(TERMS[kind])
    since = (
        date(year, 3, 1)
        if life == "new"
        else date(year - rng.randint(2, 12), rng.randint(1, 12), 1)
    )
    source = (
        "上门推销"
        if life == "new"
        else rng.choice(("招投标", "老客户介绍", "电话联系", "上门推销"))
    )
    customer = Customer(
        code,
        head + NAME_TAILS[kind],
        rep.code,
        kind,
        rep.territory,
        "中国",
        tier,
        source,
        since,
        {"terms_days": terms},
    )
    return Account(customer, terms, rng.choice((0, 0, 1, 1, 2)), chance(rng, 0.12), size)


def _sites_of(account: Account, life: str, earliest: int, base: int, rng: Random) -> list[Site]:
    lo, hi = {"both": (0, 23), "lost": (0, 11), "new": (14, 23)}[life]
    lo = max(lo, earliest)
    windows = [_main_window(lo, hi, life, rng)]
    windows += [_window(lo, hi, rng) for _ in range(rng.choice((0, 0, 1, 2)))]
    kind = account.customer.kind
    return [
        Site(
            account,
            f"{rng.choice(PROJECTS)}{rng.choice(PHASES)}",
            account.size / len(windows),
            POUR_SIZE[kind] * rng.uniform(0.7, 1.3),
            rng.uniform(0.96, 1.04),
            kind not in ("路桥", "厂房") or chance(rng, 0.4),
            base + first,
            base + last,
        )
        for first, last in windows
    ]


def _main_window(lo: int, hi: int, life: str, rng: Random) -> tuple[int, int]:
    if life != "both":
        return _window(lo, hi, rng)
    return lo + rng.choice((0, 0, 0, 1, 2, 4, 6)), hi - rng.choice((0, 0, 0, 1, 2, 4, 6))


def _window(lo: int, hi: int, rng: Random) -> tuple[int, int]:
    first = rng.randint(lo, hi)
    return first, min(hi, first + rng.randint(3, 12))
