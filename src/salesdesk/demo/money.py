"""Money arithmetic for the generators: integer cents, exchange rates as 4-place decimals."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def cents(yuan: float) -> int:
    """A float amount in yuan as whole cents (the generators' internal money unit)."""
    return round(yuan * 100)


def convert(amount: int, fx_rate: Decimal) -> int:
    """Foreign cents × rate → CNY cents, rounded half-up exactly as the importer rounds."""
    return int((Decimal(amount) * fx_rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def split(amount: int, share: float) -> tuple[int, int]:
    """Split cents into a part of about `share` and the exact remainder."""
    part = round(amount * share)
    return part, amount - part
