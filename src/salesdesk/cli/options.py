"""Options shared by many commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

F = Callable[..., Any]


def department_option(func: F) -> F:
    return click.option(
        "--department",
        "department",
        metavar="NAME",
        default=None,
        help="部门名称（默认：唯一的部门，或 default）。",
    )(func)


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default="zh",
        show_default=True,
        help="语言 / language.",
    )(func)


def db_option(func: F) -> F:
    """`--db` after the command name works too (`salesdesk import … --db x.sqlite3`)."""

    def remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value:
            ctx.find_root().obj.db = value
        return value

    return click.option(
        "--db",
        "db_path",
        metavar="PATH",
        expose_value=False,
        callback=remember,
        is_eager=True,
        help="SQLite 数据库文件。",
    )(func)
