"""Split a whole number of yuan into parts that add up to it exactly.

Rounding each part on its own loses or invents yuan (three people × 33.33 ≠ 100), and a plan
whose months do not add up to the year is not trusted by anyone who checks it.  The
largest-remainder (Hamilton) method hands out the whole-yuan floors first and then gives the
leftover yuan, one each, to the parts that lost the most in rounding.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

__all__ = ["largest_remainder"]


def _checked_weights(weights: Sequence[Decimal]) -> list[Fraction]:
    """Convert weights to exact fractions, refusing negative or non-finite ones.

    Fractions keep the quotas exact, so which part gets a leftover yuan never depends on
    decimal precision.
    """
    checked: list[Fraction] = []
    for index, weight in enumerate(weights):
        if not weight.is_finite():
            raise ValueError(f"weight {index} is not a finite number: {weight}")
        if weight < 0:
            raise ValueError(f"weight {index} is negative: {weight}")
        checked.append(Fraction(weight))
    return checked


def largest_remainder(total: int, weights: Sequence[Decimal]) -> list[int]:
    """Apportion ``total`` in proportion to ``weights``; the result sums exactly to ``total``.

    Ties between equal remainders go to the lower index, so the result is deterministic.
    When every weight is zero the parts are treated as equal, because "no information" should
    not make the total vanish.  A negative total or weight raises ``ValueError``.
    """
    if total < 0:
        raise ValueError(f"total must not be negative: {total}")
    exact = _checked_weights(weights)
    if not exact:
        if total == 0:
            return []
        raise ValueError(f"cannot split {total} into zero parts")
    weight_sum = sum(exact, Fraction(0))
    if weight_sum == 0:
        exact = [Fraction(1)] * len(exact)
        weight_sum = Fraction(len(exact))
    quotas = [total * w / weight_sum for w in exact]
    parts = [math.floor(q) for q in quotas]
    leftover = total - sum(parts)
    by_remainder = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for index in by_remainder[:leftover]:
        parts[index] += 1
    return parts
