"""Small sampling helpers over `random.Random`, kept deterministic for a given seed."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import accumulate
from random import Random
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """A fixed weighted choice; cumulative weights are computed once for fast repeated picks."""

    def __init__(self, options: Sequence[tuple[T, float]]) -> None:
        self.values = [value for value, _ in options]
        self.cumulative = list(accumulate(weight for _, weight in options))

    def pick(self, rng: Random) -> T:
        return rng.choices(self.values, cum_weights=self.cumulative, k=1)[0]


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split an integer total in proportion to weights (largest remainder; sums exactly)."""
    scale = sum(weights)
    exact = [total * w / scale for w in weights]
    counts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def around(rng: Random, mean: float, sigma: float) -> float:
    """A positive value with the given mean, log-normally spread (sigma on the log scale)."""
    return mean * math.exp(rng.gauss(0.0, sigma) - sigma * sigma / 2)


def chance(rng: Random, p: float) -> bool:
    return rng.random() < p
