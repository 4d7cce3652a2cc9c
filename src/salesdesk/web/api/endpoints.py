"""The JSON API under /api/: records (scoped like the pages), logging a visit, the report facts.

Every query starts from `access.visible(Model, user)`; a record outside the caller's reach is
404, a write by a viewer 403, a write into a closed (结账) year 409, and a call without a valid
token or session 401. The OpenAPI schema is at /api/openapi.json, its Swagger UI at /api/docs.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Path, Query, Status
from ninja.errors import HttpError

from salesdesk.records.closing import YearClosed
from salesdesk.records.models import Activity, Customer, Department, OrderLine, Payment, Rep
from salesdesk.report.facts import summary_to_facts
from salesdesk.web.access import User, reach, visible, visible_customers
from salesdesk.web.accounts.models import Role
from salesdesk.web.api import schemas as s
from salesdesk.web.api.auth import AUTH
from salesdesk.web.api.query import (
    MAX_ID,
    M,
    department_named,
    filtered,
    member,
    page_of,
    rep_in_reach,
    writer,
)
from salesdesk.web.front.cache import cached_summary
from salesdesk.web.front.visits import Visit, log_visit

api = NinjaAPI(
    title="salesdesk API",
    version="1",
    description=(
        "A sales department's records and its annual summary facts. Authenticate with "
        "`Authorization: Bearer <token>` (create the token on the page /accounts/api-token/). "
        "Money is an exact decimal string; the report facts follow data contract v1."
    ),
    auth=AUTH,
    urls_namespace="api",
)
ERRORS: dict[int, Any] = {401: s.Error, 403: s.Error, 404: s.Error, 422: s.Invalid}
Size = Query(50, ge=1, le=500, description="rows per page (at most 500)")
Number = Query(1, ge=1, description="page number, from 1")
# Ids beyond 64 bits cannot be in the database: refused as invalid (422), never sent to it.
RecordId = Path(..., ge=1, le=MAX_ID)
CustomerId = Query(None, ge=1, le=MAX_ID, description="customer id")


def text_query(default: str | None = "", description: str | None = None) -> Any:
    """A text filter; a NUL character is refused (422): PostgreSQL text cannot hold one."""
    return Query(default, pattern=s.NO_NUL, description=description)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "Forbidden"}, status=403)


@api.exception_handler(YearClosed)
def year_closed(request: HttpRequest, exc: YearClosed) -> HttpResponse:
    detail = f"{exc} / {exc.reason_en}"
    return api.create_response(request, {"detail": detail, "year": exc.year}, status=409)


# ---------------------------------------------------------------- customers


@api.get("/customers", response={200: s.CustomerPage, **ERRORS}, tags=["customers"])
def list_customers(
    request: HttpRequest,
    department: str | None = text_query(None),
    q: str = text_query(),
    owner: str | None = text_query(None, "rep code"),
    tier: str = text_query(),
    region: str = text_query(),
    page: int = Number,
    page_size: int = Size,
) -> dict[str, Any]:
    """The caller's customers (a rep: those they own), filtered, ordered by code."""
    user = member(request)
    qs = filtered(visible_customers(user), user, department=department)
    if q.strip():
        qs = qs.filter(Q(code__icontains=q.strip()) | Q(name__icontains=q.strip()))
    if owner:
        qs = qs.filter(owner__in=rep_in_reach(user, owner))
    if tier:
        qs = qs.filter(tier=tier)
    if region:
        qs = qs.filter(region=region)
    qs = qs.select_related("department", "owner").order_by("department_id", "code")
    return page_of(qs, page, page_size)


@api.get("/customers/{pk}", response={200: s.CustomerOut, **ERRORS}, tags=["customers"])
def get_customer(request: HttpRequest, pk: int = RecordId) -> Customer:
    user = member(request)
    return get_object_or_404(visible_customers(user).select_related("department", "owner"), pk=pk)


# ---------------------------------------------------------------- order lines


@api.get("/orders", response={200: s.OrderLinePage, **ERRORS}, tags=["orders"])
def list_orders(
    request: HttpRequest,
    department: str | None = text_query(None),
    rep: str | None = text_query(None, "rep code"),
    customer: int | None = CustomerId,
    order_no: str = text_query(),
    date_from: date | None = None,
    date_to: date | None = None,
    status: str = text_query(),
    page: int = Number,
    page_size: int = Size,
) -> dict[str, Any]:
    """Order lines (a rep: their own), newest first."""
    user = member(request)
    qs = filtered(
        visible(OrderLine, user),
        user,
        department=department,
        rep=rep,
        customer=customer,
        date_from=date_from,
        date_to=date_to,
    )
    if order_no:
        qs = qs.filter(order_no=order_no)
    if status:
        qs = qs.filter(status=status)
    qs = qs.select_related("department", "customer", "rep").order_by("-date", "order_no", "line_no")
    return page_of(qs, page, page_size)


@api.get("/orders/{pk}", response={200: s.OrderLineOut, **ERRORS}, tags=["orders"])
def get_order_line(request: HttpRequest, pk: int = RecordId) -> OrderLine:
    return _one(OrderLine, request, pk)


def _one(model: type[M], request: HttpRequest, pk: int) -> M:
    """One record the caller may see, with its department, customer and rep; 404 otherwise."""
    rows = visible(model, member(request)).select_related("department", "customer", "rep")
    return get_object_or_404(rows, pk=pk)


# ---------------------------------------------------------------- payments


