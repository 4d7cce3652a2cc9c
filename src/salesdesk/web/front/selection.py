"""Which department, year and rep a page shows: from the query string, within the user's reach.

A rep always sees themselves; a manager their department, optionally one of its reps; a viewer
or admin any department. An out-of-reach department or rep in the query string is a 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.http import Http404
from django.utils import translation

from salesdesk.records.models import Activity, Department, OrderLine, Payment, Rep
from salesdesk.web.access import Reach, User, department_choices, reach, visible
from salesdesk.web.accounts.models import Role
from salesdesk.web.front import lookups
from salesdesk.web.front.cache import data_version, remembered

DATED = (OrderLine, Payment, Activity)


class NoDepartment(LookupError):
    """The user's reach holds no department at all (nothing has been imported yet)."""


@dataclass(frozen=True)
class Selection:
    department: Department
    year: int
    rep: Rep | None  # a rep's own view (always, for a rep)
    departments: tuple[Department, ...]  # the ones the user may pick from
    reps: tuple[Rep, ...]  # the ones the user may pick from (none for a rep)
    years: tuple[int, ...]
    version: str  # the department's data version (cache.data_version), read for this page

    @property
    def rep_code(self) -> str | None:
        return self.rep.code if self.rep else None

    def form_key(self) -> str:
        """Names the rendered selection form (front/_selection.html) by all it shows: the data
        version covers the department's name, reps and dates; the other departments are named
        here, as is the language of the labels."""
        return "|".join(
            (
                translation.get_language() or "",
                self.version,
                str(self.year),
                ",".join(map(str, self.years)),
                str(self.rep.pk) if self.rep else "",
                ",".join(str(r.pk) for r in self.reps),
                "\x1f".join(f"{d.pk}={d.name}" for d in self.departments),
            )
        )

    def query(self) -> str:
        """The selection as a query string, for links between pages."""
        q = f"department={self.department.pk}&year={self.year}"
        return q + (f"&rep={self.rep.code}" if self.rep else "")


def record_years(department: Department, today: date) -> tuple[int, ...]:
    """From the department's first dated record to this year (or its last record's year)."""
    # MIN and MAX as separate subqueries: each is one index look-up (an aggregate with both
    # reads every row of the department on SQLite), all in one query
    found = lookups.one_row(
        [lookups.aggregate(m, f, "date") for m in DATED for f in ("MIN", "MAX")], department.pk
    )
    years = [int(str(d)[:4]) if d is not None else None for d in found]  # SQLite: text dates
    firsts = [y for y in years[0::2] if y is not None]
    lasts = [y for y in years[1::2] if y is not None]
    if not firsts:
        return (today.year,)
    last = max(min(max(lasts), today.year), min(firsts))
    return tuple(range(last, min(firsts) - 1, -1))


def _int(params: Mapping[str, str], name: str) -> int | None:
    raw = params.get(name, "")
    return int(raw) if raw.isdigit() else None


def _department(user: User, params: Mapping[str, str]) -> tuple[Department, tuple[Department, ...]]:
    choices = department_choices(user)
    if not choices:
        raise NoDepartment
    wanted = _int(params, "department")
    if wanted is None:
        default = reach(user).department
        return (default if default in choices else choices[0]), choices
    for d in choices:
        if d.pk == wanted:
            return d, choices
    raise Http404("department")


def _rep(reps: tuple[Rep, ...], params: Mapping[str, str]) -> Rep | None:
    code = params.get("rep", "")
    if not code:
        return None
    for rep in reps:
        if rep.code == code:
            return rep
    raise Http404("rep")


def reach_key(r: Reach) -> str:
    """What a cache key needs of the user's reach: results computed within one reach are the
    same for every user who has it."""
    department = r.department.pk if r.department else ""
    return f"{r.role}:{department}:{r.rep.pk if r.rep else ''}"


def select(user: User, params: Mapping[str, str], today: date) -> Selection:
    """The selection a page shows; raises Http404 for anything outside the user's reach and
    NoDepartment when there is no department to show."""
    r = reach(user)
    department, choices = _department(user, params)
    # The years and the reps change only with the department's records: read once per data
    # version (one look-up query a page instead of three).
    version = data_version(department)
    key = f"salesdesk:select:{department.pk}:{version}"
    years = remembered(f"{key}:years:{today.year}", lambda: record_years(department, today))
    year = _int(params, "year") or years[0]
    if not 1900 <= year <= 2200:
        raise Http404("year")
    if r.role == Role.REP:
        return Selection(department, year, r.rep, choices, (), years, version)
    reps = remembered(
        f"{key}:reps:{reach_key(r)}",
        lambda: tuple(visible(Rep, user).filter(department=department).order_by("code")),
    )
    return Selection(department, year, _rep(reps, params), choices, reps, years, version)
