"""`salesdesk import`: one file in, in one transaction, with every bad row named.

By default any bad row means nothing from the file is written. With
`skip_bad`, good rows are written and bad ones go, unchanged and with a reason
column, to `<file>.rejected.csv`. `dry_run` does everything, counts, and rolls
back.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from salesdesk.ingest.activity_lane import ActivityLane
from salesdesk.ingest.builders import BUILDERS, Builder, Built, fit_key
from salesdesk.ingest.bulk import ReferenceCheck, indexes_built_after
from salesdesk.ingest.columnar import Chunk, OrderLane
from salesdesk.ingest.contract import Kind, kind_named
from salesdesk.ingest.convert import Converter, RowProblem
from salesdesk.ingest.layout import Layout, mapped_layout, plain_layout
from salesdesk.ingest.mapping import MappingSpec, load_mapping
from salesdesk.ingest.merge import MergeCounts, Stage
from salesdesk.ingest.packs import kind_for_department
from salesdesk.ingest.problems import FileProblem, ValueProblem
from salesdesk.ingest.readers import Table, open_table
from salesdesk.ingest.rejects import RejectWriter, rejected_path
from salesdesk.records.audit import importing, log_import_updates, who_now
from salesdesk.records.closing import YearClosed, closed_years
from salesdesk.records.departments import department_named
from salesdesk.records.models import Department, ImportBatch
from salesdesk.records.registry import model_for
from salesdesk.records.rollup_state import invalidate, orders_imported
from salesdesk.records.statistics import analyze

CHUNK = 5000
LANES = (OrderLane, ActivityLane)  # plain files of these kinds go in a column at a time
ROLLED_UP = ("orders", "customers")  # what the order-line rollups depend on
ANALYZE_FROM = 10_000  # rows written; the planner's statistics are then worth refreshing
MAX_PROBLEMS_KEPT = 10_000
Progress = Callable[[int], None]


@dataclass
class ImportResult:
    path: str
    kind: str
    department: str
    format: str = ""
    encoding: str | None = None
    rows_read: int = 0
    rows_filtered: int = 0
    rows_columnar: int = 0  # records built a chunk at a time (ingest/columnar.py)
    records: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    new_customers: list[str] = field(default_factory=list)
    new_reps: list[str] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rejected_file: str | None = None
    dry_run: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        """True when the file went in (bad rows, if any, were skipped on purpose)."""
        return self.written or (self.dry_run and not self.problems)


class _Rollback(Exception):
    """Unwinds the file's transaction (dry run, or bad rows without --skip-bad)."""


def import_file(
    path: str | Path,
    kind: str,
    *,
    department: str | None = None,
    sheet: str | None = None,
    mapping: str | Path | None = None,
    dry_run: bool = False,
    skip_bad: bool = False,
    progress: Progress | None = None,
    by: str | None = None,
) -> ImportResult:
    """Import one file of one kind into one department. Raises FileProblem for a bad file.

    `by` is who imports it, for the audit trail (default: the web user, else the OS user)."""
    who = who_now() if by is None else by
    arguments = (path, kind, department, sheet, mapping, dry_run, skip_bad, progress, who)
    try:
        return _import(*arguments, direct=_first_of_its_kind(kind, department))
    except IntegrityError:
        # The file repeats a key: go again through the staging table, which names the rows.
        return _import(*arguments, direct=False)


def _department_kind(department: str | None) -> str:
    try:
        return department_named(department).kind
    except LookupError:
        return "general"


def _first_of_its_kind(kind: str, department: str | None) -> bool:
    try:
        dept = department_named(department)
    except LookupError:
        return True
    model = model_for(kind_named(kind).name)
    return not model.objects.filter(department=dept).exists()  # type: ignore[attr-defined]


def _import(
    path: str | Path,
    kind: str,
    department: str | None,
    sheet: str | None,
    mapping: str | Path | None,
    dry_run: bool,
    skip_bad: bool,
    progress: Progress | None,
    by: str,
    *,
    direct: bool,
) -> ImportResult:
    spec = load_mapping(mapping) if mapping else None
    the_kind = kind_for_department(kind_named(kind), _department_kind(department))
    name = str(path)
    with open_table(
        path, sheet=sheet or (spec.sheet if spec else None), query=spec.query if spec else None
    ) as table:
        layout = _layout(name, the_kind, table.headers, spec)
        result = ImportResult(
            name,
            the_kind.name,
            "",
            table.format,
            table.encoding,
            dry_run=dry_run,
            extra_columns=layout.extra_columns,
        )
        try:
            with transaction.atomic(), _gc_paused():
                _run(table, the_kind, layout, result, department, skip_bad, progress, direct, by)
                if dry_run or (result.problems and not skip_bad):
                    raise _Rollback
                result.written = True
                if not _changed_anything(result):
                    raise _Rollback  # not even an import-batch row: the database stays as it was
        except _Rollback:
            pass
    if not result.written and not dry_run:
        result.added = result.updated = result.unchanged = 0
    return result


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Millions of short-lived rows make the cyclic collector run for nothing; rows hold no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _changed_anything(result: ImportResult) -> bool:
    return bool(result.added or result.updated or result.new_customers or result.new_reps)


