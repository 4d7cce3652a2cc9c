"""Records changed in place or deleted through the ORM bump their department's `Edition`.

That is all `cache.data_version` cannot see by itself: new rows change the highest ids it
reads, and an import changes the last batch's counters (the importer's bulk merge sends no
signals and deletes nothing). So only in-place saves and deletions are counted here, and an
import creating thousands of customers does not pay an extra UPDATE per row.

A deletion only updates an existing counter (`cache.edition` makes the row when a version is
first read): creating one while a department is being deleted would point at a doomed row.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from salesdesk.records.models import Record
from salesdesk.web.front.cache import RECORD_MODELS
from salesdesk.web.front.models import Edition


def bump(department_id: int) -> None:
    if not Edition.objects.filter(department_id=department_id).update(number=F("number") + 1):
        Edition.objects.get_or_create(department_id=department_id, defaults={"number": 1})


def on_save(sender: type, instance: object, created: bool = False, **kwargs: Any) -> None:
    if isinstance(instance, Record) and not created and not kwargs.get("raw"):
        bump(instance.department_id)


def on_delete(sender: type, instance: object, **kwargs: Any) -> None:
    if isinstance(instance, Record):
        Edition.objects.filter(department_id=instance.department_id).update(number=F("number") + 1)


def connect() -> None:
    post_save.connect(on_save, dispatch_uid="salesdesk.web.front.on_save")
    for model in RECORD_MODELS:  # record models only: other deletions stay fast deletes
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"salesdesk.on_delete.{model}")
