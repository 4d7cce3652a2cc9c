"""Charts for the annual summary, drawn with matplotlib (Agg, no GUI, no pyplot state).

A chart is described by a frozen `ChartSpec` built from the summary (monthly revenue against
target, revenue by rep, order mix, collections by channel, room occupancy); `chart_svg` draws it
as inline SVG for HTML and `chart_png` as a PNG image for Word.  Chinese labels need a CJK font:
the Noto Sans CJK SC font shipped by the `mplfonts` package is registered with matplotlib at
import (falling back to a system Noto CJK font), and SVG text is written as glyph outlines
(``svg.fonttype = "path"``) so the charts look the same on machines without that font.
A builder returns None when its data is empty; the report then says so in a sentence.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import math
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from salesdesk.report import format as fmt
from salesdesk.report.summary import AnnualSummary

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

__all__ = [
    "FONT_FAMILY",
    "FONT_PATH",
    "ChartSpec",
    "chart_png",
    "chart_svg",
    "cjk_font_path",
    "collections_channel_chart",
    "monthly_revenue_chart",
    "occupancy_chart",
    "order_mix_chart",
    "rep_revenue_chart",
]

_FONT_NAMES = ("NotoSansCJKsc-Regular.otf", "NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.ttf")
_SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/google-noto-cjk"),
)
_LOCK = threading.Lock()  # rc_context changes matplotlib's global settings: one chart at a time
_BAR = "#4C72B0"
_LINE = "#C44E52"
_WIDTH_IN = 7.0


def _font_dirs() -> list[Path]:
    """mplfonts' bundled fonts first (found without importing it), then the system's."""
    spec = importlib.util.find_spec("mplfonts")
    dirs = [Path(spec.origin).parent / "fonts"] if spec and spec.origin else []
    return dirs + list(_SYSTEM_FONT_DIRS)


def cjk_font_path() -> Path | None:
    """The Noto Sans CJK SC font file to draw Chinese with, or None when there is none."""
    for folder in _font_dirs():
        for name in _FONT_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def _register(path: Path | None) -> str:
    """Register the font with matplotlib and return its family name."""
    if path is None:
        logging.getLogger(__name__).warning(
            "no Noto Sans CJK font found (install mplfonts or fonts-noto-cjk); "
            "Chinese chart labels will not render"
        )
        return "DejaVu Sans"
    font_manager.fontManager.addfont(str(path))
    return str(font_manager.FontProperties(fname=str(path)).get_name())


FONT_PATH = cjk_font_path()
FONT_FAMILY = _register(FONT_PATH)


@dataclass(frozen=True)
class ChartSpec:
    """Everything needed to draw one chart, as plain (hashable) values.

    ``values`` and ``line`` are in display units (e.g. 万元, or percent for ``percent_axis``);
    ``bar_texts`` are labels already formatted by `salesdesk.report.format`.
    """

    key: str
    title: str
    categories: tuple[str, ...]
    values: tuple[float, ...]
    value_label: str
    axis_label: str
    line: tuple[float | None, ...] = ()
    line_label: str = ""
    bar_texts: tuple[str, ...] = ()
    horizontal: bool = False
    percent_axis: bool = False


_TITLES = {
    "monthly": ("月度销售额与目标", "Monthly revenue against target"),
    "reps": ("业务员销售额", "Revenue by sales rep"),
    "order_mix": ("订单类型结构", "Order mix by order type"),
    "collections": ("回款渠道", "Collections by channel"),
    "occupancy": ("客房月度出租率", "Monthly room occupancy"),
}
_WORDS = {
    "revenue": ("销售额", "Revenue"),
    "target": ("目标", "Target"),
    "collections": ("回款额", "Collections"),
    "occupancy": ("出租率", "Occupancy"),
}


def _t(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    return table[key][0] if fmt.check_lang(lang) == "zh" else table[key][1]


def _money_scale(amounts: Sequence[Decimal], lang: str) -> tuple[Decimal, str]:
    """A divisor and axis unit that keep axis numbers short (万元 in Chinese)."""
    top = max((abs(a) for a in amounts), default=Decimal(0))
    if lang == "zh":
        return (Decimal(10_000), "万元") if top >= 100_000 else (Decimal(1), "元")
    if top >= 1_000_000:
        return Decimal(1_000_000), "CNY million"
    return (Decimal(1_000), "CNY thousand") if top >= 10_000 else (Decimal(1), "CNY")


def _scaled(amount: Decimal, divisor: Decimal) -> float:
    return float(amount / divisor)


def monthly_revenue_chart(summary: AnnualSummary, lang: str = "zh") -> ChartSpec | None:
    """Monthly revenue as bars with the monthly target as a line."""
    months = summary.sales.by_month
    targets = [m.target for m in months]
    if not months or (all(m.revenue == 0 for m in months) and all(t is None for t in targets)):
        return None
    divisor, unit = _money_scale([m.revenue for m in months] + [t for t in targets if t], lang)
    has_target = any(t is not None for t in targets)
    return ChartSpec(
        key="monthly",
        title=_t(_TITLES, "monthly", lang),
        categories=tuple(fmt.month_short(m.month, lang) for m in months),
        values=tuple(_scaled(m.revenue, divisor) for m in months),
        value_label=_t(_WORDS, "revenue", lang),
        axis_label=unit,
        line=tuple(None if t is None else _scaled(t, divisor) for t in targets)
        if has_target
        else (),
        line_label=_t(_WORDS, "target", lang) if has_target else "",
    )


def _attainment_text(attainment: Decimal | None, lang: str) -> str:
    if attainment is None:
        return ""
    text = fmt.percent(attainment, lang)
    return f"完成率 {text}" if lang == "zh" else f"{text} of target"


def rep_revenue_chart(summary: AnnualSummary, lang: str = "zh") -> ChartSpec | None:
    """Each rep's revenue as a horizontal bar, labelled with the target attainment."""
    rows = summary.reps.rows
    if not rows:
        return None
    divisor, unit = _money_scale([r.revenue for r in rows], lang)
    return ChartSpec(
        key="reps",
        title=_t(_TITLES, "reps", lang),
        categories=tuple(r.name for r in rows),
        values=tuple(_scaled(r.revenue, divisor) for r in rows),
        value_label=_t(_WORDS, "revenue", lang),
        axis_label=unit,
        bar_texts=tuple(_attainment_text(r.attainment, lang) for r in rows),
        horizontal=True,
    )


