"""The table printed after an import."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from salesdesk.ingest.importer import ImportResult

SHOWN_PROBLEMS = 50


def print_import_result(result: ImportResult, lang: str = "zh") -> None:
    console = Console(stderr=False, highlight=False)
    zh = lang != "en"
    for problem in result.problems[:SHOWN_PROBLEMS]:
        console.print(problem.message(result.path, lang), style="red", markup=False, soft_wrap=True)
    if len(result.problems) > SHOWN_PROBLEMS:
        more = len(result.problems) - SHOWN_PROBLEMS
        console.print(
            f"……另有 {more} 个问题未列出" if zh else f"… {more} more problems", style="red"
        )
    table = Table(title=_title(result, zh), show_header=False)
    for label, value in _lines(result, zh):
        table.add_row(label, value)
    console.print(table)


def _title(result: ImportResult, zh: bool) -> str:
    if result.dry_run:
        return "试运行（未写入）" if zh else "Dry run (nothing written)"
    if not result.written:
        return "导入被拒绝：没有写入任何数据" if zh else "Import refused: nothing was written"
    return "导入完成" if zh else "Import finished"


def _lines(r: ImportResult, zh: bool) -> list[tuple[str, str]]:
    lines = [
        (
            "文件" if zh else "File",
            f"{r.path} ({r.format}{', ' + r.encoding if r.encoding else ''})",
        ),
        ("部门" if zh else "Department", r.department),
        ("类型" if zh else "Kind", r.kind),
        ("读取行数" if zh else "Rows read", str(r.rows_read)),
        ("新增" if zh else "Added", str(r.added)),
        ("更新" if zh else "Updated", str(r.updated)),
        ("未变" if zh else "Unchanged", str(r.unchanged)),
        ("拒绝" if zh else "Rejected", str(r.rejected)),
    ]
    if r.rows_filtered:
        lines.append(("按映射过滤" if zh else "Filtered out", str(r.rows_filtered)))
    if r.new_customers:
        lines.append(("新客户" if zh else "New customers", _few(r.new_customers)))
    if r.new_reps:
        lines.append(("新业务员" if zh else "New reps", _few(r.new_reps)))
    if r.extra_columns:
        lines.append(
            ("额外列（已保留）" if zh else "Extra columns (kept)", ", ".join(r.extra_columns))
        )
    if r.rejected_file:
        lines.append(("错误行文件" if zh else "Rejected rows file", r.rejected_file))
    return lines


def _few(names: list[str]) -> str:
    shown = ", ".join(names[:10])
    return f"{len(names)}：{shown}{' …' if len(names) > 10 else ''}"
