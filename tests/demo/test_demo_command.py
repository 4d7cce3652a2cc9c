"""`salesdesk demo --no-serve`: five departments, fifteen summaries, no blank placeholders."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import docx

PLACEHOLDERS = ("——", "20xx", "20XX", "XX年", "xx年")


def test_demo_writes_fifteen_summaries_in_time(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SALESDESK_DB")}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "salesdesk", "demo", "--no-serve", "--out", str(tmp_path / "demo")],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        cwd=tmp_path,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert elapsed < 180
    files = sorted((tmp_path / "demo").glob("*年度工作总结.*"))
    assert len(files) == 15
    assert {f.suffix for f in files} == {".html", ".docx", ".md"}
    assert "已生成 15 份年度总结" in done.stdout
    for path in files:
        text = _text(path)
        assert not [p for p in PLACEHOLDERS if p in text], path.name
        assert "年度工作总结" in text
    hotel = (tmp_path / "demo" / "锦都大酒店销售部-2025年度工作总结.md").read_text(encoding="utf-8")
    assert "出租率" in hotel and "单均消费" in hotel


def _text(path: Path) -> str:
    if path.suffix == ".docx":
        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    return path.read_text(encoding="utf-8")
