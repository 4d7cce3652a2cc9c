"""Thresholds of the findings, declared in one place: default, help, environment variable.

Each is read from the environment (`SALESDESK_FINDINGS_<NAME>`) when a report is
built; a value that is not a number, or is out of range, fails loudly
(ImproperlyConfigured) instead of silently falling back to the default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ImproperlyConfigured

from salesdesk.conf.env import declare

PREFIX = "SALESDESK_FINDINGS_"


@dataclass(frozen=True)
class Thresholds:
    weak_month_share: Decimal = Decimal("0.8")
    """A month below this share of the monthly average (or below its own target) is weak."""
    follow_up_window_days: int = 14
    """A rejected/interested outcome with no next date falls due this many days later."""
    top5_share_max: Decimal = Decimal("0.5")
    """Dependence on few customers: the five largest above this share of revenue …"""
    hhi_max: Decimal = Decimal("2500")
    """… or a Herfindahl index above this (0–10,000; above 2,500 is highly concentrated)."""
    mix_ratio_max: Decimal = Decimal("1")
    """Gift + OEM + ODM sales above this multiple of own + regular sales."""
    rep_attainment_min: Decimal = Decimal("0.8")
    """A rep below this attainment is far below target."""
    rep_spread_cv_max: Decimal = Decimal("0.3")
    """Attainment spread across reps (coefficient of variation) above this is uneven."""
    visits_per_day_min: Decimal = Decimal("2")
    """Fewer visits per rep per working day than this is too few."""
    on_time_min: Decimal = Decimal("0.95")
    """On-time delivery below this is a shortfall, at or above it a strength."""
    aged_share_max: Decimal = Decimal("0.2")
    """Receivables more than 90 days past due above this share of the unpaid total."""
    discount_share_max: Decimal = Decimal("0.08")
    """Discounts, vouchers, comps and other deductions (returns excepted) above this share of gross."""
    ideas_per_month_min: Decimal = Decimal("1")
    """Export: a rep submitting fewer product ideas a month than this (the seed asks one a month)."""
    customer_collection_rate_min: Decimal = Decimal("0.7")
    """Concrete: a customer whose 回款率 is below this …"""
    customer_aged_min: Decimal = Decimal("10000")
    """… and who owes at least this much (CNY) more than 90 days past due is reported."""
    source_min_leads: int = 5
    """Prepaid-card leads: a lead source is compared only with at least this many leads."""
    source_conversion_gap: Decimal = Decimal("2")
    """… and converts this many times better than the most-worked source to be reported."""
    team_reason_share: Decimal = Decimal("0.8")
    """A rep's visits a day, conversion, retention or follow-through below this share of the
    other reps' median is a reason the rep fell short."""
    team_price_index_min: Decimal = Decimal("0.95")
    """A rep selling the shared products below this share of the other reps' prices sells low."""
    raise_attainment_min: Decimal = Decimal("1")
    """Raise list: attainment at or above this …"""
    raise_collection_rate_min: Decimal = Decimal("0.9")
    """… and the rep's collections at or above this share of the rep's revenue."""


HELP = {
    "weak_month_share": "Weak month: revenue below this share of the monthly average (default 0.8).",
    "follow_up_window_days": "Days after a rejected/interested visit by which a follow-up is due (default 14).",
    "top5_share_max": "Top-5 customer share above which dependence is reported (default 0.5).",
    "hhi_max": "Customer HHI (0-10000) above which concentration is reported (default 2500).",
    "mix_ratio_max": "Gift+OEM+ODM sales over own+regular sales above which the mix is reported (default 1).",
    "rep_attainment_min": "Rep attainment below which a rep is far below target (default 0.8).",
    "rep_spread_cv_max": "Coefficient of variation of rep attainment above which the spread is reported (default 0.3).",
    "visits_per_day_min": "Visits per rep per working day below which visits are too few (default 2).",
    "on_time_min": "On-time delivery rate below which deliveries are reported late (default 0.95).",
    "aged_share_max": "Share of receivables 90+ days past due above which aging is reported (default 0.2).",
    "discount_share_max": "Deductions (returns excepted) over gross sales above which discounts are reported (default 0.08).",
    "ideas_per_month_min": "Export: product ideas per rep per month below which a rep is reported (default 1).",
    "customer_collection_rate_min": "A customer's collection rate below which, with a large 90+ receivable, it is reported (concrete; default 0.7).",
    "customer_aged_min": "A customer's receivable 90+ days past due (CNY) at or above which it counts as large (concrete; default 10000).",
    "source_min_leads": "Leads a lead source needs before its conversion is compared (prepaid cards; default 5).",
    "source_conversion_gap": "Times better a lead source must convert than the most-worked one to be reported (default 2).",
    "team_reason_share": "A rep's visits per day, conversion, retention or follow-through below this share of the other reps' median is a reason for missing target (default 0.8).",
    "team_price_index_min": "A rep's price index (own prices over the other reps' on shared products) below which low prices are a reason (default 0.95).",
    "raise_attainment_min": "Attainment at or above which a rep may be recommended for a raise (default 1).",
    "raise_collection_rate_min": "A rep's collections over revenue at or above which a raise may be recommended (default 0.9).",
}

DEFAULTS = Thresholds()
for _f in fields(Thresholds):
    declare(PREFIX + _f.name.upper(), str(getattr(DEFAULTS, _f.name)), HELP[_f.name])


def _parse(name: str, raw: str, kind: type) -> Decimal | int:
    env = PREFIX + name.upper()
    try:
        value: Decimal | int = int(raw) if kind is int else Decimal(raw.strip())
    except (ValueError, InvalidOperation):
        raise ImproperlyConfigured(f"{env}={raw!r}: expected a number") from None
    if isinstance(value, Decimal) and not value.is_finite():
        raise ImproperlyConfigured(f"{env}={raw!r}: expected a finite number")
    if value < 0:
        raise ImproperlyConfigured(f"{env}={raw!r}: must not be negative")
    return value


def load_thresholds() -> Thresholds:
    """The thresholds, each from its environment variable when set, else the default."""
    values: dict[str, Decimal | int] = {}
    for f in fields(Thresholds):
        raw = os.environ.get(PREFIX + f.name.upper())
        if raw is not None and raw.strip():
            kind = int if isinstance(getattr(DEFAULTS, f.name), int) else Decimal
            values[f.name] = _parse(f.name, raw, kind)
    return Thresholds(**values)  # type: ignore[arg-type]
