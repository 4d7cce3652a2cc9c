"""`salesdesk backup` and `salesdesk restore`: the whole database to one file and back."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from salesdesk import bootstrap
from salesdesk.cli.main import Context, cli
from salesdesk.cli.options import db_option, lang_option
from salesdesk.ops.backup import Copy, backup, restore
from salesdesk.ops.problems import OpsProblem


@cli.command("backup")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--overwrite", is_flag=True, help="FILE 已存在时覆盖它。")
@lang_option
@db_option
@click.pass_obj
def backup_command(obj: Context, file: str, overwrite: bool, lang: str) -> None:
    """备份整个数据库到 FILE，使用中也可运行。

    \b
    SQLite：在线备份接口，读取一个一致的快照，导入不必停。
    PostgreSQL：pg_dump --format=custom（需安装 pg_dump）。
    完成后打印备份的指纹；恢复后应得到同一指纹。见 docs/operations.md。
    """
    bootstrap.setup(obj.db, migrate=False)
    try:
        done = backup(Path(file), overwrite=overwrite)
    except OpsProblem as problem:
        _fail(problem, lang)
    _print("backup", done, lang)


@cli.command("restore")
@click.argument("file", type=click.Path(dir_okay=False))
@lang_option
@db_option
@click.pass_obj
def restore_command(obj: Context, file: str, lang: str) -> None:
    """把备份 FILE 恢复到一个空数据库（已有记录的数据库会被拒绝）。

    \b
    SQLite：恢复到 --db / SALESDESK_DB 指定的文件。
    PostgreSQL：pg_restore --no-owner 恢复到 DATABASE_URL 指定的空库。
    之后自动执行数据库迁移。请先停止网页服务。见 docs/operations.md。
    """
    bootstrap.setup(obj.db, migrate=False)
    try:
        done = restore(Path(file))
    except OpsProblem as problem:
        _fail(problem, lang)
    _print("restore", done, lang)


def _print(action: str, done: Copy, lang: str) -> None:
    database, file, fingerprint = done.database.label, done.file, done.fingerprint
    tables, rows, digest = len(fingerprint.tables), fingerprint.rows, fingerprint.digest
    size = f"{done.size / 1_000_000:,.1f} MB"
    if lang == "en":
        verb = "Backed up" if action == "backup" else "Restored"
        where = f"{database} -> {file}" if action == "backup" else f"{file} -> {database}"
        click.echo(f"{verb} {where}: {tables} tables, {rows:,} rows, {size}, fingerprint {digest}")
        return
    verb = "已备份" if action == "backup" else "已恢复"
    where = f"{database} → {file}" if action == "backup" else f"{file} → {database}"
    click.echo(f"{verb} {where}：{tables} 张表，{rows:,} 行，{size}，指纹 {digest}")


def _fail(problem: OpsProblem, lang: str) -> None:
    click.echo(problem.message(lang), err=True)
    sys.exit(1)