def order_mix_chart(summary: AnnualSummary, lang: str = "zh") -> ChartSpec | None:
    """Revenue by order type (regular, gift, promotion, OEM …), labelled with its share."""
    shares = summary.sales.by_order_type
    if not shares:
        return None
    divisor, unit = _money_scale([s.amount for s in shares], lang)
    return ChartSpec(
        key="order_mix",
        title=_t(_TITLES, "order_mix", lang),
        categories=tuple(fmt.label("order_type", s.name, lang) for s in shares),
        values=tuple(_scaled(s.amount, divisor) for s in shares),
        value_label=_t(_WORDS, "revenue", lang),
        axis_label=unit,
        bar_texts=tuple(fmt.percent(s.share, lang) for s in shares),
        horizontal=True,
    )


def collections_channel_chart(summary: AnnualSummary, lang: str = "zh") -> ChartSpec | None:
    """Collections by payment channel, labelled with the number of receipts."""
    rows = summary.collections.by_channel
    if not rows:
        return None
    divisor, unit = _money_scale([r.amount for r in rows], lang)
    texts = tuple(
        f"{fmt.count(r.count, lang)}笔" if lang == "zh" else f"{fmt.count(r.count, lang)} receipts"
        for r in rows
    )
    return ChartSpec(
        key="collections",
        title=_t(_TITLES, "collections", lang),
        categories=tuple(fmt.label("channel", r.channel, lang) for r in rows),
        values=tuple(_scaled(r.amount, divisor) for r in rows),
        value_label=_t(_WORDS, "collections", lang),
        axis_label=unit,
        bar_texts=texts,
        horizontal=True,
    )


