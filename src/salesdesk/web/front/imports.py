"""Importing a file from the browser: the same engine as `salesdesk import`, in three steps.

1. The upload waits in a folder of its own under ``settings.IMPORT_UPLOAD_DIR``; the user's
   session remembers which (one pending import per session; a new upload replaces it).
2. `preview` shows how the header row maps onto the contract's fields and the first rows;
   `run(dry_run=True)` names every bad row without writing anything.
3. `run(dry_run=False)` imports for real (optionally skipping the bad rows), and `discard`
   removes the folder. Folders a session left behind are swept after IMPORT_UPLOAD_KEEP_HOURS.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from salesdesk.ingest.contract import Kind, kind_named
from salesdesk.ingest.importer import ImportResult, import_file
from salesdesk.ingest.layout import Layout, mapped_layout, plain_layout
from salesdesk.ingest.mapping import MappingSpec, load_mapping
from salesdesk.ingest.packs import kind_for_department
from salesdesk.ingest.problems import FileProblem
from salesdesk.ingest.readers import open_table
from salesdesk.records.models import Department

SESSION_KEY = "salesdesk_import"
RESULT_KEY = "salesdesk_import_result"
PREVIEW_ROWS = 10
NAMES_SHOWN = 50
_UNSAFE = re.compile(r"[\x00-\x1f/\\:*?\"<>|]+")


@dataclass(frozen=True)
class Upload:
    """A file waiting to be imported, and how to read it."""

    folder: Path
    name: str  # the file's name as uploaded (also its name in the folder)
    kind: str
    department_id: int
    sheet: str = ""
    mapping_name: str = ""

    @property
    def path(self) -> Path:
        return self.folder / self.name

    @property
    def mapping(self) -> Path | None:
        return self.folder / "mapping" / self.mapping_name if self.mapping_name else None

    def shown(self, message: str) -> str:
        """A message with the folder's path taken out: the user knows their file by its name."""
        return message.replace(f"{self.folder}/", "")


def root() -> Path:
    folder = Path(settings.IMPORT_UPLOAD_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def safe_name(name: str, fallback: str = "upload") -> str:
    """The uploaded file's base name without path parts or characters a file system refuses."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .")
    return base[-150:] or fallback


def _write(upload: UploadedFile, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)


def current(session: MutableMapping[str, Any]) -> Upload | None:
    """The session's pending upload, if its folder is still there."""
    saved = session.get(SESSION_KEY)
    if not isinstance(saved, dict):
        return None
    folder = Path(saved.get("folder", ""))
    if folder.parent != root() or not (folder / saved.get("name", "")).is_file():
        return None
    return Upload(
        folder,
        saved["name"],
        saved["kind"],
        saved["department_id"],
        saved.get("sheet", ""),
        saved.get("mapping_name", ""),
    )


def discard(session: MutableMapping[str, Any]) -> None:
    """Forget the session's pending upload and remove its folder."""
    upload = current(session)
    if upload is not None:
        shutil.rmtree(upload.folder, ignore_errors=True)
    session.pop(SESSION_KEY, None)


def sweep(now: float | None = None) -> int:
    """Remove upload folders older than IMPORT_UPLOAD_KEEP_HOURS; how many went."""
    limit = (now or time.time()) - settings.IMPORT_UPLOAD_KEEP_HOURS * 3600
    gone = 0
    for folder in root().iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)
            gone += 1
    return gone


def store(
    session: MutableMapping[str, Any],
    file: UploadedFile,
    *,
    kind: str,
    department: Department,
    sheet: str = "",
    mapping: UploadedFile | None = None,
    keep_mapping: bool = False,
) -> Upload:
    """Save an upload (and its mapping file) as the session's pending import, replacing any
    earlier one; with `keep_mapping` the earlier upload's mapping file is used again."""
    earlier = current(session)
    folder = Path(tempfile.mkdtemp(prefix="import-", dir=root()))
    name = safe_name(file.name or "", "upload.csv")
    _write(file, folder / name)
    mapping_name = ""
    if mapping is not None:
        mapping_name = safe_name(mapping.name or "", "mapping.toml")
        _write(mapping, folder / "mapping" / mapping_name)
    elif keep_mapping and earlier is not None and earlier.mapping is not None:
        mapping_name = earlier.mapping_name
        (folder / "mapping").mkdir()
        shutil.copyfile(earlier.mapping, folder / "mapping" / mapping_name)
    discard(session)
    sweep()
    upload = Upload(folder, name, kind, department.pk, sheet.strip(), mapping_name)
    session[SESSION_KEY] = {
        "folder": str(folder),
        "name": name,
        "kind": kind,
        "department_id": department.pk,
        "sheet": upload.sheet,
        "mapping_name": mapping_name,
    }
    return upload


