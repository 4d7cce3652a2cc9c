"""open_table on real small files in every format the department sends.

fixtures/sample.xls was generated once with xlwt (not a dependency): sheet "订单" has headers
日期, 金额(元), 客户, 数量, 下单时间, a data row at Excel row 2, a blank row 3 and a data row 4;
sheet "产能" has 月份, 产能 and one row.
"""

from __future__ import annotations

import gzip
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from salesdesk.ingest.problems import FileProblem
from salesdesk.ingest.readers import Table, open_table

FIXTURES = Path(__file__).parent / "fixtures"

ORDERS_CSV = '订单号,日期,客户,金额\nSO001,2016-01-05,张三,"1,234.50"\nSO002,2016/1/6,李四,88\n'


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def read_all(table: Table) -> list[tuple[int, list[object]]]:
    with table:
        return list(table.rows)


def problem_of(path: Path, **kwargs: str) -> FileProblem:
    with pytest.raises(FileProblem) as caught:
        table = open_table(path, **kwargs)
        read_all(table)
    assert caught.value.path == str(path)
    assert caught.value.reason_en
    return caught.value


# --- text encodings ------------------------------------------------------------------------


def test_csv_utf8(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "orders.csv", ORDERS_CSV))
    assert (table.format, table.encoding, table.sheet) == ("csv", "utf-8", None)
    assert table.headers == ["订单号", "日期", "客户", "金额"]
    assert table.header_row == 1
    assert table.size_hint is None
    assert read_all(table) == [
        (2, ["SO001", "2016-01-05", "张三", "1,234.50"]),
        (3, ["SO002", "2016/1/6", "李四", "88"]),
    ]


def test_csv_utf8_bom(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "bom.csv", ORDERS_CSV, "utf-8-sig"))
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "订单号"
    assert read_all(table)[0] == (2, ["SO001", "2016-01-05", "张三", "1,234.50"])


def test_csv_gbk(tmp_path: Path) -> None:
    text = "客户名称,业务员,金额（元）\n北京华联商厦,张伟,￥1,234\n上海鑫达贸易,王芳,88\n"
    table = open_table(write(tmp_path / "gbk.csv", text, "gbk"))
    assert table.encoding == "gbk"
    assert table.headers == ["客户名称", "业务员", "金额（元）"]
    assert read_all(table) == [
        (2, ["北京华联商厦", "张伟", "￥1", "234"]),
        (3, ["上海鑫达贸易", "王芳", "88"]),
    ]


def test_csv_gb18030_outside_gbk(tmp_path: Path) -> None:
    text = "客户,备注\n㐀记商行,𠀀号仓库\n"
    table = open_table(write(tmp_path / "gb18030.csv", text, "gb18030"))
    assert table.encoding == "gb18030"
    assert read_all(table) == [(2, ["㐀记商行", "𠀀号仓库"])]


def test_encoding_sample_does_not_cut_a_character(tmp_path: Path) -> None:
    # Multi-byte characters straddle the 64 KiB sample boundary at some row.
    rows = "".join(f"{i},张三李四王五\n" for i in range(8000))
    table = open_table(write(tmp_path / "long.csv", "编号,姓名\n" + rows))
    assert table.encoding == "utf-8"
    assert len(read_all(table)) == 8000


def test_ascii_head_with_gbk_tail_is_detected(tmp_path: Path) -> None:
    head = "".join(f"SO{i:05d},2016-01-05,88\n" for i in range(6000))
    text = "order,date,amount\n" + head + "SO99999,2016-01-05,北京华联\n"
    table = open_table(write(tmp_path / "mixed.csv", text, "gbk"))
    assert table.encoding == "gbk"
    assert read_all(table)[-1] == (6002, ["SO99999", "2016-01-05", "北京华联"])


def test_bad_bytes_mid_file_name_the_row(tmp_path: Path) -> None:
    lines = [f"SO{i:05d},2016-01-05,88\n".encode() for i in range(9000)]
    lines[4000] = "SO04000,2016-01-05,北京华联\n".encode("gbk")
    path = tmp_path / "broken.csv"
    path.write_bytes(b"order,date,amount\n" + b"".join(lines))
    problem = problem_of(path)
    assert problem.row == 4002
    assert "第 4002 行无法按 UTF-8 编码读取" in problem.reason_zh


