"""The hotel's sales staff and its customers: agreement companies, travel agencies, the canteen account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from salesdesk.demo.people import Customer, Rep

MANAGER = "总经理"
STAFF_MEAL_PAYER = "KH-XYQJ"  # 昆明新颐侨江投资有限公司, whose staff eat on meal tickets
COMPANY_HEADS = [
    "云岭",
    "滇池",
    "春城",
    "金马",
    "碧鸡",
    "翠湖",
    "盘龙",
    "五华",
    "官渡",
    "呈贡",
    "高原",
    "七彩",
    "彩云",
    "石林",
    "抚仙",
    "世博",
    "螺蛳湾",
    "昆钢",
    "南屏",
    "东风",
]
COMPANY_TAILS = [
    "科技有限公司",
    "商贸有限公司",
    "医药有限公司",
    "建设工程有限公司",
    "电力设备有限公司",
    "信息技术有限公司",
    "物流有限公司",
    "咨询有限公司",
]
AGENCY_HEADS = ("康辉", "中青", "春秋", "金孔雀", "国旅", "海外", "途易", "七彩云南")


@dataclass(frozen=True)
class Account:
    customer: Customer
    rate: int  # agreed room rate in yuan (agreement companies) or group rate (agencies)
    weight: float
    first_year: int = 0
    last_year: int = 9999

    def active(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


def reps(year: int) -> list[Rep]:
    rows = (
        ("H01", "刘芳", "销售部", "协议客户", date(year - 9, 3, 1)),
        ("H02", "张丽", "销售部", "协议客户", date(year - 6, 7, 15)),
        ("H03", "杨帆", "销售部", "旅行社/网络", date(year - 4, 4, 6)),
        ("H04", "李娜", "餐饮营销", "锦园私房菜", date(year - 1, 9, 1)),
    )
    return [Rep(c, n, t, terr, h, None, MANAGER) for c, n, t, terr, h in rows]


def agreement_accounts(year: int, rng: Random) -> list[Account]:
    """40 agreement companies (协议客户): ten stopped staying this year, four signed this year."""
    names = [h + t for h in COMPANY_HEADS for t in COMPANY_TAILS]
    Random("hotel-companies").shuffle(names)
    found = []
    for i, name in enumerate(names[:40]):
        first, last = (year, 9999) if i >= 36 else (0, year - 1) if i < 10 else (0, 9999)
        since = (
            date(year, rng.randint(2, 6), 1)
            if first
            else date(year - rng.randint(1, 11), rng.randint(1, 12), 1)
        )
        customer = Customer(
            f"XY{i + 1:03d}",
            name,
            ("H01", "H02")[i % 2],
            "协议客户",
            "昆明",
            "中国",
            rng.choice(("A", "B", "B", "C")),
            "协议签约",
            since,
        )
        found.append(
            Account(customer, rng.choice((168, 178, 178, 188)), rng.uniform(0.3, 2.0), first, last)
        )
    return found


def agency_accounts(year: int, rng: Random) -> list[Account]:
    found = []
    for i, head in enumerate(AGENCY_HEADS):
        customer = Customer(
            f"LXS{i + 1:02d}",
            f"昆明{head}国际旅行社有限公司",
            "H03",
            "旅行社",
            "昆明",
            "中国",
            "B",
            "走访旅行社",
            date(year - 7 + i % 6, 3, 1),
        )
        found.append(Account(customer, rng.choice((138, 148, 158)), rng.uniform(0.5, 1.5)))
    return found


def staff_meal_customer(year: int) -> Customer:
    return Customer(
        STAFF_MEAL_PAYER,
        "昆明新颐侨江投资有限公司",
        "H04",
        "驻店公司",
        "昆明",
        "中国",
        "A",
        "驻店公司",
        date(year - 10, 1, 1),
    )