# ---------------------------------------------------------------- the preview


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # "" for a column the contract does not name (kept in `extra`)
    label: str  # the field's Chinese label


@dataclass(frozen=True)
class Preview:
    format: str
    kind: Kind
    columns: tuple[Column, ...]
    derived: tuple[tuple[str, str], ...]  # (field, where its value comes from) of a mapping
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    missing_optional: tuple[str, ...]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _columns(kind: Kind, headers: Sequence[str], layout: Layout) -> tuple[Column, ...]:
    by_position = {i: f for f, i in layout.field_positions.items()}
    return tuple(
        Column(
            str(h),
            by_position.get(i, ""),
            kind.field(by_position[i]).label_zh if i in by_position else "",
        )
        for i, h in enumerate(headers)
    )


def _rows(
    rows: Iterable[tuple[int, list[object]]], width: int
) -> tuple[tuple[int, tuple[str, ...]], ...]:
    return tuple(
        (n, tuple(_cell(c) for c in [*cells, *([None] * (width - len(cells)))][:width]))
        for n, cells in islice(rows, PREVIEW_ROWS)
    )


def _kind(upload: Upload, department: Department) -> Kind:
    return kind_for_department(kind_named(upload.kind), department.kind)


def preview(upload: Upload, department: Department) -> Preview:
    """How the file's columns map onto the kind's fields, and its first rows.

    Raises FileProblem as the import would (wrong kind, missing required column, bad file)."""
    kind = _kind(upload, department)
    spec: MappingSpec | None = load_mapping(upload.mapping) if upload.mapping else None
    sheet = upload.sheet or (spec.sheet if spec else None)
    with open_table(upload.path, sheet=sheet, query=spec.query if spec else None) as table:
        headers = [str(h) for h in table.headers]
        if not any(h.strip() for h in headers):
            raise FileProblem(str(upload.path), "没有表头行", "no header row")
        if spec is None:
            layout = plain_layout(str(upload.path), kind, headers)
        else:
            layout = mapped_layout(str(upload.path), kind, headers, spec)
        rows = _rows(table.rows, len(headers))
        file_format = table.format
    derived = tuple(
        (f, source) for f, source in layout.labels.items() if f not in layout.field_positions
    )
    provided = set(layout.labels)
    return Preview(
        file_format,
        kind,
        _columns(kind, headers, layout),
        derived,
        rows,
        tuple(f.name for f in kind.fields if not f.required and f.name not in provided),
    )


def run(
    upload: Upload, department: Department, *, dry_run: bool, skip_bad: bool = False
) -> ImportResult:
    """`salesdesk import KIND FILE --department D [--sheet S] [--mapping M] [--dry-run] [--skip-bad]`."""
    return import_file(
        upload.path,
        upload.kind,
        department=department.name,
        sheet=upload.sheet or None,
        mapping=upload.mapping,
        dry_run=dry_run,
        skip_bad=skip_bad,
    )


def outcome(upload: Upload, department: Department, result: ImportResult) -> dict[str, Any]:
    """What the result page shows (kept in the session between the import and the page)."""
    return {
        "file": upload.name,
        "kind": upload.kind,
        "department": department.name,
        "rows": result.rows_read,
        "added": result.added,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "rejected": result.rejected,
        "new_customers": result.new_customers[:NAMES_SHOWN],
        "new_customer_count": len(result.new_customers),
        "new_reps": result.new_reps[:NAMES_SHOWN],
        "new_rep_count": len(result.new_reps),
        "written": result.written,
    }
