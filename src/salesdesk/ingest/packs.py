"""Fields a kind of department adds to the contract's kinds of record.

A ready-mix concrete department's order is a pour order: it cannot be planned
or billed without the strength grade, the slump and the site, so for such a
department those columns are required at import, checked row by row, and kept
with each order line under their English keys.
"""

from __future__ import annotations

from dataclasses import replace

from salesdesk.ingest.contract import Field, Kind

YES_NO: dict[str, tuple[str, ...]] = {
    "yes": ("是", "已确认", "确认", "Y", "true", "1", "✓", "√", "ok"),
    "no": ("否", "未确认", "N", "false", "0", "✗", "×"),
}
EXTENSIONS: dict[tuple[str, str], tuple[Field, ...]] = {
    ("concrete", "orders"): (
        Field("strength_grade", "强度等级", "text", True, ("砼强度等级", "grade", "标号")),
        # Text, not a number: slump is specified as "180±20" as often as "180".
        Field("slump", "坍落度", "text", True, ("坍落度(mm)", "slump_mm")),
        Field("site", "工地", "text", True, ("施工部位", "工程名称", "浇筑部位", "工程")),
    ),
    # Export: the customer confirmation checklist (客户资料确认表) and the pricing inputs, all
    # optional; a yes/no column reads 是/否, 已确认/未确认, Y/N, yes/no, true/false, 1/0, ✓/✗.
    ("export", "orders"): (
        Field("packaging_confirmed", "包装材料确认", "choice", choices=YES_NO),
        Field("marks_confirmed", "麦头确认", "choice", aliases=("唛头确认",), choices=YES_NO),
        Field("design_confirmed", "设计稿确认", "choice", choices=YES_NO),
        Field("confirmed_on", "确认日期", "date", aliases=("客户确认日期",)),
        Field("released_on", "投产日期", "date", aliases=("下单生产日期", "下生产单日期")),
        Field("rebate_rate", "退税率", "decimal", aliases=("出口退税率",)),
        Field("unit_cost", "单位成本", "decimal", aliases=("成本单价", "含税成本")),
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
