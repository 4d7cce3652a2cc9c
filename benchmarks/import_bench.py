"""Import throughput: 1,000,000 contract-format order lines into a fresh SQLite database.

Prints lines/s and the ratio to a reference measured in the same run: loading
the same file into a plain SQLite table with the standard library's
`executemany`. The import runs in a subprocess so its peak memory is its own.

    .venv/bin/python benchmarks/import_bench.py [--lines 1000000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datagen import HEADERS, write_order_lines

CHILD = """
import json, resource, sys, time
from salesdesk import bootstrap
bootstrap.setup()
from salesdesk.ingest.importer import import_file
started = time.perf_counter()
result = import_file(sys.argv[1], "orders")
elapsed = time.perf_counter() - started
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "added": result.added, "rejected": result.rejected, "peak_mb": peak_mb}))
"""


def reference_seconds(path: Path, db: Path) -> float:
    """The same file into a plain table (text columns, no indexes) with executemany."""
    connection = sqlite3.connect(db)
    columns = ", ".join(f'"{h}"' for h in HEADERS)
    connection.execute(f"CREATE TABLE lines ({columns})")
    started = time.perf_counter()
    with open(path, newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)
        marks = ", ".join("?" * len(HEADERS))
        connection.executemany(f"INSERT INTO lines VALUES ({marks})", rows)
    connection.commit()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def salesdesk_import(path: Path, db: Path) -> dict[str, float]:
    env = {**os.environ, "SALESDESK_DB": str(db)}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-c", "from salesdesk import bootstrap; bootstrap.setup()"],
        env=env,
        check=True,
    )
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="salesdesk-bench-") as folder:
        work = Path(folder)
        data = write_order_lines(work / "orders.csv", args.lines)
        reference = reference_seconds(data, work / "reference.sqlite3")
        measured = salesdesk_import(data, work / "salesdesk.sqlite3")
    seconds = measured["seconds"]
    print(f"lines                      {args.lines:,}")
    print(f"reference executemany      {reference:.2f} s  ({args.lines / reference:,.0f} lines/s)")
    print(f"salesdesk import           {seconds:.2f} s  ({args.lines / seconds:,.0f} lines/s)")
    print(f"ratio to reference         {seconds / reference:.2f}x   (target <= 3x)")
    print(f"added / rejected           {measured['added']:,.0f} / {measured['rejected']:,.0f}")
    print(f"peak memory of the import  {measured['peak_mb']:.0f} MB  (target < 1024 MB)")
    print(
        f"self peak memory           {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
