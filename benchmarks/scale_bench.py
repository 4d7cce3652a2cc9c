"""Five departments, 1,000,000 order lines and 500,000 activities: import, report, dashboard.

On SQLite (a file database in a temporary folder) and on PostgreSQL (a throw-away database on
the server of DATABASE_URL, or of postgresql://postgres@127.0.0.1:5432/postgres when that
answers; dropped afterwards), measured in one run:

* **import** — every department's order lines, then its activities, through the real importer
  (`import_file`, one transaction per file) in a subprocess; lines/s and the ratio to a reference
  measured in the same run on the same engine: the same files loaded with `executemany` into
  plain tables (text columns, no keys). Target: within 3x.
* **report** — `build_summary` + `summary_to_facts` + `json.dumps` for every department, best
  of `--report-runs`; the smallest department is the in-run reference for the largest
  (report_bench.py's approach: the ratio of the two times against the ratio of their lines shows
  how it scales). Target: <= 2 s for the largest.
* **dashboard** — a manager of the largest department; `salesdesk serve`; 20 clients each
  GET / (web_bench.py's clients) after one untimed request that lets each worker build its
  cached summary (its time is printed too). Target: p95 <= 300 ms.

Data: benchmarks/datagen.py's order lines, one seed per department, and activities written here
alike (same customer and rep codes, so every visit is to a known customer).

    .venv/bin/python benchmarks/scale_bench.py [--scale 0.05] [--lines N] [--activities N]
        [--clients 20] [--requests 25] [--skip-sqlite] [--skip-postgres]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datagen import write_order_lines
from web_bench import PASSWORD, USER, environment, fresh_postgres, hammer, percentile, salesdesk
from web_bench import serving as serve_app

YEAR = 2025
LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
ACTIVITY_HEADERS = ["date", "rep", "customer", "kind", "outcome", "next_follow_up", "note"]
ACTIVITY_KINDS = ["visit", "visit", "call", "call", "message", "meeting", "cold_visit"]
OUTCOMES = ["interested", "pending", "deal", "rejected", "no_answer", ""]


@dataclass(frozen=True)
class Department:
    name: str
    kind: str
    share: float  # of the order lines and of the activities
    seed: int


# One department per kind whose order files are datagen's format (a concrete department's
# pour orders need grade, slump and site, which datagen does not write).
DEPARTMENTS = (
    Department("出口部", "export", 0.40, 11),
    Department("华东销售部", "team", 0.20, 12),
    Department("酒店销售部", "hospitality", 0.15, 13),
    Department("综合销售部", "general", 0.15, 14),
    Department("储值卡团队", "prepaid_card", 0.10, 15),
)


@dataclass(frozen=True)
class Files:
    department: Department
    orders: Path
    activities: Path
    order_lines: int
    activity_rows: int


# ---------------------------------------------------------------- data


def write_activities(
    path: Path, rows: int, *, seed: int, customers: int = 2000, reps: int = 25
) -> Path:
    """Visits, calls and messages over the year, to datagen's customers by datagen's reps."""
    rng = random.Random(seed)
    start = date(YEAR, 1, 1)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(ACTIVITY_HEADERS)
        for _ in range(rows):
            day = start + timedelta(days=rng.randrange(365))
            outcome = rng.choice(OUTCOMES)
            follow = day + timedelta(days=rng.randint(3, 30))
            out.writerow(
                [
                    day.isoformat(),
                    f"R{rng.randrange(reps):03d}",
                    f"C{rng.randrange(customers):05d}",
                    rng.choice(ACTIVITY_KINDS),
                    outcome,
                    follow.isoformat() if outcome == "interested" else "",
                    "",
                ]
            )
    return path


def split(total: int) -> list[int]:
    """`total` shared out by DEPARTMENTS' shares; the largest takes the rounding remainder."""
    parts = [int(total * d.share) for d in DEPARTMENTS]
    parts[0] += total - sum(parts)
    return parts


def generate(work: Path, lines: int, activities: int) -> list[Files]:
    made = []
    for dept, n_lines, n_acts in zip(DEPARTMENTS, split(lines), split(activities), strict=True):
        orders = write_order_lines(work / f"orders_{dept.kind}.csv", n_lines, seed=dept.seed)
        visits = write_activities(work / f"activities_{dept.kind}.csv", n_acts, seed=dept.seed)
        made.append(Files(dept, orders, visits, n_lines, n_acts))
    return made


# ---------------------------------------------------------------- the reference


def _rows(path: Path) -> tuple[list[str], Iterator[list[str]], Callable[[], None]]:
    handle = open(path, newline="", encoding="utf-8")  # noqa: SIM115 - closed by the caller
    rows = csv.reader(handle)
    return next(rows), rows, handle.close


