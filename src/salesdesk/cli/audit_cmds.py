"""`salesdesk audit`: every audited change in a period, oldest first."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING

import click

from salesdesk.cli.main import Context, cli
from salesdesk.cli.options import db_option, lang_option

if TYPE_CHECKING:
    from salesdesk.records.audit_trail import AuditRow
    from salesdesk.records.models import Department

COLUMNS = [
    ("时间", "time"),
    ("操作人", "by"),
    ("部门", "department"),
    ("类型", "kind"),
    ("记录", "record"),
    ("操作", "action"),
    ("修改内容", "changes"),
    ("导入文件", "file"),
]


@cli.command("audit")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), required=True, help="起始日期（含）。")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="截止日期（含；默认至今）。")
@click.option("--department", metavar="NAME", help="只列出该部门。")
@click.option(
    "--kind", metavar="KIND", help="只列出该类记录（orders、customers …；year 为结账记录）。"
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
@lang_option
@db_option
@click.pass_obj
def audit_command(
    obj: Context,
    since: datetime,
    until: datetime | None,
    department: str | None,
    kind: str | None,
    output_format: str,
    lang: str,
) -> None:
    """审计记录：谁在何时改了哪条记录、改前改后、来自哪个导入文件；以及导入批次和结账/重新开账。"""
    obj.setup()
    from salesdesk.records.audit_trail import audit_rows

    rows = audit_rows(
        since.date(),
        until.date() if until else None,
        department=_department(department),
        kind=_kind(kind),
        lang=lang,
    )
    if output_format == "json":
        click.echo(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
    else:
        _print_table(rows, lang, since.date())


def _department(name: str | None) -> Department | None:
    if name is None:
        return None
    from salesdesk.records.models import Department

    found = Department.objects.filter(name=name).first()
    if found is None:
        click.echo(f"没有名为 {name!r} 的部门 / no department named {name!r}", err=True)
        sys.exit(1)
    return found


def _kind(name: str | None) -> str | None:
    from salesdesk.ingest.contract import kind_named
    from salesdesk.records.audit_trail import YEAR

    if name is None or name == YEAR:
        return name
    try:
        return kind_named(name).name
    except KeyError:
        raise click.BadParameter(
            f"未知的记录类型 {name!r} / unknown kind", param_hint="--kind"
        ) from None


def _print_table(rows: list[AuditRow], lang: str, since: date) -> None:
    from django.utils import timezone

    from salesdesk.records.audit_trail import ACTIONS, say

    if not rows:
        click.echo(say(lang, f"{since} 以来没有审计记录。", f"Nothing audited since {since}."))
        return
    click.echo("\t".join(en if lang == "en" else zh for zh, en in COLUMNS))
    for r in rows:
        changes = [f"{c.label}: {c.before_text} → {c.after_text}" for c in r.changes]
        what = "; ".join([*changes, *([r.note] if r.note else [])]) or "—"
        zh, en = ACTIONS[r.action]
        cells = [
            timezone.localtime(r.at).strftime("%Y-%m-%d %H:%M:%S"),
            r.who or "—",
            r.department or "—",
            r.kind,
            r.record,
            say(lang, zh, en),
            what,
            r.file or "—",
        ]
        click.echo("\t".join(cells))
