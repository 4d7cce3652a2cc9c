"""`salesdesk template KIND`: an empty workbook with the headers and an instructions sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter

from salesdesk.ingest.contract import Field, kind_named

TYPE_HELP = {
    "text": ("文本", "text"),
    "date": ("日期，如 2016-01-05、2016/1/5、2016年1月5日", "date, e.g. 2016-01-05"),
    "month_or_date": (
        "日期，或月份（2016-03 表示该月每一天）",
        "date, or a month (2016-03 = every day)",
    ),
    "decimal": (
        "数字，如 1,234.50、¥1,234、12.5万、(1,234)、68%",
        "number, e.g. 1,234.50, 12.5万, 68%",
    ),
    "int": ("整数", "whole number"),
    "choice": ("以下之一", "one of"),
    "customer": ("客户编号或客户名称", "customer code or name"),
    "rep": ("工号或姓名", "rep code or name"),
}


def write_template(kind_name: str, path: str | Path, *, lang: str = "zh") -> None:
    kind = kind_named(kind_name)
    zh = lang != "en"
    book = xlsxwriter.Workbook(str(path))
    try:
        bold = book.add_format({"bold": True, "bg_color": "#DDEBF7"})
        required = book.add_format({"bold": True, "bg_color": "#FCE4D6"})
        data = book.add_worksheet(kind.label_zh if zh else kind.name)
        for col, f in enumerate(kind.fields):
            data.write(0, col, f.label_zh if zh else f.name, required if f.required else bold)
            data.set_column(col, col, 14)
        data.freeze_panes(1, 0)
        _instructions(
            book.add_worksheet("填写说明" if zh else "Instructions"), kind.fields, zh, bold
        )
    finally:
        book.close()


def _instructions(ws: Any, fields: tuple[Field, ...], zh: bool, bold: object) -> None:
    headers = (
        ["列名", "英文键", "必填", "格式", "可接受的写法"]
        if zh
        else ["Column", "Key", "Required", "Format", "Also accepted"]
    )
    ws.write_row(0, 0, headers, bold)
    for row, f in enumerate(fields, start=1):
        kind_help = TYPE_HELP[f.type][0 if zh else 1]
        if f.choices:
            kind_help += "：" + "、".join(
                f"{v}（{'/'.join(a)}）" if a else v for v, a in f.choices.items()
            )
        ws.write_row(
            row,
            0,
            [
                f.label_zh,
                f.name,
                ("是" if zh else "yes") if f.required else "",
                kind_help,
                "、".join(f.aliases),
            ],
        )
    ws.set_column(0, 1, 14)
    ws.set_column(3, 4, 60)
    note = (
        "第一行是表头；从第二行起每行一条记录。必填列不能为空。"
        if zh
        else "Row 1 is the header; one record per row."
    )
    ws.write(len(fields) + 2, 0, note)
