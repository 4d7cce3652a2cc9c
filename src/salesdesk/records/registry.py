"""Which model holds which kind of record of the data contract."""

from __future__ import annotations

from django.db import models as djm

from salesdesk.records import models as m

MODELS: dict[str, type[djm.Model]] = {
    "reps": m.Rep,
    "customers": m.Customer,
    "orders": m.OrderLine,
    "adjustments": m.Adjustment,
    "payments": m.Payment,
    "capacity": m.Capacity,
    "activities": m.Activity,
    "targets": m.Target,
    "ideas": m.Idea,
    "incidents": m.Incident,
}


def model_for(kind: str) -> type[djm.Model]:
    return MODELS[kind]
