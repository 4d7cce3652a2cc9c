"""The pages: thin views over access, selection, the cached summary and the services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from salesdesk.findings import load_thresholds
from salesdesk.records.closing import YearClosed, check_open
from salesdesk.records.models import Activity, Customer, Department, Rep
from salesdesk.web.access import can_log_visits, reach, visible, visible_customers
from salesdesk.web.accounts.models import Role
from salesdesk.web.front.cache import remembered, shown_summary
from salesdesk.web.front.customers import customer_list, customer_page, search
from salesdesk.web.front.dashboard import build_dashboard
from salesdesk.web.front.followups import DueLists, due_lists
from salesdesk.web.front.forms import CustomerFilterForm, VisitForm
from salesdesk.web.front.history import history_of
from salesdesk.web.front.selection import NoDepartment, Selection, reach_key, select
from salesdesk.web.front.visits import (
    KIND_LABELS,
    OUTCOME_LABELS,
    ProspectTaken,
    log_visit,
    prospect_customer,
)

View = Callable[..., HttpResponse]
PAGE_SIZE = 30


def member_required(view: View) -> View:
    """Logged in, and with a role that reaches some data (403 otherwise). A page that needs a
    department says so when there is none yet, instead of failing."""

    @login_required
    @wraps(view)
    def check(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not reach(request.user).is_member:
            raise PermissionDenied
        try:
            return view(request, *args, **kwargs)
        except NoDepartment:
            return render(request, "front/no_department.html")

    return check


def report_lang() -> str:
    return "en" if (translation.get_language() or "").startswith("en") else "zh"


def _activities(request: HttpRequest, sel: Selection) -> QuerySet[Activity]:
    qs = visible(Activity, request.user).filter(department=sel.department)
    return qs.filter(rep=sel.rep) if sel.rep else qs


def _due_lists(request: HttpRequest, sel: Selection, today: date) -> DueLists:
    """The selection's open follow-ups, worked out once per data version and day: they change
    only with the department's activities, customers and reps (a visit logged is a new
    activity, so a new version) and with the date."""
    window = load_thresholds().follow_up_window_days
    rep = sel.rep.pk if sel.rep else ""
    key = (
        f"salesdesk:due:{sel.department.pk}:{rep}:{reach_key(reach(request.user))}:"
        f"{sel.version}:{today.isoformat()}:{window}"
    )
    return remembered(key, lambda: due_lists(_activities(request, sel), today, window=window))


def _labels() -> dict[str, Any]:
    return {"kinds": KIND_LABELS, "outcomes": OUTCOME_LABELS}


@require_GET
@member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sel = select(request.user, request.GET, today)
    lang = report_lang()
    shown = shown_summary(sel.department, sel.year, sel.rep_code, lang, version=sel.version)
    summary = shown.summary
    context = {
        "sel": sel,
        "shown": shown,
        # built only when the template renders it: the cached fragments usually stand in
        "board": SimpleLazyObject(lambda: build_dashboard(summary, lang, today))
        if summary
        else None,
        "show_leaders": reach(request.user).role != Role.REP,
        "due": _due_lists(request, sel, today),
        "can_log": can_log_visits(request.user),
        **_labels(),
    }
    return render(request, "front/dashboard.html", context)


@require_GET
@member_required
def follow_ups(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sel = select(request.user, request.GET, today)
    context = {
        "sel": sel,
        "due": _due_lists(request, sel, today),
        "can_log": can_log_visits(request.user),
        "show_rep": sel.rep is None,
        **_labels(),
    }
    return render(request, "front/follow_ups.html", context)


def _visit_customers(request: HttpRequest) -> tuple[Rep, QuerySet[Customer]]:
    rep = reach(request.user).rep
    if not can_log_visits(request.user) or rep is None:
        raise PermissionDenied
    return rep, visible_customers(request.user).filter(department=rep.department)


def _initial(request: HttpRequest, customers: QuerySet[Customer]) -> dict[str, Any]:
    pk = request.GET.get("customer", "")
    if not pk.isdigit():
        return {}
    customer = get_object_or_404(customers, pk=int(pk))
    return {"customer": customer.pk, "customer_name": customer.name}


@transaction.atomic
def _save_visit(rep: Rep, customers: QuerySet[Customer], form: VisitForm) -> Activity:
    """The visit's customer (a new prospect is created) and the visit, both or neither."""
    visit = form.visit()
    check_open(rep.department, visit.day)
    customer = form.cleaned_data["customer"] or prospect_customer(
        rep, form.cleaned_data["customer_name"], customers
    )
    return log_visit(rep, customer, visit)


@require_http_methods(["GET", "POST"])
@member_required
def visit_new(request: HttpRequest) -> HttpResponse:
    rep, customers = _visit_customers(request)
    form = VisitForm(
        request.POST or None,
        customers=customers,
        today=timezone.localdate(),
        initial=_initial(request, customers),
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = _save_visit(rep, customers, form)
        except ProspectTaken:
            form.add_error("customer_name", _("已有同名客户，但不在你的客户范围内；请联系经理。"))
        except YearClosed as closed:
            form.add_error(
                "date", _("%(year)s 年已结账，不能再登记该年的拜访。") % {"year": closed.year}
            )
        else:
            name = activity.customer.name if activity.customer else ""
            messages.success(request, _("已登记：%(customer)s") % {"customer": name})
            return redirect(f"{reverse('front:follow_ups')}?saved={activity.pk}")
    return render(request, "front/visit_form.html", {"form": form, "rep": rep, **_labels()})


@require_GET
@member_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        visible(Activity, request.user).select_related("rep", "customer"), pk=pk
    )
    location = activity.extra if {"lat", "lon"} <= set(activity.extra) else None
    return render(
        request,
        "front/visit_detail.html",
        {
            "activity": activity,
            "location": location,
            "history": history_of(activity),
            **_labels(),
        },
    )


@require_GET
@member_required
def customers(request: HttpRequest) -> HttpResponse:
    user = request.user
    scoped = visible_customers(user)
    form = CustomerFilterForm(
        request.GET or None,
        customers=scoped,
        reps=visible(Rep, user),
        departments=visible(Department, user).order_by("name"),
    )
    rows = customer_list(user, form.to_filter(), timezone.localdate())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "front/customers.html",
        {"form": form, "page": page, "query": query.urlencode(), "can_log": can_log_visits(user)},
    )


@require_GET
@member_required
def customer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(
        visible_customers(request.user).select_related("owner", "department"), pk=pk
    )
    context = {
        "page": customer_page(request.user, customer),
        "can_log": can_log_visits(request.user),
        "history": history_of(customer),
        **_labels(),
    }
    return render(request, "front/customer_detail.html", context)


@require_GET
@member_required
def customer_search(request: HttpRequest) -> JsonResponse:
    """Search-as-you-type for the visit form: the user's own customers only."""
    return JsonResponse({"results": search(request.user, request.GET.get("q", ""))})
