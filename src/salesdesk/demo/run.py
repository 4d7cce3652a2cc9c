"""Build the demo: generate each department's files, import them, write its summaries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from salesdesk.demo.generate import DEMO_DEPARTMENTS, DemoFiles, generate_department
from salesdesk.ingest.importer import import_file
from salesdesk.records.departments import department_named

FORMATS = ("html", "docx", "md")


def run_demo(out: Path, *, year: int = 2025, echo: Callable[[str], None] = print) -> list[Path]:
    """Every demo department into the database, and its summary in each format. Returns the files."""
    written: list[Path] = []
    for kind, _name in DEMO_DEPARTMENTS:
        files = generate_department(kind, out / "data" / kind, year=year)
        load_department(files, echo)
        written.extend(write_summaries(files, out, year))
    return written


def load_department(files: DemoFiles, echo: Callable[[str], None]) -> None:
    department_named(files.name, create=True, kind=files.kind)
    for kind, path in files.files:
        result = import_file(path, kind, department=files.name)
        if result.problems:
            raise RuntimeError(
                f"demo file {path} was refused: {result.problems[0].message(str(path))}"
            )
        echo(f"{files.name}：导入 {kind} {result.records} 条（新增 {result.added}）")


def write_summaries(files: DemoFiles, out: Path, year: int) -> list[Path]:
    from salesdesk.report.build import build_summary
    from salesdesk.report.render import write_report

    summary = build_summary(files.name, year)
    paths = []
    for fmt in FORMATS:
        path = out / f"{files.name}-{year}年度工作总结.{fmt}"
        write_report(summary, path, lang="zh", fmt=fmt)
        paths.append(path)
    return paths
