"""From a file's header row to contract fields: aliases, mapping files, and wrong-kind detection."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter

from salesdesk.ingest.contract import KINDS, Kind
from salesdesk.ingest.headers import normalise_header
from salesdesk.ingest.mapping import MappingSpec, missing_sources
from salesdesk.ingest.problems import FileProblem, ValueProblem


class RowCells:
    """One row's cells by contract field, plus the cells of columns the contract does not name."""

    __slots__ = ("extra", "fields", "labels", "number")

    def __init__(
        self,
        number: int,
        fields: dict[str, object],
        extra: dict[str, object],
        labels: dict[str, str],  # field -> the column the user knows it by
    ) -> None:
        self.number, self.fields, self.extra, self.labels = number, fields, extra, labels


class Layout:
    """Turns one raw row (a list of cells) into contract fields plus extra columns."""

    def __init__(
        self, headers: Sequence[str], fields: dict[str, int], extra: dict[str, int]
    ) -> None:
        self.headers = list(headers)
        self.field_positions = fields
        self.extra_positions = extra
        self.labels = {f: self.headers[i] for f, i in fields.items()}
        self._names = tuple(fields)
        self._pick = _picker(tuple(fields.values()))
        self._width = max([*fields.values(), *extra.values()], default=-1) + 1

    @property
    def extra_columns(self) -> list[str]:
        return list(self.extra_positions)

    @property
    def plain(self) -> bool:
        """Cells map one to one onto fields (no mapping file)."""
        return type(self) is Layout

    @property
    def width(self) -> int:
        return self._width

    def extra_of(self, row: Sequence[object]) -> dict[str, object]:
        return {h: row[i] for h, i in self.extra_positions.items() if row[i] not in ("", None)}

    def cells(self, number: int, row: Sequence[object]) -> RowCells | None:
        if len(row) < self._width:
            row = [*row, *([None] * (self._width - len(row)))]
        fields = dict(zip(self._names, self._pick(row), strict=True))
        extra = (
            {h: row[i] for h, i in self.extra_positions.items() if row[i] not in ("", None)}
            if self.extra_positions
            else {}
        )
        return RowCells(number, fields, extra, self.labels)


def _picker(positions: tuple[int, ...]) -> Callable[[Sequence[object]], Sequence[object]]:
    """The cells at these positions, as a sequence (itemgetter returns a bare item for one)."""
    if len(positions) == 1:
        only = positions[0]
        return lambda row: (row[only],)
    return itemgetter(*positions)


class MappedLayout(Layout):
    """A layout driven by a mapping file: renames, constants, derived fields, filters."""

    def __init__(self, headers: Sequence[str], spec: MappingSpec) -> None:
        self.spec = spec
        used = set(spec.columns) | {n for d in spec.derived for n in d.sources}
        positions = {h: i for i, h in enumerate(headers)}
        fields = {f: positions[h] for h, f in spec.columns.items()}
        extra = {h: i for h, i in positions.items() if h not in used}
        super().__init__(headers, fields, extra)
        for d in spec.derived:
            self.labels[d.field] = d.source
        for f in spec.constants:
            self.labels[f] = f"{f}（映射常量）"

    def cells(self, number: int, row: Sequence[object]) -> RowCells | None:
        source = {h: (row[i] if i < len(row) else None) for i, h in enumerate(self.headers)}
        for column, rewrite in self.spec.values.items():
            raw = source.get(column)
            key = "" if raw is None else _plain(raw)
            if key in rewrite:
                source[column] = rewrite[key]
        for column, allowed in self.spec.filters.items():
            if _plain(source.get(column)) not in allowed:
                return None
        source["_row"] = number
        fields: dict[str, object] = {f: source[h] for h, f in self.spec.columns.items()}
        fields.update(self.spec.constants)
        for d in self.spec.derived:
            try:
                fields[d.field] = d.compute(source)
            except ValueProblem as problem:
                fields[d.field] = problem
        extra = {h: source[h] for h in self.extra_positions if source.get(h) not in ("", None)}
        return RowCells(number, fields, extra, self.labels)


def _plain(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def plain_layout(path: str, kind: Kind, headers: Sequence[str]) -> Layout:
    """Match headers to fields by alias; refuse missing required fields and the wrong kind."""
    index = kind.header_index()
    fields: dict[str, int] = {}
    extra: dict[str, int] = {}
    for position, header in enumerate(headers):
        name = index.get(normalise_header(str(header)))
        if name is None:
            if str(header).strip():
                extra[str(header)] = position
        elif name in fields:
            raise FileProblem(
                path,
                f"表头中有两列都对应“{kind.field(name).label_zh}”（{headers[fields[name]]}、{header}）",
                f"two columns map to the field {name}: {headers[fields[name]]!r} and {header!r}",
            )
        else:
            fields[name] = position
    _require(path, kind, set(fields), headers)
    return Layout(headers, fields, extra)


def mapped_layout(path: str, kind: Kind, headers: Sequence[str], spec: MappingSpec) -> Layout:
    missing = missing_sources(spec, headers)
    if missing:
        raise FileProblem(
            path,
            f"映射文件 {spec.path} 引用的列在文件中不存在：{', '.join(missing)}",
            f"mapping {spec.path} names columns the file lacks: {', '.join(missing)}",
        )
    unknown = sorted(f for f in spec.provided_fields if f not in {x.name for x in kind.fields})
    if unknown:
        raise FileProblem(
            path,
            f"映射文件 {spec.path} 中的字段不属于“{kind.label_zh}”：{', '.join(unknown)}",
            f"mapping {spec.path} names fields that {kind.name} lacks: {', '.join(unknown)}",
        )
    _require(path, kind, spec.provided_fields, headers)
    return MappedLayout(headers, spec)


def _require(path: str, kind: Kind, present: set[str], headers: Sequence[str]) -> None:
    missing = [f for f in kind.required if f not in present]
    if not missing:
        return
    labels = "、".join(f"{kind.field(f).label_zh}（{f}）" for f in missing)
    guess = guess_kind(headers, exclude=kind.name)
    hint_zh = f"这个文件看起来是“{guess.label_zh}”（{guess.name}）文件。" if guess else ""
    hint_en = f" It looks like a {guess.name} file." if guess else ""
    raise FileProblem(
        path,
        f"不是“{kind.label_zh}”文件：缺少必填列 {labels}。{hint_zh}",
        f"not a {kind.name} file: required columns missing: {', '.join(missing)}.{hint_en}",
    )


def guess_kind(headers: Sequence[str], exclude: str = "") -> Kind | None:
    """The kind whose required fields all appear in these headers, if any."""
    normalised = {normalise_header(str(h)) for h in headers}
    for kind in KINDS.values():
        if kind.name == exclude:
            continue
        index = kind.header_index()
        present = {index[h] for h in normalised if h in index}
        if set(kind.required) <= present:
            return kind
    return None
