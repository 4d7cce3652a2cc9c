"""Decimal arithmetic shared by the metrics: ratios, changes, shares, spread.

Rules: a ratio is computed from totals (never an average of ratios); a zero or
missing denominator gives None, not 0; nothing is rounded here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

ZERO = Decimal(0)


def ratio(part: Decimal | int | None, whole: Decimal | int | None) -> Decimal | None:
    """part / whole, or None when either is missing or the whole is 0."""
    if part is None or whole is None or whole == 0:
        return None
    return Decimal(part) / Decimal(whole)


def change(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """(now − before) / before: 同比 / 环比 as a fraction.

    None without a usable base: missing, zero, or negative (a month of net returns), where a
    percentage change would read backwards.
    """
    if now is None or before is None or before <= 0:
        return None
    return (now - before) / before


def mean(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, ZERO) / len(values) if values else None


def cv(values: Sequence[Decimal]) -> Decimal | None:
    """Coefficient of variation: population standard deviation / mean; None if the mean is 0."""
    average = mean(values)
    if average is None or average == 0:
        return None
    variance = sum(((v - average) ** 2 for v in values), ZERO) / len(values)
    return variance.sqrt() / abs(average)


def hhi(amounts: Iterable[Decimal]) -> Decimal | None:
    """Herfindahl index on 0–10,000: Σ (share × 100)² over the positive amounts."""
    positive = [a for a in amounts if a > 0]
    total = sum(positive, ZERO)
    if total == 0:
        return None
    return sum(((a * 100 / total) ** 2 for a in positive), ZERO)