def occupancy_chart(summary: AnnualSummary, lang: str = "zh") -> ChartSpec | None:
    """Room occupancy by month, in percent."""
    rooms = summary.rooms
    if rooms is None or not rooms.by_month:
        return None
    return ChartSpec(
        key="occupancy",
        title=_t(_TITLES, "occupancy", lang),
        categories=tuple(fmt.month_short(m.month, lang) for m in rooms.by_month),
        values=tuple(float((m.occupancy or 0) * 100) for m in rooms.by_month),
        value_label=_t(_WORDS, "occupancy", lang),
        axis_label=_t(_WORDS, "occupancy", lang),
        bar_texts=tuple(fmt.percent(m.occupancy, lang) for m in rooms.by_month),
        percent_axis=True,
    )


def _axis_formatter(percent_axis: bool) -> FuncFormatter:
    if percent_axis:
        return FuncFormatter(lambda v, _pos: f"{v:.0f}%")
    return FuncFormatter(lambda v, _pos: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}")


def _draw_columns(ax: Axes, spec: ChartSpec) -> None:
    x = list(range(len(spec.categories)))
    bars = ax.bar(x, spec.values, color=_BAR, label=spec.value_label, width=0.65)
    if spec.line:
        line = [math.nan if v is None else v for v in spec.line]
        ax.plot(x, line, color=_LINE, marker="o", markersize=3, label=spec.line_label)
        ax.legend(loc="upper left", frameon=False, ncols=2)
    if spec.bar_texts:
        ax.bar_label(bars, labels=list(spec.bar_texts), fontsize=7, padding=2)
    ax.set_xticks(x, list(spec.categories))
    ax.yaxis.set_major_formatter(_axis_formatter(spec.percent_axis))
    ax.set_ylabel(spec.axis_label)
    ax.margins(y=0.15)


def _draw_bars(ax: Axes, spec: ChartSpec) -> None:
    y = list(range(len(spec.categories)))
    bars = ax.barh(y, spec.values, color=_BAR, height=0.6)
    if spec.bar_texts:
        ax.bar_label(bars, labels=list(spec.bar_texts), fontsize=8, padding=3)
    ax.set_yticks(y, list(spec.categories))
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(_axis_formatter(spec.percent_axis))
    ax.set_xlabel(spec.axis_label)
    ax.margins(x=0.2)


def _figure(spec: ChartSpec) -> Figure:
    """Draw the chart on a new figure (must run inside the chart rc context)."""
    rows = len(spec.categories)
    height = max(2.2, 0.4 * rows + 1.2) if spec.horizontal else 3.2
    figure = Figure(figsize=(_WIDTH_IN, height), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    (_draw_bars if spec.horizontal else _draw_columns)(axes, spec)
    axes.set_title(spec.title, fontsize=11)
    return figure


def _save(spec: ChartSpec, image_format: str, **options: Any) -> bytes:
    style: dict[RcKeyType, Any] = {
        "font.family": [FONT_FAMILY, "DejaVu Sans"],
        "font.size": 9,
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.fonttype": "path",  # glyphs as outlines: the SVG needs no font to display
        "svg.hashsalt": "salesdesk",  # stable ids, so the same chart gives the same SVG
    }
    buffer = io.BytesIO()
    with _LOCK, matplotlib.rc_context(style):
        _figure(spec).savefig(buffer, format=image_format, **options)
    return buffer.getvalue()


@lru_cache(maxsize=64)
def chart_png(spec: ChartSpec, dpi: int = 150) -> bytes:
    """The chart as PNG bytes (for Word)."""
    return _save(spec, "png", dpi=dpi, metadata={"Software": None})


_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)


def _prefix_ids(svg: str, prefix: str) -> str:
    """Make ids unique per chart, so several charts can sit in one HTML page."""
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    svg = svg.replace('xlink:href="#', f'xlink:href="#{prefix}-')
    return svg.replace("url(#", f"url(#{prefix}-")


@lru_cache(maxsize=64)
def chart_svg(spec: ChartSpec) -> str:
    """The chart as an inline ``<svg>`` element (text drawn as paths), for HTML."""
    raw = _save(spec, "svg", metadata={"Date": None}).decode("utf-8")
    svg = _METADATA.sub("", _PROLOGUE.sub("", raw, count=1), count=1)
    svg = _prefix_ids(svg, f"chart-{spec.key}")
    return svg.replace("<svg ", '<svg role="img" ', 1).strip()
