"""Charts drawn as SVG by matplotlib, in the brand's colours and fonts, the same every build.

The figures arrive resolved (parlbrief.resolve.chart_data); this module only draws them:

- matplotlib's SVG backend, with `svg.hashsalt` fixed (the ids of clip paths are
  otherwise random) and no `Date` in the metadata, gives the same bytes every build
  from the same figures and fonts;
- `svg.fonttype: none` keeps words as text (searchable, read aloud, copied) in the
  brand's body font, which the page carries (render.webfonts) and WeasyPrint has;
- `text.parse_math: False`: a `$` in a CSV cell is a dollar sign, never TeX.

The drawing then gets its text alternative as its `<title>` (WeasyPrint makes it the
PDF's `/Alt`; a browser, the image's name), ids prefixed so that two charts on one
page never share one, and goes through the same SVG cleaner as a logo
(parlbrief.svg): what reaches the page is what was checked, and holds no script and
loads nothing.

Why matplotlib: it is the long-kept reference library for charts in Python (wheels for
every platform, no browser or JavaScript engine), and its SVG backend has the three
settings above for reproducible, text-keeping output. Vega-Lite through vl-convert
would give declarative specs, but it carries a JavaScript engine (Deno/V8) inside a
large native wheel to run on every build; pygal's SVG links a tooltip script from
the web unless told not to. A chart here is a few bars or lines, which matplotlib draws plainly.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from lxml import etree
from markupsafe import Markup

from parlbrief.errors import RenderError
from parlbrief.resolve.formatting import format_number
from parlbrief.resolve.resolved import ResolvedChart
from parlbrief.svg import clean_svg
from parlbrief.svg.policy import SVG_NS, XLINK_NS

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

#: The body's measure in the PDF (148 mm, briefing.css): drawn at this width, the
#: chart's text is printed at the size asked for, not scaled.
WIDTH_INCHES = 148 / 25.4
HEIGHT_INCHES = 2.3
#: A phone's column (about 360 px): the wide drawing shrunk to it would print its words
#: at 7 px, so the web page carries a narrow one too, shown only on narrow screens.
NARROW_INCHES = (3.7, 2.8)
#: Word's copy of a chart is a picture (Word and LibreOffice show no SVG alone):
#: drawn at print resolution, so that it prints as sharply as the PDF's.
PRINT_DPI = 300
FONT_POINTS = 8.5
#: Lines after the first series are told apart by their markers too, not by colour
#: alone (WCAG 1.4.1).
MARKERS = ("o", "s", "^", "D")
GRID = "#d5d7db"
_URL = re.compile(r"url\(#([^)\s]+)\)")
_HREFS = frozenset({"href", f"{{{XLINK_NS}}}href"})


@dataclass(frozen=True)
class Look:
    """What a chart takes from the brand: series colours in order, ink and the font."""

    colours: tuple[str, ...]
    text: str
    muted: str
    font: str


@dataclass(frozen=True)
class _Drawing:
    """Everything drawn, as plain values, so that one drawing serves both media."""

    type: str
    categories: tuple[str, ...]
    dates: tuple[Any, ...] | None
    series: tuple[tuple[str, tuple[Decimal, ...], tuple[str, ...]], ...]
    kind: str
    axis: str | None
    description: str
    prefix: str
    look: Look
    narrow: bool = False

    @property
    def size(self) -> tuple[float, float]:
        return NARROW_INCHES if self.narrow else (WIDTH_INCHES, HEIGHT_INCHES)


def chart_svg(chart: ResolvedChart, look: Look, prefix: str, *, narrow: bool = False) -> Markup:
    """The chart as inline SVG markup, its ids starting `prefix` (unique in the page);
    `narrow` for a phone's width, its labels along the bottom on two lines."""
    return Markup(_svg(_drawing(chart, look, prefix, narrow=narrow)))


def chart_png(chart: ResolvedChart, look: Look) -> bytes:
    """The PDF's drawing of the chart as a PNG at PRINT_DPI, on white (Word's copy:
    a transparent picture would lose its words on a dark page in Word's dark mode)."""
    return _png(_drawing(chart, look, "png"))


