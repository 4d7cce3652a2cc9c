"""Forms of the desk pages: import, targets, reports, ideas and incidents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from salesdesk.ingest.contract import KINDS
from salesdesk.records.models import Customer, Department
from salesdesk.web.front.forms import DateInput

KIND_LABELS = {
    "reps": _("业务员"),
    "customers": _("客户"),
    "orders": _("订单"),
    "adjustments": _("优惠"),
    "payments": _("收款/回款"),
    "capacity": _("可售量"),
    "activities": _("拜访/跟进"),
    "targets": _("目标"),
    "ideas": _("产品建议"),
    "incidents": _("客诉/事故"),
}
INCIDENT_KINDS = [
    ("late_delivery", _("交期延误")),
    ("quality", _("质量问题")),
    ("form_error", _("单据错误")),
    ("sample", _("样板问题")),
    ("mold_delay", _("模具延期")),
    ("other", _("其他")),
]
IDEA_STATUSES = {"submitted": _("已提交"), "adopted": _("已采纳"), "rejected": _("未采纳")}
REPORT_FORMATS = [
    ("html", _("网页（HTML）")),
    ("docx", _("Word（DOCX）")),
    ("xlsx", _("Excel（XLSX）")),
    ("md", _("Markdown")),
]
REPORT_LANGUAGES = [("zh", _("中文")), ("en", _("英文"))]


def department_field(form: forms.Form, departments: QuerySet[Department]) -> None:
    """A department choice when there is more than one to choose from."""
    if departments.count() > 1:
        form.fields["department"] = forms.TypedChoiceField(
            label=_("部门"), coerce=int, choices=[(d.pk, d.name) for d in departments]
        )


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("记录类型"), choices=[(k, f"{KIND_LABELS[k]} · {k}") for k in KINDS]
    )
    file = forms.FileField(label=_("文件"), help_text=_("CSV、TSV、XLSX、XLS，可为 .gz 压缩文件"))
    mapping = forms.FileField(
        label=_("映射文件（可选）"), required=False, help_text=_("表头与数据契约不同时：map.toml")
    )
    sheet = forms.CharField(label=_("工作表（可选）"), required=False, max_length=100)
    keep_mapping = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, departments: QuerySet[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        department_field(self, departments)

    def clean_file(self) -> UploadedFile:
        file: UploadedFile = self.cleaned_data["file"]
        limit = settings.IMPORT_UPLOAD_MAX_MB
        if (file.size or 0) > limit * 1024 * 1024:
            raise forms.ValidationError(_("文件太大：最大 %(limit)s MB。") % {"limit": limit})
        return file


class ConfirmImportForm(forms.Form):
    skip_bad = forms.BooleanField(label=_("跳过错误行，只导入正确的行"), required=False)


class AnnualTargetForm(forms.Form):
    target = forms.DecimalField(
        label=_("年度销售额目标（元）"), min_value=Decimal(0), max_digits=14, decimal_places=0
    )


class MonthTargetsForm(forms.Form):
    """Twelve monthly targets that must add up to the annual target."""

    def __init__(self, *args: Any, annual: Decimal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.annual = annual
        for month in range(1, 13):
            self.fields[f"m{month}"] = forms.DecimalField(
                label=_("%(month)s 月") % {"month": month},
                min_value=Decimal(0),
                max_digits=16,
                decimal_places=2,
            )

    def months(self) -> dict[int, Decimal]:
        return {m: self.cleaned_data[f"m{m}"] for m in range(1, 13)}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        total = sum(self.months().values(), Decimal(0))
        if total != self.annual:
            raise forms.ValidationError(
                _(
                    "各月目标合计 %(total)s 元，与年度目标 %(annual)s 元不一致（相差 %(diff)s 元）。"
                    "请调整后再保存。"
                )
                % {"total": total, "annual": self.annual, "diff": total - self.annual}
            )
        return data


class ReportForm(forms.Form):
    lang = forms.ChoiceField(
        label=_("语言"), choices=REPORT_LANGUAGES, initial="zh", required=False
    )
    format = forms.ChoiceField(
        label=_("格式"), choices=REPORT_FORMATS, initial="html", required=False
    )


class IdeaForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=DateInput)
    title = forms.CharField(label=_("建议"), max_length=300)

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("date", today)
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if day > self.today:
            raise forms.ValidationError(_("日期不能晚于今天。"))
        return day


class IncidentForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=DateInput)
    kind = forms.ChoiceField(label=_("类型"), choices=INCIDENT_KINDS)
    customer = forms.CharField(label=_("客户编号（可选）"), required=False, max_length=200)
    order_no = forms.CharField(label=_("单号（可选）"), required=False, max_length=100)
    cost = forms.DecimalField(
        label=_("损失金额（元，可选）"),
        required=False,
        min_value=Decimal(0),
        max_digits=16,
        decimal_places=2,
    )
    note = forms.CharField(
        label=_("备注"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, today: dt.date, customers: QuerySet[Customer], **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("date", today)
        super().__init__(*args, **kwargs)
        self.today = today
        self.customers = customers

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if day > self.today:
            raise forms.ValidationError(_("日期不能晚于今天。"))
        return day

    def clean_customer(self) -> Customer | None:
        code = (self.cleaned_data.get("customer") or "").strip()
        if not code:
            return None
        found = self.customers.filter(code=code).first()
        if found is None:
            raise forms.ValidationError(_("找不到这个客户。"))
        return found
