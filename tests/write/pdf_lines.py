"""Where text sits on a PDF page, read back with pypdf: runs of text and their lines.

WeasyPrint draws each line of text as one or more runs, in the order of the layout,
under a transformation that turns CSS pixels (y downwards) into PDF points (y upwards).
`runs(page)` gives every run in points from the top-left corner of the paper, with its
font size in points, so that tests can measure a page as an editor would with a ruler.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader

MM = 72 / 25.4
"""Points in a millimetre."""


@dataclass(frozen=True)
class Run:
    """One run of text: where its baseline starts (points from the paper's top-left),
    its font size in points, and an estimate of where it ends."""

    text: str
    x: float
    baseline: float
    size: float

    @property
    def top(self) -> float:
        """Roughly the top of its capitals."""
        return self.baseline - 0.75 * self.size

    @property
    def bottom(self) -> float:
        """Roughly the bottom of its descenders."""
        return self.baseline + 0.25 * self.size


def _multiply(m: Sequence[float], n: Sequence[float]) -> list[float]:
    a, b, c, d, e, f = m
    g, h, i, j, k, l_ = n
    return [
        a * g + b * i,
        a * h + b * j,
        c * g + d * i,
        c * h + d * j,
        e * g + f * i + k,
        e * h + f * j + l_,
    ]


def runs(page: PageObject) -> list[Run]:
    """The page's runs of text, in drawing order, blank runs left out."""
    height = float(page.mediabox.height)
    found: list[Run] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if not text.strip():
            return
        matrix = _multiply(tm, cm)
        scale = (matrix[2] ** 2 + matrix[3] ** 2) ** 0.5
        found.append(Run(text.strip("\n"), matrix[4], height - matrix[5], size * scale))

    page.extract_text(visitor_text=visit)
    return found


def pages(pdf: Path) -> list[PageObject]:
    return list(PdfReader(pdf).pages)


@dataclass(frozen=True)
class Line:
    """Runs sharing a baseline and a size class (body, notes, calls are told apart)."""

    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in sorted(self.runs, key=lambda r: r.x))

    @property
    def baseline(self) -> float:
        return self.runs[0].baseline

    @property
    def size(self) -> float:
        return max(r.size for r in self.runs)

    @property
    def left(self) -> float:
        return min(r.x for r in self.runs)


def lines(page_runs: Sequence[Run], size: float, tolerance: float = 0.2) -> list[Line]:
    """Lines of text set at `size` points (within `tolerance`), top to bottom; runs of
    other sizes on the same baseline (note calls, bold figures) are left out."""
    chosen = [r for r in page_runs if abs(r.size - size) <= tolerance]
    by_baseline: dict[int, list[Run]] = {}
    for run in chosen:
        by_baseline.setdefault(round(run.baseline * 2), []).append(run)
    return [Line(tuple(group)) for _, group in sorted(by_baseline.items())]
