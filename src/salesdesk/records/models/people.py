"""Reps (业务员) and customers (客户)."""

from __future__ import annotations

from django.db import models

from salesdesk.records.models.base import Record

TIERS = [("VIP", "VIP"), ("A", "A"), ("B", "B"), ("C", "C")]


class Rep(Record):
    code = models.CharField("工号", max_length=100)
    name = models.CharField("姓名", max_length=200)
    team = models.CharField("小组", max_length=200, blank=True, default="")
    territory = models.CharField("片区", max_length=200, blank=True, default="")
    hired_on = models.DateField("入职日期", null=True, blank=True)
    left_on = models.DateField("离职日期", null=True, blank=True)
    manager = models.CharField("上级", max_length=200, blank=True, default="")

    class Meta:
        verbose_name = "业务员"
        verbose_name_plural = "业务员"
        constraints = [models.UniqueConstraint(fields=["department", "key"], name="rep_key")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Customer(Record):
    code = models.CharField("客户编号", max_length=200)
    name = models.CharField("客户名称", max_length=300)
    kind = models.CharField("客户类型", max_length=100, blank=True, default="")
    region = models.CharField("区域", max_length=200, blank=True, default="")
    country = models.CharField("国家", max_length=100, blank=True, default="")
    tier = models.CharField("客户等级", max_length=10, blank=True, default="", choices=TIERS)
    owner = models.ForeignKey(
        Rep, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="负责业务员"
    )
    source = models.CharField("客户来源", max_length=100, blank=True, default="")
    parent = models.CharField("所属集团", max_length=200, blank=True, default="")
    since = models.DateField("建档日期", null=True, blank=True)

    class Meta:
        verbose_name = "客户"
        verbose_name_plural = "客户"
        constraints = [models.UniqueConstraint(fields=["department", "key"], name="customer_key")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
