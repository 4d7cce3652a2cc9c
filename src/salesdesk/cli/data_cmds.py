"""`salesdesk import`, `export` and `template`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from salesdesk.cli.main import Context, cli
from salesdesk.cli.options import db_option, department_option, lang_option
from salesdesk.cli.progress import row_progress
from salesdesk.cli.summary import print_import_result
from salesdesk.ingest.contract import KINDS
from salesdesk.ingest.problems import FileProblem

KIND_HELP = "记录类型：" + "、".join(f"{k.name}（{k.label_zh}）" for k in KINDS.values())


@cli.command("import")
@click.argument("kind")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--sheet", metavar="NAME", help="Excel 工作表名（默认第一张）。")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False), help="映射文件 map.toml。")
@click.option("--dry-run", is_flag=True, help="只校验并报告，不写入。")
@click.option("--skip-bad", is_flag=True, help="写入正确的行；错误行写到 FILE.rejected.csv。")
@department_option
@lang_option
@db_option
@click.pass_obj
def import_command(
    obj: Context,
    kind: str,
    file: str,
    sheet: str | None,
    mapping: str | None,
    dry_run: bool,
    skip_bad: bool,
    department: str | None,
    lang: str,
) -> None:
    """导入一个文件（CSV/TSV/XLSX/XLS，可为 .gz）。KIND 见 data contract。

    退出码：0 成功；1 文件被拒绝（什么都没有写入）；3 已写入但有行被跳过（--skip-bad）。
    """
    from salesdesk.ingest.contract import kind_named

    try:
        kind_named(kind)
    except KeyError:
        raise click.BadParameter(
            f"未知的记录类型 {kind!r}。{KIND_HELP}", param_hint="KIND"
        ) from None
    if not Path(file).exists():
        _fail(FileProblem(file, "文件不存在", "file not found"), lang)
    obj.setup()
    from salesdesk.ingest.importer import import_file

    try:
        with row_progress(file) as progress:
            result = import_file(
                file,
                kind,
                department=department,
                sheet=sheet,
                mapping=mapping,
                dry_run=dry_run,
                skip_bad=skip_bad,
                progress=progress,
            )
    except FileProblem as problem:
        _fail(problem, lang)
    except LookupError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    print_import_result(result, lang)
    if result.problems and not skip_bad:
        sys.exit(1)
    if result.problems:
        sys.exit(3)


def _fail(problem: FileProblem, lang: str) -> None:
    click.echo(problem.message(lang), err=True)
    sys.exit(1)


@cli.command("export")
@click.argument("kind")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="输出文件（.csv/.tsv/.xlsx）；默认输出到屏幕。",
)
@department_option
@db_option
@click.pass_obj
def export_command(obj: Context, kind: str, output: str | None, department: str | None) -> None:
    """按数据契约格式导出记录（再导入不会改变任何数据）。"""
    obj.setup()
    from salesdesk.ingest.export import export_kind

    try:
        count = export_kind(kind, output, department=department)
    except KeyError:
        raise click.BadParameter(
            f"未知的记录类型 {kind!r}。{KIND_HELP}", param_hint="KIND"
        ) from None
    except LookupError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    if output:
        click.echo(f"已导出 {count} 条记录到 {output}", err=True)


@cli.command("template")
@click.argument("kind")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), required=True, help="输出 .xlsx 文件。"
)
@lang_option
def template_command(kind: str, output: str, lang: str) -> None:
    """生成空白导入模板（表头 + 填写说明）。"""
    from salesdesk.ingest.template import write_template

    try:
        write_template(kind, output, lang=lang)
    except KeyError:
        raise click.BadParameter(
            f"未知的记录类型 {kind!r}。{KIND_HELP}", param_hint="KIND"
        ) from None
    click.echo(f"模板已写入 {output}")
