"""The dashboard's figures: read from the `AnnualSummary` that `salesdesk report` writes.

Nothing here computes a figure. Each tile is one of the summary's traceable `figures` (the
same value, label and definition as the report) formatted by `report.format`; the chart,
leaderboard, receivables and findings are the summary's own rows. The result is plain data,
so templates never touch the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from salesdesk.report import format as fmt
from salesdesk.report.summary import AnnualSummary, Figure

HEADLINE = ("sales.revenue", "sales.target", "sales.attainment", "collections.amount")
ROOMS = ("rooms.occupancy", "rooms.adr", "rooms.revpar")
FINDINGS_SHOWN = 5


@dataclass(frozen=True)
class Tile:
    key: str
    label: str
    value: str
    note: str = ""
    definition: str = ""
    progress: int | None = None  # a 0–100 bar under the value


@dataclass(frozen=True)
class Leader:
    rank: int
    code: str
    name: str
    revenue: str
    attainment: str
    bar: int
    collections: str
    visits: str
    left: bool


@dataclass(frozen=True)
class FindingLine:
    kind: str  # strength | shortfall
    text: str


@dataclass(frozen=True)
class Dashboard:
    title: str
    period: str
    tiles: tuple[Tile, ...]
    rooms: tuple[Tile, ...]
    chart: dict[str, object]
    leaders: tuple[Leader, ...]
    aging: tuple[tuple[str, str], ...]
    findings: tuple[FindingLine, ...]


def _figures(summary: AnnualSummary) -> dict[str, Figure]:
    return {f.key: f for f in summary.figures}


def _tile(figure: Figure, lang: str, note: str = "", progress: int | None = None) -> Tile:
    zh = lang == "zh"
    return Tile(
        figure.key,
        figure.label_zh if zh else figure.label_en,
        fmt.figure_value(figure, lang),
        note,
        figure.definition_zh if zh else figure.definition_en,
        progress,
    )


def _bar(ratio: Decimal | None) -> int:
    return 0 if ratio is None else max(0, min(100, int(ratio * 100)))


def time_progress(year: int, today: date) -> Decimal | None:
    """The share of the year gone by today (None for a past or future year)."""
    if today.year != year:
        return None
    days = (date(year, 12, 31) - date(year, 1, 1)).days + 1
    return Decimal(today.timetuple().tm_yday) / days


def _notes(
    summary: AnnualSummary, figures: dict[str, Figure], lang: str, today: date
) -> dict[str, str]:
    notes = {
        "sales.revenue": _("同比 %(change)s")
        % {"change": fmt.signed_percent(summary.sales.yoy, lang)},
        "collections.amount": _("回款率 %(rate)s")
        % {"rate": fmt.percent(summary.collections.rate, lang)},
    }
    elapsed = time_progress(summary.year, today)
    if elapsed is not None:
        notes["sales.attainment"] = _("时间进度 %(share)s") % {"share": fmt.percent(elapsed, lang)}
    return notes


def headline(summary: AnnualSummary, lang: str, today: date) -> tuple[Tile, ...]:
    figures = _figures(summary)
    notes = _notes(summary, figures, lang, today)
    tiles = [
        _tile(
            figures[key],
            lang,
            notes.get(key, ""),
            _bar(summary.sales.attainment) if key == "sales.attainment" else None,
        )
        for key in HEADLINE
        if key in figures
    ]
    tiles.append(
        Tile(
            "collections.closing_receivables",
            _("应收账款（期末）"),
            fmt.money(summary.collections.closing_receivables, lang),
            _("DSO %(days)s") % {"days": fmt.days(summary.collections.dso, lang)},
        )
    )
    if "activity.visits" in figures:
        tiles.append(_tile(figures["activity.visits"], lang))
    return tuple(tiles)


def room_tiles(summary: AnnualSummary, lang: str) -> tuple[Tile, ...]:
    figures = _figures(summary)
    return tuple(_tile(figures[k], lang) for k in ROOMS if k in figures)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(fmt.round_money(value))


def monthly_chart(summary: AnnualSummary, lang: str) -> dict[str, object]:
    """The monthly revenue chart's data (plain JSON for ECharts)."""
    rows = summary.sales.by_month
    return {
        "months": [fmt.month_short(r.month, lang) for r in rows],
        "series": [
            {"name": _("销售额"), "type": "bar", "data": [_number(r.revenue) for r in rows]},
            {"name": _("目标"), "type": "line", "data": [_number(r.target) for r in rows]},
            {"name": _("上年同月"), "type": "line", "data": [_number(r.last_year) for r in rows]},
        ],
    }


def leaders(summary: AnnualSummary, lang: str) -> tuple[Leader, ...]:
    return tuple(
        Leader(
            r.rank,
            r.rep,
            r.name,
            fmt.money(r.revenue, lang),
            fmt.percent(r.attainment, lang),
            _bar(r.attainment),
            fmt.money(r.collections, lang),
            fmt.count(r.visits, lang),
            r.left_on is not None,
        )
        for r in summary.reps.rows
    )


def build_dashboard(summary: AnnualSummary, lang: str, today: date) -> Dashboard:
    zh = lang == "zh"
    return Dashboard(
        title=summary.scope_name,
        period=fmt.period(summary.first_day, summary.last_day, lang),
        tiles=headline(summary, lang, today),
        rooms=room_tiles(summary, lang),
        chart=monthly_chart(summary, lang),
        leaders=leaders(summary, lang),
        aging=tuple(
            (fmt.label("aging", b.bucket, lang), fmt.money(b.amount, lang))
            for b in summary.collections.aging
        ),
        findings=tuple(
            FindingLine(f.kind, f.text_zh if zh else f.text_en)
            for f in summary.findings[:FINDINGS_SHOWN]
        ),
    )