def test_utf16_tab_text_from_excel(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "unicode.txt", "客户\t金额\n张三\t88\n", "utf-16"))
    assert (table.format, table.encoding) == ("tsv", "utf-16")
    assert read_all(table) == [(2, ["张三", "88"])]


# --- delimiters ----------------------------------------------------------------------------


def test_tsv_by_extension(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "orders.tsv", "订单号\t金额\nSO1\t1,234\n"))
    assert table.format == "tsv"
    assert read_all(table) == [(2, ["SO1", "1,234"])]


def test_tab_separated_csv_by_content(tmp_path: Path) -> None:
    with open_table(write(tmp_path / "orders.csv", "订单号\t客户\tx\nSO1\t张三\t1\n")) as table:
        assert table.format == "tsv"
        assert table.headers == ["订单号", "客户", "x"]


def test_semicolon_csv(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "orders.csv", "订单号;金额;客户\nSO1;1,5;张三\n"))
    assert table.format == "csv"
    assert table.headers == ["订单号", "金额", "客户"]
    assert read_all(table) == [(2, ["SO1", "1,5", "张三"])]


def test_pipe_csv(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "orders.csv", "a|b|c\n1|2|3\n"))
    assert read_all(table) == [(2, ["1", "2", "3"])]


def test_single_column_csv(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "names.csv", "客户\n张三\n李四\n"))
    assert read_all(table) == [(2, ["张三"]), (3, ["李四"])]


# --- row numbering and shapes --------------------------------------------------------------


def test_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    text = "\n\n订单号,金额\nSO1,1\n\n,\n  ,  \nSO2,2\n\n"
    table = open_table(write(tmp_path / "blank.csv", text))
    assert table.header_row == 3
    assert read_all(table) == [(4, ["SO1", "1"]), (8, ["SO2", "2"])]


def test_blank_data_row_three_makes_next_row_four(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "blank.csv", "a,b\n1,2\n\n3,4\n"))
    assert [n for n, _ in read_all(table)] == [2, 4]


def test_multiline_quoted_cells_count_as_one_row(tmp_path: Path) -> None:
    text = 'a,备注\n1,"第一行\n第二行\n第三行"\n2,"x,y"\n3,"他说""好"""\n'
    table = open_table(write(tmp_path / "multi.csv", text))
    assert read_all(table) == [
        (2, ["1", "第一行\n第二行\n第三行"]),
        (3, ["2", "x,y"]),
        (4, ["3", '他说"好"']),
    ]


def test_crlf_line_endings(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "crlf.csv", "a,b\r\n1,2\r\n\r\n3,4\r\n"))
    assert read_all(table) == [(2, ["1", "2"]), (4, ["3", "4"])]


def test_trailing_empty_cells_are_trimmed_to_header_width(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "pad.csv", "a,b,,,\n1,2,,,\n1,,,\n1,2,3,,\n"))
    assert table.headers == ["a", "b"]
    assert read_all(table) == [(2, ["1", "2"]), (3, ["1", ""]), (4, ["1", "2", "3"])]


def test_short_rows_are_left_short(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "short.csv", "a,b,c\n1\n"))
    assert read_all(table) == [(2, ["1"])]


def test_header_only_file_has_no_rows(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "header.csv", "订单号,金额\n\n\n"))
    assert table.headers == ["订单号", "金额"]
    assert read_all(table) == []


def test_cells_are_not_stripped_or_converted(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "raw.csv", "a,b\n 1 ,007\n"))
    assert read_all(table) == [(2, [" 1 ", "007"])]


# --- gzip ----------------------------------------------------------------------------------


