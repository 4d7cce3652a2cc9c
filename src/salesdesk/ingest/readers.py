"""Opening a CSV/TSV/Excel file or an SQLite database as a table of raw cells, with row numbers
as Excel shows them.

The format is decided by the file's content, not only its name, because the department's files
are often renamed, gzipped or exported by systems that lie about their type. Text files are
streamed (never read whole) with an encoding detected from a sample, since Chinese CSVs come in
UTF-8, UTF-8 with BOM, GBK and GB18030. Any problem that makes the file unreadable is a
FileProblem with a reason in Chinese and English.

An SQLite database (recognised by its magic bytes) is read read-only: a table or view named like
an Excel sheet, or the rows of one SELECT statement given by a mapping file's ``query``.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any, cast
from urllib.parse import quote

import charset_normalizer
from python_calamine import (
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from salesdesk.ingest.problems import FileProblem
from salesdesk.ingest.values import parse_text

__all__ = ["Table", "open_table"]

SAMPLE_SIZE = 64 * 1024

_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_MAGIC_SIZE = len(_SQLITE_MAGIC)
_SQLITE_SUFFIXES = frozenset({".sqlite", ".sqlite3", ".db", ".db3"})
_EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
_ZIP_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".ods"})
_DELIMITERS = (",", ";", "\t", "|")
# Control characters never found in a typed table (tab, newlines, \f, \v and the DOS EOF \x1a
# are allowed), used to tell a binary file from text that merely decoded.
_STRAY_CONTROLS = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # what errors="surrogateescape" makes of bad bytes

Row = tuple[int, list[object]]
ByteStream = IO[bytes] | gzip.GzipFile


def _nothing() -> None:
    """Default closer for a Table that holds no open handles."""


@dataclass(frozen=True, eq=False)
class Table:
    """One sheet or text file: its header and a one-pass iterator over its data rows.

    ``rows`` yields ``(row_number, cells)``, the row number being what the user sees in Excel
    (every physical record counts, blank ones included) so that error reports point at the
    right line; completely blank rows are not yielded. Cells are left as read: ``str`` for
    text files, native calamine values for Excel ("" for an empty cell). ``size_hint`` is the
    number of records after the header when that is known without reading (Excel), else None.
    ``column_offset`` is how many empty columns precede the data in an Excel sheet (calamine
    drops them), for callers that name columns by letter. Use it as a context manager, or call
    ``close()``, to release the file.
    """

    path: str
    format: str
    encoding: str | None
    sheet: str | None
    headers: list[str]
    rows: Iterator[Row]
    size_hint: int | None = None
    header_row: int = 1
    column_offset: int = 0
    closer: Callable[[], None] = field(default=_nothing, repr=False)

    def close(self) -> None:
        """Release the file handles; safe to call more than once."""
        close_rows = getattr(self.rows, "close", None)
        if close_rows is not None:
            close_rows()
        self.closer()

    def __enter__(self) -> Table:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# --------------------------------------------------------------------------------------------
# Problems


def _empty(path: str) -> FileProblem:
    return FileProblem(path, "文件是空的", "the file is empty")


def _binary(path: str) -> FileProblem:
    return FileProblem(
        path,
        "文件不是文本表格（可能是二进制或已损坏）",
        "the file is not a text table (it may be binary or damaged)",
    )


def _not_excel(path: str, suffix: str, detail: str = "") -> FileProblem:
    extra_zh = f"（{detail}）" if detail else ""
    extra_en = f" ({detail})" if detail else ""
    return FileProblem(
        path,
        f"不是有效的 Excel 文件{extra_zh}：文件名是 {suffix}，但内容不是 Excel 工作簿。"
        "请用 Excel 打开后另存为 .xlsx；若它其实是文本表格，请改名为 .csv",
        f"not a valid Excel file{extra_en}: it is named {suffix} but does not contain an Excel "
        "workbook. Open it in Excel and save it as .xlsx, or rename it to .csv if it is text",
    )


def _not_sqlite(path: str, suffix: str, detail: str) -> FileProblem:
    return FileProblem(
        path,
        f"不是有效的 SQLite 数据库（{detail}）：文件名是 {suffix}，但内容不是 SQLite 数据库",
        f"not a valid SQLite database: it is named {suffix} but does not contain one",
    )


def _gzipped_sqlite(path: str) -> FileProblem:
    return FileProblem(
        path,
        "这是压缩过的 SQLite 数据库：请先解压（gunzip）再导入",
        "this is a gzipped SQLite database: decompress it (gunzip) and import the database",
    )


def _query_needs_sqlite(path: str) -> FileProblem:
    return FileProblem(
        path,
        "映射文件中的查询（query）只能用于 SQLite 数据库文件，这个文件不是 SQLite 数据库",
        "a query (from the mapping file) can only read an SQLite database; this file is not one",
    )


# --------------------------------------------------------------------------------------------
# Opening


def open_table(path: str | Path, *, sheet: str | None = None, query: str | None = None) -> Table:
    """Open a CSV/TSV (optionally gzipped), Excel or SQLite file and read its header row.

    The header is the first non-blank row. ``sheet`` picks an Excel sheet by name (the first
    visible worksheet otherwise); it is ignored for text files. For an SQLite database,
    ``sheet`` names a table or view and ``query`` is instead one read-only SELECT (or WITH)
    statement; one of the two is required there, and ``query`` is refused for other files.
    """
    shown = str(path)
    try:
        raw: IO[bytes] = open(path, "rb")  # noqa: SIM115 - handed to the Table, closed there
    except FileNotFoundError:
        raise FileProblem(shown, "文件不存在", "the file does not exist") from None
    except IsADirectoryError:
        raise FileProblem(
            shown, "这是一个文件夹，不是文件", "this is a folder, not a file"
        ) from None
    except OSError as error:
        raise FileProblem(
            shown, f"无法打开文件：{error.strerror}", f"cannot open the file: {error.strerror}"
        ) from None
    try:
        return _open_stream(shown, Path(path), raw, sheet, query)
    except BaseException:
        raw.close()
        raise


def _open_stream(
    shown: str, path: Path, raw: IO[bytes], sheet: str | None, query: str | None
) -> Table:
    """Look at the magic bytes and hand over to the SQLite, Excel or text reader."""
    magic = raw.read(_MAGIC_SIZE)
    if not magic:
        raise _empty(shown)
    raw.seek(0)
    if magic.startswith(_SQLITE_MAGIC):
        raw.close()
        return _sqlite_table(shown, path, sheet, query)
    if query is not None:
        raise _query_needs_sqlite(shown)
    name = path.name
    stream: ByteStream = raw
    compressed = magic.startswith(_GZIP_MAGIC)
    if compressed:
        stream = gzip.GzipFile(fileobj=raw, mode="rb")
        name = name[:-3] if name.lower().endswith(".gz") else path.stem
        magic = _read_guarded(shown, stream, _MAGIC_SIZE)
        stream.seek(0)
    suffix = Path(name).suffix.lower()
    if magic.startswith(_SQLITE_MAGIC):
        raise _gzipped_sqlite(shown)
    if suffix in _SQLITE_SUFFIXES:
        raise _not_sqlite(shown, suffix, _what_text_is(magic))
    if magic.startswith(_ZIP_MAGIC) or magic.startswith(_OLE2_MAGIC):
        is_xls = magic.startswith(_OLE2_MAGIC)
        native = suffix == ".xls" if is_xls else suffix in _ZIP_SUFFIXES
        workbook = _open_workbook(shown, path if native and not compressed else stream, suffix)
        stream.close()
        raw.close()
        return _excel_table(shown, workbook, "xls" if is_xls else "xlsx", sheet)
    if suffix in _EXCEL_SUFFIXES:
        raise _not_excel(shown, suffix, _what_text_is(magic))
    return _text_table(shown, raw, stream, compressed, suffix)


def _read_guarded(shown: str, stream: ByteStream, size: int) -> bytes:
    """Read from a gzip stream, turning a damaged archive into a FileProblem."""
    try:
        return stream.read(size)
    except (OSError, EOFError, zlib.error):
        raise FileProblem(
            shown, "压缩文件已损坏或不完整", "the compressed file is damaged or incomplete"
        ) from None


def _what_text_is(magic: bytes) -> str:
    """Name the common impostors: HTML tables saved as .xls by web systems, or plain text."""
    if not magic.strip():
        return "内容是空白"
    if magic.lstrip().lower().startswith((b"<", b"\xef\xbb\xbf<")):
        return "内容是网页/HTML"
    return "内容是文本或其他格式"


# --------------------------------------------------------------------------------------------
# Excel


def _open_workbook(shown: str, source: Path | ByteStream, suffix: str) -> CalamineWorkbook:
    """Open with calamine; from the path when its extension is right, else from the bytes."""
    try:
        if isinstance(source, Path):
            return CalamineWorkbook.from_path(str(source))
        return CalamineWorkbook.from_filelike(source)
    except PasswordError:
        raise FileProblem(
            shown,
            "Excel 文件有密码保护，请在 Excel 中取消密码后另存再导入",
            "the Excel file is password-protected; remove the password in Excel and save again",
        ) from None
    except Exception as error:  # calamine raises several error types for damaged workbooks
        raise _not_excel(shown, suffix or "(无扩展名)", str(error)[:200]) from None


def _pick_sheet(shown: str, workbook: CalamineWorkbook, wanted: str | None) -> str:
    """The requested sheet (exact name, else ignoring case/width/spaces) or the first one."""
    names = list(workbook.sheet_names)
    if not names:
        raise FileProblem(shown, "Excel 文件里没有工作表", "the Excel file has no sheets")
    if wanted is None:
        for meta in workbook.sheets_metadata:
            if meta.typ == SheetTypeEnum.WorkSheet and meta.visible == SheetVisibleEnum.Visible:
                return meta.name
        return names[0]
    found = _match_name(wanted, names)
    if found is not None:
        return found
    raise FileProblem(
        shown,
        f"找不到工作表“{wanted}”，文件中的工作表有：{'、'.join(names)}",
        f"there is no sheet {wanted!r}; the sheets are: {', '.join(names)}",
    )


def _match_name(wanted: str, names: list[str]) -> str | None:
    """The name itself, else the one equal to it ignoring case and spaces, else None."""
    if wanted in names:
        return wanted
    key = "".join(wanted.split()).casefold()
    for name in names:
        if "".join(name.split()).casefold() == key:
            return name
    return None


def _load_sheet(shown: str, workbook: CalamineWorkbook, name: str) -> CalamineSheet:
    try:
        return workbook.get_sheet_by_name(name)
    except Exception as error:  # damaged sheet XML, chart sheet, ...
        raise FileProblem(
            shown,
            f"无法读取工作表“{name}”：{str(error)[:200]}",
            f"cannot read sheet {name!r}: {str(error)[:200]}",
        ) from None


def _excel_table(shown: str, workbook: CalamineWorkbook, fmt: str, wanted: str | None) -> Table:
    """Build a Table over one sheet; the workbook stays open until the Table is closed."""
    try:
        name = _pick_sheet(shown, workbook, wanted)
        sheet = _load_sheet(shown, workbook, name)
        start, end = sheet.start, sheet.end
        if start is None or end is None:  # calamine's iter_rows cannot handle an empty sheet
            raise FileProblem(shown, f"工作表“{name}”是空的", f"sheet {name!r} is empty")
        # iter_rows counts rows from the top of the sheet (padding the empty rows above the
        # data), but columns from the first used one, hence the separate column offset.
        records = _excel_records(iter(sheet.iter_rows()))
        first = next(records, None)
        if first is None:
            raise FileProblem(shown, f"工作表“{name}”是空的", f"sheet {name!r} is empty")
    except BaseException:
        workbook.close()
        raise
    header_row, header_cells = first
    return Table(
        path=shown,
        format=fmt,
        encoding=None,
        sheet=name,
        headers=[c if isinstance(c, str) else (parse_text(c) or "") for c in header_cells],
        rows=records,
        size_hint=end[0] + 1 - header_row,
        header_row=header_row,
        column_offset=start[1],
        closer=_closing(workbook),
    )


def _closing(workbook: CalamineWorkbook) -> Callable[[], None]:
    """A closer that may run twice (calamine raises on a second close)."""

    def close() -> None:
        try:
            workbook.close()
        except Exception:  # already closed
            return

    return close


def _excel_blank(row: list[Any]) -> bool:
    for cell in row:
        if cell != "" and cell is not None and not (isinstance(cell, str) and cell.isspace()):
            return False
    return True


def _excel_records(rows: Iterator[list[Any]]) -> Iterator[Row]:
    """Number the rows, skip blank ones, trim empty cells beyond the header's width.

    The first record yielded is the header (with its own trailing empties trimmed); its width
    then bounds the trimming of the data rows.
    """
    width = -1
    number = 0
    for row in rows:
        number += 1
        if _excel_blank(row):
            continue
        if len(row) > width:
            _trim(row, width)
        if width < 0:
            width = len(row)
        yield number, row


def _trim(row: list[Any], width: int) -> None:
    """Drop trailing empty cells past ``width`` (Excel and CSV exports often pad rows)."""
    while len(row) > width and row:
        last = row[-1]
        if last is None or (isinstance(last, str) and not last.strip()):
            row.pop()
        else:
            return


# --------------------------------------------------------------------------------------------
# Text


def _text_table(
    shown: str, raw: IO[bytes], stream: ByteStream, compressed: bool, suffix: str
) -> Table:
    """Detect encoding and delimiter from a sample, then stream the rest through csv.reader."""
    sample = _read_guarded(shown, stream, SAMPLE_SIZE)
    at_eof = len(sample) < SAMPLE_SIZE
    if at_eof and not sample.removeprefix(codecs.BOM_UTF8).strip():
        raise _empty(shown)
    tail = b"" if compressed or at_eof else _tail_sample(raw)
    encoding = _detect_encoding(shown, sample, at_eof, tail)
    text_sample = codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, at_eof)
    if _looks_binary(text_sample):
        raise _binary(shown)
    delimiter = _pick_delimiter(text_sample, suffix)
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")

    def close() -> None:
        text.close()
        raw.close()

    def reopen() -> io.TextIOWrapper:
        again = gzip.open(shown, "rb") if compressed else open(shown, "rb")  # noqa: SIM115
        return io.TextIOWrapper(again, encoding=encoding, errors="surrogateescape", newline="")

    records = _text_records(shown, csv.reader(text, delimiter=delimiter), encoding, reopen)
    try:
        first = next(records, None)
    except BaseException:
        close()
        raise
    if first is None:
        close()
        raise _empty(shown)
    header_row, headers = first
    return Table(
        path=shown,
        format="tsv" if delimiter == "\t" else "csv",
        encoding=encoding,
        sheet=None,
        headers=headers,
        rows=cast(Iterator[Row], records),
        size_hint=None,
        header_row=header_row,
        closer=close,
    )


def _tail_sample(raw: IO[bytes]) -> bytes:
    """The last stretch of a plain file, starting after a newline (a safe character boundary).

    A file whose first 64 KiB are plain ASCII can still have GBK further down; checking the
    end as well catches most of those before a single row has been imported.
    """
    size = raw.seek(0, io.SEEK_END)
    raw.seek(max(SAMPLE_SIZE, size - SAMPLE_SIZE))
    tail = raw.read(SAMPLE_SIZE)
    raw.seek(0)
    newline = tail.find(b"\n")
    return tail[newline + 1 :] if newline >= 0 else b""


def _decodes(data: bytes, encoding: str, final: bool) -> bool:
    """Strict decode; ``final=False`` tolerates a character cut at the end of a sample."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(data, final)
    except UnicodeDecodeError:
        return False
    return True


