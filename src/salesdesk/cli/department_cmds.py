"""`salesdesk department add|list`: one installation serves several departments."""

from __future__ import annotations

import click

from salesdesk.cli.main import Context, cli
from salesdesk.cli.options import db_option

KINDS = ["general", "export", "concrete", "hospitality", "team", "prepaid_card"]


@cli.group("department")
def department_group() -> None:
    """部门：新建与列出。部门类型决定其专属指标、必填字段和总结章节。"""


@department_group.command("add")
@click.argument("name")
@click.option(
    "--kind", type=click.Choice(KINDS), default="general", show_default=True, help="部门类型。"
)
@db_option
@click.pass_obj
def add_command(obj: Context, name: str, kind: str) -> None:
    """新建部门（已存在时更新其类型）。"""
    obj.setup()
    from salesdesk.records.models import Department

    department, created = Department.objects.update_or_create(name=name, defaults={"kind": kind})
    click.echo(
        f"{'已新建' if created else '已更新'}部门 {department.name}（{department.get_kind_display()}）"
    )


@department_group.command("list")
@db_option
@click.pass_obj
def list_command(obj: Context) -> None:
    """列出所有部门。"""
    obj.setup()
    from salesdesk.records.models import Department

    for department in Department.objects.order_by("name"):
        click.echo(f"{department.name}\t{department.kind}\t{department.get_kind_display()}")
