"""Targets (managers and admins): the annual revenue target, its plan, the monthly targets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from salesdesk.records.closing import YearClosed
from salesdesk.records.models import Department
from salesdesk.web.access import User, departments, reach, require_manager
from salesdesk.web.front import targets as t
from salesdesk.web.front.desk_forms import AnnualTargetForm, MonthTargetsForm
from salesdesk.web.front.selection import NoDepartment
from salesdesk.web.front.views import member_required, report_lang


def _scope(user: User, params: Any) -> tuple[Department, int, QuerySet[Department]]:
    """The department (in reach) and year of the page; the year defaults to this year."""
    require_manager(user)
    choices = departments(user)
    raw = str(params.get("department", ""))
    department = choices.filter(pk=int(raw)).first() if raw.isdigit() else None
    if raw and department is None:
        raise Http404("department")
    department = department or reach(user).department or choices.first()
    if department is None:
        raise NoDepartment
    year_raw = str(params.get("year", ""))
    year = int(year_raw) if year_raw.isdigit() else timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise Http404("year")
    return department, year, choices


def _closed(form: Any, error: YearClosed) -> None:
    form.add_error(None, _("%(year)s 年已结账，不能再修改该年的目标。") % {"year": error.year})


def _post_annual(request: HttpRequest, department: Department, year: int) -> AnnualTargetForm:
    form = AnnualTargetForm(request.POST)
    if form.is_valid():
        try:
            t.save_annual(department, year, form.cleaned_data["target"])
        except YearClosed as error:
            _closed(form, error)
    return form


def _post_months(
    request: HttpRequest, department: Department, year: int, annual: Decimal
) -> MonthTargetsForm:
    form = MonthTargetsForm(request.POST, annual=annual)
    if form.is_valid():
        try:
            t.save_months(department, year, form.months())
        except YearClosed as error:
            _closed(form, error)
        except t.MonthsDoNotAddUp:
            form.add_error(None, _("各月目标合计与年度目标不一致。"))
    return form


@require_http_methods(["GET", "POST"])
@member_required
def targets(request: HttpRequest) -> HttpResponse:
    department, year, choices = _scope(request.user, request.GET)
    annual = t.annual_target(department, year)
    annual_form: AnnualTargetForm | None = None
    month_form: MonthTargetsForm | None = None
    action = request.POST.get("action", "")
    if action == "annual":
        annual_form = _post_annual(request, department, year)
    elif action == "months" and annual is not None:
        month_form = _post_months(request, department, year, annual)
    bound = annual_form if annual_form is not None else month_form
    if bound is not None and bound.is_valid() and not bound.errors:
        messages.success(request, _("目标已保存。"))
        return redirect(f"{request.path}?department={department.pk}&year={year}")
    return render(
        request,
        "front/targets.html",
        _context(department, year, choices, annual, annual_form, month_form),
    )


def _whole(value: Decimal | None) -> Decimal | int | None:
    """1200000.0000 shows as 1200000 in the input."""
    return int(value) if value is not None and value == int(value) else value


def _context(
    department: Department,
    year: int,
    choices: QuerySet[Department],
    annual: Decimal | None,
    annual_form: AnnualTargetForm | None,
    month_form: MonthTargetsForm | None,
) -> dict[str, Any]:
    view = t.department_plan(department, year, annual) if annual is not None else None
    plan = view.plan if view is not None else None
    if month_form is None and plan is not None and annual is not None:
        values = t.month_values(plan, t.monthly_targets(department, year))
        month_form = MonthTargetsForm(
            initial={f"m{m}": v for m, v in values.items()}, annual=annual
        )
    return {
        "department": department,
        "departments": choices,
        "year": year,
        "annual": annual,
        "annual_form": annual_form or AnnualTargetForm(initial={"target": _whole(annual)}),
        "month_form": month_form,
        "plan": plan,
        "note": view.note(report_lang()) if view is not None else "",
        "saved_months": t.monthly_targets(department, year),
    }