def _detect_encoding(shown: str, sample: bytes, at_eof: bool, tail: bytes) -> str:
    """BOM, then strict UTF-8, GBK, GB18030, then charset_normalizer's best guess."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # Excel's "Unicode text" export
    if b"\x00" in sample:
        raise _binary(shown)
    for encoding in ("utf-8", "gbk", "gb18030"):
        if _decodes(sample, encoding, at_eof) and (not tail or _decodes(tail, encoding, True)):
            return encoding
    guess = charset_normalizer.from_bytes(sample + tail).best()
    if guess is None:
        raise _binary(shown)
    return str(guess.encoding)


def _looks_binary(text: str) -> bool:
    """More than 1% control characters means this is not a table someone typed."""
    return "\x00" in text or len(_STRAY_CONTROLS.findall(text)) * 100 > len(text)


def _pick_delimiter(text: str, suffix: str) -> str:
    """Tab for .tsv files or tab-only header lines; else the commonest of , ; tab | in it."""
    line = next((ln for ln in text.lstrip("\ufeff").split("\n") if ln.strip()), "")
    if suffix == ".tsv" or ("\t" in line and "," not in line):
        return "\t"
    counts = [line.count(d) for d in _DELIMITERS]
    best = max(range(len(_DELIMITERS)), key=lambda i: (counts[i], -i))
    return _DELIMITERS[best] if counts[best] else ","


def _text_records(
    shown: str,
    reader: Iterator[list[str]],
    encoding: str,
    reopen: Callable[[], io.TextIOWrapper],
) -> Iterator[tuple[int, list[str]]]:
    """Number the records, skip blank ones, trim padding; first yield is the header.

    Kept to a few operations per row: this loop is the importer's inner loop.
    """
    width = -1
    number = 0
    try:
        for row in reader:
            number += 1
            if not row or not (row[0].strip() or any(cell.strip() for cell in row)):
                continue
            if len(row) > width:
                _trim(row, width)
                if width < 0:
                    width = len(row)
            yield number, row
    except UnicodeDecodeError:
        row_number = _find_undecodable_row(reader, reopen) or number + 1
        raise FileProblem(
            shown,
            f"第 {row_number} 行无法按 {encoding.upper()} 编码读取：文件中途编码不一致或已损坏。"
            "请用 Excel 或记事本把文件另存为 UTF-8 后再导入",
            f"row {row_number} cannot be decoded as {encoding.upper()}: the file mixes encodings "
            "or is damaged. Save it as UTF-8 (in Excel or a text editor) and import it again",
            row=row_number,
        ) from None
    except csv.Error as error:
        raise FileProblem(
            shown,
            f"第 {number + 1} 行无法解析：{error}",
            f"row {number + 1} cannot be parsed: {error}",
            row=number + 1,
        ) from None
    except (EOFError, zlib.error, gzip.BadGzipFile):
        raise FileProblem(
            shown,
            f"压缩文件在第 {number + 1} 行附近损坏或不完整",
            f"the compressed file is damaged or incomplete near row {number + 1}",
            row=number + 1,
        ) from None


def _find_undecodable_row(
    reader: Iterator[list[str]], reopen: Callable[[], io.TextIOWrapper]
) -> int | None:
    """Re-read the file leniently to find the first record holding an undecodable byte.

    The strict decoder fails a whole chunk ahead of the record being parsed, so the row number
    at the moment of failure would point at the wrong line; this error path can afford to
    read the file again.
    """
    dialect = getattr(reader, "dialect", None)
    delimiter = dialect.delimiter if dialect is not None else ","
    try:
        with reopen() as text:
            for number, row in enumerate(csv.reader(text, delimiter=delimiter), start=1):
                if any(_ESCAPED_BYTE.search(cell) for cell in row):
                    return number
    except (UnicodeError, csv.Error, OSError, EOFError, zlib.error):
        return None
    return None


# --------------------------------------------------------------------------------------------
# SQLite

# What a read-only query may do: read tables and views, call functions, recurse in a CTE.
# Anything else (writes, ATTACH, PRAGMA, schema changes) is denied while the query is prepared.
_READ_ACTIONS = frozenset(
    {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
)
_LEADING_COMMENTS = re.compile(r"(?:\s+|--[^\n]*(?:\n|$)|/\*.*?(?:\*/|$))*", re.DOTALL)
_FIRST_WORD = re.compile(r"[A-Za-z]+")
_SCHEMA_SQL = (
    "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') "
    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"
)


def _sqlite_table(shown: str, path: Path, sheet: str | None, query: str | None) -> Table:
    """A table or view named by ``sheet``, or the rows of ``query``, read through a cursor."""
    connection = _connect_read_only(shown, path)
    try:
        tables, views = _sqlite_names(shown, connection)
        if query is not None and sheet is not None:
            raise _sheet_and_query(shown, sheet)
        if query is not None:
            name, sql, size = None, _checked_query(shown, query), None
        else:
            name = _pick_sqlite_table(shown, sheet, tables, views)
            sql = f"SELECT * FROM {_quote_name(name)}"
            size = _row_count(connection, name) if name in tables else None
        connection.set_authorizer(_read_only)
        cursor = _execute(shown, connection, sql)
    except BaseException:
        connection.close()
        raise
    return Table(
        path=shown,
        format="sqlite",
        encoding=None,
        sheet=name,
        headers=[str(column[0]) for column in cursor.description],
        rows=_sqlite_records(shown, cursor),
        size_hint=size,
        closer=connection.close,
    )


def _connect_read_only(shown: str, path: Path) -> sqlite3.Connection:
    """Open the database read-only (``mode=ro``): the department's file is never changed."""
    try:
        return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise _sqlite_problem(shown, error) from None


