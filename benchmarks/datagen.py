"""Contract-format order lines for benchmarks, generated with a fixed seed."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

HEADERS = [
    "order",
    "line",
    "date",
    "customer",
    "rep",
    "order_type",
    "product",
    "category",
    "quantity",
    "unit",
    "unit_price",
    "amount",
    "channel",
]
TYPES = ["regular", "regular", "regular", "gift", "promo", "oem", "odm", "own"]


def write_order_lines(
    path: Path,
    lines: int,
    *,
    year: int = 2025,
    seed: int = 7,
    customers: int = 2000,
    reps: int = 25,
) -> Path:
    """Orders of 1–8 lines spread over one year; amounts are quantity × unit price."""
    rng = random.Random(seed)
    start = date(year, 1, 1)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADERS)
        written, order = 0, 0
        while written < lines:
            order += 1
            day = start + timedelta(days=rng.randrange(365))
            customer = f"C{rng.randrange(customers):05d}"
            rep = f"R{rng.randrange(reps):03d}"
            kind = rng.choice(TYPES)
            for line in range(1, min(rng.randint(1, 8), lines - written) + 1):
                quantity = rng.randint(1, 500)
                price = rng.randint(100, 100000) / 100
                out.writerow(
                    [
                        f"SO{order:08d}",
                        line,
                        day.isoformat(),
                        customer,
                        rep,
                        kind,
                        f"P{rng.randrange(3000):05d}",
                        f"CAT{rng.randrange(20):02d}",
                        quantity,
                        "pcs",
                        f"{price:.2f}",
                        f"{quantity * price:.2f}",
                        "direct",
                    ]
                )
                written += 1
    return path
