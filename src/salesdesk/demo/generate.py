"""`generate_department`: write one demo department's contract-format CSV files into a folder.

Five kinds of department, each modelled on one of the seed annual summaries. Everything is drawn
from `random.Random` seeded by (seed, kind), so the same seed always writes byte-identical files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from random import Random

from salesdesk.demo.kinds import concrete, export, hospitality, prepaid_card, team
from salesdesk.demo.tables import Tables, write_tables

DEMO_DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("export", "海外销售部"),
    ("concrete", "商品混凝土销售部"),
    ("hospitality", "锦都大酒店销售部"),
    ("team", "销售一部"),
    ("prepaid_card", "预付卡销售部"),
)

BUILDERS: dict[str, Callable[[int, Random], Tables]] = {
    "export": export.build,
    "concrete": concrete.build,
    "hospitality": hospitality.build,
    "team": team.build,
    "prepaid_card": prepaid_card.build,
}


class UnknownDemoKind(ValueError):
    def __init__(self, kind: str) -> None:
        known = ", ".join(k for k, _ in DEMO_DEPARTMENTS)
        super().__init__(
            f"没有名为“{kind}”的示例部门 / no demo department kind {kind!r} (known: {known})"
        )
        self.kind = kind


@dataclass(frozen=True)
class DemoFiles:
    """What one generator wrote: (contract kind, path) in the order they must be imported."""

    kind: str
    name: str
    year: int
    files: tuple[tuple[str, Path], ...]

    def path(self, kind: str) -> Path:
        return dict(self.files)[kind]


def department_name(kind: str) -> str:
    for known, name in DEMO_DEPARTMENTS:
        if known == kind:
            return name
    raise UnknownDemoKind(kind)


def generate_department(
    kind: str, out_dir: Path, *, year: int = 2025, seed: int = 2025
) -> DemoFiles:
    """Write the demo department `kind` for `year` (and the year before where it has one)."""
    name = department_name(kind)
    tables = BUILDERS[kind](year, Random(f"salesdesk-demo:{kind}:{seed}"))
    return DemoFiles(kind, name, year, write_tables(tables, Path(out_dir)))
