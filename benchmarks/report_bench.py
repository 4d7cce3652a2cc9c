"""JSON report time at 100,000 and 1,000,000 order lines (SQLite).

For each size: generate contract-format order lines (benchmarks/datagen.py),
import them into a fresh database in a subprocess, then time
`salesdesk report --year Y --format json` in-process (build_summary +
summary_to_facts) three times and keep the best. The first run is printed too: the import
built the rollups the report reads (metrics/rollups.py), so even the first run does not pay
for them; the import's time, which does, is printed as well. Prints the times and the ratio
of the 1M time to the 100k time (target: ≤ 2 s at 1M, ratio ≤ 3).

    .venv/bin/python benchmarks/report_bench.py [--sizes 100000 1000000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datagen import write_order_lines

YEAR = 2025
CHILD = """
import json, sys, time
from salesdesk import bootstrap
bootstrap.setup()
from salesdesk.report.build import build_summary
from salesdesk.report.facts import summary_to_facts
times = []
for _ in range(3):
    started = time.perf_counter()
    facts = summary_to_facts(build_summary(None, int(sys.argv[1])))
    text = json.dumps(facts, ensure_ascii=False)
    times.append(time.perf_counter() - started)
print(json.dumps({"seconds": min(times), "first": times[0], "revenue": facts["sales"]["revenue"],
                  "bytes": len(text)}))
"""
IMPORT = """
import json, sys, time
from salesdesk import bootstrap
bootstrap.setup()
from salesdesk.ingest.importer import import_file
started = time.perf_counter()
added = import_file(sys.argv[1], "orders").added
print(json.dumps({"added": added, "seconds": time.perf_counter() - started}))
"""


def measure(lines: int, work: Path) -> dict[str, float]:
    data = write_order_lines(work / f"orders_{lines}.csv", lines, year=YEAR)
    env = {**os.environ, "SALESDESK_DB": str(work / f"report_{lines}.sqlite3")}
    env.pop("DATABASE_URL", None)  # each size gets a fresh SQLite file
    imported = subprocess.run(
        [sys.executable, "-c", IMPORT, str(data)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    import_seconds = json.loads(imported.stdout.strip().splitlines()[-1])["seconds"]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(YEAR)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "import": import_seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="salesdesk-bench-") as folder:
        for lines in args.sizes:
            results[lines] = measure(lines, Path(folder))
            r = results[lines]
            print(
                f"{lines:>10,} lines  report {r['seconds']:.2f} s (first of 3: {r['first']:.2f} s)  "
                f"revenue {r['revenue']:,.2f}  ({r['bytes']:,} bytes of JSON)  "
                f"import, rollups included: {r['import']:.1f} s"
            )
    small, large = min(results), max(results)
    if small != large:
        ratio = results[large]["seconds"] / results[small]["seconds"]
        print(f"ratio {large:,} / {small:,} lines: {ratio:.2f}x   (target <= 3x; <= 2 s at 1M)")


if __name__ == "__main__":
    main()