def reference_sqlite(files: list[Files], db: Path) -> float:
    """Every file into its own plain SQLite table with the standard library's executemany."""
    connection = sqlite3.connect(db)
    started = time.perf_counter()
    for n, path in enumerate(_paths(files)):
        headers, rows, close = _rows(path)
        connection.execute(f"CREATE TABLE t{n} ({', '.join(f'c{i}' for i in range(len(headers)))})")
        marks = ", ".join("?" * len(headers))
        connection.executemany(f"INSERT INTO t{n} VALUES ({marks})", rows)
        close()
    connection.commit()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def reference_postgres(files: list[Files], url: str) -> float:
    """The same on PostgreSQL: psycopg's executemany into plain text tables, one transaction."""
    import psycopg

    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        started = time.perf_counter()
        for n, path in enumerate(_paths(files)):
            headers, rows, close = _rows(path)
            columns = ", ".join(f"c{i} text" for i in range(len(headers)))
            cursor.execute(f"CREATE TABLE reference_{n} ({columns})")
            marks = ", ".join(["%s"] * len(headers))
            cursor.executemany(f"INSERT INTO reference_{n} VALUES ({marks})", rows)
            close()
        connection.commit()
        elapsed = time.perf_counter() - started
        for n in range(len(files) * 2):
            cursor.execute(f"DROP TABLE reference_{n}")
        connection.commit()
    return elapsed


def _paths(files: list[Files]) -> list[Path]:
    return [p for f in files for p in (f.orders, f.activities)]


# ---------------------------------------------------------------- salesdesk itself

IMPORT = """
import json, sys, time
from salesdesk import bootstrap
bootstrap.setup()
from salesdesk.ingest.importer import import_file
from salesdesk.records.departments import department_named
plan = json.loads(sys.argv[1])
done = []
started = time.perf_counter()
for name, kind, orders, activities in plan:
    department_named(name, create=True, kind=kind)
    for path, what in ((orders, "orders"), (activities, "activities")):
        began = time.perf_counter()
        result = import_file(path, what, department=name)
        done.append({"file": path, "seconds": time.perf_counter() - began,
                     "added": result.added, "rejected": result.rejected})
print(json.dumps({"seconds": time.perf_counter() - started, "files": done}))
"""

REPORT = """
import json, sys, time
from salesdesk import bootstrap
bootstrap.setup()
from salesdesk.report.build import build_summary
from salesdesk.report.facts import summary_to_facts
names, year, runs = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
best = {}
for name in names:
    for _ in range(runs):
        started = time.perf_counter()
        facts = summary_to_facts(build_summary(name, year))
        text = json.dumps(facts, ensure_ascii=False)
        elapsed = time.perf_counter() - started
        best[name] = min(best.get(name, elapsed), elapsed)
print(json.dumps(best))
"""


