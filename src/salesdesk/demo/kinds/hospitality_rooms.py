"""The hotel's 120 rooms: monthly capacity and one room-night order line per booking.

Each day sells about 120 × the month's occupancy in room-nights (counted on the check-in day),
split into bookings by channel: agreement companies (协议客户) at their agreed rate, walk-ins
(散客), Ctrip, eLong and Qunar, travel-agency groups (团队) and a few complimentary rooms. The
year lands near the seed's 68% occupancy and 185 元 average daily rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from salesdesk.demo.dates import days_of_year
from salesdesk.demo.kinds.hospitality_people import Account
from salesdesk.demo.sampling import Weighted
from salesdesk.demo.tables import Tables, money

ROOMS = 120
OCCUPANCY = {  # by month; the year before was fuller, with more agreement guests
    "current": (0.58, 0.62, 0.64, 0.68, 0.72, 0.66, 0.76, 0.78, 0.70, 0.74, 0.64, 0.60),
    "prior": (0.62, 0.66, 0.68, 0.71, 0.75, 0.69, 0.78, 0.80, 0.73, 0.76, 0.67, 0.63),
}
SHARES = {  # share of room-nights by channel
    "current": {
        "agreement": 0.30,
        "walk_in": 0.15,
        "ota_ctrip": 0.20,
        "ota_elong": 0.08,
        "ota_qunar": 0.10,
        "group": 0.19,
        "comp": 0.01,
    },
    "prior": {
        "agreement": 0.38,
        "walk_in": 0.16,
        "ota_ctrip": 0.16,
        "ota_elong": 0.06,
        "ota_qunar": 0.07,
        "group": 0.16,
        "comp": 0.01,
    },
}
MEAN_NIGHTS = {
    "agreement": 1.55,
    "walk_in": 1.3,
    "ota_ctrip": 1.6,
    "ota_elong": 1.6,
    "ota_qunar": 1.6,
    "group": 28.0,
    "comp": 1.0,
}
NIGHTS = Weighted([(1, 0.6), (2, 0.25), (3, 0.1), (4, 0.05)])
WALK_IN_NIGHTS = Weighted([(1, 0.75), (2, 0.2), (3, 0.05)])
RATES = {
    "walk_in": (208, 218, 228, 248),
    "ota_ctrip": (185, 195, 205),
    "ota_elong": (185, 195),
    "ota_qunar": (179, 189),
}
PEAK_MONTHS = (7, 8, 10)
WEEKDAY_FACTOR = (0.97, 0.97, 0.98, 1.0, 1.08, 1.08, 0.92)
ROOM_TYPES = Weighted([("标准间", 0.6), ("大床房", 0.3), ("商务套房", 0.1)])


@dataclass(frozen=True)
class Booking:
    day: date
    channel: str
    nights: int  # room-nights (rooms × nights for a group)
    rate: int
    account: Account | None


def add_capacity(tables: Tables, year: int) -> None:
    for y in (year - 1, year):
        for month in range(1, 13):
            tables.add("capacity", date=f"{y}-{month:02d}", resource="rooms", available=ROOMS)


def add_bookings(
    tables: Tables,
    year: int,
    which: str,
    companies: list[Account],
    agencies: list[Account],
    rng: Random,
) -> None:
    pick = Weighted([(c, share / MEAN_NIGHTS[c]) for c, share in SHARES[which].items()])
    seq = 0
    for day in days_of_year(year):
        live = [a for a in companies if a.active(year) and (a.customer.since or day) <= day]
        budget = round(
            ROOMS
            * OCCUPANCY[which][day.month - 1]
            * WEEKDAY_FACTOR[day.weekday()]
            * rng.uniform(0.9, 1.1)
        )
        while budget > 0:
            booking = _booking(day, pick.pick(rng), live, agencies, which, budget, rng)
            seq += 1
            _add(tables, f"RM{year}{seq:06d}", booking, rng)
            budget -= booking.nights


def _booking(
    day: date,
    channel: str,
    companies: list[Account],
    agencies: list[Account],
    which: str,
    left: int,
    rng: Random,
) -> Booking:
    """One booking; the day's last one gets only the rooms still unsold."""
    b = _draw(day, channel, companies, agencies, which, rng)
    return b if b.nights <= left else Booking(b.day, b.channel, left, b.rate, b.account)


def _draw(
    day: date,
    channel: str,
    companies: list[Account],
    agencies: list[Account],
    which: str,
    rng: Random,
) -> Booking:
    if channel in ("agreement", "group"):
        pool = companies if channel == "agreement" else agencies
        account = rng.choices(pool, weights=[a.weight for a in pool], k=1)[0]
        nights = (
            NIGHTS.pick(rng)
            if channel == "agreement"
            else rng.randint(8, 20) * rng.choice((1, 2, 2, 3))
        )
        return Booking(day, channel, nights, account.rate + (5 if which == "prior" else 0), account)
    if channel == "comp":
        return Booking(day, channel, 1, 0, None)
    nights = WALK_IN_NIGHTS.pick(rng) if channel == "walk_in" else NIGHTS.pick(rng)
    rate = rng.choice(RATES[channel]) + (20 if day.month in PEAK_MONTHS else 0)
    return Booking(day, channel, nights, rate, None)


def _add(tables: Tables, number: str, b: Booking, rng: Random) -> None:
    customer = b.account.customer if b.account else None
    tables.add(
        "orders",
        order=number,
        line=1,
        date=b.day,
        customer=customer.code if customer else None,
        rep=customer.owner if customer else "H03" if b.channel.startswith("ota") else None,
        order_type="regular",
        channel=b.channel,
        product="标准间" if b.channel == "group" else ROOM_TYPES.pick(rng),
        category="客房",
        quantity=b.nights,
        unit="room_night",
        unit_price=money(b.rate * 100),
        amount=money(b.rate * b.nights * 100),
        currency="CNY",
        status="normal",
    )
