"""锦园私房菜, the hotel restaurant: bills with covers, their deductions and how each was paid.

Proportions follow the seed: about 10,474 bills a year, 6.6 covers a bill, discounts about 8.7%
of gross, vouchers, dish comps, 免零 rounding, 41 free bills, three hosting bills (宴请, 2,797 元,
paid by nobody), four banquet deposits (定金, 3,300 元), and receipts by cash, bank card, member
card, account (挂账), staff meal tickets and the Meituan / Dianping / Nuomi group-buy sites.
Some bills are paid two ways; exactly one bill of the year is paid 50 元 short of its net.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random

from salesdesk.demo.dates import days_of_year
from salesdesk.demo.kinds.hospitality_people import STAFF_MEAL_PAYER
from salesdesk.demo.sampling import Weighted, allocate, around, chance
from salesdesk.demo.tables import Tables, money

BILLS = {"current": 10_474, "prior": 11_260}
MONTH_WEIGHTS = (1.10, 1.05, 0.95, 0.95, 1.00, 0.90, 0.95, 1.00, 0.95, 1.05, 0.95, 1.15)
WEEKDAY_WEIGHTS = (0.85, 0.85, 0.90, 0.95, 1.20, 1.30, 1.10)
# The main way a bill is paid, by count (the seed's counts less the second payments of split bills).
PRIMARY = Weighted(
    [
        ("cash", 6272),
        ("bank_card", 1585),
        ("member_card", 1155),
        ("staff_meal", 549),
        ("on_account", 454),
        ("meituan", 329),
        ("dianping", 49),
        ("nuomi", 44),
    ]
)
MEAN_NET = {
    "cash": 214,
    "bank_card": 366,
    "member_card": 675,
    "staff_meal": 137,
    "on_account": 400,
    "meituan": 219,
    "dianping": 228,
    "nuomi": 241,
}  # 元 per payment in the seed
GROSS_FACTOR = 1.18  # gross per bill over the seed's net per payment
TWO_WAY = {"member_card": 0.25, "meituan": 0.4, "dianping": 0.4, "nuomi": 0.4}
SECOND = Weighted([("cash", 0.55), ("bank_card", 0.33), ("member_card", 0.12)])
DISCOUNT_RATES = Weighted([(0.12, 0.4), (0.15, 0.2), (0.20, 0.2), (0.25, 0.1), (0.30, 0.1)])
COMP_DISHES = (1800, 2800, 3800, 4800, 5800, 6800, 3790, 2890)  # cents
HOSTING = {"current": (118_600, 89_800, 71_300), "prior": (96_400, 128_800, 54_200, 77_500)}
DEPOSITS = (50_000, 80_000, 100_000, 100_000)  # the seed's four deposits, 3,300 元
FREE_BILLS = 41
LUNCH_VOUCHERS = 6  # 酒店赠送午餐代金券, 100 元 each
SHORT_BY = 5_000  # cents missing from the one short-paid bill


@dataclass
class Bill:
    number: str
    day: date
    channel: str
    gross: int
    covers: int
    customer: str | None
    role: str = ""
    deductions: list[tuple[str, int]] = field(default_factory=list)
    payments: list[tuple[str, int]] = field(default_factory=list)

    @property
    def net(self) -> int:
        return self.gross - sum(amount for _, amount in self.deductions)


def add_bills(tables: Tables, year: int, which: str, on_account: list[str], rng: Random) -> None:
    days = days_of_year(year)
    counts = allocate(
        BILLS[which], [MONTH_WEIGHTS[d.month - 1] * WEEKDAY_WEIGHTS[d.weekday()] for d in days]
    )
    roles = _roles(BILLS[which], which, rng)
    bills: list[Bill] = []
    for day, count in zip(days, counts, strict=True):
        for _ in range(count):
            number = f"CY{year}{len(bills) + 1:06d}"
            bills.append(_bill(number, day, roles.get(len(bills), ""), on_account, which, rng))
    for bill in bills:
        _add(tables, bill)


def _roles(total: int, which: str, rng: Random) -> dict[int, str]:
    """Which bills are special: hosting, free, deposit, lunch voucher, and the one short payment."""
    wanted = [f"hosting:{i}" for i in range(len(HOSTING[which]))] + ["free"] * FREE_BILLS
    wanted += [f"deposit:{i}" for i in range(len(DEPOSITS))] + ["lunch"] * LUNCH_VOUCHERS
    wanted += ["short"] if which == "current" else []
    return dict(zip(rng.sample(range(total), len(wanted)), wanted, strict=True))


def _bill(
    number: str, day: date, role: str, on_account: list[str], which: str, rng: Random
) -> Bill:
    channel = "cash" if role in ("short", "lunch") else PRIMARY.pick(rng)
    gross = _gross(channel, role, which, rng)
    per_cover = around(rng, 30.0 if channel == "staff_meal" else 56.0, 0.2)
    covers = min(60, max(1, round(gross / 100 / per_cover)))
    customer = (
        STAFF_MEAL_PAYER
        if channel == "staff_meal"
        else rng.choice(on_account)
        if channel == "on_account"
        else None
    )
    bill = Bill(number, day, channel, gross, covers, customer, role)
    bill.deductions = _deductions(bill, rng)
    bill.payments = _payments(bill, rng)
    return bill


def _gross(channel: str, role: str, which: str, rng: Random) -> int:
    if role.startswith("hosting:"):
        return HOSTING[which][int(role.split(":")[1])]
    mean = (
        2400.0
        if role.startswith("deposit:")
        else 500.0
        if role
        else MEAN_NET[channel] * GROSS_FACTOR
    )
    yuan = max(20.0, around(rng, mean, 0.55 if not role else 0.2))
    return round(yuan * 10) * 10 if chance(rng, 0.3) else round(yuan) * 100


def _deductions(bill: Bill, rng: Random) -> list[tuple[str, int]]:
    """Discount, then a voucher or the lunch voucher, a comped dish, and 免零 on the tail."""
    if bill.role.startswith("hosting:"):
        return [("hosting", bill.gross)]
    if bill.role == "free":
        return [("free", bill.gross)]
    found: list[tuple[str, int]] = []
    if bill.channel != "staff_meal" and not bill.role.startswith("deposit:") and chance(rng, 0.53):
        found.append(("discount", round(bill.gross * DISCOUNT_RATES.pick(rng))))
    if bill.role == "lunch":
        found.append(("other", 10_000))
    elif chance(rng, 0.1) and _left(bill, found) >= 15_000:
        found.append(("voucher", 10_000 if chance(rng, 0.6) else 5_000))
    dish = rng.choice(COMP_DISHES)
    if chance(rng, 0.02) and _left(bill, found) >= dish + 5_000:
        found.append(("comp", dish))
    tail = _left(bill, found) % 100
    return [*found, ("rounding", tail)] if tail else found


def _left(bill: Bill, deductions: list[tuple[str, int]]) -> int:
    return bill.gross - sum(amount for _, amount in deductions)


def _payments(bill: Bill, rng: Random) -> list[tuple[str, int]]:
    net = bill.net
    if net <= 0:
        return []
    if bill.role.startswith("deposit:"):
        deposit = DEPOSITS[int(bill.role.split(":")[1])]
        return [("deposit", deposit), (rng.choice(("cash", "bank_card")), net - deposit)]
    if bill.role == "short":
        return [("cash", net - min(SHORT_BY, net // 2))]
    if chance(rng, TWO_WAY.get(bill.channel, 0.02)) and net >= 4_000:
        first = round(net * rng.uniform(0.3, 0.8) / 100) * 100
        second = SECOND.pick(rng)
        second = "cash" if second == bill.channel else second
        return [(bill.channel, first), (second, net - first)]
    return [(bill.channel, net)]


def _add(tables: Tables, b: Bill) -> None:
    group_buy = b.channel in ("meituan", "dianping", "nuomi")
    tables.add(
        "orders",
        order=b.number,
        line=1,
        date=b.day,
        customer=b.customer,
        order_type="regular",
        channel="group_buy" if group_buy else "restaurant",
        product="团购套餐" if group_buy else "锦园私房菜 堂食",
        category="餐饮",
        quantity=b.covers,
        unit="cover",
        amount=money(b.gross),
        currency="CNY",
        covers=b.covers,
        status="normal",
    )
    for kind, amount in b.deductions:
        note = "酒店赠送午餐代金券" if kind == "other" else None
        tables.add(
            "adjustments", order=b.number, date=b.day, kind=kind, amount=money(amount), note=note
        )
    for i, (channel, amount) in enumerate(b.payments, start=1):
        tables.add(
            "payments",
            payment=f"{b.number}-{i}",
            date=b.day,
            customer=b.customer,
            order=b.number,
            channel=channel,
            amount=money(amount),
        )