def _layout(path: str, kind: Kind, headers: Sequence[str], spec: MappingSpec | None) -> Layout:
    if not any(str(h).strip() for h in headers):
        raise FileProblem(path, "没有表头行", "no header row")
    return mapped_layout(path, kind, headers, spec) if spec else plain_layout(path, kind, headers)


def _run(
    table: Table,
    kind: Kind,
    layout: Layout,
    result: ImportResult,
    department: str | None,
    skip_bad: bool,
    progress: Progress | None,
    direct: bool,
    by: str,
) -> None:
    from salesdesk.ingest.refs import References

    dept = department_named(department, create=True)
    result.department = dept.name
    batch = ImportBatch.objects.create(
        department=dept,
        kind=kind.name,
        file_name=Path(table.path).name,
        sha256=_sha256(table.path),
        imported_by=by,
    )
    refs = References(dept.pk)
    model = model_for(kind.name)
    references = ReferenceCheck(model, dept.pk, batch.pk)
    stage = Stage(model, direct=direct and not skip_bad, references=references)
    stage.create()
    rejects = (
        RejectWriter(rejected_path(table.path), table.headers)
        if skip_bad and not result.dry_run
        else None
    )
    try:
        reader = _RowFeeder(
            table,
            kind,
            layout,
            BUILDERS[kind.name](refs),
            stage,
            dept,
            batch.pk,
            result,
            rejects,
        )
        with indexes_built_after(stage.model) if stage.direct else nullcontext(), importing(batch):
            reader.feed(progress)
        if result.rows_read == 0:
            raise FileProblem(
                table.path, "只有表头，没有数据行", "the file has a header but no data rows"
            )
        reader.reject_duplicates(skip_bad)
        counts = stage.merge(batch.pk) if not result.problems or skip_bad else MergeCounts(0, 0, 0)
        if counts.updated:
            log_import_updates(stage.model, stage.changed_rows(), batch)
    finally:
        stage.drop()
        if rejects:
            result.rejected_file = rejects.close()
    result.added, result.updated, result.unchanged = counts.added, counts.updated, counts.unchanged
    if counts.added + counts.updated >= ANALYZE_FROM:
        analyze(stage.model._meta.db_table)
    if kind.name in ROLLED_UP and (counts.added or counts.updated or refs.new_customers):
        invalidate(dept.pk)
        if kind.name == "orders" and not result.dry_run and (skip_bad or not result.problems):
            # in this transaction: metrics rebuilds the rollups, so every report after it reads them
            orders_imported.send(sender=stage.model, department=dept)
    result.new_customers, result.new_reps = refs.new_customers, refs.new_reps
    ImportBatch.objects.filter(pk=batch.pk).update(
        added=counts.added,
        updated=counts.updated,
        unchanged=counts.unchanged,
        rejected=result.rejected,
    )


