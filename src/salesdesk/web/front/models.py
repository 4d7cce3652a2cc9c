"""The web app's own table: a per-department edition counter for cache invalidation."""

from __future__ import annotations

from django.db import models

from salesdesk.records.models import Department


class Edition(models.Model):
    """Bumped whenever a record of the department is changed in place through the ORM (the
    Django admin, the web pages); see signals.py and cache.data_version."""

    department = models.OneToOneField(Department, on_delete=models.CASCADE, related_name="+")
    number = models.BigIntegerField(default=0)


class StoredSummary(models.Model):
    """The last annual summary built for one scope, shared by every worker and server process
    (summary_store.py), with the data version it was built from and the lease of a build under
    way, so one process builds it while the others keep showing the last one."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    year = models.IntegerField()
    rep = models.CharField(max_length=100, blank=True, default="")  # "" for the department
    lang = models.CharField(max_length=8)
    version = models.CharField(max_length=40, blank=True, default="")
    summary = models.BinaryField(null=True)  # pickled; None until first built
    built_at = models.DateTimeField(null=True)
    building_until = models.DateTimeField(null=True)  # another process may build after this

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year", "rep", "lang"], name="stored_summary_scope"
            )
        ]
