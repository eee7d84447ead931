"""The laid-out pages WeasyPrint makes, and the page limit a template declares,
measured on them.

WeasyPrint's public `Page` gives a page's size, links, anchors and bookmarks, not
what is on it; the boxes are its private `_page_box`. `page_box` is the one place
parlbrief reads it (here and in write.tags), pyproject.toml holds WeasyPrint to the
major version it was written for (`WEASYPRINT_MAJOR`), and another version that no
longer has it fails the PDF saying which version to install, never with Python's
AttributeError (tests/architecture/test_weasyprint_layout.py checks the version
installed).

A template that must fit a number of pages (the one-pager: one side of A4) says so in
its head, `<meta name="parlbrief-max-pages" content="1">`. After WeasyPrint has laid
the PDF out, and before it is written, `check_page_limit` measures what runs past the
limit from the layout itself (not from word counts): how much too long the content is
(what is on the pages after the last allowed one, less the space left free at the foot
of that page: a block kept together, such as the sign-off and sources, moves whole and
leaves its room empty), in lines of the body text and the words they hold, and which
parts moved over, named by the `data-cut` attribute the template puts on each part
("the section ‘The ask’"). The message says by how much it overflows and what to cut;
the briefing fails.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from importlib.metadata import version
from typing import Any

from parlbrief.errors import RenderError

#: The WeasyPrint major version whose page boxes this reads (pyproject.toml: <71).
WEASYPRINT_MAJOR = 70

#: WeasyPrint lays out at 96 CSS pixels to the inch.
_MM_PER_PX = 25.4 / 96
#: Parts of every briefing's back matter (briefing.html.j2), named without data-cut.
_PARTS = {"sign-off": "the sign-off", "sources": "the sources"}
#: Boxes inside a line, measured by their line.
_INLINE = frozenset({"TextBox", "InlineBox", "InlineReplacedBox", "InlineBlockBox"})
_LIMIT = re.compile(r'<meta\s+name="parlbrief-max-pages"\s+content="([0-9]{1,3})"\s*/?>')


def page_limit(html: str) -> int | None:
    """The most pages the template allows, or None."""
    found = _LIMIT.search(html)
    return int(found.group(1)) if found else None


def page_box(page: Any) -> Any:
    """The box tree of one of WeasyPrint's rendered pages (see the module's notes)."""
    box = getattr(page, "_page_box", None)
    if box is None:
        installed = version("weasyprint")
        raise RenderError(
            f"WeasyPrint {installed} no longer shows parlbrief how its pages are laid out "
            f"(parlbrief is written for WeasyPrint {WEASYPRINT_MAJOR}) - install that "
            f"version: pip install 'weasyprint>={WEASYPRINT_MAJOR},<{WEASYPRINT_MAJOR + 1}'"
        )
    return box


def check_page_limit(document: Any, html: str) -> None:
    """Raise ValueError saying how far past its page limit `document` runs (if it does).

    `document` is WeasyPrint's rendered Document; each page's layout is read from its
    page box (see `overflow`).
    """
    limit = page_limit(html)
    pages = [page_box(page) for page in document.pages]
    if limit is not None and len(pages) > limit:
        raise ValueError(overflow_message(pages, limit))


def overflow_message(pages: list[Any], limit: int) -> str:
    """'it must fit on 1 page but runs onto page 2: about 2 lines too long (8 mm), so
    the sign-off moved onto page 2 - cut about 24 words from ...'."""
    too_long = overflow(pages, limit)
    line, per_line = body_line(pages)
    lines = max(1, math.ceil(too_long / line - 0.1))  # measured to a tenth of a line
    boxes = [b for box in pages[limit:] for part in _content(box) for b in part.descendants()]
    parts = _parts_on(boxes)
    moved = f", so {_joined(parts)} moved onto page {limit + 1}" if parts else ""
    return (
        f"it must fit on {limit} page{'s' if limit > 1 else ''} but runs onto page {limit + 1}"
        + (f" and beyond ({len(pages)} pages)" if len(pages) > limit + 1 else "")
        + f": about {lines} line{'s' if lines > 1 else ''} too long"
        + f" ({max(1, round(too_long * _MM_PER_PX))} mm){moved}"
        + f" - cut about {lines * per_line} words from the argument or the ask, or fewer "
        "notes or figures in the panel"
    )


def overflow(pages: list[Any], limit: int) -> float:
    """How much too long the content is for `limit` pages, in CSS pixels: what is on
    the later pages, less the space left free at the foot of the last allowed page.

    A block kept together (the sign-off and sources, the ask) moves whole when it does
    not fit, leaving that space free; and the margin between two blocks is dropped at
    a page break, so it is added back: it would be needed if they shared a page.
    """
    later = sum(_used(box, _after(pages, at)) for at, box in enumerate(pages) if at >= limit)
    dropped = sum(_dropped_margin(pages[at - 1], pages[at]) for at in range(limit, len(pages)))
    last = pages[limit - 1]
    free = float(last.height) - _used(last, _elements(pages[limit]))
    return max(later + dropped - free, 0.0)


