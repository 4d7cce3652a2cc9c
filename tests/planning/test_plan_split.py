"""Largest-remainder apportionment: exact sums, hand-checked splits, refusals."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdesk.planning.split import largest_remainder

D = Decimal


def test_three_equal_weights_give_the_extra_yuan_to_the_first() -> None:
    assert largest_remainder(100, [D(1), D(1), D(1)]) == [34, 33, 33]


def test_leftover_goes_to_largest_remainder() -> None:
    # 10 × 1/3 = 3.33, 10 × 2/3 = 6.67: floors 3 + 6, the spare yuan goes to 6.67.
    assert largest_remainder(10, [D(1), D(2)]) == [3, 7]


def test_ties_broken_by_lower_index() -> None:
    assert largest_remainder(2, [D(1), D(1), D(1)]) == [1, 1, 0]


def test_decimal_weights_are_exact() -> None:
    # 1000 × 0.25 = 250, × 0.5 = 500, × 0.25 = 250 (no rounding drift).
    assert largest_remainder(1000, [D("0.25"), D("0.5"), D("0.25")]) == [250, 500, 250]


def test_zero_weight_part_gets_nothing() -> None:
    assert largest_remainder(7, [D(0), D(3), D(0)]) == [0, 7, 0]


def test_all_zero_weights_fall_back_to_equal() -> None:
    assert largest_remainder(10, [D(0), D(0), D(0), D(0)]) == [3, 3, 2, 2]


def test_zero_total() -> None:
    assert largest_remainder(0, [D(1), D(2)]) == [0, 0]
    assert largest_remainder(0, []) == []


def test_refuses_negative_total() -> None:
    with pytest.raises(ValueError, match="negative"):
        largest_remainder(-1, [D(1)])


def test_refuses_negative_weight() -> None:
    with pytest.raises(ValueError, match="negative"):
        largest_remainder(10, [D(1), D(-1)])


def test_refuses_non_finite_weight() -> None:
    with pytest.raises(ValueError, match="finite"):
        largest_remainder(10, [D("NaN")])


def test_refuses_positive_total_without_parts() -> None:
    with pytest.raises(ValueError):
        largest_remainder(5, [])


weights_strategy = st.lists(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=40,
)


@given(total=st.integers(min_value=0, max_value=10**12), weights=weights_strategy)
def test_sum_is_exact_and_parts_stay_within_one_of_quota(
    total: int, weights: list[Decimal]
) -> None:
    parts = largest_remainder(total, weights)
    assert sum(parts) == total
    assert len(parts) == len(weights)
    weight_sum = sum((Fraction(w) for w in weights), Fraction(0))
    if weight_sum == 0:
        weights = [D(1)] * len(weights)
        weight_sum = Fraction(len(weights))
    for part, weight in zip(parts, weights, strict=True):
        quota = total * Fraction(weight) / weight_sum
        assert math.floor(quota) <= part <= math.floor(quota) + 1
