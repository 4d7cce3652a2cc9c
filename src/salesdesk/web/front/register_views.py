"""The ideas and incidents registers: scoped lists, and simple forms to add one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from salesdesk.metrics.scope import Scope
from salesdesk.records.closing import YearClosed
from salesdesk.records.models import Idea, Incident
from salesdesk.web.access import can_log_visits, manages, reach, visible, visible_customers
from salesdesk.web.front import registers
from salesdesk.web.front.desk_forms import IDEA_STATUSES, INCIDENT_KINDS, IdeaForm, IncidentForm
from salesdesk.web.front.selection import Selection, select
from salesdesk.web.front.views import PAGE_SIZE, member_required


def _year_closed(form: Any, error: YearClosed) -> None:
    form.add_error("date", _("%(year)s 年已结账，不能再登记该年的记录。") % {"year": error.year})


def _in_year(qs: QuerySet[Any], sel: Selection, of_rep: QuerySet[Any] | None) -> QuerySet[Any]:
    """The selection's department and year; with a rep picked, only `of_rep` (that rep's)."""
    qs = qs.filter(department=sel.department, date__year=sel.year)
    if of_rep is not None:
        qs = qs.filter(pk__in=of_rep.values("pk"))
    return qs.order_by("-date", "-pk")


def _rep_scope(sel: Selection) -> Scope | None:
    return Scope(sel.department, sel.year, sel.rep) if sel.rep else None


def _page(request: HttpRequest, qs: QuerySet[Any]) -> Any:
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _after_save(request: HttpRequest, sel: Selection, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(f"{request.path}?{sel.query()}")


@require_http_methods(["GET", "POST"])
@member_required
def ideas(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sel = select(request.user, request.GET, today)
    may_add = can_log_visits(request.user)
    if request.method == "POST" and not may_add:
        raise PermissionDenied
    form = IdeaForm(request.POST or None, today=today) if may_add else None
    if form is not None and request.method == "POST" and form.is_valid():
        rep = reach(request.user).rep
        assert rep is not None
        try:
            registers.add_idea(rep, form.cleaned_data["date"], form.cleaned_data["title"])
        except YearClosed as error:
            _year_closed(form, error)
        except registers.DuplicateIdea:
            form.add_error("title", _("这一天已登记过同样的建议。"))
        else:
            return _after_save(request, sel, _("建议已登记。"))
    scope = _rep_scope(sel)
    rows = _in_year(
        visible(Idea, request.user).select_related("rep"), sel, scope.ideas() if scope else None
    )
    context = {"sel": sel, "form": form, "page": _page(request, rows), "statuses": IDEA_STATUSES}
    return render(request, "front/ideas.html", context)


def _incident_form(request: HttpRequest, sel: Selection) -> IncidentForm | None:
    if not manages(request.user):
        if request.method == "POST":
            raise PermissionDenied
        return None
    customers = visible_customers(request.user).filter(department=sel.department)
    return IncidentForm(request.POST or None, today=timezone.localdate(), customers=customers)


def _save_incident(request: HttpRequest, sel: Selection, form: IncidentForm) -> bool:
    d = form.cleaned_data
    item = registers.IncidentInput(
        d["date"], d["kind"], d["customer"], d["order_no"].strip(), d["cost"], d["note"].strip()
    )
    try:
        registers.add_incident(sel.department, item)
    except YearClosed as error:
        _year_closed(form, error)
        return False
    return True


@require_http_methods(["GET", "POST"])
@member_required
def incidents(request: HttpRequest) -> HttpResponse:
    sel = select(request.user, request.GET, timezone.localdate())
    form = _incident_form(request, sel)
    posted = form is not None and request.method == "POST" and form.is_valid()
    if posted and form is not None and _save_incident(request, sel, form):
        return _after_save(request, sel, _("客诉/事故已登记。"))
    scope = _rep_scope(sel)
    incidents_of_rep = scope.incidents() if scope else None
    rows = _in_year(
        visible(Incident, request.user).select_related("customer"), sel, incidents_of_rep
    )
    context = {
        "sel": sel,
        "form": form,
        "page": _page(request, rows),
        "kinds": dict(INCIDENT_KINDS),
    }
    return render(request, "front/incidents.html", context)
