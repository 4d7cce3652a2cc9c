"""Typed values from raw cells, field by field, with every problem named by row and column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from salesdesk.ingest.contract import Field, Kind
from salesdesk.ingest.layout import RowCells
from salesdesk.ingest.problems import ValueProblem
from salesdesk.ingest.values import (
    parse_choice,
    parse_date,
    parse_decimal,
    parse_int,
    parse_month,
    parse_text,
)


@dataclass(frozen=True)
class RowProblem:
    """One bad cell (or row): what the user needs to find and fix it."""

    row: int
    column: str
    value: str
    reason_zh: str
    reason_en: str

    def reason(self, lang: str = "zh") -> str:
        return self.reason_en if lang == "en" else self.reason_zh

    def message(self, file_name: str, lang: str = "zh") -> str:
        if lang == "en":
            shown = f" = {self.value!r}" if self.value else ""
            return f"{file_name} row {self.row}, column {self.column!r}{shown}: {self.reason_en}"
        shown = f"，值 “{self.value}”" if self.value else ""
        return f"{file_name} 第 {self.row} 行，“{self.column}”列{shown}：{self.reason_zh}"


Parser = Callable[[object], Any]


def _month_or_date(cell: object) -> object:
    """A capacity row may name a whole month (`2016-03`): returned as (year, month)."""
    month = parse_month(cell)
    return month if month is not None else parse_date(cell)


def parser_for(field: Field, *, excel: bool) -> Parser:
    if field.type == "date":
        return (lambda c: parse_date(c, excel_serial=True)) if excel else parse_date
    if field.type == "decimal":
        return parse_decimal
    if field.type == "int":
        return parse_int
    if field.type == "choice":
        index = field.choice_index()
        return lambda c: parse_choice(c, index)
    if field.type == "month_or_date":
        return _month_or_date
    return parse_text


class Converter:
    """Parses the fields of one kind; compiled once per file so rows stay cheap."""

    def __init__(self, kind: Kind, fields: set[str], *, excel: bool) -> None:
        self.kind = kind
        self.items = tuple(
            (f.name, parser_for(f, excel=excel)) for f in kind.fields if f.name in fields
        )
        self.required = tuple(f for f in kind.required if f in fields)
        self.defaults = tuple((f.name, f.default) for f in kind.fields if f.default is not None)

    def convert(self, cells: RowCells, problems: list[RowProblem]) -> dict[str, Any] | None:
        """Typed values of one row, or None (with problems appended) when any cell is bad.

        The fast path parses every cell in one comprehension; only a row that fails
        goes through the field-by-field path, which collects every problem it has.
        """
        raw = cells.fields
        try:
            values = {name: parse(raw.get(name)) for name, parse in self.items}
        except ValueProblem:
            return self._with_problems(cells, problems)
        for name in self.required:
            if values[name] is None:
                return self._with_problems(cells, problems)
        for name, default in self.defaults:
            if values.get(name) is None:
                values[name] = default
        return values

    def positional(self, positions: dict[str, int]) -> Callable[[Sequence[object]], dict[str, Any]]:
        """A fast converter reading straight from the row list (plain layouts, no bad cell).

        It raises ValueProblem (or returns None for a missing required cell) and the caller
        then takes the field-by-field path to name every problem.
        """
        items = tuple((name, parse, positions[name]) for name, parse in self.items)
        required = self.required
        fill = tuple((n, d) for n, d in self.defaults if n in positions)
        constant = tuple((n, d) for n, d in self.defaults if n not in positions)

        def convert(row: Sequence[object]) -> dict[str, Any]:
            values = {name: parse(row[i]) for name, parse, i in items}
            for name in required:
                if values[name] is None:
                    raise ValueProblem("必填项为空", "required field empty")
            for name, default in fill:
                if values[name] is None:
                    values[name] = default
            values.update(constant)
            return values

        return convert

    def _with_problems(self, cells: RowCells, problems: list[RowProblem]) -> dict[str, Any] | None:
        found: list[RowProblem] = []
        values: dict[str, Any] = {}
        for name, parse in self.items:
            raw = cells.fields.get(name)
            try:
                if isinstance(raw, ValueProblem):
                    raise raw
                values[name] = parse(raw)
            except ValueProblem as problem:
                found.append(_problem(cells, name, raw, problem.reason_zh, problem.reason_en))
        if not found:
            for name in self.required:
                if values.get(name) is None:
                    label = self.kind.field(name).label_zh
                    zh, en = f"必填项“{label}”为空", f"required field {name} is empty"
                    found.append(_problem(cells, name, "", zh, en))
                    break
        problems.extend(found)
        return None


def _problem(cells: RowCells, name: str, raw: object, zh: str, en: str) -> RowProblem:
    shown = "" if raw is None or isinstance(raw, ValueProblem) else _show(raw)
    return RowProblem(cells.number, cells.labels.get(name, name), shown, zh, en)


def _show(raw: object) -> str:
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw)
