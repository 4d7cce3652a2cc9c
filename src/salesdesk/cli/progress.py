"""A rich progress bar for long imports; silent for small files and non-terminals."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

BIG_FILE_BYTES = 256 * 1024  # roughly a few thousand rows


@contextmanager
def row_progress(path: str) -> Iterator[Callable[[int], None] | None]:
    if os.path.getsize(path) < BIG_FILE_BYTES:
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(f"导入 {os.path.basename(path)}", total=None)
        yield lambda rows: bar.update(task, completed=rows)
