"""Another process writing to the database while a test takes a backup.

    python ops_writer.py hold     one transaction with a few rows, held open; prints "ready",
                                  then commits when a line "commit" arrives on stdin, else rolls back
    python ops_writer.py churn F  commits pairs (a department and its import batch) until the
                                  file F exists; prints "ready" after the first, the count at the end

Every pair is written in one transaction, so a consistent copy holds as many "w…" departments
as "w…" import batches.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.db import transaction

from salesdesk import bootstrap


class _Rollback(Exception):
    pass


def _pair(name: str) -> None:
    from salesdesk.records.models import Department, ImportBatch

    department = Department.objects.create(name=name)
    ImportBatch.objects.create(department=department, kind="orders", file_name=name, sha256="0")


def hold() -> None:
    try:
        with transaction.atomic():
            for n in range(3):
                _pair(f"uncommitted{n}")
            print("ready", flush=True)
            if sys.stdin.readline().strip() != "commit":
                raise _Rollback
    except _Rollback:
        pass
    print("done", flush=True)


def churn(stop: Path) -> None:
    count = 0
    while not stop.exists():
        with transaction.atomic():
            _pair(f"w{count}")
        count += 1
        if count == 1:
            print("ready", flush=True)
    print(count, flush=True)


if __name__ == "__main__":
    bootstrap.setup()
    if sys.argv[1] == "hold":
        hold()
    else:
        churn(Path(sys.argv[2]))
