"""海外销售部: an export OEM/ODM department selling to Japan, the US and Europe (seed summary 1).

What the data shows, as the seed describes it: revenue around 600–700万 a month with a weak
January, February and June; gift and OEM/ODM orders too large a share; orders in USD and JPY as
the RMB keeps rising; late deliveries, mold delays and sample problems; one product idea per rep
per month; Nico, an old hand, leaving on 30 September with her Japanese customers; a new rep
joining mid-year; and a year that sells less than the one before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from random import Random

from salesdesk.demo.dates import month_end, plus_days, workdays_of_month
from salesdesk.demo.kinds.export_people import BUYER_KINDS, Buyer, buyers, reps
from salesdesk.demo.kinds.export_work import add_activities, add_ideas, add_incidents, add_targets
from salesdesk.demo.money import cents, convert, split
from salesdesk.demo.people import add_customers, add_reps
from salesdesk.demo.sampling import Weighted, around, chance
from salesdesk.demo.tables import Tables, money

# Revenue share by order type (the seed: gift and OEM/ODM shares too large) and mean order size.
ORDER_TYPES = {  # order type → (share of revenue, mean order in CNY)
    "regular": (0.30, 380_000),
    "gift": (0.22, 900_000),
    "promo": (0.08, 320_000),
    "oem": (0.20, 620_000),
    "odm": (0.12, 520_000),
    "own": (0.08, 260_000),
}
# Month weights: the seed's weak start (Jan/Feb) and weak June, against a flatter year before.
MONTH_WEIGHTS = {
    "current": (0.55, 0.50, 1.05, 1.15, 1.15, 0.60, 1.15, 1.20, 1.20, 1.15, 1.10, 1.00),
    "prior": (0.85, 0.65, 1.05, 1.10, 1.10, 1.00, 1.10, 1.15, 1.15, 1.10, 1.05, 1.00),
}
ANNUAL_REVENUE = {"current": 70_000_000, "prior": 79_000_000}
# (product, category, USD unit price) for household lines and for gift/promotion lines.
HOUSEHOLD = (
    ("PP收纳箱 30L Storage Box", "收纳", 1.85),
    ("衣架10支装 Hanger Set", "家居", 0.95),
    ("保鲜盒三件套 Food Container Set", "厨房", 1.60),
    ("双层水杯 Double-wall Tumbler", "厨房", 1.20),
    ("儿童餐具套装 Kids Tableware Set", "厨房", 2.10),
    ("浴室置物架 Bath Caddy", "家居", 2.40),
    ("园艺花盆 8in Planter", "园艺", 0.85),
    ("抽屉收纳格 Drawer Organiser", "收纳", 0.70),
)
GIFTS = (
    ("促销扇子 Promo Fan", "赠品", 0.18),
    ("印刷环保袋 Printed Tote", "赠品", 0.45),
    ("卡通便当盒 Cartoon Bento Box", "赠品", 0.75),
    ("赠品水杯 Gift Cup", "赠品", 0.38),
    ("卡通钥匙扣 Keyring", "赠品", 0.22),
)
LATE_SHARE = {"current": 0.20, "prior": 0.12}


@dataclass
class Order:
    number: str
    day: date
    buyer: Buyer
    order_type: str
    currency: str
    fx_rate: Decimal
    # (product, category, quantity, unit price in cents of the order's currency)
    lines: list[tuple[str, str, int, int]] = field(default_factory=list)
    promised_on: date | None = None
    delivered_on: date | None = None
    status: str = "normal"

    @property
    def amount_cny(self) -> int:
        return sum(convert(qty * price, self.fx_rate) for _, _, qty, price in self.lines)


def build(year: int, rng: Random) -> Tables:
    tables = Tables()
    the_reps, the_buyers = reps(year), buyers(year, rng)
    add_reps(tables, the_reps)
    add_customers(tables, [b.customer for b in the_buyers])
    orders = _orders(year - 1, "prior", the_buyers, year, rng) + _orders(
        year, "current", the_buyers, year, rng
    )
    for o in orders:
        _add_order(tables, o, year)
    _add_payments(tables, orders, year, rng)
    add_activities(tables, the_reps, the_buyers, year, rng)
    add_targets(tables, the_reps, the_buyers, year)
    add_ideas(tables, the_reps, year, rng)
    add_incidents(tables, orders, year, rng)
    return tables


def fx_rate(currency: str, year: int, month: int) -> Decimal:
    """Monthly book rate to CNY; the RMB strengthens slowly month by month."""
    step = (year - 2024) * 12 + month - 1
    rates = {
        "USD": 7.2050 - 0.0095 * step,
        "EUR": 7.8600 - 0.0070 * step,
        "JPY": 0.048600 - 0.000040 * step,
    }
    places = "0.000001" if currency == "JPY" else "0.0001"
    return Decimal(str(rates.get(currency, 1.0))).quantize(Decimal(places))


def _orders(
    year: int, which: str, all_buyers: list[Buyer], last_year: int, rng: Random
) -> list[Order]:
    orders: list[Order] = []
    monthly = ANNUAL_REVENUE[which] / sum(MONTH_WEIGHTS[which])
    for month, weight in enumerate(MONTH_WEIGHTS[which], start=1):
        budget = cents(monthly * weight * rng.uniform(0.95, 1.05))
        orders.extend(
            _month_orders(year, month, budget, which, all_buyers, len(orders), last_year, rng)
        )
    return orders


def _month_orders(
    year: int,
    month: int,
    budget: int,
    which: str,
    all_buyers: list[Buyer],
    seq: int,
    last_year: int,
    rng: Random,
) -> list[Order]:
    days = workdays_of_month(year, month)
    live = [
        b
        for b in all_buyers
        if b.buys_on(month_end(year, month)) and b.buys_on(date(year, month, 1))
    ]
    orders: list[Order] = []
    total = 0
    while total < budget:
        order = _order(f"EX{year}{seq + len(orders) + 1:04d}", rng.choice(days), live, which, rng)
        _schedule(order, which, date(last_year, 12, 31), rng)
        orders.append(order)
        total += order.amount_cny
    _cancel_one(orders, rng)
    return sorted(orders, key=lambda o: (o.day, o.number))


def _order(number: str, day: date, live: list[Buyer], which: str, rng: Random) -> Order:
    order_type = _TYPE_PICK.pick(rng)
    kinds = {k for k, types in BUYER_KINDS.items() if order_type in types}
    candidates = [b for b in live if b.kind in kinds]
    buyer = rng.choices(candidates, weights=[b.weight for b in candidates], k=1)[0]
    currency = buyer.currency
    order = Order(number, day, buyer, order_type, currency, fx_rate(currency, day.year, day.month))
    value = around(rng, ORDER_TYPES[order_type][1], 0.45) * (0.9 if which == "current" else 1.0)
    for share in _line_shares(rng):
        order.lines.append(_line(order, value * share, rng))
    return order


def _line_shares(rng: Random) -> list[float]:
    parts = [rng.uniform(0.5, 1.5) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
    return [p / sum(parts) for p in parts]


def _line(order: Order, value_cny: float, rng: Random) -> tuple[str, str, int, int]:
    catalogue = GIFTS if order.order_type in ("gift", "promo") and chance(rng, 0.8) else HOUSEHOLD
    product, category, usd = rng.choice(catalogue)
    usd_rate = fx_rate("USD", order.day.year, order.day.month)
    price_cny = usd * float(usd_rate) * rng.uniform(0.92, 1.08)
    price = _price_in(order.currency, price_cny, order.fx_rate)
    quantity = max(500, round(value_cny / price_cny / 100) * 100)
    return product, category, quantity, price


def _price_in(currency: str, price_cny: float, rate: Decimal) -> int:
    """Unit price in the order's currency, in cents; JPY prices are whole yen."""
    price = price_cny / float(rate)
    return round(price) * 100 if currency == "JPY" else cents(price)


