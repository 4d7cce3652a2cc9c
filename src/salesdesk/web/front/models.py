"""The web app's own table: a per-department edition counter for cache invalidation."""

from __future__ import annotations

from django.db import models

from salesdesk.records.models import Department


class Edition(models.Model):
    """Bumped whenever a record of the department is changed in place through the ORM (the
    Django admin, the web pages); see signals.py and cache.data_version."""

    department = models.OneToOneField(Department, on_delete=models.CASCADE, related_name="+")
    number = models.BigIntegerField(default=0)
