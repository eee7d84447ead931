"""Pictures for Word: the brand's logo, as PNG (a chart is drawn to PNG by matplotlib
itself: render.charts.chart_png).

Word shows an SVG drawing only from Word 2016 on, and only beside a PNG of it (a
document with the SVG alone shows nothing in LibreOffice or older Word), so drawings
are drawn to PNG by CairoSVG at print sharpness. A logo's drawing is the one
parlbrief.svg rebuilt: nothing in it is fetched, and CairoSVG is told so (unsafe=False:
no files, no entities).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from parlbrief.model import Brand
from parlbrief.pictures import MAX_LOGO_BYTES, MAX_LOGO_SIDE, SVG, for_page, read_picture
from parlbrief.write.docx_finish import LOGO_HEIGHT

#: The logo's picture is drawn this many pixels high: 12 mm at 600 dots per inch.
LOGO_PIXELS = round(LOGO_HEIGHT / 25.4 * 600)


def logo_png(brand: Brand, brand_dir: Path | None) -> bytes | None:
    """The brand's logo as a PNG: a drawing drawn, a picture as it is; None without one."""
    if not brand.logo or brand_dir is None:
        return None
    picture, _ = read_picture(brand_dir / brand.logo, MAX_LOGO_BYTES)
    if picture is None:  # check has said why; a build never gets here with one
        return None
    if picture.kind == SVG:
        return drawn(picture.data, output_height=LOGO_PIXELS)
    return _as_png(for_page(picture, MAX_LOGO_SIDE).data)


def drawn(svg: bytes, **size: Any) -> bytes:
    """An SVG drawing as a PNG (`size`: CairoSVG's output_height or scale)."""
    import cairosvg  # type: ignore[import-untyped]

    png: Any = cairosvg.svg2png(bytestring=svg, unsafe=False, **size)
    return bytes(png)


def _as_png(data: bytes) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    with Image.open(io.BytesIO(data)) as image:
        image.save(out, format="PNG")
    return out.getvalue()
