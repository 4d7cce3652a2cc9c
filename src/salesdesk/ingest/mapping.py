"""Mapping files (`--mapping map.toml`): read a file whose headers are something else entirely.

    kind = "orders"      # optional: the kind of record the mapping is written for
    sheet = "Orders"     # optional: the Excel sheet, or the SQLite table or view, to read
    query = "SELECT …"   # optional, SQLite only: one read-only SELECT/WITH statement to read
    [columns]            # source header -> contract field
    InvoiceNo = "order"
    [constants]          # contract field -> fixed value for every row
    currency = "GBP"
    [derived]            # contract field -> arithmetic over source columns, or a {template}
    amount = "adr * (stays_in_weekend_nights + stays_in_week_nights)"
    date = "{arrival_date_year}-{arrival_date_month}-{arrival_date_day_of_month}"
    [values.is_canceled] # rewrite a source column's cells before anything else reads them
    "1" = "cancelled"
    [filter]             # keep only rows whose source column has this value (or one of a list)
    hotel = "City Hotel"

`{_row}` in a template is the row number as the user sees it in Excel (for an SQLite table or
query: 2 for its first row, as in a CSV export of it).
"""

from __future__ import annotations

import ast
import operator
import string
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from salesdesk.ingest.problems import FileProblem, ValueProblem
from salesdesk.ingest.values import parse_decimal

Cells = Mapping[str, object]
Deriver = Callable[[Cells], object]

_OPS: dict[type, Callable[[Decimal, Decimal], Decimal]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}

_TOP_LEVEL = frozenset(
    {"columns", "constants", "derived", "values", "filter", "kind", "sheet", "query"}
)


@dataclass(frozen=True)
class Derived:
    field: str
    source: str
    sources: tuple[str, ...]
    compute: Deriver


@dataclass(frozen=True)
class MappingSpec:
    path: str
    columns: dict[str, str]  # source header -> field
    constants: dict[str, str] = field(default_factory=dict)
    derived: tuple[Derived, ...] = ()
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kind: str | None = None
    sheet: str | None = None
    query: str | None = None  # SQLite only: read the rows of this SELECT instead of a table

    @property
    def provided_fields(self) -> set[str]:
        return {*self.columns.values(), *self.constants, *(d.field for d in self.derived)}


def load_mapping(path: str | Path) -> MappingSpec:
    """Read and check a mapping file; every mistake is a FileProblem naming the file."""
    name = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise _problem(name, "找不到映射文件", "mapping file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _problem(name, f"映射文件不是有效的 TOML：{exc}", f"not valid TOML: {exc}") from None
    unknown = set(data) - _TOP_LEVEL
    if unknown:
        raise _problem(
            name, f"映射文件有未知的段：{sorted(unknown)}", f"unknown sections {sorted(unknown)}"
        )
    derived = tuple(_compile(name, f, str(e)) for f, e in data.get("derived", {}).items())
    return MappingSpec(
        path=name,
        columns={str(k): str(v) for k, v in data.get("columns", {}).items()},
        constants={str(k): str(v) for k, v in data.get("constants", {}).items()},
        derived=derived,
        values={
            str(c): {str(a): str(b) for a, b in m.items()}
            for c, m in data.get("values", {}).items()
        },
        filters={str(c): _as_tuple(v) for c, v in data.get("filter", {}).items()},
        kind=data.get("kind"),
        sheet=data.get("sheet"),
        query=_query(name, data.get("query")),
    )


def _query(path: str, value: object) -> str | None:
    """The top-level ``query``: a non-empty string (checked as a SELECT when it is run)."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _problem(
            path,
            "映射文件中的 query 应为一条 SELECT 语句（字符串）",
            "query must be a string holding one SELECT statement",
        )
    return value


def _as_tuple(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),)


def _problem(path: str, zh: str, en: str) -> FileProblem:
    return FileProblem(path, zh, en)


def _compile(path: str, field_name: str, expression: str) -> Derived:
    if "{" in expression:
        names = tuple(n for _, n, _, _ in string.Formatter().parse(expression) if n)
        return Derived(field_name, expression, names, _template(expression))
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError:
        raise _problem(
            path,
            f"派生字段 {field_name} 的公式无法解析：{expression}",
            f"cannot parse {expression!r}",
        ) from None
    names = tuple(sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}))
    _check_arithmetic(path, field_name, tree.body)
    return Derived(field_name, expression, names, _as_cell(_arithmetic(tree.body)))


def _check_arithmetic(path: str, field_name: str, node: ast.expr) -> None:
    allowed = (ast.BinOp, ast.Name, ast.Constant, ast.UnaryOp, ast.USub, ast.Load, *_OPS)
    for sub in ast.walk(node):
        if not isinstance(sub, allowed):
            raise _problem(
                path,
                f"派生字段 {field_name} 只能用 + - * / 和列名、数字",
                f"derived field {field_name} may only use + - * /, column names and numbers",
            )


def _template(expression: str) -> Deriver:
    def render(cells: Cells) -> object:
        return expression.format_map(_TemplateCells(cells))

    return render


class _TemplateCells(dict[str, object]):
    def __init__(self, cells: Cells) -> None:
        super().__init__(cells)

    def __missing__(self, key: str) -> object:
        return ""


def _arithmetic(node: ast.expr) -> Deriver:
    if isinstance(node, ast.Constant):
        constant = Decimal(str(node.value))
        return lambda cells: constant
    if isinstance(node, ast.Name):
        return _column_number(node.id)
    if isinstance(node, ast.UnaryOp):
        inner = _arithmetic(node.operand)
        return lambda cells: _negate(inner(cells))
    assert isinstance(node, ast.BinOp)
    op = _OPS[type(node.op)]
    left, right = _arithmetic(node.left), _arithmetic(node.right)
    return lambda cells: _apply(op, left(cells), right(cells))


def _as_cell(compute: Deriver) -> Deriver:
    """Derived numbers go on as plain text cells, read by the same parsers as any other cell."""

    def text(cells: Cells) -> object:
        value = compute(cells)
        return format(value, "f") if isinstance(value, Decimal) else value

    return text


def _column_number(name: str) -> Deriver:
    def read(cells: Cells) -> object:
        value = parse_decimal(cells.get(name))
        if value is None:
            raise ValueProblem(f"列 {name} 为空，无法计算", f"column {name} is empty")
        return value

    return read


def _negate(value: object) -> Decimal:
    assert isinstance(value, Decimal)
    return -value


def _apply(op: Callable[[Decimal, Decimal], Decimal], left: object, right: object) -> Decimal:
    assert isinstance(left, Decimal) and isinstance(right, Decimal)
    try:
        return op(left, right)
    except (ZeroDivisionError, InvalidOperation):
        raise ValueProblem("除数为零", "division by zero") from None


def missing_sources(spec: MappingSpec, headers: Sequence[str]) -> list[str]:
    """Source columns the mapping names that the file does not have."""
    have = set(headers) | {"_row"}
    wanted = set(spec.columns) | set(spec.filters) | {n for d in spec.derived for n in d.sources}
    return sorted(wanted - have)
