"""The grouped sums of order lines that the sales and customer figures read.

Defined once so that reading the lines (`sales.load_days`, `sales.load_dimensions`) and
building the rollups that stand in for them (`rollups.py`) compute exactly the same thing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q
from django.db.models.functions import Abs
from django.db.models.lookups import GreaterThan

from salesdesk.metrics.exact import MoneyUnits
from salesdesk.metrics.scope import CANCELLED, NORMAL

LINE_TOLERANCE = Decimal("0.01")
MISMATCHED = Q(unit_price__isnull=False) & Q(
    GreaterThan(Abs(F("amount") - F("quantity") * F("unit_price")), LINE_TOLERANCE)
)
"""A line whose amount differs from quantity × unit price by more than 0.01."""

DAY_FIELDS = (
    "gross",
    "orders",
    "returns",
    "cancelled_orders",
    "delivered",
    "on_time",
    "late",
    "mismatched",
    "cover_lines",
)
MIX_DIMENSIONS = ("order_type", "channel", "category", "unit")


def day_sums() -> dict[str, Any]:
    """Per day (GROUP BY date): the aggregates named in DAY_FIELDS."""
    normal = NORMAL
    return {
        "gross": MoneyUnits("amount_cny", filter=normal),
        "orders": Count("order_no", distinct=True, filter=normal),
        "returns": MoneyUnits("amount_cny", filter=normal & Q(quantity__lt=0)),
        "cancelled_orders": Count("order_no", distinct=True, filter=Q(status=CANCELLED)),
        "delivered": Count(
            "id", filter=normal & Q(promised_on__isnull=False, delivered_on__isnull=False)
        ),
        "on_time": Count("id", filter=normal & Q(delivered_on__lte=F("promised_on"))),
        "late": MoneyUnits("amount_cny", filter=normal & Q(delivered_on__gt=F("promised_on"))),
        "mismatched": Count("id", filter=normal & MISMATCHED),
        "cover_lines": Count("covers"),
    }


def mix_sums() -> dict[str, Any]:
    """Per order type, channel, category and unit (of non-cancelled lines)."""
    return {"units": MoneyUnits("amount_cny"), "qty": MoneyUnits("quantity"), "n": Count("id")}
