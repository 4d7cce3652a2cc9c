"""The `salesdesk` command: a thin face over the Python API."""

from __future__ import annotations

import sys

import click

from salesdesk import bootstrap


class Context:
    def __init__(self, db: str | None) -> None:
        self.db = db

    def setup(self) -> None:
        bootstrap.setup(self.db)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db",
    metavar="PATH",
    help="SQLite 数据库文件（默认 ./salesdesk.sqlite3 或 $SALESDESK_DB）。",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """salesdesk：销售部的工作记录与年度工作总结。"""
    ctx.obj = Context(db)


def main() -> None:
    from salesdesk.cli import commands  # noqa: F401  (registers the commands)

    sys.exit(cli.main(standalone_mode=True))
