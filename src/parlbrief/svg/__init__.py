"""SVG from a shared project (logos, pictures), parsed and rebuilt from an allow-list.

Projects are passed between organisations, so an SVG file is untrusted. `clean_svg`
(svg.cleaner) parses it with a parser that loads nothing (svg.parse), builds a new
drawing holding only what svg.policy allows, checks its CSS and applies its `<style>`
sheets (svg.styles), and returns the clean markup with a `Refusal` for each live or
leaky thing dropped; a file that cannot be used at all raises `SvgError`.
"""

from __future__ import annotations

from parlbrief.svg.cleaner import CleanSvg, clean_svg, raster_data_uri
from parlbrief.svg.policy import ELEMENTS, MAX_SVG_BYTES, REFUSED_ELEMENTS, Refusal, SvgError

__all__ = [
    "ELEMENTS",
    "MAX_SVG_BYTES",
    "REFUSED_ELEMENTS",
    "CleanSvg",
    "Refusal",
    "SvgError",
    "clean_svg",
    "raster_data_uri",
]
