"""Plain files a chunk at a time, column by column: the bulk of every big import.

`Lane` is what every lane shares; `OrderLane` (here) takes plain order files and
`ActivityLane` (activity_lane.py) plain visit logs.

The row path parses every cell and builds a dict per row, which is most of an import's
time at hundreds of thousands of lines. Here each column's distinct values are parsed once
with the very parsers the row path uses, canonical numbers ("1234.50") go to the database as
the text they are (the database reads them exactly as it reads the row path's Decimal), and
rows are zipped from the columns. A chunk holding anything the lane does not handle (a bad
cell, an amount to derive, a foreign currency, a value over a column's limit, a short row)
gives None and goes the row path, which names every problem; both paths store the same values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
from typing import Any

from django.db import connection

from salesdesk.ingest.builders import Builder, q4
from salesdesk.ingest.contract import Kind
from salesdesk.ingest.convert import Converter
from salesdesk.ingest.layout import Layout
from salesdesk.ingest.merge import Stage
from salesdesk.ingest.problems import ValueProblem

Chunk = Sequence[tuple[int, Sequence[object]]]
Parser = Callable[[object], Any]

# At most 11 + 4 digits: within every money column's range and exact as SQLite's REAL.
# Negative zero is left to the row path, which spells it the way Decimal does.
CANONICAL_NUMBER = re.compile(r"(?!-0(?:\.0+)?$)-?(?:0|[1-9]\d{0,10})(?:\.\d{1,4})?")
NEEDED = ("order", "line", "date", "quantity", "amount")
NOT_HANDLED = ("fx_rate",)  # a rate means a conversion: the row path computes it
COLUMN_OF = {"order": "order_no", "line": "line_no", "customer": "customer_id", "rep": "rep_id"}
DEFAULTS = {"order_type": "regular", "status": "normal", "currency": "CNY"}
BLANK_AS_EMPTY = ("channel", "product", "category", "unit")
CODE_LIMITS = {"customer": 200, "rep": 100}  # what References accepts for a new code


class Lane:
    """What every lane shares: which files it takes, a chunk split into its columns and each
    column parsed once per distinct cell, and the rows put together in the stage's order."""

    kind = ""
    needed: tuple[str, ...] = ()  # fields every row must have (else the row path names it)
    not_handled: tuple[str, ...] = ()  # fields whose presence sends the whole file the row path
    numbers: tuple[str, ...] = ()  # fields kept as their canonical text when every cell is one
    explicit_keys = False  # whether a key comes from the file (a repeat is then named)

    def __init__(
        self,
        converter: Converter,
        layout: Layout,
        builder: Builder,
        stage: Stage,
        department_id: int,
        batch_id: int,
        width: int,
    ) -> None:
        positions = layout.field_positions
        self.fields = tuple(
            (name, parse, positions[name]) for name, parse in converter.items if name in positions
        )
        self.builder, self.refs, self.stage, self.width = builder, builder.refs, stage, width
        self.department_id, self.batch_id = department_id, batch_id
        # a date as Django's adapter would write it: ISO text on SQLite, the date itself else
        self.stored_date = _iso_date if connection.vendor == "sqlite" else None

    @classmethod
    def fits(cls, kind: Kind, layout: Layout, *, closed_years: bool) -> bool:
        """Whether a file can take the lane at all (chunks may still fall back)."""
        positions = layout.field_positions
        return (
            kind.name == cls.kind
            and layout.plain
            and not layout.extra_positions
            and not closed_years
            and all(name in positions for name in cls.needed)
            and not any(name in positions for name in (*cls.not_handled, *kind.extension))
        )

    def rows(self, chunk: Chunk) -> list[tuple[Any, ...]] | None:
        """The chunk's staging rows, or None when the row path must take it."""
        raw = [row for _, row in chunk]
        if any(len(row) != self.width for row in raw):
            return None
        columns = list(zip(*raw, strict=True))
        series: dict[str, Column] = {}
        for name, parse, position in self.fields:
            read = _numbers if name in self.numbers else distinct_cells
            found = read(columns[position], parse, self.stage, name)
            if found is None:
                return None
            series[name] = found
        if not self.complete(series):
            return None
        return self.staged(self.columns(series), [number for number, _ in chunk])

    def complete(self, series: dict[str, Column]) -> bool:
        """Required cells present, and codes that References would accept."""
        if any(None in series[name].values() for name in self.needed):
            return False
        for name, limit in CODE_LIMITS.items():
            codes = series.get(name)
            if codes is not None and any(len(c) > limit for c in codes.values() if c):
                return False
        return True

    def columns(self, series: dict[str, Column]) -> dict[str, Any]:
        """Every stage column (but the row numbers): a list per row, or a repeat() of one value."""
        raise NotImplementedError

    def staged(self, out: dict[str, Any], numbers: list[int]) -> list[tuple[Any, ...]]:
        chosen = [out[c] for c in self.stage.columns]
        if not self.stage.direct:
            chosen.append(numbers)
        return list(zip(*chosen, strict=False))  # the repeat()s stop with the real columns

    def dates(self, column: Column) -> list[Any]:
        return column.expanded(self.stored_date)


