"""Aging: how far past due a sale is at a date, by the customer's payment terms."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

BUCKETS = ("current", "1-30", "31-60", "61-90", "90+")
DEFAULT_TERMS_DAYS = 30


def terms_of(extra: Mapping[str, Any]) -> int:
    """Payment terms in days: customer.extra["terms_days"] when it is a whole number ≥ 0, else 30."""
    raw = extra.get("terms_days") if isinstance(extra, Mapping) else None
    try:
        days = int(str(raw).strip()) if raw is not None else DEFAULT_TERMS_DAYS
    except ValueError:
        return DEFAULT_TERMS_DAYS
    return days if days >= 0 else DEFAULT_TERMS_DAYS


PAST_DUE = ((0, "current"), (30, "1-30"), (60, "31-60"), (90, "61-90"))
"""Aging buckets by the most days past due they hold; older than 90 days is 90+."""


def bucket_of(day: date, as_of: date, terms: int) -> str:
    """A sale's aging bucket at `as_of`: days past due = (as_of − day) − terms (≤ 0 is current)."""
    late = (as_of - day).days - terms
    for most, name in PAST_DUE:
        if late <= most:
            return name
    return "90+"
