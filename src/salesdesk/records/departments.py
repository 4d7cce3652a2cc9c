"""`--department NAME`: one installation serves several departments."""

from __future__ import annotations

from salesdesk.records.models import Department

DEFAULT = "default"


class UnknownDepartment(LookupError):
    def __init__(self, name: str, known: list[str]) -> None:
        listed = "、".join(known) or "（尚无部门）"
        super().__init__(f"没有名为“{name}”的部门。现有部门：{listed}")
        self.name = name
        self.known = known


class AmbiguousDepartment(LookupError):
    def __init__(self, known: list[str]) -> None:
        super().__init__(f"有多个部门，请用 --department 指定其一：{'、'.join(known)}")
        self.known = known


def department_named(
    name: str | None, *, create: bool = False, kind: str | None = None
) -> Department:
    """The named department; without a name, the only one there is, or `default`."""
    if name:
        found = Department.objects.filter(name=name).first()
        if found:
            return found
        if create:
            return Department.objects.create(name=name, kind=kind or "general")
        raise UnknownDepartment(name, _names())
    names = _names()
    if len(names) == 1:
        return Department.objects.get(name=names[0])
    if not names or DEFAULT in names:
        if not names and not create:
            raise UnknownDepartment(DEFAULT, names)
        return Department.objects.get_or_create(name=DEFAULT, defaults={"kind": kind or "general"})[
            0
        ]
    raise AmbiguousDepartment(names)


def _names() -> list[str]:
    return list(Department.objects.order_by("name").values_list("name", flat=True))
