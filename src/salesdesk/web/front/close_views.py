"""Year close (年度结账) in the web app: the button behind `salesdesk close` and `reopen`.

A manager (their department) or an admin (any department) closes a year in two steps: the form
asks for the year, a confirmation page says what closing means and how many records it freezes,
and only its POST closes. Reopening is an admin's, with a reason; both are recorded as
YearCloseEvent rows, exactly as the CLI records them (`records.closing`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from salesdesk.records.closing import close_year, reopen_year
from salesdesk.records.models import (
    Activity,
    Adjustment,
    Department,
    OrderLine,
    Payment,
    YearClose,
    YearCloseEvent,
)
from salesdesk.web.access import User, departments, reach, require_manager
from salesdesk.web.accounts.models import Role
from salesdesk.web.front.selection import NoDepartment
from salesdesk.web.front.views import member_required

FIRST_YEAR, LAST_YEAR = 2000, 2100


class CloseForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=FIRST_YEAR, max_value=LAST_YEAR)


class ReopenForm(CloseForm):
    reason = forms.CharField(label=gettext_lazy("重新开账的原因"), max_length=500)


@dataclass(frozen=True)
class Frozen:
    """How many records of each kind a close would freeze (the confirmation page shows them)."""

    orders: int
    adjustments: int
    payments: int
    activities: int


def frozen_counts(department: Department, year: int) -> Frozen:
    """Records dated in `year`: a range on the date column, which the indexes serve."""
    span = {
        "department": department,
        "date__gte": date(year, 1, 1),
        "date__lte": date(year, 12, 31),
    }
    return Frozen(
        OrderLine.objects.filter(**span).count(),
        Adjustment.objects.filter(**span).count(),
        Payment.objects.filter(**span).count(),
        Activity.objects.filter(**span).count(),
    )


def _department(user: User, params: QueryDict) -> tuple[Department, QuerySet[Department]]:
    """The department asked for, within the manager's or admin's reach (403 for anyone else)."""
    require_manager(user)
    choices = departments(user)
    raw = str(params.get("department", ""))
    found = choices.filter(pk=int(raw)).first() if raw.isdigit() else None
    if raw and found is None:
        raise Http404("department")
    department = found or reach(user).department or choices.first()
    if department is None:
        raise NoDepartment
    return department, choices


def _page(department: Department) -> str:
    return f"{reverse('front:year_close')}?department={department.pk}"


def _is_admin(user: User) -> bool:
    return reach(user).role == Role.ADMIN


@require_http_methods(["GET"])
@member_required
def year_close(request: HttpRequest) -> HttpResponse:
    """The closed years, who closed them and when, the history, and the close (reopen) forms.
    `?confirm=YEAR` shows the confirmation step instead of the close form."""
    department, choices = _department(request.user, request.GET)
    asked = CloseForm({"year": request.GET.get("confirm")}) if "confirm" in request.GET else None
    confirm = asked.cleaned_data["year"] if asked is not None and asked.is_valid() else None
    closed = YearClose.objects.filter(department=department).order_by("-year")
    context: dict[str, Any] = {
        "department": department,
        "departments": choices,
        "closed": closed,
        "events": YearCloseEvent.objects.filter(department=department).order_by("-at", "-pk")[:50],
        "close_form": asked or CloseForm(initial={"year": timezone.localdate().year - 1}),
        "confirm": confirm,
        "already_closed": confirm is not None and closed.filter(year=confirm).exists(),
        "frozen": frozen_counts(department, confirm) if confirm is not None else None,
        "reopen_form": ReopenForm() if _is_admin(request.user) else None,
    }
    return render(request, "front/year_close.html", context)


@require_POST
@member_required
def close(request: HttpRequest) -> HttpResponse:
    department, _choices = _department(request.user, request.GET)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写 2000 到 2100 之间的年度。"))
        return redirect(_page(department))
    year = form.cleaned_data["year"]
    values = {"department": department.name, "year": year}
    if close_year(department, year, by=request.user.get_username()):
        messages.success(
            request,
            _(
                "%(department)s %(year)s 年已结账。此后凡涉及该年度的导入、修改和接口调用都会被拒绝；"
                "更正请在当前年度以调整记录录入。"
            )
            % values,
        )
    else:
        messages.info(request, _("%(department)s %(year)s 年早已结账，未作改动。") % values)
    return redirect(_page(department))


@require_POST
@member_required
def reopen(request: HttpRequest) -> HttpResponse:
    department, _choices = _department(request.user, request.GET)
    if not _is_admin(request.user):
        raise PermissionDenied
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("重新开账需要年度和原因。"))
        return redirect(_page(department))
    year, reason = form.cleaned_data["year"], form.cleaned_data["reason"]
    values = {"department": department.name, "year": year, "reason": reason}
    if reopen_year(department, year, by=request.user.get_username(), reason=reason):
        messages.success(
            request, _("%(department)s %(year)s 年已重新开账（原因：%(reason)s）。") % values
        )
    else:
        messages.error(request, _("%(department)s %(year)s 年并未结账，未作改动。") % values)
    return redirect(_page(department))