def _schedule(order: Order, which: str, cutoff: date, rng: Random) -> None:
    lead = rng.randint(25, 40) if order.order_type == "promo" else rng.randint(40, 70)
    order.promised_on = plus_days(order.day, lead)
    late = chance(rng, LATE_SHARE[which])
    delivered = plus_days(order.promised_on, rng.randint(3, 28) if late else -rng.randint(0, 5))
    order.delivered_on = delivered if delivered <= cutoff else None


def _cancel_one(orders: list[Order], rng: Random) -> None:
    if len(orders) > 12 and chance(rng, 0.3):
        victim = rng.choice(orders)
        victim.status, victim.delivered_on = "cancelled", None


def _add_order(tables: Tables, o: Order, year: int) -> None:
    for number, (product, category, quantity, price) in enumerate(o.lines, start=1):
        tables.add(
            "orders",
            order=o.number,
            line=number,
            date=o.day,
            customer=o.buyer.code,
            rep=o.buyer.owner,
            order_type=o.order_type,
            channel="export",
            product=product,
            category=category,
            quantity=quantity,
            unit="pcs",
            unit_price=money(price),
            amount=money(quantity * price),
            currency=o.currency,
            fx_rate=o.fx_rate,
            promised_on=o.promised_on,
            delivered_on=o.delivered_on,
            status=o.status,
            incoterm="FOB",
            **_export_columns(o, price, year),
        )


