"""Departments, import batches and the common shape of every record."""

from __future__ import annotations

from django.db import models

DEPARTMENT_KINDS = [
    ("general", "通用"),
    ("export", "外贸出口"),
    ("concrete", "商品混凝土"),
    ("hospitality", "酒店餐饮"),
    ("team", "销售团队"),
    ("prepaid_card", "预付卡"),
]


def money(verbose_name: str, *, null: bool = False) -> models.DecimalField:
    """Money keeps four decimals in storage; rounding half-up to 0.01 happens only for display."""
    return models.DecimalField(verbose_name, max_digits=20, decimal_places=4, null=null, blank=null)


class Department(models.Model):
    name = models.CharField("部门", max_length=100, unique=True)
    kind = models.CharField("类型", max_length=20, choices=DEPARTMENT_KINDS, default="general")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """One run of `salesdesk import`: which file, what kind, what it changed."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE)
    kind = models.CharField(max_length=20)
    file_name = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    started_at = models.DateTimeField(auto_now_add=True)
    added = models.IntegerField(default=0)
    updated = models.IntegerField(default=0)
    unchanged = models.IntegerField(default=0)
    rejected = models.IntegerField(default=0)
    # Who ran it: the web user, or the operating-system user of `salesdesk import`.
    imported_by = models.CharField("导入人", max_length=150, blank=True, default="")

    class Meta:
        verbose_name = "导入批次"
        verbose_name_plural = "导入批次"


class Record(models.Model):
    """Common columns: the owning department, the natural key and unknown columns.

    `key` is the record's natural key within its department (order + line,
    customer code, …) so that importing the same file twice changes nothing.
    `extra` keeps columns the contract does not name instead of dropping them.
    """

    department = models.ForeignKey(Department, on_delete=models.CASCADE)
    key = models.CharField(max_length=255)
    extra = models.JSONField(default=dict, blank=True)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, object]:
        """Stored with each audit-log entry (django-auditlog calls it): the department, the import."""
        from salesdesk.records.audit import entry_data

        return entry_data(self.department_id)


class YearClose(models.Model):
    """A closed (结账) year: its records are frozen; corrections go into the open year."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE)
    year = models.IntegerField("年度")
    closed_at = models.DateTimeField("结账时间", auto_now_add=True)
    closed_by = models.CharField("结账人", max_length=150, default="")

    class Meta:
        verbose_name = "年度结账"
        verbose_name_plural = "年度结账"
        constraints = [
            models.UniqueConstraint(fields=["department", "year"], name="year_close_once")
        ]


class YearCloseEvent(models.Model):
    """Every close and reopen, kept for the audit trail (a reopen is never silent)."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE)
    year = models.IntegerField("年度")
    action = models.CharField(
        "操作", max_length=10, choices=[("close", "结账"), ("reopen", "重新开账")]
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    by = models.CharField("操作人", max_length=150, default="")
    reason = models.TextField("原因", blank=True, default="")

    class Meta:
        verbose_name = "结账记录"
        verbose_name_plural = "结账记录"
