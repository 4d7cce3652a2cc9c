"""Fields a kind of department adds to the contract's kinds of record.

A ready-mix concrete department's order is a pour order: it cannot be planned
or billed without the strength grade, the slump and the site, so for such a
department those columns are required at import, checked row by row, and kept
with each order line under their English keys.
"""

from __future__ import annotations

from dataclasses import replace

from salesdesk.ingest.contract import Field, Kind

EXTENSIONS: dict[tuple[str, str], tuple[Field, ...]] = {
    ("concrete", "orders"): (
        Field("strength_grade", "强度等级", "text", True, ("砼强度等级", "grade", "标号")),
        # Text, not a number: slump is specified as "180±20" as often as "180".
        Field("slump", "坍落度", "text", True, ("坍落度(mm)", "slump_mm")),
        Field("site", "工地", "text", True, ("施工部位", "工程名称", "浇筑部位", "工程")),
    ),
}
DEFAULTS: dict[tuple[str, str], dict[str, str]] = {
    ("concrete", "orders"): {"unit": "m3"},
}


def kind_for_department(kind: Kind, department_kind: str) -> Kind:
    """The kind as this department's files must fill it (extra fields, other defaults)."""
    key = (department_kind, kind.name)
    extension = EXTENSIONS.get(key, ())
    defaults = DEFAULTS.get(key, {})
    if not extension and not defaults:
        return kind
    fields = tuple(replace(f, default=defaults.get(f.name, f.default)) for f in kind.fields)
    return replace(kind, fields=fields + extension, extension=tuple(f.name for f in extension))
