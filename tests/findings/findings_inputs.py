"""Plain FindingInputs for rule tests: empty facts that a test overrides field by field."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from salesdesk.findings import FindingInputs
from salesdesk.report.summary import (
    ActivityFacts,
    AgingBucket,
    CollectionFacts,
    CustomerFacts,
    DeliveryFacts,
    MonthRow,
    RepFacts,
    SalesFacts,
)

Z = Decimal(0)


def months(revenues: list[int], targets: dict[int, int] | None = None) -> tuple[MonthRow, ...]:
    targets = targets or {}
    return tuple(
        MonthRow(
            f"2024-{m:02d}",
            Decimal(r),
            Decimal(targets[m]) if m in targets else None,
            None,
            1,
            None,
            None,
        )
        for m, r in enumerate(revenues, start=1)
    )


SALES = SalesFacts(
    revenue=Z, gross=Z, adjustments=Z, returns=Z, target=None, attainment=None, last_year=None,
    yoy=None, orders=0, lines=0, cancelled_orders=0, by_month=months([0] * 12), volume=(),
    by_order_type=(), by_channel=(), by_category=(), weak_months=(), monthly_cv=None,
)  # fmt: skip
COLLECTIONS = CollectionFacts(
    amount=Z, by_channel=(), opening_receivables=Z, closing_receivables=Z, rate=None,
    aging=tuple(AgingBucket(b, Z, 0) for b in ("current", "1-30", "31-60", "61-90", "90+")),
    dso=None,
)  # fmt: skip
CUSTOMERS = CustomerFacts(
    active=0, new=0, returning=0, lost=0, top5_share=None, hhi=None, top=(), by_tier=(),
    by_region=(), lost_customers=(),
)  # fmt: skip
ACTIVITY = ActivityFacts(
    visits=0, by_kind=(), working_days=250, per_rep_per_day=None, follow_ups_due=0,
    follow_ups_missed=0, rejections=0, rejections_followed=0, conversion=None,
)  # fmt: skip
DELIVERY = DeliveryFacts(
    delivered_lines=0, on_time_lines=0, on_time_rate=None, incidents=(), ideas_submitted=0,
    ideas_adopted=0, idea_rewards=Z, ideas_per_rep_month=None,
)  # fmt: skip


def inputs(**parts: Any) -> FindingInputs:
    """FindingInputs with empty facts; `sales={...}` etc. override fields of one part."""
    base = {
        "sales": SALES,
        "collections": COLLECTIONS,
        "customers": CUSTOMERS,
        "reps": RepFacts((), None),
        "activity": ACTIVITY,
        "delivery": DELIVERY,
    }
    for name, value in list(parts.items()):
        if name in base and isinstance(value, dict):
            base[name] = replace(base[name], **value)
            del parts[name]
    fields: dict[str, Any] = {"year": 2024, "months": tuple(range(1, 13)), "dining": None}
    fields["rep_days"] = 0
    return FindingInputs(**{**fields, **base, **parts})
