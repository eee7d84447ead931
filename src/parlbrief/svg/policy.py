"""What an SVG drawing from a shared project may hold, and how it is told what it may not.

The allow-lists (elements, attributes, CSS properties and functions) name only what
is inert: none of it runs or loads anything by itself. The refusal lists give the
reason a press officer reads, in plain English, with what to do. `SvgError` is a
file that cannot be used at all; `Refusal` one thing dropped from a drawing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"

#: A logo or a chart; anything larger is a mistake (often an embedded photo) and
#: slows every build. Callers may pass their own limit.
MAX_SVG_BYTES = 500_000

REMEDY_SHAPES = "remove it, or export the drawing again as plain shapes"

#: Elements kept, in the SVG namespace: shapes, text, gradients, clipping, reuse and
#: simple filters. None of them runs anything or loads anything by itself; their
#: links (`href`) are checked separately.
ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "switch", "title", "desc",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask",
        "marker", "image", "style",
        "filter", "feBlend", "feColorMatrix", "feComposite", "feDropShadow", "feFlood",
        "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    }
)  # fmt: skip

#: Elements whose text is part of the drawing (elsewhere text is ignored by SVG).
TEXT_ELEMENTS = frozenset({"title", "desc", "text", "tspan", "textPath"})

#: Dropped without a word: editors' notes, never drawn.
QUIET_ELEMENTS = frozenset({"metadata"})

RUNS = "would run code when the briefing is opened"
LOADS = "would load something from outside the briefing when it is opened"
#: Elements refused with a reason a press officer can act on.
REFUSED_ELEMENTS = {
    "script": f"{RUNS} - remove it",
    "handler": f"{RUNS} - remove it",
    "listener": f"{RUNS} - remove it",
    "foreignObject": "puts web-page content inside the drawing, which could run code or "
    "load something - remove it",
    "a": "makes part of the drawing a link, which a logo or picture may not do - "
    "remove the link and keep the shapes",
    "animate": "makes the drawing change after it is opened, and can change what it "
    "links to - remove it (a printed briefing cannot show movement)",
    "iframe": f"{LOADS} - remove it",
    "object": f"{LOADS} - remove it",
    "embed": f"{LOADS} - remove it",
    "video": f"{LOADS} - remove it",
    "audio": f"{LOADS} - remove it",
    "feImage": f"{LOADS} - remove the filter or use a plain colour",
    "cursor": f"{LOADS} - remove it",
    "font-face-uri": f"{LOADS} - turn the text into shapes (outline it) when exporting",
}
for _name in ("set", "animateMotion", "animateTransform", "animateColor", "discard"):
    REFUSED_ELEMENTS[_name] = REFUSED_ELEMENTS["animate"]

#: CSS properties an SVG drawing needs, allowed as attributes and in `style`. The
#: values are checked as CSS (`url(...)` only to the drawing's own parts).
PROPERTIES = frozenset(
    {
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
        "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
        "stroke-dashoffset", "opacity", "color", "display", "visibility", "overflow",
        "clip-path", "clip-rule", "mask", "filter", "marker", "marker-start",
        "marker-mid", "marker-end", "stop-color", "stop-opacity", "flood-color",
        "flood-opacity", "lighting-color", "color-interpolation-filters",
        "font", "font-family", "font-size", "font-style", "font-weight", "font-variant",
        "font-stretch", "letter-spacing", "word-spacing", "text-anchor",
        "text-decoration", "dominant-baseline", "alignment-baseline", "baseline-shift",
        "writing-mode", "direction", "unicode-bidi", "paint-order", "vector-effect",
        "shape-rendering", "text-rendering", "image-rendering", "mix-blend-mode",
        "isolation", "transform-origin", "white-space",
    }
)  # fmt: skip

#: Other attributes kept as written: geometry, identity, accessibility. Inert: SVG
#: never loads or runs anything from them.
ATTRIBUTES = frozenset(
    {
        "id", "class", "version", "viewBox", "preserveAspectRatio", "x", "y", "width",
        "height", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
        "d", "points", "pathLength", "transform", "gradientTransform", "gradientUnits",
        "spreadMethod", "offset", "patternUnits", "patternContentUnits",
        "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits",
        "markerUnits", "markerWidth", "markerHeight", "refX", "refY", "orient",
        "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method",
        "spacing", "side", "filterUnits", "primitiveUnits", "in", "in2", "result",
        "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4", "values", "type",
        "radius", "role", "lang", "tabindex", "focusable", "aria-label",
        "aria-labelledby", "aria-describedby", "aria-hidden", "aria-roledescription",
        "requiredFeatures", "systemLanguage",
    }
)  # fmt: skip
#: Of those, the ones holding numbers, units and path commands: a value with any
#: other character (`:`, `/`, quotes, braces) is a mistake or a trick, and is dropped.
GEOMETRY = frozenset(
    {
        "viewBox", "x", "y", "width", "height", "x1", "y1", "x2", "y2", "cx", "cy", "r",
        "rx", "ry", "fx", "fy", "fr", "d", "points", "pathLength", "transform",
        "gradientTransform", "patternTransform", "offset", "dx", "dy", "rotate",
        "textLength", "startOffset", "stdDeviation", "values", "radius", "refX", "refY",
        "markerWidth", "markerHeight", "k1", "k2", "k3", "k4",
    }
)  # fmt: skip
GEOMETRY_VALUE = re.compile(r"[-+.,()%#\w\s]*")
XML_ATTRIBUTES = frozenset({f"{{{XML_NS}}}space", f"{{{XML_NS}}}lang"})
HREFS = frozenset({"href", f"{{{XLINK_NS}}}href"})

#: Attributes that load something, whatever element they are on.
REFUSED_ATTRIBUTES = {
    f"{{{XML_NS}}}base": "changes where every link in the drawing points",
    "src": LOADS,
    "srcset": LOADS,
    "action": "would send what a reader types to a website",
    "formaction": "would send what a reader types to a website",
    "ping": "would tell a website when the briefing is read",
}

#: CSS functions a drawing's values may use; any other (image-set(), env(),
#: expression(), attr(), ...) is refused: some load, some run code in old browsers.
CSS_FUNCTIONS = frozenset(
    {
        "url", "rgb", "rgba", "hsl", "hsla", "calc", "min", "max", "clamp", "var",
        "matrix", "translate", "translatex", "translatey", "scale", "scalex", "scaley",
        "rotate", "skewx", "skewy",
    }
)  # fmt: skip
#: Old browsers' ways to attach code to an element from CSS (IE's HTC, Firefox's XBL).
CSS_RUNS = frozenset({"behavior", "-moz-binding"})

FRAGMENT = re.compile(r"#[^\s\x00-\x1f\x7f#]+")
#: Characters an XML document cannot hold (CSS escapes can make them).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class SvgError(ValueError):
    """The file cannot be used as a drawing at all; `message` says why and what to do."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.message, self.line = message, line


@dataclass(frozen=True)
class Refusal:
    """One live or leaky thing dropped from a drawing, at `line` of the file."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"
