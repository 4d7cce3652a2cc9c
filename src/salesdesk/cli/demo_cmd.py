"""`salesdesk demo`: five departments with a full year each, and their annual summaries."""

from __future__ import annotations

import os
from pathlib import Path

import click

from salesdesk.cli.main import Context, cli


@cli.command("demo")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="salesdesk-demo",
    show_default=True,
    help="演示数据与年度总结的输出目录。",
)
@click.option("--year", type=int, default=2025, show_default=True, help="演示数据的年度。")
@click.option("--no-serve", is_flag=True, help="只生成数据和报告，不启动网页。")
@click.option("--host", default="127.0.0.1", show_default=True, help="网页版监听地址。")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.pass_obj
def demo_command(
    obj: Context, out_dir: str, year: int, no_serve: bool, host: str, port: int
) -> None:
    """生成五个演示部门（出口、混凝土、酒店餐饮、销售团队、预付卡）的全年数据和年度总结。"""
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    if obj.db is None and "DATABASE_URL" not in os.environ and "SALESDESK_DB" not in os.environ:
        obj.db = str(out / "salesdesk-demo.sqlite3")
    if not no_serve:
        os.environ.setdefault("SALESDESK_STATIC_MANIFEST", "1")  # as `salesdesk serve` does
    obj.setup()
    from salesdesk.demo.run import run_demo

    written = run_demo(out, year=year, echo=click.echo)
    click.echo(f"\n已生成 {len(written)} 份年度总结，位于 {out}：")
    for path in written:
        click.echo(f"  {path.relative_to(out)}")
    if not no_serve:
        _serve(host, port)


def _serve(host: str, port: int) -> None:
    from django.conf import settings

    from salesdesk.demo.generate import DEMO_DEPARTMENTS
    from salesdesk.demo.users import create_demo_users
    from salesdesk.web.server import ServerOptions, serve

    users = create_demo_users(DEMO_DEPARTMENTS[0][1])
    click.echo(f"\n网页版：http://{host}:{port}/  （Ctrl+C 退出）演示账号：")
    for user in users:
        where = user.department or "全部部门"
        click.echo(f"  {user.name:<8} 密码 {user.password}  角色 {user.role}（{where}）")
    serve(
        ServerOptions(host, port, settings.WEB_WORKERS, settings.WEB_THREADS, settings.WEB_TIMEOUT)
    )
