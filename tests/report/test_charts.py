"""Charts: Chinese glyphs really render (no .notdef boxes), SVG is self-contained, empty → None."""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from sample_summary import empty_summary, sample_hotel_summary, sample_summary

from salesdesk.report import charts
from salesdesk.report.summary import AnnualSummary

if TYPE_CHECKING:
    from matplotlib.ft2font import GlyphIndexType

Builder = Callable[[AnnualSummary, str], charts.ChartSpec | None]
BUILDERS: tuple[Builder, ...] = (
    charts.monthly_revenue_chart,
    charts.rep_revenue_chart,
    charts.order_mix_chart,
    charts.collections_channel_chart,
    charts.occupancy_chart,
)
CHINESE = "销售额月度目标业务员回款渠道客房出租率完成订单类型赠品常规万元"


def test_font_comes_from_mplfonts() -> None:
    assert charts.FONT_PATH is not None
    assert "mplfonts" in str(charts.FONT_PATH)
    assert charts.FONT_FAMILY == "Noto Sans CJK SC"


def test_every_chinese_character_has_a_glyph() -> None:
    assert charts.FONT_PATH is not None
    font = FT2Font(str(charts.FONT_PATH))
    missing = [ch for ch in CHINESE if font.get_char_index(ord(ch)) == 0]
    assert missing == []


def _outline(font: FT2Font) -> np.ndarray:
    vertices, _codes = font.get_path()
    return np.asarray(vertices)


def test_glyph_outlines_are_not_the_notdef_box() -> None:
    assert charts.FONT_PATH is not None
    font = FT2Font(str(charts.FONT_PATH))
    font.load_glyph(cast("GlyphIndexType", 0))  # glyph 0 is .notdef, the missing-glyph box
    notdef = _outline(font)
    for ch in "销售额":
        font.load_char(ord(ch))
        outline = _outline(font)
        assert outline.shape != notdef.shape or not np.array_equal(outline, notdef), ch


def _render(text: str, family: str) -> np.ndarray:
    figure = Figure(figsize=(2, 1), dpi=100)
    canvas = FigureCanvasAgg(figure)
    figure.text(0.05, 0.3, text, fontfamily=family, fontsize=24)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_rendered_chinese_differs_from_missing_glyph_boxes() -> None:
    real = _render("销售额", charts.FONT_FAMILY)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # DejaVu Sans has no CJK: three .notdef boxes, on purpose
        boxes = _render("销售额", "DejaVu Sans")
    assert real.shape == boxes.shape
    assert not np.array_equal(real, boxes)
    assert (real[..., :3] < 128).any()  # something dark was drawn


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_missing_glyph_warning_while_drawing(
    lang: str, caplog: pytest.LogCaptureFixture
) -> None:
    summary = sample_hotel_summary()
    specs = [spec for build in BUILDERS if (spec := build(summary, lang)) is not None]
    assert len(specs) == len(BUILDERS)
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        for spec in specs:
            charts.chart_png.__wrapped__(spec)
            charts.chart_svg.__wrapped__(spec)
    messages = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    assert not [m for m in messages if "missing from font" in m or "Glyph" in m]


def test_png_is_an_image() -> None:
    spec = charts.monthly_revenue_chart(sample_summary(), "zh")
    assert spec is not None
    assert charts.chart_png(spec).startswith(b"\x89PNG\r\n\x1a\n")


def test_svg_is_inline_text_as_paths_with_prefixed_ids() -> None:
    spec = charts.order_mix_chart(sample_summary(), "zh")
    assert spec is not None
    svg = charts.chart_svg(spec)
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert "<text" not in svg  # glyphs are outlines, they render without the font
    assert "<metadata" not in svg and "<?xml" not in svg and "DOCTYPE" not in svg
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith("chart-order_mix-") for i in ids)
    for ref in re.findall(r'(?:href="#|url\(#)([^")]+)', svg):
        assert ref in ids


def test_svg_is_the_same_every_time() -> None:
    spec = charts.monthly_revenue_chart(sample_summary(), "en")
    assert spec is not None
    assert charts.chart_svg.__wrapped__(spec) == charts.chart_svg.__wrapped__(spec)


def test_chart_specs_follow_the_summary() -> None:
    summary = sample_summary()
    monthly = charts.monthly_revenue_chart(summary, "zh")
    assert monthly is not None
    assert monthly.categories[0] == "1月" and len(monthly.values) == 12
    assert monthly.axis_label == "万元"
    assert monthly.values[0] == pytest.approx(421.356050)
    assert monthly.line[0] == pytest.approx(650.0)
    reps = charts.rep_revenue_chart(summary, "en")
    assert reps is not None and reps.bar_texts[0] == "103.24% of target"


def test_empty_data_gives_no_chart() -> None:
    summary = empty_summary()
    assert [build(summary, "zh") for build in BUILDERS] == [None] * len(BUILDERS)
