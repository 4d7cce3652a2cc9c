"""`salesdesk serve`, `createuser` and `digest`: the web app from the command line."""

from __future__ import annotations

import os
import sys
from datetime import date

import click

from salesdesk.cli.main import Context, cli
from salesdesk.cli.options import db_option, department_option

ROLES = ["manager", "rep", "viewer", "admin"]


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址。")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="端口。"
)
@db_option
@click.pass_obj
def serve_command(obj: Context, host: str, port: int) -> None:
    """启动网页版（gunicorn；先应用数据库迁移并收集静态文件）。

    进程数、线程数见 SALESDESK_WEB_WORKERS / SALESDESK_WEB_THREADS。
    """
    os.environ.setdefault("SALESDESK_STATIC_MANIFEST", "1")
    obj.setup()
    from django.conf import settings

    from salesdesk.web.server import PortInUse, ServerOptions, serve, warnings

    for warning in warnings():
        click.echo(f"警告：{warning}", err=True)
    options = ServerOptions(
        host, port, settings.WEB_WORKERS, settings.WEB_THREADS, settings.WEB_TIMEOUT
    )
    click.echo(f"salesdesk 网页版：http://{options.bind}/", err=True)
    try:
        serve(options)
    except PortInUse as error:
        click.echo(f"端口已被占用，请换一个端口（--port）或先停止占用它的程序：{error}", err=True)
        sys.exit(1)


def _read_password() -> str:
    """One line from standard input (a hidden prompt on a terminal)."""
    if sys.stdin.isatty():
        return str(click.prompt("密码", hide_input=True, default="", show_default=False))
    return sys.stdin.readline().rstrip("\r\n")


@cli.command("createuser")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="角色。")
@click.option("--rep", "rep_code", metavar="CODE", help="业务员工号（业务员角色必填）。")
@click.option("--email", default=None, help="邮箱（接收待跟进提醒）。")
@department_option
@db_option
@click.pass_obj
def createuser_command(
    obj: Context,
    name: str,
    role: str,
    rep_code: str | None,
    email: str | None,
    department: str | None,
) -> None:
    """新建网页用户，或更新已有用户的角色（密码从标准输入读取一行）。

    新用户必须给出密码；已有用户读到空行时保留原密码。
    """
    password = _read_password()
    obj.setup()
    from salesdesk.web.accounts.users import UserProblem, save_user

    try:
        saved = save_user(
            name, role, password or None, rep_code=rep_code, department_name=department, email=email
        )
    except (UserProblem, LookupError) as error:
        click.echo(str(error).strip("'\""), err=True)
        sys.exit(1)
    what = "已创建" if saved.created else "已更新"
    kept = "" if saved.password_changed else "（密码未变）"
    click.echo(f"{what}用户 {name}：角色 {role}{kept}")


@cli.command("digest")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="按哪一天计算（默认今天）。")
@db_option
@click.pass_obj
def digest_command(obj: Context, day: str | None) -> None:
    """给每位业务员发邮件：当天到期和逾期的跟进（SALESDESK_EMAIL_*；默认输出到屏幕）。"""
    try:
        when = date.fromisoformat(day) if day else None
    except ValueError:
        raise click.BadParameter(f"无法识别的日期：{day!r}", param_hint="--date") from None
    obj.setup()
    from django.utils import timezone

    from salesdesk.web.front.digest import send_digest

    result = send_digest(when or timezone.localdate())
    click.echo(
        f"已发送 {len(result.sent)} 封；无到期跟进 {len(result.nothing_due)} 人；"
        f"无邮箱 {len(result.no_email)} 人{'：' + '、'.join(result.no_email) if result.no_email else ''}",
        err=True,
    )
