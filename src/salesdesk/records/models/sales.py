"""Order lines, adjustments, payments, capacity and targets."""

from __future__ import annotations

from django.db import models

from salesdesk.records.models.base import Record, money
from salesdesk.records.models.people import Customer, Rep


class OrderLine(Record):
    """One line of an order (or a restaurant bill, or a room-night booking)."""

    order_no = models.CharField("单号", max_length=100)
    line_no = models.IntegerField("行号")
    date = models.DateField("日期")
    customer = models.ForeignKey(Customer, null=True, blank=True, on_delete=models.PROTECT)
    rep = models.ForeignKey(Rep, null=True, blank=True, on_delete=models.PROTECT)
    order_type = models.CharField("订单类型", max_length=20, default="regular")
    channel = models.CharField("渠道", max_length=100, blank=True, default="")
    product = models.CharField("产品", max_length=300, blank=True, default="")
    category = models.CharField("品类", max_length=200, blank=True, default="")
    quantity = models.DecimalField("数量", max_digits=20, decimal_places=4)
    unit = models.CharField("单位", max_length=20, blank=True, default="")
    unit_price = money("单价", null=True)
    amount = money("金额")
    currency = models.CharField("币种", max_length=3, default="CNY")
    fx_rate = models.DecimalField("汇率", max_digits=16, decimal_places=6, default=1)
    amount_cny = money("人民币金额")
    covers = models.IntegerField("人数", null=True, blank=True)
    promised_on = models.DateField("约定交期", null=True, blank=True)
    delivered_on = models.DateField("实际交货日期", null=True, blank=True)
    status = models.CharField("状态", max_length=20, default="normal")

    class Meta:
        verbose_name = "订单行"
        verbose_name_plural = "订单行"
        constraints = [models.UniqueConstraint(fields=["department", "key"], name="orderline_key")]
        indexes = [
            models.Index(fields=["department", "date"], name="orderline_dept_date"),
            models.Index(fields=["department", "order_no"], name="orderline_dept_order"),
            # the late deliveries (metrics/kinds/export_delays.py) among the lines that have a
            # delivery date at all: none in a department that does not record deliveries
            models.Index(
                fields=["department", "delivered_on"],
                name="orderline_delivered",
                condition=models.Q(delivered_on__isnull=False),
            ),
        ]


class Adjustment(Record):
    """A deduction from an order: discount, voucher, comp, rounding, free bill, hosting, return."""

    order_no = models.CharField("单号", max_length=100)
    date = models.DateField("日期")
    kind = models.CharField("类型", max_length=20)
    amount = money("金额")

    class Meta:
        verbose_name = "优惠"
        verbose_name_plural = "优惠"
        constraints = [models.UniqueConstraint(fields=["department", "key"], name="adjustment_key")]
        indexes = [models.Index(fields=["department", "date"], name="adjustment_dept_date")]


class Payment(Record):
    payment_no = models.CharField("收款单号", max_length=100, blank=True, default="")
    date = models.DateField("日期")
    customer = models.ForeignKey(Customer, null=True, blank=True, on_delete=models.PROTECT)
    order_no = models.CharField("单号", max_length=100, blank=True, default="")
    rep = models.ForeignKey(Rep, null=True, blank=True, on_delete=models.PROTECT)
    channel = models.CharField("收款方式", max_length=30)
    amount = money("金额")

    class Meta:
        verbose_name = "收款"
        verbose_name_plural = "收款"
        constraints = [models.UniqueConstraint(fields=["department", "key"], name="payment_key")]
        indexes = [models.Index(fields=["department", "date"], name="payment_dept_date")]


class Capacity(Record):
    date = models.DateField("日期")
    resource = models.CharField("资源", max_length=20)
    available = models.IntegerField("可售数量")

    class Meta:
        verbose_name = "可售量"
        verbose_name_plural = "可售量"
        constraints = [models.UniqueConstraint(fields=["department", "key"], name="capacity_key")]
        indexes = [models.Index(fields=["department", "date"], name="capacity_dept_date")]


class Target(Record):
    year = models.IntegerField("年度")
    month = models.IntegerField("月份", null=True, blank=True)
    rep = models.ForeignKey(Rep, null=True, blank=True, on_delete=models.PROTECT)
    metric = models.CharField("指标", max_length=20)
    value = money("目标值")

    class Meta:
        verbose_name = "目标"
        verbose_name_plural = "目标"
        constraints = [models.UniqueConstraint(fields=["department", "key"], name="target_key")]