def _sqlite_names(shown: str, connection: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """The database's tables and views (SQLite's own sqlite_* tables left out)."""
    try:
        rows = connection.execute(_SCHEMA_SQL).fetchall()
    except sqlite3.Error as error:
        raise _sqlite_problem(shown, error) from None
    tables = [str(name) for kind, name in rows if kind == "table"]
    views = [str(name) for kind, name in rows if kind == "view"]
    return tables, views


def _pick_sqlite_table(shown: str, wanted: str | None, tables: list[str], views: list[str]) -> str:
    """The table or view the user named (ignoring case and spaces); none named is a problem."""
    found = None if wanted is None else _match_name(wanted, [*tables, *views])
    if found is not None:
        return found
    listed_zh = "、".join(tables) or "（无）"
    listed_en = ", ".join(tables) or "(none)"
    if views:
        listed_zh += f"；视图：{'、'.join(views)}"
        listed_en += f"; views: {', '.join(views)}"
    if wanted is None:
        raise FileProblem(
            shown,
            '这是 SQLite 数据库，请用 --sheet 指定要导入的表（或在映射文件中写 query = "SELECT …"）。'
            f"数据库中的表：{listed_zh}",
            "this is an SQLite database: name the table to import with --sheet (or give "
            f'query = "SELECT …" in the mapping file). Its tables: {listed_en}',
        )
    raise FileProblem(
        shown,
        f"数据库中找不到表“{wanted}”，现有的表：{listed_zh}",
        f"there is no table {wanted!r} in the database; its tables: {listed_en}",
    )


def _quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _row_count(connection: sqlite3.Connection, table: str) -> int | None:
    """Rows in a table, for the progress bar; None if counting fails (never fatal)."""
    try:
        row = connection.execute(f"SELECT COUNT(*) FROM {_quote_name(table)}").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0])


