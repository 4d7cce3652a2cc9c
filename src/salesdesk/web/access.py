"""Who may see and change which records: the one place every page (and the API) scopes data.

* a **rep** sees their own customers (Customer.owner) and their own records — exactly the
  records of their personal annual summary (`metrics.scope.Scope` with the rep), so a page and
  the report never disagree about whose a record is;
* a **manager** sees every record of their department;
* a **viewer** (the boss) reads every department and changes nothing;
* an **admin** reads and changes everything and manages users in the Django admin.

Views never filter by hand: they start from `visible(Model, user)`, so an object outside the
user's reach is simply not found (404). Changes go through `can_change` / `require_change`
(403 for a user who may read but not write).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from salesdesk.metrics.scope import Scope
from salesdesk.records.models import (
    Activity,
    Adjustment,
    Capacity,
    Customer,
    Department,
    Idea,
    Incident,
    OrderLine,
    Payment,
    Rep,
    Target,
)
from salesdesk.web.accounts.models import Profile, Role

M = TypeVar("M", bound=models.Model)
User = AbstractBaseUser | AnonymousUser
NOBODY = "none"

# A rep's share of each kind of record: the record sets of their personal summary.
_REP_RECORDS: dict[type[models.Model], Callable[[Scope], QuerySet[Any]]] = {
    Rep: Scope.reps,
    Customer: Scope.customers,
    OrderLine: Scope.lines,
    Adjustment: Scope.adjustments,
    Payment: Scope.payments,
    Activity: Scope.activities,
    Idea: Scope.ideas,
    Incident: Scope.incidents,
    Target: lambda s: Target.objects.filter(department=s.department, rep=s.rep),
    Capacity: lambda s: Capacity.objects.filter(department=s.department),
}


@dataclass(frozen=True)
class Reach:
    """What a user's role lets them reach: a department (None = all) and perhaps one rep."""

    role: str
    department: Department | None = None
    rep: Rep | None = None

    @property
    def everywhere(self) -> bool:
        return self.role in (Role.VIEWER, Role.ADMIN)

    @property
    def writes(self) -> bool:
        return self.role in (Role.MANAGER, Role.REP, Role.ADMIN)

    @property
    def is_member(self) -> bool:
        return self.role != NOBODY


def reach(user: User) -> Reach:
    """The user's reach, read once per request (cached on the user object)."""
    cached = getattr(user, "_salesdesk_reach", None)
    if isinstance(cached, Reach):
        return cached
    found = _reach(user)
    user._salesdesk_reach = found  # type: ignore[union-attr]
    return found


def _profile(user: User) -> Profile | None:
    # The profile and its department in one query (`user.profile`, then its department: two
    # round trips on every request). Sliced rather than .first(), whose ORDER BY costs more to
    # build than the query takes to run.
    assert user.pk is not None  # a logged-in user
    found = list(Profile.objects.select_related("department").filter(user_id=user.pk)[:1])
    return found[0] if found else None


def _reach(user: User) -> Reach:
    if not user.is_authenticated or not user.is_active:
        return Reach(NOBODY)
    profile = _profile(user)
    if profile is None:
        return Reach(Role.ADMIN) if getattr(user, "is_superuser", False) else Reach(NOBODY)
    rep = profile.rep  # read only for a profile tied to a rep
    department = profile.department
    if rep is not None and rep.department_id != profile.department_id:
        department = rep.department  # the rep's department is the one that counts
    if profile.role in (Role.VIEWER, Role.ADMIN):
        return Reach(profile.role, department, rep)
    if profile.role == Role.REP and rep is None:
        return Reach(NOBODY)
    if department is None:
        return Reach(NOBODY)
    return Reach(profile.role, department, rep)


def visible(model: type[M], user: User) -> QuerySet[M]:
    """Every `model` record the user may read (an unknown model: none for a rep)."""
    r = reach(user)
    everything: QuerySet[M] = model._default_manager.all()
    if not r.is_member:
        return everything.none()
    if r.everywhere:
        return everything
    assert r.department is not None
    if model is Department:
        return everything.filter(pk=r.department.pk)
    if r.role == Role.MANAGER:
        return everything.filter(department=r.department)
    records = _REP_RECORDS.get(model)
    if records is None:
        return everything.none()
    return records(Scope(r.department, timezone.localdate().year, r.rep))


def visible_customers(user: User) -> QuerySet[Customer]:
    return visible(Customer, user)


def departments(user: User) -> QuerySet[Department]:
    return visible(Department, user).order_by("name")


def department_choices(user: User) -> tuple[Department, ...]:
    """`departments(user)` as a tuple; for a user tied to one department, that department as
    read with their reach, without asking the database again."""
    r = reach(user)
    if r.is_member and not r.everywhere and r.department is not None:
        return (r.department,)
    return tuple(departments(user))


def can_change(user: User, obj: models.Model) -> bool:
    """May the user change (or add records about) `obj`? Never a viewer; a rep only their own."""
    r = reach(user)
    if not r.writes:
        return False
    if r.role == Role.ADMIN:
        return True
    return visible(type(obj), user).filter(pk=obj.pk).exists()


def require_change(user: User, obj: models.Model) -> None:
    if not can_change(user, obj):
        raise PermissionDenied


def can_log_visits(user: User) -> bool:
    """Visits are logged by a rep for themselves: the user needs write rights and a rep."""
    r = reach(user)
    return r.writes and r.rep is not None


def manages(user: User) -> bool:
    """Imports and targets are a manager's (or an admin's) work: never a rep's or a viewer's."""
    return reach(user).role in (Role.MANAGER, Role.ADMIN)


def require_manager(user: User) -> None:
    if not manages(user):
        raise PermissionDenied