def child(env: dict[str, str], script: str, *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=7200,
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def import_all(env: dict[str, str], files: list[Files]) -> dict[str, object]:
    plan = [[f.department.name, f.department.kind, str(f.orders), str(f.activities)] for f in files]
    subprocess.run(
        [sys.executable, "-c", "from salesdesk import bootstrap; bootstrap.setup()"],
        env=env,
        check=True,
    )  # the migrations, outside the timed import
    return child(env, IMPORT, json.dumps(plan, ensure_ascii=False))


# ---------------------------------------------------------------- one engine


@dataclass
class Figures:
    engine: str
    rows: int
    import_s: float
    reference_s: float
    rejected: int
    file_seconds: list[float]  # each file's import, in the order of _paths(files)
    reports: dict[str, float]  # best JSON report time of each department
    largest: str
    smallest: str
    lines_ratio: float
    first_ms: float  # the slowest first request of a client (a worker building its summary)
    p50_ms: float
    p95_ms: float
    max_ms: float
    requests: int
    failures: Counter[int]


def dashboard(env: dict[str, str], work: Path, largest: Department, args) -> tuple:
    salesdesk(
        env, "createuser", USER, "--role", "manager", "--department", largest.name,
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    # A worker's first request builds the department's summary, which can outlast gunicorn's
    # default 60 s on a loaded machine; the bench measures the steady state, so it waits.
    with serve_app({**env, "SALESDESK_WEB_TIMEOUT": "900"}, work) as port:
        tally = hammer(port, args.clients, args.requests)
    ms = [t * 1000 for t in tally.latencies]
    return ms, max(tally.warm_up) * 1000, Counter(tally.failures)


def measure(
    engine: str, env: dict[str, str], files: list[Files], reference_s: float, work: Path, args
) -> Figures:
    print(f"[{engine}] importing …", flush=True)
    loaded = import_all(env, files)
    print(f"[{engine}] imported in {float(loaded['seconds']):.1f} s", flush=True)  # type: ignore[arg-type]
    by_size = sorted(files, key=lambda f: f.order_lines)
    small, large = by_size[0], by_size[-1]
    print(f"[{engine}] reports …", flush=True)
    names = json.dumps([f.department.name for f in files], ensure_ascii=False)
    reports = child(env, REPORT, names, str(YEAR), str(args.report_runs))
    print(f"[{engine}] dashboard under {args.clients} clients …", flush=True)
    ms, first_ms, failures = dashboard(env, work, large.department, args)
    files_done: list[dict[str, float]] = loaded["files"]  # type: ignore[assignment]
    return Figures(
        engine=engine,
        rows=sum(f.order_lines + f.activity_rows for f in files),
        import_s=float(loaded["seconds"]),  # type: ignore[arg-type]
        reference_s=reference_s,
        rejected=int(sum(f["rejected"] for f in files_done)),
        file_seconds=[float(f["seconds"]) for f in files_done],
        reports={str(k): float(v) for k, v in reports.items()},  # type: ignore[arg-type]
        largest=large.department.name,
        smallest=small.department.name,
        lines_ratio=large.order_lines / max(small.order_lines, 1),
        first_ms=first_ms,
        p50_ms=statistics.median(ms),
        p95_ms=percentile(ms, 0.95),
        max_ms=max(ms),
        requests=len(ms),
        failures=failures,
    )


def on_sqlite(files: list[Files], work: Path, args) -> Figures:
    folder = work / "sqlite"
    folder.mkdir()
    reference_s = reference_sqlite(files, folder / "reference.sqlite3")
    return measure("SQLite", environment(folder, None), files, reference_s, folder, args)


def on_postgres(files: list[Files], work: Path, url: str, args) -> Figures:
    folder = work / "postgresql"
    folder.mkdir()
    with fresh_postgres(url) as throwaway:
        reference_s = reference_postgres(files, throwaway)
        env = environment(folder, throwaway)
        return measure("PostgreSQL", env, files, reference_s, folder, args)


def postgres_url() -> str | None:
    """DATABASE_URL when it names PostgreSQL, else the local server if it answers."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    with contextlib.suppress(Exception):
        import psycopg

        psycopg.connect(LOCAL_POSTGRES, connect_timeout=3).close()
        return LOCAL_POSTGRES
    return None


# ---------------------------------------------------------------- the table


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def print_figures(f: Figures, files: list[Files]) -> None:
    lines = sum(x.order_lines for x in files)
    activities = sum(x.activity_rows for x in files)
    ratio = f.import_s / f.reference_s
    largest_s = f.reports[f.largest]
    report_ratio = largest_s / f.reports[f.smallest]
    print(f"\n{f.engine}: {lines:,} order lines + {activities:,} activities, 5 departments")
    print(f"  import            {f.import_s:8.1f} s  {f.rows / f.import_s:>9,.0f} rows/s  "
          f"rejected {f.rejected}")  # fmt: skip
    print(f"  executemany ref.  {f.reference_s:8.1f} s  {f.rows / f.reference_s:>9,.0f} rows/s")
    print(f"  import / ref.     {ratio:8.2f} x   target <= 3 x      {verdict(ratio <= 3)}")
    counts = [n for x in files for n in (x.order_lines, x.activity_rows)]
    for path, rows, seconds in zip(_paths(files), counts, f.file_seconds, strict=True):
        print(
            f"    {path.name:<28} {rows:>9,} rows {seconds:7.1f} s {rows / seconds:>9,.0f} rows/s"
        )
    for x in files:
        print(f"  JSON report       {f.reports[x.department.name]:8.2f} s  {x.department.name} "
              f"({x.department.kind}, {x.order_lines:,} lines, {x.activity_rows:,} activities)")  # fmt: skip
    print(f"  largest / smallest report {report_ratio:.2f} x for {f.lines_ratio:.1f} x the lines; "
          f"largest {largest_s:.2f} s  target <= 2 s  {verdict(largest_s <= 2)}")  # fmt: skip
    print(f"  dashboard         p50 {f.p50_ms:.0f} ms  p95 {f.p95_ms:.0f} ms  max {f.max_ms:.0f} ms"
          f"  ({f.requests} requests, non-200 {sum(f.failures.values())} {dict(f.failures)})  "
          f"target p95 <= 300 ms  {verdict(f.p95_ms <= 300)}")  # fmt: skip
    print(f"  dashboard warm-up slowest first request {f.first_ms / 1000:.1f} s "
          f"(a worker building the summary of {f.largest})")  # fmt: skip


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the full size")
    parser.add_argument("--lines", type=int, default=1_000_000, help="order lines at scale 1")
    parser.add_argument("--activities", type=int, default=500_000, help="activities at scale 1")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="timed requests per client")
    parser.add_argument("--report-runs", type=int, default=2, help="best of N per department")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    args.lines = round(args.lines * args.scale)
    args.activities = round(args.activities * args.scale)
    return args


def main() -> None:
    args = arguments()
    started = time.strftime("%Y-%m-%d %H:%M")
    print(f"{started}  {os.cpu_count()} CPUs  load average {os.getloadavg()[0]:.2f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="salesdesk-scale-bench-") as folder:
        work = Path(folder)
        files = generate(work, args.lines, args.activities)
        results = []
        if not args.skip_sqlite:
            results.append(on_sqlite(files, work, args))
            print_figures(results[-1], files)
        url = None if args.skip_postgres else postgres_url()
        if url:
            results.append(on_postgres(files, work, url, args))
            print_figures(results[-1], files)
        elif not args.skip_postgres:
            print("\nPostgreSQL: no server answered; skipped.")
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
