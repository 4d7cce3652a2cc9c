"""open_table on SQLite databases: a table or view by name, or one read-only SELECT.

Each test builds a small real database in tmp_path with the sqlite3 module, so the reader is
exercised on the same file format a department's system exports.
"""

from __future__ import annotations

import gzip
import hashlib
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from salesdesk.ingest.mapping import load_mapping
from salesdesk.ingest.problems import FileProblem
from salesdesk.ingest.readers import Table, open_table

SCHEMA = """
CREATE TABLE customers (code TEXT PRIMARY KEY, name TEXT, region TEXT);
CREATE TABLE [Order Details] (
    order_no TEXT, product TEXT, qty INTEGER, price REAL, note TEXT, photo BLOB
);
CREATE VIEW big_lines AS SELECT * FROM [Order Details] WHERE qty >= 10;
INSERT INTO customers VALUES ('C1', '北京华联', '华北'), ('C2', '上海鑫达', '华东');
INSERT INTO [Order Details] VALUES
    ('SO1', 'A', 12, 9.9, NULL, NULL),
    ('SO1', 'B', 3, 0.1, '样品', NULL),
    (NULL, NULL, NULL, NULL, NULL, NULL),
    ('SO2', 'A', 20, 1234.5, '', x'00ff10');
"""


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "erp.sqlite"
    _build(path)
    return path


