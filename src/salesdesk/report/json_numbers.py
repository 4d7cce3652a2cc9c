"""Numbers as the report facts write them: money to the fen, ratios to 4 decimals, null kept.

Every JSON writer (facts.py and the department kinds' modules) uses these, so a figure is
rounded the same way wherever it appears.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["CENT", "RATIO_PLACES", "money", "quantity", "ratio"]

CENT = Decimal("0.01")
RATIO_PLACES = Decimal("0.0001")


def money(value: Decimal | int | None) -> float | None:
    """Money as a JSON number rounded half-up to the fen; None stays null."""
    if value is None:
        return None
    return float(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))


def ratio(value: Decimal | None) -> float | None:
    """A fraction rounded half-up to 4 decimals (0.6810, not 68.1); None stays null."""
    if value is None:
        return None
    return float(value.quantize(RATIO_PLACES, rounding=ROUND_HALF_UP))


def quantity(value: Decimal | int | None) -> float | int | None:
    """A quantity (room-nights, pieces, m³): whole numbers stay whole, else up to 4 decimals."""
    if value is None:
        return None
    d = Decimal(value)
    return int(d) if d == d.to_integral_value() else float(d.quantize(RATIO_PLACES))
