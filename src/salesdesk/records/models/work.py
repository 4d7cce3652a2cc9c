"""Day-to-day work: visits and follow-ups, product ideas, incidents."""

from __future__ import annotations

from django.db import models

from salesdesk.records.models.base import Record, money
from salesdesk.records.models.people import Customer, Rep


class Activity(Record):
    date = models.DateField("日期")
    rep = models.ForeignKey(Rep, on_delete=models.PROTECT)
    customer = models.ForeignKey(Customer, null=True, blank=True, on_delete=models.PROTECT)
    prospect = models.CharField("潜在客户", max_length=300, blank=True, default="")
    kind = models.CharField("方式", max_length=20)
    outcome = models.CharField("结果", max_length=20, blank=True, default="")
    next_follow_up = models.DateField("下次跟进日期", null=True, blank=True)
    note = models.TextField("备注", blank=True, default="")

    class Meta:
        verbose_name = "拜访/跟进"
        verbose_name_plural = "拜访/跟进"
        constraints = [models.UniqueConstraint(fields=["department", "key"], name="activity_key")]
        indexes = [
            # holds what the year's counts (by kind, by rep) and the follow-up and rejection
            # filters read, so those scans never visit the rows themselves
            models.Index(
                fields=[
                    "department",
                    "date",
                    "kind",
                    "outcome",
                    "rep",
                    "customer",
                    "next_follow_up",
                ],
                name="activity_dept_date_cover",
            ),
            # the web app's follow-up list looks activities up by their follow-up date
            models.Index(fields=["department", "next_follow_up"], name="activity_dept_follow_up"),
            # and ask whether a customer has been contacted since (a later activity)
            models.Index(fields=["customer", "date"], name="activity_customer_date"),
        ]


class Idea(Record):
    date = models.DateField("日期")
    rep = models.ForeignKey(Rep, on_delete=models.PROTECT)
    title = models.CharField("建议", max_length=300)
    status = models.CharField("状态", max_length=20, default="submitted")
    reward = money("奖励", null=True)

    class Meta:
        verbose_name = "产品建议"
        verbose_name_plural = "产品建议"
        constraints = [models.UniqueConstraint(fields=["department", "key"], name="idea_key")]


class Incident(Record):
    date = models.DateField("日期")
    kind = models.CharField("类型", max_length=20)
    customer = models.ForeignKey(Customer, null=True, blank=True, on_delete=models.PROTECT)
    order_no = models.CharField("单号", max_length=100, blank=True, default="")
    cost = money("损失金额", null=True)
    note = models.TextField("备注", blank=True, default="")

    class Meta:
        verbose_name = "客诉/事故"
        verbose_name_plural = "客诉/事故"
        constraints = [models.UniqueConstraint(fields=["department", "key"], name="incident_key")]
