"""Create or update a user with a role: what `salesdesk createuser` does."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from salesdesk.records.departments import department_named
from salesdesk.records.models import Department, Rep
from salesdesk.web.accounts.models import Profile, Role


class UserProblem(ValueError):
    """The arguments cannot make a valid user (the message says why, in Chinese and English)."""


class UnknownRepCode(UserProblem):
    def __init__(self, code: str, where: str, known: list[str]) -> None:
        listed = "、".join(known[:30]) or "—"
        super().__init__(
            f"{where}没有工号为 {code} 的业务员。现有工号：{listed} / "
            f"no rep with code {code!r} {'in ' + where if where else ''}. Known: {listed}"
        )


@dataclass(frozen=True)
class SavedUser:
    user: AbstractUser
    created: bool
    password_changed: bool


def find_rep(code: str, department: Department | None) -> Rep:
    """The rep with this code (in the department when one is given; else it must be unique)."""
    reps = Rep.objects.filter(code=code).select_related("department")
    if department is not None:
        reps = reps.filter(department=department)
    found = list(reps[:2])
    if len(found) == 1:
        return found[0]
    if not found:
        known = Rep.objects.order_by("code")
        if department is not None:
            known = known.filter(department=department)
        where = f"部门“{department.name}”" if department is not None else ""
        raise UnknownRepCode(code, where, list(known.values_list("code", flat=True)))
    raise UserProblem(
        f"工号 {code} 在多个部门中都有，请用 --department 指定部门 / "
        f"rep code {code!r} exists in several departments; name one with --department"
    )


def _resolve(
    role: str, rep_code: str | None, department_name: str | None
) -> tuple[Rep | None, Department | None]:
    department = department_named(department_name) if department_name else None
    rep = find_rep(rep_code, department) if rep_code else None
    if rep is not None:
        department = rep.department
    if role == Role.REP and rep is None:
        raise UserProblem("业务员角色需要 --rep 工号 / the rep role needs --rep CODE")
    if role == Role.MANAGER and department is None:
        raise UserProblem(
            "经理角色需要 --department 部门 / the manager role needs --department NAME"
        )
    return rep, department


@transaction.atomic
def save_user(
    name: str,
    role: str,
    password: str | None,
    *,
    rep_code: str | None = None,
    department_name: str | None = None,
    email: str | None = None,
) -> SavedUser:
    """Create the user, or update an existing one's role, rep, department (and password if given).

    A new user needs a password. Raises UserProblem (or UnknownDepartment) for bad arguments.
    """
    if role not in Role.values:
        raise UserProblem(f"未知角色 {role!r}，可选：{', '.join(Role.values)}")
    rep, department = _resolve(role, rep_code, department_name)
    model = get_user_model()
    user = model.objects.filter(username=name).first()
    created = user is None
    if user is None:
        if not password:
            raise UserProblem("新用户需要密码 / a new user needs a password")
        user = model(username=name)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise UserProblem(
                "密码不合要求 / password rejected: " + " ".join(error.messages)
            ) from None
        user.set_password(password)
    if email is not None:
        user.email = email
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.is_active = True
    user.save()
    Profile.objects.update_or_create(
        user=user, defaults={"role": role, "rep": rep, "department": department}
    )
    return SavedUser(user, created, bool(password))