class _RowFeeder:
    """Reads rows, converts and builds them, and streams them into the stage in chunks."""

    def __init__(
        self,
        table: Table,
        kind: Kind,
        layout: Layout,
        builder: Builder,
        stage: Stage,
        department: Department,
        batch_id: int,
        result: ImportResult,
        rejects: RejectWriter | None,
    ) -> None:
        self.table, self.layout, self.builder, self.stage = table, layout, builder, stage
        self.department_id, self.batch_id, self.result, self.rejects = (
            department.pk,
            batch_id,
            result,
            rejects,
        )
        self.converter = Converter(kind, set(layout.labels), excel=table.format in ("xlsx", "xls"))
        self.width = len(table.headers)
        self.closed = closed_years(department)
        self.department_name = department.name
        self.fast = self.converter.positional(layout.field_positions) if layout.plain else None
        self.explicit_rows: dict[int, Sequence[object]] = {}
        self.kind = kind
        lane = next(
            (lane for lane in LANES if lane.fits(kind, layout, closed_years=bool(self.closed))),
            None,
        )
        self.lane = (
            lane(self.converter, layout, builder, stage, department.pk, batch_id, self.width)
            if lane
            else None
        )

    def feed(self, progress: Progress | None) -> None:
        rows = iter(self.table.rows)
        while chunk := list(islice(rows, CHUNK)):
            self.result.rows_read += len(chunk)
            staged = self._lane_rows(chunk)
            if staged is None:
                staged = [s for number, row in chunk for s in self._stage_rows(number, row)]
            if staged:
                self.stage.load(staged)
            if progress:
                progress(self.result.rows_read)
        if progress:
            progress(self.result.rows_read)

    def _lane_rows(self, chunk: Chunk) -> Sequence[Sequence[Any]] | None:
        if self.lane is None:
            return None
        staged = self.lane.rows(chunk)
        if staged is not None:
            self.result.records += len(staged)
            self.result.rows_columnar += len(staged)
            if self.lane.explicit_keys:
                keep = self.rejects is not None
                self.explicit_rows.update((number, row if keep else ()) for number, row in chunk)
        return staged

    def _stage_rows(self, number: int, row: Sequence[object]) -> list[list[Any]]:
        problems: list[RowProblem] = []
        if len(row) > self.width:
            problems.append(_too_many(number, len(row), self.width))
            return self._reject(number, row, problems)
        values, extra = self._fast_values(row)
        if values is None:
            cells = self.layout.cells(number, row)
            if cells is None:
                self.result.rows_filtered += 1
                return []
            values, extra = self.converter.convert(cells, problems), cells.extra
            if values is None:
                return self._reject(number, row, problems)
        try:
            built = list(self.builder.build(values))
            for b in built:
                self.stage.check_limits(b.columns)
        except ValueProblem as problem:
            field = getattr(problem, "field", None)
            column = self.layout.labels.get(field, field) if field else "（整行）"
            found = RowProblem(number, column, "", problem.reason_zh, problem.reason_en)
            return self._reject(number, row, [found])
        closed = self._closed_year(built)
        if closed is not None:
            return self._reject(number, row, [closed.row_problem(number)])
        staged = []
        for b in built:
            b.columns["extra"] = self._with_extension(extra, values)
            staged.append(
                self.stage.row_values(
                    self.department_id, fit_key(b.key), self.batch_id, b.columns, number
                )
            )
        if any(b.explicit_key for b in built):
            self.explicit_rows[number] = row if self.rejects else ()
        self.result.records += len(staged)
        return staged

    def _closed_year(self, built: list[Built]) -> _ClosedYear | None:
        if not self.closed:
            return None
        for b in built:
            day = b.columns.get("date")
            year = day.year if day is not None else b.columns.get("year")
            if year in self.closed:
                return _ClosedYear(self.department_name, year)
        return None

    def _with_extension(
        self, extra: dict[str, object], values: dict[str, Any]
    ) -> dict[str, object]:
        """A department's own fields go into `extra` under their English keys."""
        if not self.kind.extension:
            return extra
        own = {n: _json_value(values[n]) for n in self.kind.extension if values.get(n) is not None}
        return {**extra, **own}

    def _fast_values(
        self, row: Sequence[object]
    ) -> tuple[dict[str, Any] | None, dict[str, object]]:
        """Plain layouts convert straight from the row; None sends the row the careful way."""
        if self.fast is None:
            return None, {}
        if len(row) < self.layout.width:
            row = [*row, *([None] * (self.layout.width - len(row)))]
        try:
            values = self.fast(row)
        except ValueProblem:
            return None, {}
        return values, (self.layout.extra_of(row) if self.layout.extra_positions else {})

    def _reject(
        self, number: int, row: Sequence[object], problems: list[RowProblem]
    ) -> list[list[Any]]:
        self.result.rejected += 1
        room = MAX_PROBLEMS_KEPT - len(self.result.problems)
        self.result.problems.extend(problems[: max(room, 0)])
        if self.rejects:
            self.rejects.write(row, "；".join(p.reason_zh for p in problems))
        return []

    def reject_duplicates(self, skip_bad: bool) -> None:
        """A key the file itself repeats: every repeat after the first is a bad row."""
        repeats: list[int] = []
        for key, rows in self.stage.duplicate_keys():
            first = rows[0]
            for number in rows[1:]:
                repeats.append(number)
                problem = RowProblem(
                    number,
                    _key_label(self.kind),
                    key,
                    f"与第 {first} 行重复（同一文件中{_key_label(self.kind)}不能重复）",
                    f"duplicate of row {first} ({_key_label(self.kind, 'en')} must be unique in a file)",
                )
                self.result.problems.append(problem)
                self.result.rejected += 1
                if self.rejects:
                    self.rejects.write(self.explicit_rows.get(number, ()), problem.reason_zh)
        if repeats and skip_bad:
            self.stage.delete_rows(repeats)


class _ClosedYear(YearClosed):
    def row_problem(self, number: int) -> RowProblem:
        return RowProblem(number, "日期", str(self.year), str(self), self.reason_en)


def _json_value(value: object) -> object:
    return format(value, "f") if isinstance(value, Decimal) else value


def _key_label(kind: Kind, lang: str = "zh") -> str:
    labels = {
        "orders": ("单号+行号", "order + line"),
        "customers": ("客户编号", "customer code"),
        "reps": ("工号", "rep code"),
        "payments": ("收款单号", "payment number"),
        "capacity": ("日期+资源", "date + resource"),
        "targets": ("年度+月份+业务员+指标", "year + month + rep + metric"),
        "ideas": ("日期+业务员+建议", "date + rep + title"),
    }
    zh, en = labels.get(kind.name, ("记录键", "record key"))
    return en if lang == "en" else zh


def _too_many(number: int, cells: int, width: int) -> RowProblem:
    return RowProblem(
        number,
        "（整行）",
        f"{cells} 个单元格",
        f"该行有 {cells} 个单元格，多于表头的 {width} 列（可能有未加引号的逗号）",
        f"row has {cells} cells but the header has {width} columns",
    )


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