# The year the department set up its customer confirmation sheet (客户资料确认表, seed summary 1):
# most orders are confirmed before release, a few are released with an item missing or confirmed
# late. The export rebate falls from 13% to 9% on 1 July. Unit cost (CNY incl. VAT) sits 72–84% of
# the CNY price. Each order draws from its own Random, so the rest of the data is unchanged.
REBATE = {"first_half": "0.13", "second_half": "0.09"}
CHECK_ITEMS = ("packaging_confirmed", "marks_confirmed", "design_confirmed")
GAP_SHARE = 0.06


def _export_columns(o: Order, price: int, year: int) -> dict[str, object]:
    """Rebate, unit cost, and (in the report year, when the sheet exists) the checklist."""
    rng = Random(f"export-columns:{o.number}")
    cost = cents(price / 100 * float(o.fx_rate) * rng.uniform(0.72, 0.84))
    half = "first_half" if o.day.month <= 6 or o.day.year < year else "second_half"
    columns: dict[str, object] = {"rebate_rate": REBATE[half], "unit_cost": money(cost)}
    if o.day.year >= year:
        columns.update(_checklist(o, rng))
    return columns


def _checklist(o: Order, rng: Random) -> dict[str, object]:
    confirmed = plus_days(o.day, rng.randint(1, 6))
    released = plus_days(confirmed, rng.randint(1, 5))
    answers = dict.fromkeys(CHECK_ITEMS, "是")
    if chance(rng, GAP_SHARE):
        if chance(rng, 0.6):
            answers[rng.choice(CHECK_ITEMS)] = "否"  # mostly the shipping marks in practice
        else:
            confirmed = plus_days(released, rng.randint(2, 8))  # confirmed after release
    return {**answers, "confirmed_on": confirmed, "released_on": released}


def _add_payments(tables: Tables, orders: list[Order], year: int, rng: Random) -> None:
    cutoff = date(year, 12, 31)
    receipts: list[tuple[date, Order, str, int]] = []
    for o in orders:
        if o.status == "normal":
            receipts.extend(r for r in _receipts(o, rng) if r[0] <= cutoff)
    receipts.sort(key=lambda r: (r[0], r[1].number, r[2]))
    for seq, (day, o, channel, amount) in enumerate(receipts, start=1):
        tables.add(
            "payments",
            payment=f"RV{seq:06d}",
            date=day,
            customer=o.buyer.code,
            order=o.number,
            rep=o.buyer.owner,
            channel=channel,
            amount=money(amount),
        )


def _receipts(o: Order, rng: Random) -> list[tuple[date, Order, str, int]]:
    """L/C pays in full after shipment; T/T pays a 30% deposit, the balance after delivery."""
    total = o.amount_cny
    shipped = o.delivered_on
    if o.buyer.terms == "lc":
        return (
            [(plus_days(shipped, rng.randint(10, 25)), o, "letter_of_credit", total)]
            if shipped
            else []
        )
    deposit, balance = split(total, 0.3)
    receipts = [(plus_days(o.day, rng.randint(3, 12)), o, "transfer", deposit)]
    if shipped:
        receipts.append((plus_days(shipped, rng.randint(15, 45)), o, "transfer", balance))
    return receipts


_TYPE_PICK = Weighted([(name, share / size) for name, (share, size) in ORDER_TYPES.items()])
