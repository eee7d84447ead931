"""Golden page images: a CSS change that moves things shows up in review.

Every page of Briefing 5 and the North East regional variant is rendered with poppler's
`pdftoppm -r 40 -gray` and compared with the PNGs in tests/write/golden/. A small share of
differing pixels is allowed, so that font hinting noise passes and a moved line does
not. After an intended change to the layout, refresh the images:

    PARLBRIEF_REFRESH_GOLDEN=1 .venv/bin/pytest tests/write/test_page_images.py

then look at the new PNGs (and `git diff --stat tests/write/golden/`) before committing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.conftest import ExampleBuild

GOLDEN = Path(__file__).resolve().parent / "golden"
REFRESH = os.environ.get("PARLBRIEF_REFRESH_GOLDEN") == "1"
REFRESH_COMMAND = "PARLBRIEF_REFRESH_GOLDEN=1 .venv/bin/pytest tests/write/test_page_images.py"
RESOLUTION = 40
#: A pixel differs when a channel moves by more than this (of 255): hinting and
#: antialiasing noise stays below it.
PIXEL_TOLERANCE = 64
#: The share of a page's pixels that may differ.
MAX_DIFFERING = 0.005

#: (PDF under the build folder, stem of its golden images)
DOCUMENTS = [
    ("briefing-5.pdf", "briefing-5"),
    ("probation-regions/north-east.pdf", "probation-regions-north-east"),
]

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")


def page_images(pdf: Path, folder: Path, stem: str) -> list[Path]:
    """`pdf`'s pages as PNGs `folder/stem-N.png`, N from 1."""
    subprocess.run(
        ["pdftoppm", "-r", str(RESOLUTION), "-gray", "-png", str(pdf), str(folder / stem)],
        check=True,
    )
    made = sorted(folder.glob(f"{stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    for number, path in enumerate(made, start=1):  # pdftoppm pads numbers to the page count
        path.rename(folder / f"{stem}-{number}.png")
    return [folder / f"{stem}-{n}.png" for n in range(1, len(made) + 1)]


def differing(a: Path, b: Path) -> float:
    """The share of pixels that differ by more than PIXEL_TOLERANCE (1.0 if sizes differ)."""
    with Image.open(a) as first, Image.open(b) as second:
        if first.size != second.size:
            return 1.0
        diff = ImageChops.difference(first.convert("RGB"), second.convert("RGB"))
        channel = diff.convert("L").point(lambda v: 255 if v > PIXEL_TOLERANCE // 3 else 0)
        histogram = channel.histogram()
        return histogram[255] / (first.size[0] * first.size[1])


@pytest.mark.parametrize(("pdf", "stem"), DOCUMENTS)
def test_pages_match_their_golden_images(
    example_build: ExampleBuild, tmp_path: Path, pdf: str, stem: str
) -> None:
    pages = page_images(example_build.out / pdf, tmp_path, stem)
    if REFRESH:
        for old in GOLDEN.glob(f"{stem}-*.png"):
            old.unlink()
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for page in pages:
            shutil.copyfile(page, GOLDEN / page.name)
    golden = sorted(GOLDEN.glob(f"{stem}-*.png"))
    assert golden, f"no golden images for {pdf} yet: run {REFRESH_COMMAND}"
    assert len(pages) == len(golden), (
        f"{pdf} has {len(pages)} pages, its golden images {len(golden)}: if intended, run "
        f"{REFRESH_COMMAND}"
    )
    moved = {
        page.name: f"{share:.1%}"
        for page in pages
        if (share := differing(page, GOLDEN / page.name)) > MAX_DIFFERING
    }
    assert moved == {}, (
        f"{pdf}: pages differ from tests/write/golden/ (share of pixels): {moved}. "
        f"Compare them; if the change is intended, run {REFRESH_COMMAND}"
    )
