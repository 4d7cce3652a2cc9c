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
from salesdesk.metrics import rollups
from salesdesk.records.models import Department
from salesdesk.records.rollup_state import invalidate
department = Department.objects.get(name=result.department)
invalidate(department.pk)
started = time.perf_counter()
rollups.rebuild(department)  # what the import did at its end, timed alone
rebuild = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "added": result.added, "rejected": result.rejected,
                  "peak_mb": peak_mb, "rollups": rebuild}))
"""

# The storage floor: the same lines, already as the values the importer stores, inserted
# with the standard library's executemany (no Django in the timed part) into the real orders
# table in one transaction, its secondary indexes dropped before and built after (as the
# importer does with an empty table), its unique key, foreign keys and JSON check in force.
# What is left between this and the reference is the table itself, not the importer.
FLOOR = """
import csv, json, sys, time
from salesdesk import bootstrap
bootstrap.setup()
from django.db import connection, transaction
from salesdesk.ingest.bulk import indexes_built_after
from salesdesk.ingest.merge import Stage
from salesdesk.records.models import Customer, Department, ImportBatch, OrderLine, Rep
dept = Department.objects.create(name="floor")
batch = ImportBatch.objects.create(department=dept, kind="orders")
customers, reps = {}, {}
with open(sys.argv[1], newline="", encoding="utf-8") as handle:
    rows = csv.reader(handle)
    next(rows)
    lines = list(rows)
for row in lines:
    for code, known, model in ((row[3], customers, Customer), (row[4], reps, Rep)):
        if code not in known:
            known[code] = model.objects.create(department=dept, key=code, code=code, name=code).pk
stage = Stage(OrderLine, direct=True)
def stored(o, n, d, c, r, t, p, cat, q, u, price, amount, channel):
    values = {"order_no": o, "line_no": int(n), "date": d, "customer_id": customers[c],
              "rep_id": reps[r], "order_type": t, "channel": channel, "product": p,
              "category": cat, "quantity": q, "unit": u, "unit_price": price,
              "amount": amount, "currency": "CNY", "fx_rate": "1", "amount_cny": amount,
              "covers": None, "promised_on": None, "delivered_on": None,
              "status": "normal", "extra": "{}"}
    return (dept.pk, f"{o}#{n}", batch.pk, *(values[c] for c in stage.compared))
prepared = [stored(*row) for row in lines]
del lines
insert = f"INSERT INTO {stage.target} VALUES ({', '.join('?' * len(stage.columns))})"
with transaction.atomic():
    connection.ensure_connection()
    raw = connection.connection
    started = time.perf_counter()
    with indexes_built_after(OrderLine):
        raw.executemany(insert, prepared)
print(json.dumps({"seconds": time.perf_counter() - started}))
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


def salesdesk_run(script: str, path: Path, db: Path) -> dict[str, float]:
    env = {**os.environ, "SALESDESK_DB": str(db)}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-c", "from salesdesk import bootstrap; bootstrap.setup()"],
        env=env,
        check=True,
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
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
        measured = salesdesk_run(CHILD, data, work / "salesdesk.sqlite3")
        floor = salesdesk_run(FLOOR, data, work / "floor.sqlite3")["seconds"]
    seconds = measured["seconds"]
    print(f"lines                      {args.lines:,}")
    print(f"reference executemany      {reference:.2f} s  ({args.lines / reference:,.0f} lines/s)")
    print(f"salesdesk import           {seconds:.2f} s  ({args.lines / seconds:,.0f} lines/s)")
    print(f"ratio to reference         {seconds / reference:.2f}x   (target <= 3x)")
    print(f"  of which rollup rebuild  {measured['rollups']:.2f} s")
    print(
        f"storage floor              {floor:.2f} s  ({args.lines / floor:,.0f} lines/s, "
        f"{floor / reference:.2f}x the reference): the stored values, executemany into the real table"
    )
    print(f"added / rejected           {measured['added']:,.0f} / {measured['rejected']:,.0f}")
    print(f"peak memory of the import  {measured['peak_mb']:.0f} MB  (target < 1024 MB)")
    print(
        f"self peak memory           {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
