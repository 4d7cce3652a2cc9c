"""`--skip-bad`: bad rows go, unchanged and with a reason column, to `<file>.rejected.csv`."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO


def rejected_path(path: str | Path) -> Path:
    """orders.csv → orders.rejected.csv (also for orders.csv.gz and orders.xlsx)."""
    p = Path(path)
    name = p.name
    for suffix in (".gz", ".csv", ".tsv", ".txt", ".xlsx", ".xls"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return p.with_name(f"{name}.rejected.csv")


class RejectWriter:
    """Opens the file on the first bad row, so a clean import leaves no empty file behind."""

    def __init__(self, path: Path, headers: Sequence[str]) -> None:
        self.path = path
        self.headers = list(headers)
        self._handle: IO[str] | None = None
        self._writer: csv.DictWriter[str] | None = None
        self._csv: object = None

    def write(self, row: Sequence[object], reason: str) -> None:
        if self._handle is None:
            self._handle = open(self.path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed in close())
            self._csv = csv.writer(self._handle)
            self._csv.writerow([*self.headers, "错误原因"])
        cells = [_cell(c) for c in row]
        cells += [""] * (len(self.headers) - len(cells))
        self._csv.writerow([*cells, reason])  # type: ignore[attr-defined]

    def close(self) -> str | None:
        if self._handle is None:
            return None
        self._handle.close()
        return str(self.path)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
