"""Whether a brand's colours can be read: WCAG 2.2 AA contrast for each pair of a text
colour and its background that the built-in stylesheet (templates/briefing.css) puts
together. Colours are read and compared by coloraide, as CSS reads them (names, #hex,
rgb(), hsl(), with transparency laid over the background).

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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coloraide import Color

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
    parse = _parser()
    bad = []
    for name, value in colours.items():
        try:
            parse(value)
        except ValueError:
            bad.append(name)
    return bad


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
    parse = _parser()
    for key in dict.fromkeys((p.text, p.background) for p in PAIRS):
        fg, bg = key
        background = _solid(parse(values[bg]), parse(WHITE))
        text = _solid(parse(values[fg]), background)
        ratio = text.contrast(background, method="wcag21")
        failing = [p for p in PAIRS if (p.text, p.background) == key and ratio < p.minimum]
        if not failing:
            continue
        # Blame the background when the text colour is fine on white (a tint too dark).
        fine_on_white = fg != "white" and _ratio_on_white(values[fg]) >= TEXT
        blamed = bg if fine_on_white or fg == "white" else fg
        mine, other = (text, background) if blamed == fg else (background, text)
        direction = "darker" if mine.luminance() < other.luminance() else "lighter"
        shown = math.floor(ratio * 10) / 10  # never round 4.47 up to a passing 4.5
        needs = "; ".join(f"{p.minimum:g}:1 needed for {p.uses}" for p in failing)
        said = f"{fg} ({values[fg]}) on {bg} ({values[bg]}) is {shown:.1f}:1 ({needs})"
        yield blamed, said, direction


def _ratio_on_white(value: str) -> float:
    parse = _parser()
    white = parse(WHITE)
    return float(_solid(parse(value), white).contrast(white, method="wcag21"))


def _solid(colour: Color, behind: Color) -> Color:
    """`colour` as seen over `behind` (a see-through colour shows what is behind it)."""
    from coloraide import Color

    if colour.alpha() >= 1:
        return colour
    return Color.layer([colour, behind], space="srgb")


def _parser() -> type[Color]:
    # coloraide is imported here, not at the top: only `check` needs it.
    from coloraide import Color

    return Color
