"""Plain visit logs a chunk at a time, column by column, as ingest/columnar.py does for order lines.

Each column's distinct cells are parsed once with the row path's own parsers; customers and
reps are resolved (and new ones created in bulk) once per distinct cell; each row's key is
numbered in file order by the row path's own builder, so the occurrence counts run on across
chunks whichever path a chunk takes. A chunk with anything else (a bad or missing cell, a
code too long, a short row) takes the row path, which names every problem; both paths store
the same values.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from typing import Any

from salesdesk.ingest.builders import activity_key_base, fit_key
from salesdesk.ingest.columnar import Column, Lane

BLANK_AS_EMPTY = ("outcome", "note")


class ActivityLane(Lane):
    """Builds staging rows for whole chunks of a plain activities file."""

    kind = "activities"
    needed = ("date", "rep", "kind")
    explicit_keys = False  # keys are numbered occurrences: a file cannot repeat one

    def columns(self, series: dict[str, Column]) -> dict[str, Any]:
        refs = self.refs
        refs.add_reps(series["rep"].values())  # the row path meets a row's rep before its customer
        if "customer" in series:
            refs.add_customers(series["customer"].values())
        days, kinds = series["date"].expanded(None), series["kind"].expanded(None)
        rep_codes = series["rep"].expanded(refs.rep_code)
        customer_codes = _column(series, "customer", lambda v: refs.customer_code(v) if v else "")
        bases = map(activity_key_base, days, rep_codes, customer_codes, kinds)
        out: dict[str, Any] = {
            "department_id": repeat(self.department_id),
            "batch_id": repeat(self.batch_id),
            "key": [fit_key(self.builder.occurrence(base)) for base in bases],
            "extra": repeat("{}"),
            "date": self.dates(series["date"]),
            "rep_id": series["rep"].expanded(refs.rep),
            "customer_id": _column(series, "customer", lambda v: refs.customer(v) if v else None),
            "prospect": repeat(""),
            "kind": kinds,
            "next_follow_up": (
                self.dates(series["next_follow_up"]) if "next_follow_up" in series else repeat(None)
            ),
        }
        for name in BLANK_AS_EMPTY:
            out[name] = _column(series, name, lambda v: v or "")
        return out


def _column(series: dict[str, Column], name: str, stored: Callable[[Any], Any]) -> Any:
    """The column as stored, or, when the file has no such column, what a blank cell stores."""
    if name in series:
        return series[name].expanded(stored)
    return repeat(stored(None))