@api.get("/payments", response={200: s.PaymentPage, **ERRORS}, tags=["payments"])
def list_payments(
    request: HttpRequest,
    department: str | None = text_query(None),
    rep: str | None = text_query(None, "rep code"),
    customer: int | None = CustomerId,
    channel: str = text_query(),
    date_from: date | None = None,
    date_to: date | None = None,
    page: int = Number,
    page_size: int = Size,
) -> dict[str, Any]:
    """Payments received (a rep: those booked to them or on their orders), newest first."""
    user = member(request)
    qs = filtered(
        visible(Payment, user),
        user,
        department=department,
        rep=rep,
        customer=customer,
        date_from=date_from,
        date_to=date_to,
    )
    if channel:
        qs = qs.filter(channel=channel)
    qs = qs.select_related("department", "customer", "rep").order_by("-date", "-pk")
    return page_of(qs, page, page_size)


@api.get("/payments/{pk}", response={200: s.PaymentOut, **ERRORS}, tags=["payments"])
def get_payment(request: HttpRequest, pk: int = RecordId) -> Payment:
    return _one(Payment, request, pk)


# ---------------------------------------------------------------- activities


@api.get("/activities", response={200: s.ActivityPage, **ERRORS}, tags=["activities"])
def list_activities(
    request: HttpRequest,
    department: str | None = text_query(None),
    rep: str | None = text_query(None, "rep code"),
    customer: int | None = CustomerId,
    kind: str = text_query(),
    date_from: date | None = None,
    date_to: date | None = None,
    page: int = Number,
    page_size: int = Size,
) -> dict[str, Any]:
    """Visits, calls and messages (a rep: their own), newest first."""
    user = member(request)
    qs = filtered(
        visible(Activity, user),
        user,
        department=department,
        rep=rep,
        customer=customer,
        date_from=date_from,
        date_to=date_to,
    )
    if kind:
        qs = qs.filter(kind=kind)
    qs = qs.select_related("department", "customer", "rep").order_by("-date", "-pk")
    return page_of(qs, page, page_size)


@api.get("/activities/{pk}", response={200: s.ActivityOut, **ERRORS}, tags=["activities"])
def get_activity(request: HttpRequest, pk: int = RecordId) -> Activity:
    return _one(Activity, request, pk)


def _acting_rep(user: User, customer: Customer, code: str | None) -> Rep:
    """Whose activity it is: the caller's own rep unless another (in reach) is named."""
    own = reach(user).rep
    if own is not None and code in (None, own.code):
        return own
    if code is None:
        raise HttpError(422, "rep is required: name the rep whose activity this is")
    found = rep_in_reach(user, code, customer.department).order_by("pk").first()
    assert found is not None  # rep_in_reach raised Http404 otherwise
    return found


@api.post(
    "/activities",
    response={201: s.ActivityOut, 400: s.Error, 409: s.Error, **ERRORS},
    tags=["activities"],
)
def create_activity(request: HttpRequest, body: s.ActivityIn) -> Status[Activity]:
    """Log a visit, call or message, keyed as an imported visit log would key it.

    A rep logs for their own customers; a manager for a rep and customer of their department.
    A date in a closed year is refused with 409."""
    user = writer(request)
    customer = get_object_or_404(visible_customers(user), pk=body.customer)
    rep = _acting_rep(user, customer, body.rep)
    if customer.department_id != rep.department_id:
        raise HttpError(404, "Not Found")
    _check_dates(body)
    visit = Visit(body.date, body.kind, body.outcome, body.next_follow_up, body.note.strip())
    activity = log_visit(rep, customer, visit)
    return Status(
        201, Activity.objects.select_related("department", "customer", "rep").get(pk=activity.pk)
    )


def _check_dates(body: s.ActivityIn) -> None:
    if body.date > timezone.localdate():
        raise HttpError(422, "date must not be after today")
    if body.next_follow_up is not None and body.next_follow_up < body.date:
        raise HttpError(422, "next_follow_up must not be before date")


# ---------------------------------------------------------------- the report facts


def _default_department(user: User) -> Department:
    own = reach(user).department
    reachable = list(visible(Department, user).order_by("name")[:2])
    if own is not None and own in reachable:
        return own
    if len(reachable) == 1:
        return reachable[0]
    raise HttpError(400, "several departments: name one with department=")


def report_scope(
    user: User, department: str | None, rep: str | None
) -> tuple[Department, str | None]:
    """The department and rep of a report request; a rep's own report only."""
    dept = department_named(user, department) if department else _default_department(user)
    r = reach(user)
    if r.role == Role.REP:
        assert r.rep is not None
        if rep not in (None, "", r.rep.code):
            raise HttpError(404, "Not Found")
        return dept, r.rep.code
    if rep:
        rep_in_reach(user, rep, dept)
    return dept, rep or None


@api.get("/report", response={200: dict[str, Any], 400: s.Error, **ERRORS}, tags=["report"])
def report_facts(
    request: HttpRequest,
    year: int = Query(..., ge=1900, le=2200),
    department: str | None = text_query(None, "department id or name"),
    rep: str | None = text_query(None, "rep code: that rep's personal summary"),
    lang: Literal["zh", "en"] = "zh",
) -> dict[str, Any]:
    """The annual summary's facts: exactly `salesdesk report --year Y --format json`."""
    user = member(request)
    dept, code = report_scope(user, department, rep)
    summary = cached_summary(dept, year, code, lang)
    if summary is None:
        raise HttpError(404, f"no records in {year} for this scope")
    return summary_to_facts(summary, lang=lang)
