"""The log-a-visit form and the customer list's filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from salesdesk.records.models import Customer, Department, Rep
from salesdesk.records.models.people import TIERS
from salesdesk.web.front.customers import CustomerFilter
from salesdesk.web.front.visits import KINDS, OUTCOMES, Location, Visit


class DateInput(forms.DateInput):
    """An HTML date picker: its value must be ISO (YYYY-MM-DD) whatever the language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class VisitForm(forms.Form):
    customer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    customer_name = forms.CharField(
        label=_("客户"),
        max_length=300,
        required=False,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "placeholder": _("输入客户名称或编号搜索；新客户直接输入名称"),
                "enterkeyhint": "search",
            }
        ),
    )
    date = forms.DateField(label=_("日期"), widget=DateInput)
    kind = forms.ChoiceField(label=_("方式"), choices=KINDS, widget=forms.RadioSelect)
    outcome = forms.ChoiceField(
        label=_("结果"), choices=OUTCOMES, required=False, widget=forms.RadioSelect
    )
    next_follow_up = forms.DateField(label=_("下次跟进"), required=False, widget=DateInput)
    note = forms.CharField(
        label=_("备注"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    def __init__(self, *args: Any, customers: QuerySet[Customer], today: dt.date, **kwargs: Any):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("date", today)
        kwargs["initial"].setdefault("kind", "visit")
        super().__init__(*args, **kwargs)
        self.customers = customers
        self.today = today

    def clean_customer(self) -> Customer | None:
        pk = self.cleaned_data.get("customer")
        if pk is None:
            return None
        found = self.customers.filter(pk=pk).first()
        if found is None:
            raise forms.ValidationError(_("找不到这个客户。"))
        return found

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if day > self.today:
            raise forms.ValidationError(_("拜访日期不能晚于今天。"))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("customer") is None and not (data.get("customer_name") or "").strip():
            self.add_error("customer_name", _("请选择客户，或输入新客户的名称。"))
        day, follow = data.get("date"), data.get("next_follow_up")
        if day and follow and follow < day:
            self.add_error("next_follow_up", _("下次跟进日期不能早于拜访日期。"))
        if (data.get("lat") is None) != (data.get("lon") is None):
            self.add_error(None, _("位置不完整，请重试。"))
        return data

    def visit(self) -> Visit:
        d = self.cleaned_data
        located = d.get("lat") is not None and d.get("lon") is not None
        return Visit(
            day=d["date"],
            kind=d["kind"],
            outcome=d.get("outcome") or "",
            next_follow_up=d.get("next_follow_up"),
            note=(d.get("note") or "").strip(),
            location=Location(round(d["lat"], 6), round(d["lon"], 6)) if located else None,
        )


class CustomerFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    department = forms.TypedChoiceField(label=_("部门"), required=False, coerce=int)
    tier = forms.ChoiceField(label=_("等级"), required=False)
    region = forms.ChoiceField(label=_("区域"), required=False)
    owner = forms.TypedChoiceField(label=_("负责人"), required=False, coerce=int)
    inactive = forms.IntegerField(
        label=_("未联系天数 ≥"), required=False, min_value=1, max_value=3650
    )

    def __init__(
        self,
        *args: Any,
        customers: QuerySet[Customer],
        reps: QuerySet[Rep],
        departments: QuerySet[Department],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        everyone: list[tuple[Any, Any]] = [("", _("全部"))]
        regions = customers.exclude(region="").order_by("region").values_list("region", flat=True)
        self.fields["tier"].choices = everyone + list(TIERS)  # type: ignore[attr-defined]
        self.fields["region"].choices = everyone + [(r, r) for r in regions.distinct()]  # type: ignore[attr-defined]
        self.fields["owner"].choices = everyone + [(r.pk, str(r)) for r in reps.order_by("code")]  # type: ignore[attr-defined]
        if departments.count() > 1:
            self.fields["department"].choices = everyone + [(d.pk, d.name) for d in departments]  # type: ignore[attr-defined]
        else:
            del self.fields["department"]

    def to_filter(self) -> CustomerFilter:
        if not self.is_valid():
            return CustomerFilter()
        d = self.cleaned_data
        return CustomerFilter(
            q=(d.get("q") or "").strip(),
            tier=d.get("tier") or "",
            region=d.get("region") or "",
            owner=d.get("owner") or None,
            inactive_days=d.get("inactive"),
            department=d.get("department") or None,
        )
