"""Rooms (客房): room-nights sold against rooms available, ADR and RevPAR.

Present only where the year has order lines with unit `room_night`. A
room-night line with amount 0 is a comp (given free): counted apart and left
out of sold nights, so it does not dilute ADR. Returns (negative lines) are
netted like revenue. Room revenue is the room-night lines' amount_cny.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.ratios import ZERO, ratio
from salesdesk.metrics.sales import DimensionRow
from salesdesk.metrics.scope import Scope
from salesdesk.report.summary import RoomFacts, RoomMonth, Share

ROOM_NIGHT = "room_night"


@dataclass(frozen=True)
class RoomDay:
    day: date
    channel: str
    sold: Decimal  # room-nights with an amount (returns netted)
    comps: Decimal  # room-nights with amount 0
    revenue: Decimal
    lines: int


def has_rooms(dimensions: Iterable[DimensionRow]) -> bool:
    return any(d.unit == ROOM_NIGHT for d in dimensions)


def load_room_days(scope: Scope) -> tuple[RoomDay, ...]:
    rows = (
        scope.year_lines()
        .filter(unit=ROOM_NIGHT)
        .values("date", "channel")
        .annotate(
            sold=MoneyUnits("quantity", filter=~Q(amount=0)),
            comps=MoneyUnits("quantity", filter=Q(amount=0)),
            revenue=MoneyUnits("amount_cny"),
            n=Count("id"),
        )
        .order_by("date", "channel")
    )
    return tuple(
        RoomDay(
            r["date"],
            r["channel"],
            units_to_money(r["sold"]),
            units_to_money(r["comps"]),
            units_to_money(r["revenue"]),
            r["n"],
        )
        for r in rows
    )


def load_capacity(scope: Scope) -> dict[date, int]:
    """Rooms available per day of the year (Σ of the capacity rows with resource `rooms`)."""
    rows = scope.capacity("rooms").values("date").annotate(n=Sum("available")).order_by("date")
    return {r["date"]: int(r["n"] or 0) for r in rows}


def occupancy(sold: Decimal, available: int) -> Decimal | None:
    """Occupancy = room-nights sold / room-nights available; None without capacity."""
    return ratio(sold, available)


def adr(revenue: Decimal, sold: Decimal) -> Decimal | None:
    """Average daily rate = room revenue / room-nights sold (comps left out)."""
    return ratio(revenue, sold)


def revpar(revenue: Decimal, available: int) -> Decimal | None:
    """Revenue per available room = room revenue / room-nights available."""
    return ratio(revenue, available)


def _month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def room_facts(year: int, days: Sequence[RoomDay], capacity: Mapping[date, int]) -> RoomFacts:
    sold = sum((d.sold for d in days), ZERO)
    revenue = sum((d.revenue for d in days), ZERO)
    available = sum(capacity.values())
    month_sold: dict[str, Decimal] = defaultdict(lambda: ZERO)
    month_rev: dict[str, Decimal] = defaultdict(lambda: ZERO)
    month_cap: dict[str, int] = defaultdict(int)
    for d in days:
        month_sold[_month(d.day)] += d.sold
        month_rev[_month(d.day)] += d.revenue
    for day, n in capacity.items():
        month_cap[_month(day)] += n
    months = [f"{year:04d}-{m:02d}" for m in range(1, 13)]
    channel_rev: dict[str, Decimal] = defaultdict(lambda: ZERO)
    channel_sold: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for d in days:
        channel_rev[d.channel] += d.revenue
        channel_sold[d.channel] += d.sold
    channels = [
        Share(c, channel_rev[c], ratio(channel_rev[c], revenue), int(channel_sold[c]))
        for c in channel_rev
    ]
    return RoomFacts(
        sold=sold,
        available=available,
        occupancy=occupancy(sold, available),
        adr=adr(revenue, sold),
        revpar=revpar(revenue, available),
        revenue=revenue,
        comps=sum((d.comps for d in days), ZERO),
        by_month=tuple(
            RoomMonth(
                m,
                month_sold[m],
                month_cap[m],
                occupancy(month_sold[m], month_cap[m]),
                adr(month_rev[m], month_sold[m]),
                revpar(month_rev[m], month_cap[m]),
            )
            for m in months
        ),
        by_channel=tuple(sorted(channels, key=lambda s: (-s.amount, s.name))),
    )


def days_without_capacity(days: Iterable[RoomDay], capacity: Mapping[date, int]) -> list[date]:
    """Days with room-night sales but no capacity row: occupancy cannot be trusted there."""
    return sorted({d.day for d in days if (d.sold or d.comps) and d.day not in capacity})
