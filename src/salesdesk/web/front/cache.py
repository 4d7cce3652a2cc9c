"""The annual summary behind the dashboard, built by `build_summary` and cached per
(department, year, rep, language) under the department's data version.

The version changes whenever the department's records do, from whichever process changed
them (an import on the command line, the Django admin, a visit logged on a phone), so a cached
summary is never stale and no cache has to be cleared by hand.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache

from salesdesk.records.models import (
    Activity,
    Adjustment,
    Capacity,
    Customer,
    Department,
    Idea,
    ImportBatch,
    Incident,
    OrderLine,
    Payment,
    Rep,
    Target,
)
from salesdesk.report.build import NoRecordsForYear, build_summary
from salesdesk.report.summary import AnnualSummary
from salesdesk.web.front import lookups
from salesdesk.web.front.models import Edition

RECORD_MODELS = (
    Rep,
    Customer,
    OrderLine,
    Adjustment,
    Payment,
    Capacity,
    Target,
    Activity,
    Idea,
    Incident,
)
_NO_RECORDS = "no-records"


def _version_lookups() -> list[str]:
    return [
        *(lookups.aggregate(model, "MAX", "id") for model in RECORD_MODELS),
        *(lookups.latest(ImportBatch, name) for name in ("id", "added", "updated")),
        lookups.aggregate(Edition, "MAX", "number"),
    ]


def data_version(department: Department) -> str:
    """A short hash that changes with any change to the department's records.

    Made of each record table's highest id (new rows), the last import batch and its counters
    (an import that updated rows in place), the department's edition counter (rows changed or
    deleted through the ORM: signals.py) and its name and kind. Every part is an index look-up,
    all in one query, so the version costs the same at a million order lines as at a hundred (a
    row count would read the whole table on every page).
    """
    found = list(lookups.one_row(_version_lookups(), department.pk))
    if found[-1] is None:
        found[-1] = edition(department)
    parts: list[object] = [department.name, department.kind, *found]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]


def edition(department: Department) -> int:
    """The department's edition counter, its row made on first use (deletions only update it)."""
    return int(Edition.objects.get_or_create(department=department)[0].number)


def summary_key(department: Department, year: int, rep: str | None, lang: str) -> str:
    version = data_version(department)
    return f"salesdesk:summary:{department.pk}:{year}:{rep or '-'}:{lang}:{version}"


def cached_summary(
    department: Department, year: int, rep: str | None = None, lang: str = "zh"
) -> AnnualSummary | None:
    """`build_summary(department, year, rep=rep, lang=lang)`, or None when the scope has no
    records in the year; computed once per data version."""
    key = summary_key(department, year, rep, lang)
    found = _recent_get(key)
    if found is None:
        found = cache.get(key)
    if found is None:
        with _building(key):  # many requests at once: one builds, the others wait for it
            found = cache.get(key)
            if found is None:
                found = _build(department, year, rep, lang)
                cache.set(key, found)
    _recent_put(key, found)
    return found if isinstance(found, AnnualSummary) else None


def _build(department: Department, year: int, rep: str | None, lang: str) -> object:
    try:
        return build_summary(department.name, year, rep=rep, lang=lang)
    except NoRecordsForYear:
        return _NO_RECORDS


# This process's own state: a lock per summary being built, and the last few summaries it read,
# unpickled (the shared cache pickles its values, and unpickling a summary on every page view
# costs more than the rest of the look-up). Same keys, data version included, and a remembered
# summary is only used while the shared cache still holds its key.
RECENT = 16
_guard = threading.Lock()
_locks: dict[str, threading.Lock] = {}
_recent: OrderedDict[str, object] = OrderedDict()


@contextmanager
def _building(key: str) -> Iterator[None]:
    """Hold this process's lock for one cache key while its summary is built."""
    with _guard:
        lock = _locks.setdefault(key, threading.Lock())
    try:
        with lock:
            yield
    finally:
        with _guard:
            _locks.pop(key, None)


def _recent_get(key: str) -> object | None:
    with _guard:
        found = _recent.get(key)
    if found is None or not cache.has_key(key):
        return None
    return found


def _recent_put(key: str, value: object) -> None:
    with _guard:
        _recent[key] = value
        _recent.move_to_end(key)
        while len(_recent) > RECENT:
            _recent.popitem(last=False)
