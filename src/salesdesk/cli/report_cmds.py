"""`salesdesk report`, `explain` and `plan`: the annual summary and its figures."""

from __future__ import annotations

import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from salesdesk.report.summary import AnnualSummary

from salesdesk.cli.main import Context, cli
from salesdesk.cli.options import db_option, department_option, lang_option

REPORT_FORMATS = ["json", "md", "html", "docx", "xlsx"]


def _decimal(value: str | None, name: str) -> Decimal | None:
    if value is None:
        return None
    from salesdesk.ingest.values import parse_decimal

    try:
        return parse_decimal(value)
    except (ValueError, InvalidOperation):
        raise click.BadParameter(f"无法识别的金额：{value!r}", param_hint=name) from None


@cli.command("report")
@click.option("--year", type=int, required=True, help="年度。")
@click.option("--rep", metavar="CODE", help="业务员工号：生成个人年度工作总结。")
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="json", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="输出文件；JSON 默认输出到屏幕。"
)
@department_option
@lang_option
@db_option
@click.pass_obj
def report_command(
    obj: Context,
    year: int,
    rep: str | None,
    fmt: str,
    output: str | None,
    department: str | None,
    lang: str,
) -> None:
    """生成年度工作总结（JSON、Markdown、HTML、Word、Excel）。"""
    obj.setup()
    summary = _summary(department, year, rep, lang)
    if fmt == "json":
        from salesdesk.report.facts import summary_to_facts

        text = json.dumps(summary_to_facts(summary, lang=lang), ensure_ascii=False, indent=2)
        if output:
            Path(output).write_text(text + "\n", encoding="utf-8")
        else:
            click.echo(text)
            return
    else:
        if not output:
            raise click.UsageError(f"--format {fmt} 需要用 -o 指定输出文件。")
        from salesdesk.report.render import write_report

        write_report(summary, output, lang=lang, fmt=fmt)
    click.echo(f"已写入 {output}", err=True)


def _summary(department: str | None, year: int, rep: str | None, lang: str) -> AnnualSummary:
    from salesdesk.report.build import build_summary

    try:
        return build_summary(department, year, rep=rep, lang=lang)
    except LookupError as error:
        click.echo(str(error), err=True)
        sys.exit(1)


@cli.command("explain")
@click.argument("key")
@click.option("--year", type=int, required=True)
@click.option("--rep", metavar="CODE")
@click.option("--rows", type=int, default=20, show_default=True, help="列出的记录行数。")
@department_option
@lang_option
@db_option
@click.pass_obj
def explain_command(
    obj: Context, key: str, year: int, rep: str | None, rows: int, department: str | None, lang: str
) -> None:
    """说明一个指标：定义、筛选条件和背后的记录（如 sales.revenue、customers.top5_share）。"""
    obj.setup()
    from salesdesk.report.explain import explain, render_explanation

    try:
        explanation = explain(key, department, year, rep=rep)
    except (KeyError, LookupError) as error:
        click.echo(str(error).strip("'\""), err=True)
        sys.exit(1)
    click.echo(render_explanation(explanation, lang=lang, rows=rows))


@cli.command("plan")
@click.option("--year", type=int, required=True, help="计划年度。")
@click.option("--target", metavar="AMOUNT", help="年度目标金额（默认：上年销售额 ×（1+增长率））。")
@click.option("--growth", default="0.1", show_default=True, help="增长率，如 0.1 或 10%。")
@click.option(
    "--by",
    type=click.Choice(["rep", "month", "week", "day"]),
    default=None,
    help="JSON 只输出这一层分解；不加时输出全部层级。",
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "xlsx", "md"]), default="json", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False))
@click.option(
    "--assume-weekends", is_flag=True, help="节假日日历未收录该年时，按周一至周五为工作日。"
)
@department_option
@lang_option
@db_option
@click.pass_obj
def plan_command(
    obj: Context,
    year: int,
    target: str | None,
    growth: str,
    by: str | None,
    fmt: str,
    output: str | None,
    assume_weekends: bool,
    department: str | None,
    lang: str,
) -> None:
    """把年度目标分解到月、周、日和业务员（最大余数法，逐级相加完全相等）。"""
    obj.setup()
    from salesdesk.planning.plan import PlanInputError, plan_to_dict
    from salesdesk.planning.render import plan_to_markdown, plan_to_xlsx
    from salesdesk.planning.workdays import UnknownHolidayYear
    from salesdesk.report.planner import PlanUnavailable, plan_for_department

    growth_value = _decimal(growth, "--growth")
    try:
        plan = plan_for_department(
            department,
            year,
            target=_decimal(target, "--target"),
            growth=growth_value if growth_value is not None else Decimal("0.1"),
            assume_weekends=assume_weekends,
            lang=lang,
        )
    except (UnknownHolidayYear, PlanInputError, PlanUnavailable, LookupError) as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    if fmt == "xlsx":
        if not output:
            raise click.UsageError("--format xlsx 需要用 -o 指定输出文件。")
        plan_to_xlsx(plan, output, lang=lang)
        click.echo(f"已写入 {output}", err=True)
        return
    if fmt == "md":
        text = plan_to_markdown(plan, lang=lang)
    else:
        data = plan_to_dict(plan)
        text = json.dumps(_only(data, by), ensure_ascii=False, indent=2)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
        click.echo(f"已写入 {output}", err=True)
    else:
        click.echo(text)


def _only(data: dict[str, object], by: str | None) -> dict[str, object]:
    """--by keeps the year, the target and that one breakdown."""
    if by is None:
        return data
    keep = {"year", "target", "basis", "month_basis", "rep_basis", f"by_{by}"}
    return {k: v for k, v in data.items() if k in keep}
