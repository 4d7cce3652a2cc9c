"""Rows of contract records collected in memory, then written as contract-format CSV files.

Every file gets the contract's English keys as its header, in the contract's order, followed by
any extra columns the generator added (the importer keeps those as `extra`). Money is carried as
integer cents (fen) and written with two decimals, so sums stay exact.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from salesdesk.ingest.contract import KINDS

IMPORT_ORDER = (
    "reps",
    "customers",
    "orders",
    "adjustments",
    "payments",
    "capacity",
    "activities",
    "targets",
    "ideas",
    "incidents",
)

Row = dict[str, object]


def money(cents: int) -> str:
    """Integer cents as a two-decimal amount: 1234567 → '12345.67', -5 → '-0.05'."""
    sign = "-" if cents < 0 else ""
    whole, fen = divmod(abs(cents), 100)
    return f"{sign}{whole}.{fen:02d}"


def contract_headers(kind: str) -> list[str]:
    """The contract's English field keys for one kind of record, in contract order."""
    return [f.name for f in KINDS[kind].fields]


class Tables:
    """The records of one demo department, by contract kind, in the order they were added."""

    def __init__(self) -> None:
        self.rows: dict[str, list[Row]] = {kind: [] for kind in IMPORT_ORDER}

    def add(self, kind: str, /, **values: object) -> None:
        self.rows[kind].append(values)

    def target(
        self,
        year: int,
        metric: str,
        value: int,
        *,
        month: int | None = None,
        rep: str | None = None,
    ) -> None:
        """A targets row; revenue and collections are given in yuan, other metrics as counts."""
        written = money(value * 100) if metric in ("revenue", "collections") else str(value)
        self.add("targets", year=year, month=month, rep=rep, metric=metric, value=written)


def write_tables(tables: Tables, out_dir: Path) -> tuple[tuple[str, Path], ...]:
    """Write one `<kind>.csv` per kind that has rows; return (kind, path) in import order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in IMPORT_ORDER:
        rows = tables.rows[kind]
        if rows:
            written.append((kind, _write(out_dir / f"{kind}.csv", kind, rows)))
    return tuple(written)


def _write(path: Path, kind: str, rows: list[Row]) -> Path:
    headers = _headers(kind, rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows([_cell(row.get(h)) for h in headers] for row in rows)
    return path


def _headers(kind: str, rows: list[Row]) -> list[str]:
    """Contract keys first, then extra columns in the order they first appear."""
    headers = dict.fromkeys(contract_headers(kind))
    for row in rows:
        headers.update(dict.fromkeys(row))
    return list(headers)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