def _build(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.executescript(SCHEMA)
        connection.commit()
    finally:
        connection.close()


def read_all(table: Table) -> list[tuple[int, list[object]]]:
    with table:
        return list(table.rows)


def problem_of(path: Path, **kwargs: str) -> FileProblem:
    with pytest.raises(FileProblem) as caught:
        read_all(open_table(path, **kwargs))
    assert caught.value.path == str(path)
    return caught.value


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- tables and views ----------------------------------------------------------------------


def test_table_by_name_keeps_native_cells_and_numbers_rows_like_csv(database: Path) -> None:
    table = open_table(database, sheet="Order Details")
    assert (table.format, table.encoding, table.sheet) == ("sqlite", None, "Order Details")
    assert table.headers == ["order_no", "product", "qty", "price", "note", "photo"]
    assert (table.header_row, table.size_hint) == (1, 4)
    assert read_all(table) == [
        (2, ["SO1", "A", 12, 9.9, None, None]),
        (3, ["SO1", "B", 3, 0.1, "样品", None]),
        # row 4 is all NULL: counted, not yielded (a blank line in a CSV export)
        (5, ["SO2", "A", 20, 1234.5, "", "[BLOB 3 bytes]"]),
    ]


def test_table_name_ignores_case_and_spaces(database: Path) -> None:
    with open_table(database, sheet="orderdetails") as table:
        assert table.sheet == "Order Details"
    with open_table(database, sheet="CUSTOMERS") as table:
        assert table.sheet == "customers"


def test_view_by_name(database: Path) -> None:
    table = open_table(database, sheet="big_lines")
    assert table.size_hint is None  # views are not counted ahead
    assert [(n, row[:3]) for n, row in read_all(table)] == [
        (2, ["SO1", "A", 12]),
        (3, ["SO2", "A", 20]),
    ]


def test_detected_by_content_not_name(database: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "export.csv"
    renamed.write_bytes(database.read_bytes())
    assert open_table(renamed, sheet="customers").format == "sqlite"


def test_no_table_named_lists_tables_and_views(database: Path) -> None:
    problem = problem_of(database)
    assert "--sheet" in problem.reason_zh
    assert "Order Details、customers" in problem.reason_zh
    assert "视图：big_lines" in problem.reason_zh
    assert "Its tables: Order Details, customers; views: big_lines" in problem.reason_en


def test_unknown_table_lists_tables(database: Path) -> None:
    problem = problem_of(database, sheet="orders")
    assert "找不到表“orders”" in problem.reason_zh
    assert "Order Details" in problem.reason_en


# --- queries ---------------------------------------------------------------------------------


def test_query_joins_and_aliases(database: Path) -> None:
    query = """
        -- lines with their totals
        SELECT d.order_no AS "order", d.qty * d.price AS amount, c.name
        FROM [Order Details] d JOIN customers c ON c.code = 'C1'
        WHERE d.order_no IS NOT NULL ORDER BY d.rowid
    """
    table = open_table(database, query=query)
    assert (table.format, table.sheet, table.size_hint) == ("sqlite", None, None)
    assert table.headers == ["order", "amount", "name"]
    rows = read_all(table)
    assert [n for n, _ in rows] == [2, 3, 4]
    assert rows[0][1] == ["SO1", pytest.approx(118.8), "北京华联"]


def test_with_statement_and_window_functions(database: Path) -> None:
    query = """/* numbered lines */ WITH lines AS (
        SELECT order_no, product,
               row_number() OVER (PARTITION BY order_no ORDER BY product) AS line
        FROM [Order Details] WHERE order_no IS NOT NULL)
        SELECT * FROM lines ORDER BY order_no, line;"""
    assert [row for _, row in read_all(open_table(database, query=query))] == [
        ["SO1", "A", 1],
        ["SO1", "B", 2],
        ["SO2", "A", 1],
    ]


def test_query_with_no_rows_still_has_headers(database: Path) -> None:
    table = open_table(database, query="SELECT code, name FROM customers WHERE 0")
    assert table.headers == ["code", "name"]
    assert read_all(table) == []


@pytest.mark.parametrize(
    "query",
    [
        "DELETE FROM customers",
        "  insert into customers values ('C3', 'x', 'y')",
        "UPDATE customers SET name = 'x'",
        "DROP TABLE customers",
        "PRAGMA table_info(customers)",
        "ATTACH DATABASE 'other.db' AS other",
        "SELECT 1; DELETE FROM customers",
        "WITH doomed AS (SELECT code FROM customers) DELETE FROM customers",
        "-- SELECT\nDELETE FROM customers",
        "VALUES (1)",
    ],
)
def test_anything_but_one_select_is_refused(database: Path, query: str) -> None:
    before = digest(database)
    problem = problem_of(database, query=query)
    assert "只能是一条只读的 SELECT 或 WITH 语句" in problem.reason_zh
    assert "single read-only SELECT or WITH statement" in problem.reason_en
    assert digest(database) == before
    with open_table(database, sheet="customers") as table:
        assert len(list(table.rows)) == 2


def test_select_calling_a_writing_pragma_function_is_refused(database: Path) -> None:
    problem = problem_of(database, query="SELECT * FROM pragma_table_info('customers')")
    assert "SELECT" in problem.reason_en


def test_broken_query_names_the_sqlite_error(database: Path) -> None:
    problem = problem_of(database, query="SELECT nope FROM customers")
    assert "no such column: nope" in problem.reason_en
    assert "SQLite 查询出错" in problem.reason_zh


def test_placeholders_are_not_mistaken_for_several_statements(database: Path) -> None:
    problem = problem_of(database, query="SELECT * FROM customers WHERE code = ?")
    assert "SQLite 查询出错" in problem.reason_zh
    assert "bindings" in problem.reason_en


def test_table_and_query_together_are_refused(database: Path) -> None:
    problem = problem_of(database, sheet="customers", query="SELECT * FROM customers")
    assert "只能二选一" in problem.reason_zh


def test_query_for_a_csv_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    problem = problem_of(path, query="SELECT 1")
    assert "only read an SQLite database" in problem.reason_en


# --- the file itself -------------------------------------------------------------------------


def test_read_only_file_in_an_awkward_path_is_read_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "销售 #1 ?100%"
    folder.mkdir()
    path = folder / "数据 库.db"
    _build(path)
    path.chmod(0o444)
    before = digest(path), path.stat().st_mtime_ns
    with open_table(path, query="SELECT code FROM customers ORDER BY code") as table:
        assert [row for _, row in table.rows] == [["C1"], ["C2"]]
    assert (digest(path), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in folder.iterdir()) == ["数据 库.db"]  # no journal left behind


def test_close_releases_the_connection_and_is_idempotent(database: Path) -> None:
    table = open_table(database, sheet="Order Details")
    assert next(table.rows)[0] == 2
    table.close()
    table.close()
    database.unlink()  # nothing holds the file open any more (matters on Windows)


def test_file_named_sqlite_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "erp.sqlite"
    path.write_text("order,amount\nSO1,1\n", encoding="utf-8")
    problem = problem_of(path, sheet="orders")
    assert "not a valid SQLite database" in problem.reason_en


def test_gzipped_database_asks_for_decompression(database: Path, tmp_path: Path) -> None:
    packed = tmp_path / "erp.sqlite.gz"
    packed.write_bytes(gzip.compress(database.read_bytes()))
    problem = problem_of(packed, sheet="customers")
    assert "gunzip" in problem.reason_en


def test_damaged_database_is_a_file_problem(database: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(database.read_bytes()[:100] + b"\xff" * 4000)
    problem = problem_of(damaged, sheet="customers")
    assert "SQLite" in problem.reason_en


# --- mapping files -------------------------------------------------------------------------


def test_mapping_file_carries_the_query(tmp_path: Path) -> None:
    path = tmp_path / "map.toml"
    path.write_text(
        'kind = "customers"\nquery = """\nSELECT code, name FROM customers\n"""\n'
        '[columns]\ncode = "customer"\nname = "name"\n',
        encoding="utf-8",
    )
    spec = load_mapping(path)
    assert spec.query is not None and spec.query.strip() == "SELECT code, name FROM customers"
    assert load_mapping(_mapping(tmp_path, '[columns]\na = "customer"\n')).query is None


def test_mapping_query_must_be_text(tmp_path: Path) -> None:
    with pytest.raises(FileProblem) as caught:
        load_mapping(_mapping(tmp_path, 'query = ["SELECT 1"]\n[columns]\na = "customer"\n'))
    assert "query" in caught.value.reason_en


def _mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "other.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- through the importer --------------------------------------------------------------------


@pytest.mark.django_db
def test_import_a_table_by_sheet(database: Path) -> None:
    from salesdesk.ingest.importer import import_file
    from salesdesk.records.models import Customer

    result = import_file(database, "customers", sheet="customers", department="erp")
    assert (result.format, result.rows_read, result.added, result.rejected) == ("sqlite", 2, 2, 0)
    assert dict(Customer.objects.values_list("code", "region")) == {"C1": "华北", "C2": "华东"}


@pytest.mark.django_db
def test_import_through_a_mapping_query(database: Path, tmp_path: Path) -> None:
    """Needs importer.py to pass ``query=spec.query`` to open_table."""
    from salesdesk.ingest.importer import import_file
    from salesdesk.metrics.exact import MoneyUnits, units_to_money
    from salesdesk.records.models import OrderLine

    mapping = _mapping(
        tmp_path,
        'query = """SELECT order_no, product, qty, price, note FROM [Order Details]\n'
        '           WHERE order_no IS NOT NULL"""\n'
        '[columns]\norder_no = "order"\nproduct = "product"\nqty = "quantity"\n'
        'price = "unit_price"\n[constants]\ndate = "2016-03-01"\n',
    )
    result = import_file(database, "orders", mapping=mapping, department="erp")
    assert (result.rows_read, result.added, result.rejected) == (3, 3, 0)
    assert result.extra_columns == ["note"]
    total = OrderLine.objects.aggregate(units=MoneyUnits("amount"))["units"]
    assert units_to_money(total) == Decimal("24809.1000")  # 12 × 9.9 + 3 × 0.1 + 20 × 1234.5
    notes = dict(OrderLine.objects.values_list("key", "extra"))
    assert notes["SO1#2"] == {"note": "样品"}
