"""The column-at-a-time lane for plain visit logs stores exactly what the row path stores.

Each case imports the same rows into two departments: once as they are (the lane takes them)
and once after one bad row, with --skip-bad, so that the whole chunk takes the row path (a
bad row is refused before it is numbered, so the keys do not move). The stored rows are
compared as the database holds them, customers and reps by their codes.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesdesk.ingest.importer import CHUNK, ImportResult, import_file
from salesdesk.records.departments import department_named
from salesdesk.records.models import Activity, Customer, Rep

pytestmark = pytest.mark.django_db

HEADER = ["日期", "业务员", "客户", "方式", "结果", "下次跟进日期", "备注"]
BAD = ["2025-02-30", "R1", "C1", "visit", "", "", "a date that does not exist"]
COLUMNS = ", ".join(
    [
        *("a.key", "a.date", "r.code", "c.code", "a.prospect", "a.kind", "a.outcome"),
        *("a.next_follow_up", "a.note", "a.extra"),
    ]
)


def stored(department: str) -> list[tuple[str, ...]]:
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {COLUMNS} FROM records_activity a "
            "JOIN records_department d ON d.id = a.department_id "
            "JOIN records_rep r ON r.id = a.rep_id "
            "LEFT JOIN records_customer c ON c.id = a.customer_id "
            "WHERE d.name = %s ORDER BY a.key",
            [department],
        )
        return [tuple(str(v) for v in row) for row in cur.fetchall()]


def write(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        out.writerows(rows)
    return path


def both_ways(
    tmp: Path, rows: list[list[object]], header: list[str] = HEADER
) -> tuple[ImportResult, ImportResult]:
    lane = import_file(write(tmp / "lane.csv", rows, header), "activities", department="甲")
    by_row = import_file(
        write(tmp / "row.csv", [BAD, *rows], header), "activities", department="乙", skip_bad=True
    )
    assert by_row.rejected == 1
    return lane, by_row


def visit(n: int, **cells: object) -> list[object]:
    """A typical visit; keyword arguments replace single cells."""
    row: dict[str, object] = {
        "日期": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
        "业务员": f"R{n % 3}",
        "客户": f"C{n % 5}",
        "方式": "visit",
        "结果": "",
        "下次跟进日期": "",
        "备注": "",
    }
    row.update(cells)
    return [row[h] for h in HEADER]


VARIED = [
    visit(0),
    visit(0),  # the same visit twice: numbered 1 and 2
    visit(1, 方式="电话", 结果="拒绝", 备注="太贵了，下月再谈"),
    visit(2, 方式="拜访", 结果="interested", 下次跟进日期="2025/4/1"),
    visit(3, 客户="", 结果="no_answer"),  # no customer: keyed with an empty code
    visit(4, 日期="2025年3月4日", 业务员="  R1  ", 备注="  padded  "),
    visit(5, 客户="老客户甲"),  # a customer named by name, not code
    visit(6, 方式="cold_visit", 结果="deal", 下次跟进日期="2025-12-31"),
]


def _known_customer() -> None:
    dept = department_named("甲", create=True)
    other = department_named("乙", create=True)
    for d in (dept, other):
        Customer.objects.create(department=d, key="K9", code="K9", name="老客户甲")


def test_lane_and_row_path_store_the_same(tmp_path: Path) -> None:
    _known_customer()
    lane, by_row = both_ways(tmp_path, VARIED)
    assert (lane.rows_columnar, by_row.rows_columnar) == (len(VARIED), 0)
    assert lane.added == by_row.added == len(VARIED)
    assert lane.new_customers == by_row.new_customers == ["C0", "C1", "C2", "C4"]
    assert lane.new_reps == by_row.new_reps == ["R0", "R1", "R2"]
    assert stored("甲") == stored("乙")
    keys = sorted(Activity.objects.filter(department__name="甲").values_list("key", flat=True))
    assert keys[:2] == ["2025-01-01|R0|C0|visit|1", "2025-01-01|R0|C0|visit|2"]
    named = Activity.objects.get(department__name="甲", customer__code="K9")
    assert named.key.endswith("|K9|visit|1")  # keyed by the code the name resolves to


def test_values_as_stored(tmp_path: Path) -> None:
    import_file(write(tmp_path / "a.csv", VARIED), "activities", department="甲")
    call = Activity.objects.get(department__name="甲", kind="call")
    assert (call.outcome, call.note, call.next_follow_up) == ("rejected", "太贵了，下月再谈", None)
    due = Activity.objects.get(department__name="甲", outcome="interested")
    assert (due.kind, due.next_follow_up) == ("visit", date(2025, 4, 1))
    padded = Activity.objects.get(department__name="甲", date=date(2025, 3, 4))
    assert (padded.rep.code, padded.note, padded.extra) == ("R1", "padded", {})
    assert Activity.objects.get(department__name="甲", customer=None).outcome == "no_answer"


def test_a_file_without_the_optional_columns(tmp_path: Path) -> None:
    header = ["日期", "业务员", "方式"]
    rows = [["2025-01-02", "R1", "visit"], ["2025-01-02", "R1", "visit"]]
    lane, by_row = both_ways(tmp_path, rows, header)
    assert (lane.rows_columnar, by_row.rows_columnar) == (2, 0)
    assert stored("甲") == stored("乙")
    assert [a.key for a in Activity.objects.filter(department__name="甲").order_by("key")] == [
        "2025-01-02|R1||visit|1",
        "2025-01-02|R1||visit|2",
    ]


def test_a_bad_row_in_a_later_chunk_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    rows = [visit(n) for n in range(CHUNK + 50)]
    rows[CHUNK + 7][HEADER.index("方式")] = "飞鸽传书"
    result = import_file(write(tmp_path / "bad.csv", rows), "activities", department="甲")
    assert not result.written
    assert [(p.row, p.column, p.value) for p in result.problems] == [
        (CHUNK + 9, "方式", "飞鸽传书")
    ]
    assert not Activity.objects.exists() and not Rep.objects.exists()


def test_occurrences_run_on_across_lane_and_row_path_chunks(tmp_path: Path) -> None:
    rows = [visit(0) for _ in range(CHUNK + 3)]
    rows[CHUNK + 1][HEADER.index("日期")] = "not a date"
    path = write(tmp_path / "same.csv", rows)
    result = import_file(path, "activities", department="甲", skip_bad=True)
    assert (result.added, result.rejected, result.rows_columnar) == (CHUNK + 2, 1, CHUNK)
    numbers = sorted(
        int(k.rsplit("|", 1)[1]) for k in Activity.objects.values_list("key", flat=True)
    )
    assert numbers == list(range(1, CHUNK + 3))


def test_reimport_changes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", [visit(n) for n in range(40)])
    first = import_file(path, "activities", department="甲")
    again = import_file(path, "activities", department="甲")
    assert (first.added, again.added, again.updated, again.unchanged) == (40, 0, 0, 40)
    assert again.rows_columnar == 40


CELLS = st.fixed_dictionaries(
    {
        "日期": st.sampled_from(["2025-01-05", "2025/1/5", "2025年1月5日", " 2025-01-06 "]),
        "业务员": st.sampled_from(["R1", " R1", "R2", "老王"]),
        "客户": st.sampled_from(["", "C1", "C1 ", "客户乙", "C2"]),
        "方式": st.sampled_from(["visit", "拜访", "电话", "call", "meeting"]),
        "结果": st.sampled_from(["", "拒绝", "deal", "interested"]),
        "下次跟进日期": st.sampled_from(["", "2025-02-01", "2025/2/1"]),
        "备注": st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8),
    }
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(CELLS, min_size=1, max_size=12))
def test_any_mix_of_cells_is_stored_alike(tmp_path: Path, picked: list[dict[str, object]]) -> None:
    Activity.objects.all().delete()
    rows = [[cells[h] for h in HEADER] for cells in picked]
    lane, by_row = both_ways(tmp_path, rows)
    assert lane.rows_columnar == len(rows) and by_row.rows_columnar == 0
    assert stored("甲") == stored("乙")
