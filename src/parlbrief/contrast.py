"""Whether a brand's colours can be read: WCAG 2.2 AA contrast for each pair of a text
colour and its background that the built-in stylesheet (templates/briefing.css) puts
together. Colours are read as CSS reads them (names, #hex, rgb(), hsl()) by tinycss2's
CSS Color parser, the one WeasyPrint itself uses; a see-through colour is laid over its
background, and the ratio is WCAG's own formula, written out below.

WCAG 2.2 AA asks 4.5:1 for text and 3:1 for large text (18pt, or 14pt bold); see
https://www.w3.org/TR/WCAG22/#contrast-minimum. Only the series name (30pt) and the title
(19pt bold) are that large, and the same colours are also used for small text, so in
practice every pair needs 4.5:1; the 3:1 uses are listed so that a message can say
that a colour fails even for headings.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from tinycss2.color3 import RGBA, parse_color

#: The page behind everything not in a box, in the PDF and on the web page.
WHITE = "#ffffff"
TEXT, LARGE = 4.5, 3.0


@dataclass(frozen=True)
class Pair:
    """A brand colour (or white) printed as text on another, and what is printed so."""

    text: str
    background: str
    minimum: float
    uses: str


#: Read from briefing.css and base.html.j2: which colour is text on which background.
PAIRS = (
    Pair("text", "white", TEXT, "body text"),
    Pair("text", "white", LARGE, "the title"),
    Pair("text", "tint", TEXT, "the summary box and the date in the masthead"),
    Pair("primary", "white", TEXT, "section headings, links and table captions"),
    Pair("primary", "white", LARGE, "the series name over the title"),
    Pair("primary", "tint", TEXT, "the organisation's name and the label in the masthead"),
    Pair("accent", "white", TEXT, "the campaign line and the footnote numbers"),
    Pair("accent", "tint", TEXT, "footnote numbers in the summary box"),
    Pair("muted", "white", TEXT, "the running head and foot and the contact line"),
    Pair("muted", "tint", TEXT, "the tagline in the masthead"),
    Pair("white", "primary", TEXT, "the web page's 'Skip to the briefing' link"),
)


@dataclass(frozen=True)
class Shortfall:
    """A brand colour to change, and the message: every pair it fails, in one line."""

    colour: str
    message: str


def unreadable(colours: Mapping[str, str]) -> list[str]:
    """The names among `colours` that CSS would not read as a colour."""
    bad = []
    for name, value in colours.items():
        try:
            _parse(value)
        except ValueError:
            bad.append(name)
    return bad


def see_through(colours: Mapping[str, str]) -> list[Shortfall]:
    """A Shortfall for each colour CSS reads as see-through (`#00000000`, `rgba(...,
    0.5)`): Word has no see-through colours and shows one solid, so a clear tint turns
    the questions box black behind near-black text. Each names the solid colour it shows
    as on white, to write instead."""
    white = _parse(WHITE)
    found = []
    for name, value in colours.items():
        colour = _parse(value)
        if colour.alpha < 1:
            solid = _hex(_solid(colour, white))
            found.append(
                Shortfall(
                    name,
                    f"colours.{name}: {value!r} is see-through, which Word cannot show (it "
                    f"shows it solid, as {_hex(RGBA(*colour[:3], 1.0))}) - write the solid "
                    f"colour it shows as on white, {solid}",
                )
            )
    return found


def _hex(colour: RGBA) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in colour[:3])


def shortfalls(colours: Mapping[str, str]) -> list[Shortfall]:
    """One Shortfall per brand colour to change, saying each pair below WCAG 2.2 AA."""
    found: dict[str, list[tuple[str, str]]] = {}
    for blamed, said, direction in _failing_pairs({**colours, "white": WHITE}):
        found.setdefault(blamed, []).append((said, direction))
    return [
        Shortfall(
            blamed,
            f"colours.{blamed}: too little contrast for WCAG 2.2 AA: "
            + "; ".join(said for said, _ in pairs)
            + f" - choose a {pairs[0][1]} {blamed}",
        )
        for blamed, pairs in found.items()
    ]


def _failing_pairs(values: Mapping[str, str]) -> Iterator[tuple[str, str, str]]:
    """(colour to change, what fails, 'darker' or 'lighter') for each pair that fails."""
    white = _parse(WHITE)
    for key in dict.fromkeys((p.text, p.background) for p in PAIRS):
        fg, bg = key
        background = _solid(_parse(values[bg]), white)
        text = _solid(_parse(values[fg]), background)
        ratio = contrast(text, background)
        failing = [p for p in PAIRS if (p.text, p.background) == key and ratio < p.minimum]
        if not failing:
            continue
        # Blame the background when the text colour is fine on white (a tint too dark).
        fine_on_white = fg != "white" and contrast(_solid(_parse(values[fg]), white), white) >= TEXT
        blamed = bg if fine_on_white or fg == "white" else fg
        mine, other = (text, background) if blamed == fg else (background, text)
        direction = "darker" if luminance(mine) < luminance(other) else "lighter"
        shown = math.floor(ratio * 10) / 10  # never round 4.47 up to a passing 4.5
        needs = "; ".join(f"{p.minimum:g}:1 needed for {p.uses}" for p in failing)
        said = f"{fg} ({values[fg]}) on {bg} ({values[bg]}) is {shown:.1f}:1 ({needs})"
        yield blamed, said, direction


def contrast(a: RGBA, b: RGBA) -> float:
    """WCAG's contrast ratio of two solid colours, 1 to 21
    (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def luminance(colour: RGBA) -> float:
    """WCAG's relative luminance of a solid sRGB colour
    (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _solid(colour: RGBA, behind: RGBA) -> RGBA:
    """`colour` as seen over `behind` (a see-through colour shows what is behind it)."""
    alpha = colour.alpha
    if alpha >= 1:
        return colour
    mixed = (alpha * c + (1 - alpha) * d for c, d in zip(colour[:3], behind[:3], strict=True))
    return RGBA(*mixed, 1.0)


def _parse(value: str) -> RGBA:
    """A CSS colour; ValueError for anything CSS would not read as one."""
    parsed = parse_color(value)
    if not isinstance(parsed, RGBA):  # None, or 'currentColor'
        raise ValueError(value)
    return parsed
