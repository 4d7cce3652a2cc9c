"""The API's filters and pages, on top of `access.visible`: nothing here widens a user's reach.

A filter naming a department or rep outside the caller's reach is a 404, as on the pages.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from salesdesk.records.models import Department, Rep
from salesdesk.web.access import User, departments, reach, visible

M = TypeVar("M", bound=models.Model)
MAX_PAGE_SIZE = 500
MAX_ID = 2**63 - 1  # the largest id a (64-bit) database key can hold


def member(request: HttpRequest) -> User:
    """The authenticated caller, who must have a role (403 otherwise)."""
    user: User = request.auth  # type: ignore[attr-defined]
    if not reach(user).is_member:
        raise PermissionDenied
    return user


def writer(request: HttpRequest) -> User:
    """A caller who may change records at all (viewers: 403)."""
    user = member(request)
    if not reach(user).writes:
        raise PermissionDenied
    return user


def department_named(user: User, value: str) -> Department:
    """A department in reach, by id or by name (404 otherwise)."""
    reachable = departments(user)
    found = reachable.filter(pk=int(value)).first() if _is_id(value) else None
    found = found or reachable.filter(name=value).first()
    if found is None:
        raise Http404("department")
    return found


def _is_id(value: str) -> bool:
    """ASCII digits of a number a key can hold ("²".isdigit() is true, int("²") fails)."""
    return value.isascii() and value.isdigit() and int(value) <= MAX_ID


def rep_in_reach(user: User, code: str, department: Department | None = None) -> QuerySet[Rep]:
    """The visible reps with this code (in the department, when given); 404 when there are none."""
    reps = visible(Rep, user).filter(code=code)
    if department is not None:
        reps = reps.filter(department=department)
    if not reps.exists():
        raise Http404("rep")
    return reps


def filtered(
    qs: QuerySet[M],
    user: User,
    *,
    department: str | None = None,
    rep: str | None = None,
    customer: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[M]:
    """The common filters of the record lists, applied to an already scoped query set."""
    dept = department_named(user, department) if department else None
    if dept is not None:
        qs = qs.filter(department=dept)
    if rep:
        qs = qs.filter(rep__in=rep_in_reach(user, rep, dept))
    if customer is not None:
        qs = qs.filter(customer_id=customer)
    if date_from is not None:
        qs = qs.filter(date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(date__lte=date_to)
    return qs


def page_of(qs: QuerySet[Any], page: int, page_size: int) -> dict[str, Any]:
    """One page of a query set (page numbers start at 1; past the end is an empty page)."""
    size = max(1, min(page_size, MAX_PAGE_SIZE))
    count = qs.count()
    start = (max(page, 1) - 1) * size
    return {
        "count": count,
        "page": max(page, 1),
        "pages": math.ceil(count / size),
        "page_size": size,
        # Past the end asks the database nothing: an offset beyond 64 bits would overflow it.
        "items": list(qs[start : start + size]) if start < count else [],
    }
