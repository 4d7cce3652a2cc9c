"""The "修改记录 / History" block of a record's page: its audit trail, in the page's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models as djm
from django.utils import timezone, translation

from salesdesk.records.audit_trail import ACTIONS, AuditRow, record_history, say


@dataclass(frozen=True)
class HistoryLine:
    when: str
    who: str
    what: str
    changes: list[str]
    source: str


@dataclass(frozen=True)
class History:
    title: str
    empty: str
    lines: list[HistoryLine]


def history_of(record: djm.Model) -> History:
    lang = "en" if (translation.get_language() or "").startswith("en") else "zh"
    return History(
        title=say(lang, "修改记录", "History"),
        empty=say(lang, "没有修改记录。", "No changes recorded."),
        lines=[_line(row, lang) for row in record_history(record, lang)],
    )


def _line(row: AuditRow, lang: str) -> HistoryLine:
    zh, en = ACTIONS[row.action]
    if row.action == "import":
        what = say(lang, f"导入（{row.note}）", f"imported ({row.note})")
    else:
        what = say(lang, zh, en)
    return HistoryLine(
        when=timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M"),
        who=row.who or say(lang, "（未知）", "(unknown)"),
        what=what,
        changes=[f"{c.label}: {c.before_text} → {c.after_text}" for c in row.changes],
        source=say(lang, f"导入文件 {row.file}", f"import file {row.file}") if row.file else "",
    )