class OrderLane(Lane):
    """Builds staging rows for whole chunks of a plain orders file."""

    kind = "orders"
    needed = NEEDED
    not_handled = NOT_HANDLED
    numbers = ("quantity", "unit_price", "amount")
    explicit_keys = True  # order + line: a repeat in the file is named with its rows

    def complete(self, series: dict[str, Column]) -> bool:
        """And only CNY: another currency means a conversion, which the row path computes."""
        currency = series.get("currency")
        if currency is not None and any((c or "CNY").upper() != "CNY" for c in currency.values()):
            return False
        return super().complete(series)

    def columns(self, series: dict[str, Column]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "department_id": repeat(self.department_id),
            "batch_id": repeat(self.batch_id),
            "extra": repeat("{}"),
            "currency": repeat("CNY"),
            "fx_rate": repeat("1"),  # Decimal(1) as Django's adapter writes it
            "customer_id": repeat(None),
            "rep_id": repeat(None),
        }
        for name in ("covers", "promised_on", "delivered_on", "unit_price"):
            out[name] = repeat(None)
        for name, default in DEFAULTS.items():
            out[name] = repeat(default)
        for name in BLANK_AS_EMPTY:
            out[name] = repeat("")
        if "customer" in series:
            self.refs.add_customers(series["customer"].values())
        if "rep" in series:
            self.refs.add_reps(series["rep"].values())
        for name, column in series.items():
            if name != "currency":  # only CNY gets here (see complete)
                out[COLUMN_OF.get(name, name)] = column.expanded(self._stored(name, column))
        out["key"] = [f"{o}#{n}" for o, n in zip(out["order_no"], out["line_no"], strict=True)]
        out["amount_cny"] = out["amount"]  # amount × 1, already to four places
        return out

    def _stored(self, name: str, column: Column) -> Callable[[Any], Any] | None:
        """How a parsed value is written, where the row path's builder changes it."""
        if name == "customer":
            return lambda v: self.refs.customer(v) if v else None
        if name == "rep":
            return lambda v: self.refs.rep(v) if v else None
        if name in DEFAULTS:
            default = DEFAULTS[name]
            return lambda v: v or default
        if name in BLANK_AS_EMPTY:
            return lambda v: v or ""
        if name in ("date", "promised_on", "delivered_on"):
            return self.stored_date
        return None


def _iso_date(value: Any) -> str | None:
    return value.isoformat() if value else None


class Column:
    """One column of a chunk: either its cells as they go in, or its distinct cells parsed."""

    __slots__ = ("cells", "parsed", "text")

    def __init__(
        self,
        cells: Sequence[object],
        parsed: dict[object, Any] | None = None,
        text: list[Any] | None = None,
    ) -> None:
        self.cells, self.parsed, self.text = cells, parsed, text

    def values(self) -> Iterable[Any]:
        return self.text if self.text is not None else (self.parsed or {}).values()

    def expanded(self, stored: Callable[[Any], Any] | None) -> list[Any]:
        if self.text is not None:
            return self.text
        mapping = self.parsed or {}
        if stored is not None:
            mapping = {cell: stored(v) for cell, v in mapping.items()}
        return list(map(mapping.__getitem__, self.cells))


def distinct_cells(
    cells: Sequence[object], parse: Parser, stage: Stage, name: str
) -> Column | None:
    """Each distinct cell parsed once, and checked against its column's limits."""
    try:
        parsed = {cell: parse(cell) for cell in dict.fromkeys(cells)}
    except ValueProblem:
        return None
    if name not in CODE_LIMITS and not stage.column_fits(
        COLUMN_OF.get(name, name), parsed.values()
    ):
        return None
    return Column(cells, parsed)


def _numbers(cells: Sequence[object], parse: Parser, stage: Stage, name: str) -> Column | None:
    """Canonical numbers stay text; anything else is parsed, rounded and checked once per value."""
    try:
        canonical = all(map(CANONICAL_NUMBER.fullmatch, filter(None, cells)))  # type: ignore[arg-type]
    except TypeError:
        canonical = False  # a spreadsheet's numbers are not text
    if canonical:
        return Column(cells, text=[c or None for c in cells])
    try:
        parsed = {cell: parse(cell) for cell in dict.fromkeys(cells)}
        rounded = {cell: None if v is None else q4(v) for cell, v in parsed.items()}
    except ValueProblem:
        return None
    return Column(cells, rounded) if stage.column_fits(name, rounded.values()) else None