def _drawing(chart: ResolvedChart, look: Look, prefix: str, *, narrow: bool = False) -> _Drawing:
    categories = [_two_lines(c) if narrow else c for c in chart.categories]
    return _Drawing(
        type=chart.type,
        categories=tuple(categories),
        dates=tuple(chart.dates) if chart.dates else None,
        series=tuple((s.label, tuple(s.values), tuple(s.displays)) for s in chart.series),
        kind=chart.kind,
        axis=chart.axis,
        description=chart.description,
        prefix=prefix,
        look=look,
        narrow=narrow,
    )


def _two_lines(label: str) -> str:
    """'September 2021' as 'September' over '2021', so that four fit a phone's width."""
    head, space, tail = label.rpartition(" ")
    return f"{head}\n{tail}" if space else label


@lru_cache(maxsize=64)
def _svg(drawing: _Drawing) -> str:
    svg = _draw(drawing, format="svg", metadata={"Date": None, "Creator": None})
    raw = _finish(svg, drawing)
    clean = clean_svg(raw)
    if not clean.ok:  # matplotlib drew something the cleaner refuses: parlbrief's bug
        raise RenderError(f"the chart could not be drawn safely: {clean.refused[0].message}")
    return clean.text


@lru_cache(maxsize=16)
def _png(drawing: _Drawing) -> bytes:
    # No "Software" line: the same figures give the same bytes in every version.
    return _draw(drawing, format="png", dpi=PRINT_DPI, facecolor="white",
                 metadata={"Software": None})  # fmt: skip


def _draw(drawing: _Drawing, **saving: Any) -> bytes:
    """matplotlib's drawing of the chart, saved with `saving` (savefig's format and
    options; matplotlib is imported here: a briefing without a chart never pays)."""
    import matplotlib as mpl
    from matplotlib.figure import Figure

    # A brand font matplotlib cannot find falls back to its own for measuring, and
    # `check` already warns about fonts that are not installed (parlbrief.fonts): its
    # "findfont" warning would only repeat that, raw, on the terminal.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

    with mpl.rc_context(_settings(drawing.look)):
        figure = Figure(figsize=drawing.size, layout="constrained")
        axes = figure.add_subplot()
        if drawing.type == "line":
            _lines(axes, drawing)
        else:
            _bars(axes, drawing)
        _axes(axes, drawing)
        out = io.BytesIO()
        figure.savefig(out, **saving)
    return out.getvalue()


def _settings(look: Look) -> dict[RcKeyType, Any]:
    return {
        "svg.hashsalt": "parlbrief",
        "svg.fonttype": "none",
        "text.parse_math": False,
        "font.family": [look.font],
        "font.size": FONT_POINTS,
        "text.color": look.text,
        "axes.labelcolor": look.text,
        "axes.edgecolor": look.muted,
        "xtick.color": look.muted,
        "ytick.color": look.muted,
        "xtick.labelcolor": look.text,
        "ytick.labelcolor": look.text,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "axes.axisbelow": True,
        "grid.color": GRID,
        "grid.linewidth": 0.6,
        "legend.frameon": False,
        "figure.facecolor": "none",
        "axes.facecolor": "none",
    }


def _bars(axes: Any, drawing: _Drawing) -> None:
    """Bars side by side for each point, labelled with their figures as printed."""
    count = len(drawing.series)
    width = 0.8 / count
    places = range(len(drawing.categories))
    for i, (label, values, displays) in enumerate(drawing.series):
        offset = (i - (count - 1) / 2) * width
        bars = axes.bar(
            [p + offset for p in places],
            [float(v) for v in values],
            width,
            label=label,
            color=drawing.look.colours[i],
        )
        axes.bar_label(bars, labels=list(displays), padding=2, fontsize=FONT_POINTS - 1)
    axes.set_xticks(list(places), list(drawing.categories))
    axes.tick_params(axis="x", length=0)


