"""`salesdesk close` and `salesdesk reopen`: freeze a year once its summary is signed."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from salesdesk.records.models import Department

from salesdesk.cli.main import Context, cli
from salesdesk.cli.options import db_option, department_option


@cli.command("close")
@click.option("--year", type=int, required=True, help="要结账的年度。")
@click.option("--by", default=None, help="结账人（默认当前系统用户）。")
@department_option
@db_option
@click.pass_obj
def close_command(obj: Context, year: int, by: str | None, department: str | None) -> None:
    """年度结账：此后导入、修改或接口调用凡涉及该年度的记录一律拒绝。"""
    obj.setup()
    from salesdesk.records.closing import close_year
    from salesdesk.records.departments import department_named

    dept = _department(department_named, department)
    if close_year(dept, year, by=by or getpass.getuser()):
        click.echo(f"{dept.name} {year} 年已结账。更正请在当前年度以调整记录录入。")
    else:
        click.echo(f"{dept.name} {year} 年早已结账，未作改动。")


@cli.command("reopen")
@click.option("--year", type=int, required=True)
@click.option("--reason", required=True, help="重新开账的原因（记入结账记录）。")
@click.option("--by", default=None, help="操作人（默认当前系统用户）。")
@department_option
@db_option
@click.pass_obj
def reopen_command(
    obj: Context, year: int, reason: str, by: str | None, department: str | None
) -> None:
    """重新开账（仅限管理员；操作与原因会被记录）。"""
    obj.setup()
    from salesdesk.records.closing import reopen_year
    from salesdesk.records.departments import department_named

    dept = _department(department_named, department)
    if reopen_year(dept, year, by=by or getpass.getuser(), reason=reason):
        click.echo(f"{dept.name} {year} 年已重新开账（原因：{reason}）。")
    else:
        click.echo(f"{dept.name} {year} 年并未结账。", err=True)
        sys.exit(1)


def _department(find: Callable[[str | None], Department], name: str | None) -> Department:
    try:
        return find(name)
    except LookupError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