def test_csv_gz(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv.gz"
    path.write_bytes(gzip.compress(ORDERS_CSV.encode("gbk")))
    table = open_table(path)
    assert (table.format, table.encoding) == ("csv", "gbk")
    assert table.headers == ["订单号", "日期", "客户", "金额"]
    assert [n for n, _ in read_all(table)] == [2, 3]


def test_tsv_gz_uses_inner_name(tmp_path: Path) -> None:
    path = tmp_path / "orders.tsv.gz"
    path.write_bytes(gzip.compress(b"a b\tc\n1\t2\n"))
    with open_table(path) as table:
        assert table.format == "tsv"


def test_damaged_gz(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv.gz"
    path.write_bytes(gzip.compress(ORDERS_CSV.encode() * 500)[:200])
    assert "压缩文件" in problem_of(path).reason_zh


# --- Excel ---------------------------------------------------------------------------------


def make_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    orders = workbook.active
    assert orders is not None
    orders.title = "订单"
    orders.append(["日期", "金额(元)", "客户", "下单时间", "数量"])
    orders.append([date(2016, 1, 5), 1234.5, "张三", datetime(2016, 1, 5, 8, 26), 3])
    orders["A4"] = date(2016, 2, 29)
    orders["B4"] = 17850
    orders["C4"] = "李四"
    orders["H4"] = " "  # stray cell far right: must be trimmed
    capacity = workbook.create_sheet("产能")
    capacity["C3"] = "月份"
    capacity["D3"] = "产能"
    capacity["C4"] = "2016年3月"
    capacity["D4"] = 5000
    workbook.create_sheet("空表")
    workbook.save(path)
    return path


def test_xlsx_first_sheet_with_native_cells(tmp_path: Path) -> None:
    table = open_table(make_xlsx(tmp_path / "orders.xlsx"))
    assert (table.format, table.encoding, table.sheet) == ("xlsx", None, "订单")
    assert table.headers == ["日期", "金额(元)", "客户", "下单时间", "数量"]
    assert table.size_hint == 3
    rows = read_all(table)
    assert [n for n, _ in rows] == [2, 4]
    first = rows[0][1]
    assert type(first[0]) is date and first[0] == date(2016, 1, 5)
    assert first[1] == 1234.5
    assert first[2] == "张三"
    assert first[3] == datetime(2016, 1, 5, 8, 26)
    assert first[4] == 3
    assert rows[1][1] == [date(2016, 2, 29), 17850, "李四", "", ""]


def test_xlsx_sheet_selection_keeps_excel_row_numbers(tmp_path: Path) -> None:
    table = open_table(make_xlsx(tmp_path / "orders.xlsx"), sheet="产能")
    assert table.sheet == "产能"
    assert table.header_row == 3
    assert table.column_offset == 2
    assert table.headers == ["月份", "产能"]
    assert read_all(table) == [(4, ["2016年3月", 5000])]


def test_xlsx_sheet_name_match_ignores_case_and_spaces(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Sheet 1"
    sheet.append(["a"])
    workbook.save(path)
    with open_table(path, sheet="sheet1") as table:
        assert table.sheet == "Sheet 1"


def test_xlsx_missing_sheet_lists_available(tmp_path: Path) -> None:
    problem = problem_of(make_xlsx(tmp_path / "orders.xlsx"), sheet="回款")
    assert problem.reason_zh == "找不到工作表“回款”，文件中的工作表有：订单、产能、空表"
    assert "订单, 产能, 空表" in problem.reason_en


def test_xlsx_empty_sheet(tmp_path: Path) -> None:
    problem = problem_of(make_xlsx(tmp_path / "orders.xlsx"), sheet="空表")
    assert "是空的" in problem.reason_zh


def test_xlsx_header_only(tmp_path: Path) -> None:
    path = tmp_path / "header.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["订单号", "金额"])
    workbook.save(path)
    table = open_table(path)
    assert table.headers == ["订单号", "金额"]
    assert read_all(table) == []


def test_xlsx_numeric_header_becomes_text(tmp_path: Path) -> None:
    path = tmp_path / "years.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["客户", 2016, 2017])
    sheet.append(["张三", 1, 2])
    workbook.save(path)
    with open_table(path) as table:
        assert table.headers == ["客户", "2016", "2017"]


def test_xlsx_misnamed_as_xls_or_csv_still_opens(tmp_path: Path) -> None:
    source = make_xlsx(tmp_path / "orders.xlsx")
    for name in ("renamed.xls", "renamed.csv", "renamed"):
        target = tmp_path / name
        target.write_bytes(source.read_bytes())
        table = open_table(target)
        assert (table.format, table.sheet) == ("xlsx", "订单")
        assert len(read_all(table)) == 2


def test_xlsx_gz(tmp_path: Path) -> None:
    source = make_xlsx(tmp_path / "orders.xlsx")
    path = tmp_path / "orders.xlsx.gz"
    path.write_bytes(gzip.compress(source.read_bytes()))
    table = open_table(path)
    assert table.format == "xlsx"
    assert [n for n, _ in read_all(table)] == [2, 4]


def test_xls_fixture() -> None:
    table = open_table(FIXTURES / "sample.xls")
    assert (table.format, table.encoding, table.sheet) == ("xls", None, "订单")
    assert table.headers == ["日期", "金额(元)", "客户", "数量", "下单时间"]
    assert read_all(table) == [
        (2, [date(2016, 1, 5), 1234.5, "张三", 3, datetime(2016, 1, 5, 8, 26)]),
        (4, [date(2016, 2, 29), 0.1, "李四", 17850, ""]),
    ]


def test_xls_fixture_second_sheet() -> None:
    table = open_table(FIXTURES / "sample.xls", sheet="产能")
    assert table.headers == ["月份", "产能"]
    assert read_all(table) == [(2, ["2016年3月", 5000])]


def test_xls_misnamed_as_csv_still_opens(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_bytes((FIXTURES / "sample.xls").read_bytes())
    table = open_table(target)
    assert table.format == "xls"
    assert [n for n, _ in read_all(table)] == [2, 4]


def test_xls_missing_sheet() -> None:
    problem = problem_of(FIXTURES / "sample.xls", sheet="Sheet1")
    assert "订单、产能" in problem.reason_zh


# --- files that are not tables -------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert problem_of(tmp_path / "nope.csv").reason_zh == "文件不存在"


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path / "orders.csv", "")
    problem = problem_of(path)
    assert problem.reason_zh == "文件是空的"
    assert problem.message() == f"文件 {path}：文件是空的。"


@pytest.mark.parametrize("text", ["   \n\n \t\n", "\ufeff\n", ",,,\n,,\n"])
def test_whitespace_only_file_is_empty(tmp_path: Path, text: str) -> None:
    assert problem_of(write(tmp_path / "orders.csv", text)).reason_zh == "文件是空的"


def test_empty_xlsx_named_file(tmp_path: Path) -> None:
    assert problem_of(write(tmp_path / "orders.xlsx", "")).reason_zh == "文件是空的"


def test_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(bytes(range(256)) * 40)
    assert problem_of(path).reason_zh == "文件不是文本表格（可能是二进制或已损坏）"


def test_binary_without_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(bytes(range(1, 32)) * 200)
    assert "不是文本表格" in problem_of(path).reason_zh


def test_fake_xlsx_that_is_text(tmp_path: Path) -> None:
    problem = problem_of(write(tmp_path / "fake.xlsx", ORDERS_CSV))
    assert problem.reason_zh.startswith("不是有效的 Excel 文件")
    assert problem.reason_en.startswith("not a valid Excel file")


def test_html_saved_as_xls(tmp_path: Path) -> None:
    html = "<html><body><table><tr><td>订单号</td></tr></table></body></html>"
    problem = problem_of(write(tmp_path / "export.xls", html))
    assert "不是有效的 Excel 文件" in problem.reason_zh
    assert "网页" in problem.reason_zh


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "orders.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("orders.csv", ORDERS_CSV)
    assert problem_of(path).reason_zh.startswith("不是有效的 Excel 文件")


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    assert "文件夹" in problem_of(tmp_path).reason_zh


# --- closing -------------------------------------------------------------------------------


def test_close_is_idempotent_and_stops_rows(tmp_path: Path) -> None:
    table = open_table(write(tmp_path / "orders.csv", ORDERS_CSV))
    table.close()
    table.close()
    assert list(table.rows) == []
    workbook_table = open_table(make_xlsx(tmp_path / "orders.xlsx"))
    with workbook_table:
        next(workbook_table.rows)
    workbook_table.close()