def _lines(axes: Any, drawing: _Drawing) -> None:
    """A line per series, each point marked; dates spaced by time, not evenly."""
    places = list(drawing.dates) if drawing.dates else list(range(len(drawing.categories)))
    for i, (label, values, _displays) in enumerate(drawing.series):
        axes.plot(places, [float(v) for v in values], color=drawing.look.colours[i],
                  linewidth=2, marker=MARKERS[i], markersize=5, label=label)  # fmt: skip
    if len(places) <= 8:  # beyond that the figures would crowd: the table has them
        _point_labels(axes, drawing, places)
    axes.set_xticks(places, list(drawing.categories))
    axes.margins(x=0.04)


def _point_labels(axes: Any, drawing: _Drawing, places: list[Any]) -> None:
    """Each point's figure: above it for the highest line there, below for the others,
    so that no figure sits on a line."""
    for j, x in enumerate(places):
        top = max(range(len(drawing.series)), key=lambda i: drawing.series[i][1][j])
        for i, (_label, values, displays) in enumerate(drawing.series):
            above = i == top
            axes.annotate(displays[j], (x, float(values[j])), textcoords="offset points",
                          xytext=(0, 6 if above else -7), ha="center",
                          va="bottom" if above else "top", fontsize=FONT_POINTS - 1,
                          color=drawing.look.colours[i])  # fmt: skip


def _axes(axes: Any, drawing: _Drawing) -> None:
    """Numbers from zero, printed in house style; the legend above the plot."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axes.set_ylim(bottom=0)
    axes.margins(y=0.12)
    axes.yaxis.set_major_locator(
        MaxNLocator(nbins=5, steps=[1, 2, 5, 10], integer=drawing.kind != "percentage")
    )
    kind = drawing.kind

    def shown(value: float, _position: int) -> str:
        return format_number(Decimal(str(float(value))), kind)  # type: ignore[arg-type]

    axes.yaxis.set_major_formatter(FuncFormatter(shown))
    if drawing.axis:
        axes.set_ylabel(drawing.axis)
    columns = min(len(drawing.series), 2 if drawing.narrow else 4)
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.02), ncols=columns,
                borderaxespad=0, handlelength=1.2)  # fmt: skip


def _finish(svg: bytes, drawing: _Drawing) -> bytes:
    """The drawing with its title, its role, and ids of its own (see the module's notes)."""
    root = etree.fromstring(svg[svg.index(b"<svg") :])
    # matplotlib's one style rule, `*{stroke-linejoin: round; stroke-linecap: butt}`,
    # would be copied into every element by the cleaner; on the root, it is inherited.
    for style in list(root.iter(f"{{{SVG_NS}}}style")):
        style.getparent().remove(style)
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    _prefix_ids(root, drawing.prefix)
    title = etree.Element(f"{{{SVG_NS}}}title", id=f"{drawing.prefix}-title")
    title.text = drawing.description
    root.insert(0, title)
    root.set("role", "img")
    root.set("aria-labelledby", f"{drawing.prefix}-title")
    return bytes(etree.tostring(root))


def _prefix_ids(root: Any, prefix: str) -> None:
    """Keep only the ids something points to, each prefixed: matplotlib numbers its
    parts from 1 in every drawing, and a page's ids must be unique."""
    used = {name for element in root.iter() for name in _references(element)}
    for element in root.iter():
        ident = element.attrib.pop("id", None)
        if ident in used:
            element.set("id", f"{prefix}-{ident}")
        for key, value in list(element.attrib.items()):
            if key in _HREFS and value.startswith("#"):
                element.set(key, f"#{prefix}-{value[1:]}")
            elif "url(#" in value:
                element.set(key, _URL.sub(lambda m: f"url(#{prefix}-{m.group(1)})", value))


def _references(element: Any) -> Iterator[str]:
    """The ids of the parts of the drawing that `element` points to: `xlink:href="#m1"`
    (markers, ticks) and `url(#p1)` (clip paths)."""
    for key, value in element.attrib.items():
        if key in _HREFS and value.startswith("#"):
            yield value[1:]
        else:
            yield from (match.group(1) for match in _URL.finditer(value))
