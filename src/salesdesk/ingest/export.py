"""`salesdesk export KIND`: records back in the contract's format, so import(export(db)) changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from salesdesk.ingest.contract import Kind, kind_named
from salesdesk.ingest.writers import write_table
from salesdesk.records.departments import department_named
from salesdesk.records.registry import model_for

# contract field -> how to read it from a record (a column name or a related code)
SOURCES: dict[str, dict[str, str]] = {
    "reps": {"rep": "code"},
    "customers": {"customer": "code", "owner": "owner__code"},
    "orders": {
        "order": "order_no",
        "line": "line_no",
        "customer": "customer__code",
        "rep": "rep__code",
    },
    "adjustments": {"order": "order_no"},
    "payments": {
        "payment": "payment_no",
        "customer": "customer__code",
        "order": "order_no",
        "rep": "rep__code",
    },
    "capacity": {},
    "activities": {"rep": "rep__code", "customer": "customer__code"},
    "targets": {"rep": "rep__code"},
    "ideas": {"rep": "rep__code"},
    "incidents": {"customer": "customer__code", "order": "order_no"},
}


def export_kind(kind_name: str, path: str | Path | None, *, department: str | None = None) -> int:
    kind = kind_named(kind_name)
    dept = department_named(department)
    headers, rows = export_rows(kind, dept.pk)
    return write_table(path, headers, rows, sheet=kind.label_zh)


def export_rows(kind: Kind, department_id: int) -> tuple[list[str], Iterator[list[Any]]]:
    """Contract headers (plus every extra column kept) and the rows, in the order they were stored."""
    model = model_for(kind.name)
    queryset = model.objects.filter(department_id=department_id).order_by("pk")  # type: ignore[attr-defined]
    extra_names = _extra_names(queryset)
    getters = [_getter(kind.name, f.name) for f in kind.fields]
    lookups = sorted({src for src in SOURCES[kind.name].values()} | _plain_columns(kind, model))
    headers = [f.name for f in kind.fields] + extra_names

    def rows() -> Iterator[list[Any]]:
        for record in queryset.values(*lookups, "extra").iterator(chunk_size=5000):
            extra = record["extra"] or {}
            yield [get(record) for get in getters] + [extra.get(n, "") for n in extra_names]

    return headers, rows()


def _plain_columns(kind: Kind, model: Any) -> set[str]:
    names = {f.name for f in model._meta.concrete_fields}
    return {f.name for f in kind.fields if f.name in names and f.name not in SOURCES[kind.name]}


def _getter(kind: str, field: str) -> Callable[[dict[str, Any]], Any]:
    source = SOURCES[kind].get(field, field)
    return lambda record: record.get(source)


def _extra_names(queryset: Any) -> list[str]:
    names: dict[str, None] = {}
    for extra in queryset.exclude(extra={}).values_list("extra", flat=True).distinct()[:10000]:
        for name in extra or {}:
            names.setdefault(name, None)
    return list(names)
