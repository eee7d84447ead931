"""Pictures from a project (brand logos, images in prose), checked before they are used.

A picture goes into a page as it was checked: an SVG drawing as rebuilt by
parlbrief.svg (never the file as written), a PNG, JPEG, GIF or WebP picture only once
Pillow has read it whole (a damaged file would otherwise turn silently into its alt
text, or into nothing).
"""

from __future__ import annotations

import base64
import functools
import io
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from parlbrief.svg import SvgError, clean_svg

#: File endings parlbrief takes as pictures, and what each is.
PICTURE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
SVG = "image/svg+xml"
#: A brand logo is a small drawing or picture; anything larger is a mistake.
MAX_LOGO_BYTES = 2_000_000
#: A chart or a photo for a briefing; anything larger is a mistake and slows every build.
MAX_IMAGE_BYTES = 5_000_000
#: More pixels than any printed picture needs (an A4 page at 300 dots per inch is under
#: 9 million): a small file can hold a huge picture that takes gigabytes to decode.
MAX_PIXELS = 40_000_000
#: The longest side, in pixels, a picture goes into a page with (larger ones are scaled
#: down first, so that every PDF does not carry the original): a logo prints at most
#: 60 mm wide in the built-in look, 710 pixels at 300 per inch, and a project's own look
#: may print it larger; a picture in the text prints at most an A4 page wide (2,480).
MAX_LOGO_SIDE = 1_200
MAX_IMAGE_SIDE = 2_480
#: Pillow's name for each raster type, to check a file is what its name says.
_PILLOW_FORMATS = {
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
}


@dataclass(frozen=True)
class Picture:
    """A checked picture: its type, the bytes that go into a page, and its pixel size."""

    kind: str
    data: bytes
    size: tuple[int, int] | None = None
    """Width and height in pixels (raster pictures only)."""

    def data_uri(self) -> str:
        return f"data:{self.kind};base64,{base64.b64encode(self.data).decode('ascii')}"

    @property
    def svg_text(self) -> str:
        return self.data.decode("utf-8")


def read_picture(path: Path, max_bytes: int) -> tuple[Picture | None, list[str]]:
    """The picture at `path` as it may go into a page, or None and why not.

    Each reason is a sentence that follows the file's name (callers say which file):
    "(line 4 of the file): <script> would run code ... - remove it", "is over 500,000
    bytes - make it smaller".
    A drawing with something refused is refused whole: what it would look like
    without the refused parts is not what its author meant.
    """
    kind = PICTURE_TYPES.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(PICTURE_TYPES))
        return None, [f"is not a picture file ({known}) - convert it"]
    try:
        if path.stat().st_size > max_bytes:
            return None, [f"is over {max_bytes:,} bytes - make it smaller"]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [f"could not be read ({exc.strerror or exc}) - check the file"]
    if kind == SVG:
        return _drawing(raw, max_bytes)
    return _raster(raw, kind)


def _drawing(raw: bytes, max_bytes: int) -> tuple[Picture | None, list[str]]:
    try:
        clean = clean_svg(raw, max_bytes=max_bytes)
    except SvgError as exc:
        where = f" (line {exc.line} of the file)" if exc.line else ""
        return None, [f"cannot be used{where}: {exc.message}"]
    if not clean.ok:
        return None, [f"(line {r.line} of the file): {r.message}" for r in clean.refused]
    return Picture(SVG, clean.text.encode("utf-8")), []


def _raster(raw: bytes, kind: str) -> tuple[Picture | None, list[str]]:
    from PIL import Image, ImageFile

    wanted = _PILLOW_FORMATS[kind]
    damaged = (
        f"is not a readable {wanted} picture (damaged, or another kind of file) - export it again"
    )
    # WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process (it would
    # rather draw half a picture than none); here a cut-off file must fail, wherever
    # this runs, so the flag is off while the picture is read.
    truncated_ok = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            # The size is checked here, in words, before a pixel is decoded; Pillow's
            # own warning would only repeat it, raw, on the terminal.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as image:
                found, size = image.format, image.size
                if size[0] * size[1] > MAX_PIXELS:
                    return None, [_too_many_pixels(size)]
                image.load()  # decodes every pixel: a truncated file fails here
    except Image.DecompressionBombError:
        return None, [_too_many_pixels(None)]
    except Exception:  # Pillow on a hostile file: struct.error, IndexError, anything
        return None, [damaged]
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_ok
    if found != wanted:
        return None, [damaged]
    return Picture(kind, raw, size), []


def _too_many_pixels(size: tuple[int, int] | None) -> str:
    limit = f"over the limit of {MAX_PIXELS // 1_000_000} million"
    if size is None:
        return f"has {limit} pixels - make it smaller"
    width, height = size
    millions = width * height / 1_000_000
    return (
        f"is {width:,} by {height:,} pixels ({millions:,.0f} million), {limit} - make it "
        "smaller: a picture prints sharp at 300 pixels per inch of its printed size"
    )


def for_page(picture: Picture, max_side: int) -> Picture:
    """`picture` as it goes into a page: a raster picture larger than `max_side` pixels
    on its longest side scaled down to it (a drawing, or a small picture, as it is)."""
    if picture.size is None or max(picture.size) <= max_side:
        return picture
    data, size = _scaled(picture.kind, picture.data, max_side)
    kind = picture.kind if picture.kind == "image/jpeg" else "image/png"
    return replace(picture, kind=kind, data=data, size=size)


@functools.lru_cache(maxsize=8)
def _scaled(kind: str, data: bytes, max_side: int) -> tuple[bytes, tuple[int, int]]:
    """The picture's bytes scaled to `max_side` (cached: a logo goes on every page);
    a photo stays JPEG, anything else becomes PNG (a GIF keeps its first frame)."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # checked before
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image: Image.Image = opened
            if kind != "image/jpeg" and image.mode not in ("RGB", "RGBA", "L", "LA"):
                image = image.convert("RGBA")
            width, height = image.size
            ratio = max_side / max(width, height)
            size = (max(1, round(width * ratio)), max(1, round(height * ratio)))
            small = image.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if kind == "image/jpeg":
        small.save(out, "JPEG", quality=90)
    else:
        small.save(out, "PNG")
    return out.getvalue(), size
