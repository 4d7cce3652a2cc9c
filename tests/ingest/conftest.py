"""Helpers for the importer tests: write small files, import them, read back what was stored."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest


@pytest.fixture
def write_csv(tmp_path: Path):
    def write(
        name: str, rows: list[list[object]], encoding: str = "utf-8", delimiter: str = ","
    ) -> Path:
        path = tmp_path / name
        with open(path, "w", encoding=encoding, newline="") as handle:
            csv.writer(handle, delimiter=delimiter).writerows(rows)
        return path

    return write