def _checked_query(shown: str, query: str) -> str:
    """The query, if it is a single SELECT/WITH statement; anything else is refused."""
    start = _LEADING_COMMENTS.match(query)
    word = _FIRST_WORD.match(query, start.end() if start else 0)
    if word is None or word.group().upper() not in ("SELECT", "WITH"):
        raise _not_a_select(shown, query)
    return query


def _read_only(action: int, *_names: str | None) -> int:
    """SQLite authorizer: allow reading, deny every other action."""
    return sqlite3.SQLITE_OK if action in _READ_ACTIONS else sqlite3.SQLITE_DENY


def _execute(shown: str, connection: sqlite3.Connection, sql: str) -> sqlite3.Cursor:
    try:
        return connection.execute(sql)
    except sqlite3.Warning as error:  # several statements, on older Pythons
        raise _not_a_select(shown, sql, str(error)) from None
    except sqlite3.Error as error:
        # "You can only execute one statement at a time." / the authorizer's "not authorized"
        if "one statement" in str(error) or "not authorized" in str(error):
            raise _not_a_select(shown, sql, str(error)) from None
        raise FileProblem(
            shown, f"SQLite 查询出错：{error}", f"the SQLite query failed: {error}"
        ) from None


def _sqlite_records(shown: str, cursor: sqlite3.Cursor) -> Iterator[Row]:
    """Rows numbered 2, 3, … as a CSV export of the table would number them; all-NULL rows are
    counted but not yielded, like blank lines in a CSV. A BLOB cell becomes a short note."""
    number = 1
    try:
        for record in cursor:
            number += 1
            cells: list[object] = list(record)
            if any(type(cell) is bytes for cell in cells):
                cells = [_blob_note(cell) for cell in cells]
            if any(cell is not None and cell != "" for cell in cells):
                yield number, cells
    except sqlite3.Error as error:
        raise FileProblem(
            shown,
            f"第 {number + 1} 行读取出错：{error}",
            f"row {number + 1} cannot be read: {error}",
            row=number + 1,
        ) from None
    finally:
        cursor.close()


def _blob_note(cell: object) -> object:
    return f"[BLOB {len(cell)} bytes]" if isinstance(cell, bytes) else cell


def _sqlite_problem(shown: str, error: sqlite3.Error) -> FileProblem:
    return FileProblem(
        shown,
        f"无法读取 SQLite 数据库（{error}）：文件可能已损坏或正被其他程序锁定",
        f"cannot read the SQLite database ({error}): it may be damaged or locked",
    )


def _sheet_and_query(shown: str, sheet: str) -> FileProblem:
    return FileProblem(
        shown,
        f"同时指定了表“{sheet}”和映射文件中的查询（query），只能二选一",
        f"both a table ({sheet!r}) and a query (from the mapping file) were given; give one",
    )


def _not_a_select(shown: str, query: str, detail: str = "") -> FileProblem:
    head = " ".join(query.split())[:80]
    extra_zh = f"（{detail}）" if detail else ""
    extra_en = f" ({detail})" if detail else ""
    return FileProblem(
        shown,
        f"查询（query）只能是一条只读的 SELECT 或 WITH 语句{extra_zh}：{head}",
        f"the query must be a single read-only SELECT or WITH statement{extra_en}: {head}",
    )