def body_line(pages: list[Any]) -> tuple[float, int]:
    """The height of a line of the body text, in CSS pixels, and how many words such a
    line holds: the commonest height and the median words of the lines set in the
    body's type size, counting only lines that are not the last of their paragraph
    (which are short) when there are any. Not the panel's labels, the sign-off or
    the sources, set smaller, whose lines can outnumber the argument's on a sheet."""
    lines, full = _body_lines(pages)
    if not lines:
        return 16.0, 10  # no text at all: a 12pt line of ten words, to say something
    height = Counter(round(line.height, 1) for line in lines).most_common(1)[0][0]
    counts = [_words(line) for line in full or lines]
    return float(height), max(1, round(statistics.median(counts)))


def _body_lines(pages: list[Any]) -> tuple[list[Any], list[Any]]:
    """The visible lines with words set in the body's size; and those of them that are
    not the last line of their block."""
    size = next((b.style["font_size"] for b in _flow(pages[0]) if _tag(b) == "body"), None)
    lines: list[Any] = []
    full: list[Any] = []
    for box in (b for page in pages for b in _flow(page)):
        inner = [
            child
            for child in getattr(box, "children", None) or []
            if type(child).__name__ == "LineBox"
            and _words(child)
            and size in (None, child.style["font_size"])
            and child.style["visibility"] == "visible"  # not the running head's strings
        ]
        lines += inner
        full += inner[:-1]
    return lines, full


def _tag(box: Any) -> str | None:
    return getattr(box, "element_tag", None)


def _words(line: Any) -> int:
    return sum(len(b.text.split()) for b in line.descendants() if type(b).__name__ == "TextBox")


def _joined(parts: list[str]) -> str:
    """'the sign-off and the sources', 'the ask, the sign-off and the sources'."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _content(page_box: Any) -> list[Any]:
    """The page's content (the html element's box, the footnote area), not its margins
    (running head and foot)."""
    return [child for child in page_box.children if type(child).__name__ != "MarginBox"]


def _flow(box: Any) -> Iterator[Any]:
    """`box` and every box in the page's flow under it: not the page's margins (running
    head and foot) nor its footnote area."""
    yield box
    for child in getattr(box, "children", None) or []:
        if type(child).__name__ not in ("MarginBox", "FootnoteAreaBox"):
            yield from _flow(child)


def _elements(page_box: Any) -> set[int]:
    """The HTML elements with a box on this page (by identity)."""
    return {id(b.element) for b in _flow(page_box) if getattr(b, "element", None) is not None}


def _after(pages: list[Any], at: int) -> set[int]:
    """The elements on the page after `at` (none after the last page)."""
    return _elements(pages[at + 1]) if at + 1 < len(pages) else set()


def _blocks(page_box: Any, skip: set[int]) -> Iterator[Any]:
    """The page's boxes that take height (lines, blocks, pictures), less any block of an
    element in `skip`: a block that goes on to the next page is stretched to the foot
    of this one, so its bottom says nothing about how full the page is."""
    for box in _flow(page_box):
        kind = type(box).__name__
        if kind in _INLINE or box is page_box:
            continue
        element = getattr(box, "element", None)
        if kind == "LineBox" or element is None or id(element) not in skip:
            yield box


def _bottom(page_box: Any, continuing: set[int]) -> float:
    """Where the page's flow content ends (elements in `continuing` go on overleaf)."""
    bottoms = [b.border_box_y() + b.border_height() for b in _blocks(page_box, continuing)]
    return float(max(bottoms, default=page_box.content_box_y()))


def _used(page_box: Any, continuing: set[int]) -> float:
    """How much of the page's content area is used: flow content and footnotes."""
    notes = 0.0
    for child in _content(page_box):
        if type(child).__name__ == "FootnoteAreaBox" and child.children:
            notes = float(child.margin_height())
    return _bottom(page_box, continuing) - float(page_box.content_box_y()) + notes


def _dropped_margin(before: Any, after: Any) -> float:
    """The margin dropped at the break between two pages: the larger of the margin
    below what ends `before` and the margin above what starts `after`."""
    continuing, started = _elements(after), _elements(before)
    low = _bottom(before, continuing)
    below = [
        float(b.margin_bottom)
        for b in _blocks(before, continuing)
        if type(b).__name__ != "LineBox" and abs(b.border_box_y() + b.border_height() - low) < 1
    ]
    top = after.content_box_y()
    above = [
        _px(b.style["margin_top"])
        for b in _blocks(after, started)
        if type(b).__name__ != "LineBox" and abs(b.border_box_y() - top) < 1
    ]
    return max([*below, *above, 0.0])


def _px(value: Any) -> float:
    """A computed length in CSS pixels (0 for a percentage or `auto`)."""
    return float(value.value) if getattr(value, "unit", None) == "px" else 0.0


def _parts_on(boxes: list[Any]) -> list[str]:
    """The template's named parts (data-cut) among these boxes, once each, in order."""
    named: dict[str, None] = {}
    for box in boxes:
        if type(box).__name__ == "FootnoteAreaBox" and box.children:
            named.setdefault("the notes")
        element = getattr(box, "element", None)
        label = element.get("data-cut") if element is not None else None
        if not label and element is not None:
            classes = (element.get("class") or "").split()
            label = next((_PARTS[c] for c in classes if c in _PARTS), None)
        if label:
            named.setdefault(label)
    return list(named)
