"""Plain visit logs a chunk at a time, column by column, as ingest/columnar.py does for order lines.

Each column's distinct cells are parsed once with the row path's own parsers; customers and
reps are resolved (and new ones created in bulk) once per distinct cell; each row's key is
numbered in file order by the row path's own builder, so the occurrence counts run on across
chunks whichever path a chunk takes. A chunk with anything else (a bad or missing cell, a
code too long, a short row) gives None and takes the row path, which names every problem;
both paths store the same values.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from typing import Any

from django.db import connection

from salesdesk.ingest.builders import Builder, activity_key_base, fit_key
from salesdesk.ingest.columnar import CODE_LIMITS, Chunk, Column, distinct_cells
from salesdesk.ingest.contract import Kind
from salesdesk.ingest.convert import Converter
from salesdesk.ingest.layout import Layout
from salesdesk.ingest.merge import Stage

NEEDED = ("date", "rep", "kind")
BLANK_AS_EMPTY = ("outcome", "note")


class ActivityLane:
    """Builds staging rows for whole chunks of a plain activities file."""

    explicit_keys = False  # keys are numbered occurrences: a file cannot repeat one

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
        self.dates_as_text = connection.vendor == "sqlite"  # what Django's adapter would write

    @staticmethod
    def fits(kind: Kind, layout: Layout, *, closed_years: bool) -> bool:
        """Whether a file can take the lane at all (chunks may still fall back)."""
        positions = layout.field_positions
        return (
            kind.name == "activities"
            and layout.plain
            and not layout.extra_positions
            and not closed_years
            and all(name in positions for name in NEEDED)
            and not any(name in positions for name in kind.extension)
        )

    def rows(self, chunk: Chunk) -> list[tuple[Any, ...]] | None:
        """The chunk's staging rows, or None when the row path must take it."""
        raw = [row for _, row in chunk]
        if any(len(row) != self.width for row in raw):
            return None
        columns = list(zip(*raw, strict=True))
        series: dict[str, Column] = {}
        for name, parse, position in self.fields:
            found = distinct_cells(columns[position], parse, self.stage, name)
            if found is None:
                return None
            series[name] = found
        if not _complete(series):
            return None
        return self._zipped(series, [number for number, _ in chunk])

    def _zipped(self, series: dict[str, Column], numbers: list[int]) -> list[tuple[Any, ...]]:
        refs = self.refs
        refs.add_reps(series["rep"].values())  # the row path meets a row's rep before its customer
        customers = series.get("customer")
        if customers is not None:
            refs.add_customers(customers.values())
        blank = [None] * len(numbers)
        days = series["date"].expanded(None)
        kinds = series["kind"].expanded(None)
        rep_codes = series["rep"].expanded(refs.rep_code)
        customer_codes = self._column(
            series, "customer", lambda v: refs.customer_code(v) if v else ""
        )
        base = map(activity_key_base, days, rep_codes, customer_codes, kinds)
        out: dict[str, Any] = {
            "department_id": repeat(self.department_id),
            "batch_id": repeat(self.batch_id),
            "key": [fit_key(self.builder.occurrence(b)) for b in base],
            "extra": repeat("{}"),
            "date": self._dates(series["date"]),
            "rep_id": series["rep"].expanded(refs.rep),
            "customer_id": self._column(
                series, "customer", lambda v: refs.customer(v) if v else None
            ),
            "prospect": repeat(""),
            "kind": kinds,
            "next_follow_up": self._dates(series["next_follow_up"])
            if "next_follow_up" in series
            else blank,
        }
        for name in BLANK_AS_EMPTY:
            out[name] = self._column(series, name, lambda v: v or "")
        chosen = [out[c] for c in self.stage.columns]
        if not self.stage.direct:
            chosen.append(numbers)
        return list(zip(*chosen, strict=False))  # the repeat()s stop with the real columns

    @staticmethod
    def _column(series: dict[str, Column], name: str, stored: Callable[[Any], Any]) -> Any:
        """The column as stored, or, when the file has no such column, what a blank cell stores."""
        if name in series:
            return series[name].expanded(stored)
        return repeat(stored(None))

    def _dates(self, column: Column) -> list[Any]:
        return (
            column.expanded(lambda v: v.isoformat() if v else None)
            if self.dates_as_text
            else column.expanded(None)
        )


def _complete(series: dict[str, Column]) -> bool:
    """Required cells present, and codes that References would accept."""
    if any(None in series[name].values() for name in NEEDED):
        return False
    for name, limit in CODE_LIMITS.items():
        codes = series.get(name)
        if codes is not None and any(len(c) > limit for c in codes.values() if c):
            return False
    return True
