"""When a department's order-line rollups stop being current: any write to its lines or
customers (the customers' payment terms set the aging buckets).

Imports call `invalidate` themselves (their bulk SQL sends no signals); saves and deletions
through the ORM (the web app, the API, the admin) do it through the signals connected here.
The rollups are rebuilt by the next report that needs them (metrics/rollups.py), or at once
when an orders import sends `orders_imported`, to which metrics/rollups.py listens (the import
layer does not reach up into the metrics).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from salesdesk.records.models import Customer, OrderLine, RollupState

orders_imported = Signal()
"""Sent (sender=OrderLine, department=…) by an orders import inside its transaction, once its
lines are written and nothing is left to refuse."""


def invalidate(department_id: int) -> None:
    RollupState.objects.filter(department_id=department_id).delete()


def _changed(sender: type, instance: Any, **kwargs: Any) -> None:
    if not kwargs.get("raw"):  # loaddata of a fixture brings its own rollups
        invalidate(instance.department_id)


def connect() -> None:
    for model in (OrderLine, Customer):
        post_save.connect(_changed, sender=model, dispatch_uid=f"rollups.save.{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"rollups.del.{model.__name__}")
