"""The column-at-a-time lane for plain order files stores exactly what the row path stores.

Each case imports the same rows twice into two departments: once as a plain orders file (the
lane takes it) and once with an empty 汇率 column added, which the lane leaves to the row path.
The stored rows are compared as the database holds them (`typeof` included), customers and
reps by their codes.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesdesk.ingest.importer import CHUNK, ImportResult, import_file
from salesdesk.records.models import Customer, OrderLine

pytestmark = pytest.mark.django_db

HEADER = ["单号", "行号", "日期", "客户", "业务员", "订单类型", "渠道", "产品", "品类", "数量"]
HEADER += ["单位", "单价", "金额", "币种", "人数", "约定交期", "实际交货日期", "状态"]

COLUMNS = ", ".join(
    name if "." in name else f"o.{name}"
    for name in [
        *("key", "order_no", "line_no", "date", "c.code", "r.code", "order_type", "channel"),
        *("product", "category", "quantity", "unit", "unit_price", "amount", "currency"),
        *("fx_rate", "amount_cny", "covers", "promised_on", "delivered_on", "status", "extra"),
    ]
)
TYPED = ("quantity", "unit_price", "amount", "fx_rate", "amount_cny")


def stored(department: str) -> list[tuple[object, ...]]:
    typeof = "typeof" if connection.vendor == "sqlite" else "pg_typeof"
    types = ", ".join(f"{typeof}(o.{name})" for name in TYPED)
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {COLUMNS}, {types} FROM records_orderline o "
            "JOIN records_department d ON d.id = o.department_id "
            "LEFT JOIN records_customer c ON c.id = o.customer_id "
            "LEFT JOIN records_rep r ON r.id = o.rep_id "
            "WHERE d.name = %s ORDER BY o.key",
            [department],
        )
        return [tuple(str(v) for v in row) for row in cur.fetchall()]


def write(path: Path, rows: list[list[object]], *, with_rate: bool) -> Path:
    header = [*HEADER, "汇率"] if with_rate else HEADER
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        out.writerows([*row, ""] if with_rate else row for row in rows)
    return path


def both_ways(tmp: Path, rows: list[list[object]]) -> tuple[ImportResult, ImportResult]:
    lane = import_file(write(tmp / "lane.csv", rows, with_rate=False), "orders", department="甲")
    by_row = import_file(write(tmp / "row.csv", rows, with_rate=True), "orders", department="乙")
    return lane, by_row


def line(n: int, **cells: object) -> list[object]:
    """A typical order line; keyword arguments replace single cells."""
    row: dict[str, object] = {
        "单号": f"SO{n // 3:05d}",
        "行号": n % 3 + 1,
        "日期": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
        "客户": f"C{n % 7}",
        "业务员": f"R{n % 3}",
        "订单类型": "regular",
        "渠道": "direct",
        "产品": f"P{n % 11}",
        "品类": "CAT",
        "数量": str(n % 9 + 1),
        "单位": "pcs",
        "单价": "12.50",
        "金额": f"{(n % 9 + 1) * 12.5:.2f}",
        "币种": "",
        "人数": "",
        "约定交期": "",
        "实际交货日期": "",
        "状态": "",
    }
    row.update(cells)
    return [row[h] for h in HEADER]


VARIED = [
    line(0),
    line(1, 数量="-2", 金额="-25.00", 状态="cancelled"),  # a return, a cancelled line
    line(2, 单价="", 金额="99.1234", 渠道="", 产品="", 单位=""),
    line(3, 订单类型="赠品", 币种="cny", 人数="4", 约定交期="2025-05-01", 实际交货日期="2025/5/3"),
    line(4, 客户="", 业务员="", 金额="0", 数量="0.0001"),
    line(5, 金额="12345678901.1234", 单价="0.5"),
    line(6, 日期="2025年3月4日", 产品="  padded  ", 品类="饮料"),
    line(7, 金额="1,234.50", 单价="¥12.5"),  # not canonical: parsed, like the row path
    line(8, 金额="12.34567", 数量="1.00005"),  # more than four places: rounded half-up
    line(9, 金额="-0.00"),
]


def test_lane_and_row_path_store_the_same(tmp_path: Path) -> None:
    lane, by_row = both_ways(tmp_path, VARIED)
    assert (lane.rows_columnar, by_row.rows_columnar) == (len(VARIED), 0)
    assert lane.added == by_row.added == len(VARIED)
    assert lane.new_customers == by_row.new_customers == [f"C{n}" for n in (0, 1, 2, 3, 5, 6)]
    assert lane.new_reps == by_row.new_reps == ["R0", "R1", "R2"]
    assert stored("甲") == stored("乙")
    rounded = OrderLine.objects.get(department__name="甲", order_no="SO00002", line_no=3)
    assert (rounded.amount, rounded.quantity) == (Decimal("12.3457"), Decimal("1.0001"))


def test_canonical_text_is_read_as_the_number_it_spells(tmp_path: Path) -> None:
    import_file(write(tmp_path / "lane.csv", VARIED, with_rate=False), "orders", department="甲")
    big = OrderLine.objects.get(department__name="甲", order_no="SO00001", line_no=3)
    assert str(big.amount) == "12345678901.1234"
    assert str(big.amount_cny) == "12345678901.1234"
    assert str(big.fx_rate).rstrip("0").rstrip(".") == "1"
    assert big.date == date(2025, 6, 6)
    gift = OrderLine.objects.get(department__name="甲", order_no="SO00001", line_no=1)
    assert (gift.order_type, gift.currency, gift.covers) == ("gift", "CNY", 4)
    assert gift.delivered_on == date(2025, 5, 3)


def test_a_bad_row_in_a_later_chunk_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    rows = [line(n) for n in range(CHUNK + 50)]
    rows[CHUNK + 7][HEADER.index("日期")] = "2025-02-30"
    path = write(tmp_path / "bad.csv", rows, with_rate=False)
    result = import_file(path, "orders", department="甲")
    assert not result.written
    assert [(p.row, p.column, p.value) for p in result.problems] == [
        (CHUNK + 9, "日期", "2025-02-30")  # header is row 1, data from row 2
    ]
    assert not OrderLine.objects.exists()
    assert not Customer.objects.exists()


def test_skip_bad_keeps_every_good_row_of_lane_and_row_path_chunks(tmp_path: Path) -> None:
    rows = [line(n) for n in range(CHUNK + 50)]
    rows[CHUNK + 7][HEADER.index("数量")] = "abc"
    path = write(tmp_path / "bad.csv", rows, with_rate=False)
    result = import_file(path, "orders", department="甲", skip_bad=True)
    assert (result.added, result.rejected, result.rows_columnar) == (CHUNK + 49, 1, CHUNK)
    assert OrderLine.objects.count() == CHUNK + 49
    rejected = Path(result.rejected_file or "").read_text(encoding="utf-8-sig").splitlines()
    assert len(rejected) == 2 and rejected[1].startswith(f"SO{(CHUNK + 7) // 3:05d}")


def test_reimport_through_the_lane_changes_nothing_and_corrections_update(tmp_path: Path) -> None:
    rows = [line(n) for n in range(40)]
    path = write(tmp_path / "a.csv", rows, with_rate=False)
    first = import_file(path, "orders", department="甲")
    again = import_file(path, "orders", department="甲")
    assert (first.added, again.added, again.updated, again.unchanged) == (40, 0, 0, 40)
    assert again.rows_columnar == 40
    rows[5][HEADER.index("金额")] = "77.70"
    fixed = import_file(write(tmp_path / "b.csv", rows, with_rate=False), "orders", department="甲")
    assert (fixed.updated, fixed.unchanged) == (1, 39)
    assert str(OrderLine.objects.get(key="SO00001#3").amount_cny).startswith("77.7")


def test_a_repeated_key_is_named_with_both_rows(tmp_path: Path) -> None:
    rows = [line(n) for n in range(10)]
    rows.append(line(4))
    result = import_file(
        write(tmp_path / "d.csv", rows, with_rate=False), "orders", department="甲"
    )
    assert not result.written
    assert [(p.row, p.value) for p in result.problems] == [(12, "SO00001#2")]


def test_a_spreadsheet_takes_the_lane_and_stores_what_a_csv_does(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for n in range(30):
        sheet.append(
            [
                f"SO{n}",
                1,
                date(2025, 1, n % 28 + 1),
                f"C{n % 4}",
                "R1",
                "regular",
                "direct",
                "P",
                "CAT",
                n + 1,
                "pcs",
                2.5,
                (n + 1) * 2.5,
                None,
                None,
                None,
                None,
                None,
            ]
        )
    book.save(tmp_path / "book.xlsx")
    rows = [
        [
            *(f"SO{n}", 1, f"2025-01-{n % 28 + 1:02d}", f"C{n % 4}", "R1", "regular", "direct"),
            *("P", "CAT", str(n + 1), "pcs", "2.5", str((n + 1) * 2.5), "", "", "", "", ""),
        ]
        for n in range(30)
    ]
    xlsx = import_file(tmp_path / "book.xlsx", "orders", department="甲")
    text = import_file(
        write(tmp_path / "same.csv", rows, with_rate=True), "orders", department="乙"
    )
    assert (xlsx.rows_columnar, text.rows_columnar) == (30, 0)
    assert stored("甲") == stored("乙")


# Cells in the forms the contract accepts, canonical or not; both paths must agree on all of them.
NUMBER = st.one_of(
    st.decimals(min_value=-(10**6), max_value=10**6, places=2).map(str),
    st.decimals(min_value=0, max_value=10**5, places=6).map(str),
    st.integers(-500, 500).map(str),
    st.sampled_from(["1,234.5", "¥88", "12.5万", "(3)", "0", "007", "-0", "1E+2", " 5 "]),
)
CELLS = st.fixed_dictionaries(
    {
        "数量": NUMBER.filter(lambda s: s.strip() != ""),
        "单价": st.one_of(st.just(""), NUMBER),
        "金额": NUMBER,
        "订单类型": st.sampled_from(["", "regular", "赠品", "OEM", "odm", " promo "]),
        "渠道": st.sampled_from(["", "direct", " 网店 ", "Direct"]),
        "客户": st.sampled_from(["", "C1", "C2", "客户甲", " C1 "]),
        "业务员": st.sampled_from(["", "R1", "张三"]),
        "日期": st.sampled_from(["2025-01-05", "2025/1/6", "2025年1月7日", "2024-12-31"]),
        "人数": st.sampled_from(["", "3", "12"]),
        "状态": st.sampled_from(["", "normal", "cancelled"]),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CELLS, min_size=1, max_size=12))
def test_any_valid_rows_are_stored_alike_by_both_paths(tmp_path_factory, cells) -> None:
    tmp = tmp_path_factory.mktemp("lane")
    rows = [line(n, **c) for n, c in enumerate(cells)]
    try:
        with transaction.atomic():
            lane, by_row = both_ways(tmp, rows)
            assert (lane.added, lane.rejected) == (by_row.added, by_row.rejected)
            assert [p.row for p in lane.problems] == [p.row for p in by_row.problems]
            assert lane.rows_columnar == (0 if lane.problems else len(rows))
            assert stored("甲") == stored("乙")
            raise _Undo
    except _Undo:
        pass


class _Undo(Exception):
    pass


def test_customers_and_reps_made_in_bulk_are_audited_like_single_ones(tmp_path: Path) -> None:
    from auditlog.models import LogEntry

    both_ways(tmp_path, VARIED)

    def created(department: str) -> list[tuple[object, ...]]:
        entries = LogEntry.objects.filter(
            action=LogEntry.Action.CREATE, additional_data__department__isnull=False
        ).order_by("content_type_id", "object_repr")
        return [
            (
                e.content_type_id,
                e.object_repr,
                {f: v for f, v in e.changes.items() if f != "department"},
                e.additional_data["file"],
            )
            for e in entries
            if e.additional_data["department"] == _department_id(department)
        ]

    lane, by_row = created("甲"), created("乙")
    assert len(lane) == 6 + 3
    assert [(c, r, ch) for c, r, ch, _ in lane] == [(c, r, ch) for c, r, ch, _ in by_row]
    assert {f for *_, f in lane} == {"lane.csv"} and {f for *_, f in by_row} == {"row.csv"}


def _department_id(name: str) -> int:
    from salesdesk.records.models import Department

    return Department.objects.get(name=name).pk
