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
limit from the layout itself (not from word counts): the height of the content on the
pages after the last allowed one, its lines and words, and what is there, named by the
`data-cut` attribute the template puts on each part ("the section ‘The ask’"). The
message says by how much it overflows and what to cut; the briefing fails.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from typing import Any

from parlbrief.errors import RenderError

#: The WeasyPrint major version whose page boxes this reads (pyproject.toml: <71).
WEASYPRINT_MAJOR = 70

#: WeasyPrint lays out at 96 CSS pixels to the inch.
_MM_PER_PX = 25.4 / 96
#: Parts of every briefing's back matter (briefing.html.j2), named without data-cut.
_PARTS = {"sign-off": "the sign-off", "sources": "the sources"}
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
    page box: the html element's box, whose bottom is where the page's content ends,
    and the footnote area at the foot.
    """
    limit = page_limit(html)
    pages = document.pages
    if limit is None or len(pages) <= limit:
        return
    extra = [page_box(page) for page in pages[limit:]]
    height = sum(_used_height(box) for box in extra)
    boxes = [b for box in extra for part in _content(box) for b in part.descendants()]
    lines = sum(1 for b in boxes if type(b).__name__ == "LineBox")
    words = sum(len(b.text.split()) for b in boxes if type(b).__name__ == "TextBox")
    parts = _parts_on(boxes)
    what = f" ({', '.join(parts)})" if parts else ""
    pages_word = "page" if limit == 1 else "pages"
    raise ValueError(
        f"it must fit on {limit} {pages_word} but runs onto page {limit + 1}"
        + (f" and beyond ({len(pages)} pages)" if len(pages) > limit + 1 else "")
        + f": {height * _MM_PER_PX:.0f} mm too long, about {lines} lines and {words} words"
        + f"{what} - cut about {words} words from the argument or the ask, or fewer notes "
        "or figures in the panel"
    )


def _content(page_box: Any) -> list[Any]:
    """The page's content (the html element's box, the footnote area), not its margins
    (running head and foot)."""
    return [child for child in page_box.children if type(child).__name__ != "MarginBox"]


def _used_height(page_box: Any) -> float:
    """How much of the page's content area is used: flow content and footnotes."""
    top = page_box.content_box_y()
    used = footnotes = 0.0
    for child in _content(page_box):
        if type(child).__name__ == "FootnoteAreaBox":
            footnotes = child.margin_height() if child.children else 0.0
        else:
            used = max(used, child.position_y + child.margin_height() - top)
    return max(used, 0.0) + footnotes


def _parts_on(boxes: list[Any]) -> list[str]:
    """The template's named parts (data-cut) among these boxes, once each, in order."""
    named: dict[str, None] = {}
    for box in boxes:
        if type(box).__name__ == "FootnoteAreaBox" and box.children:
            named.setdefault("notes")
        element = getattr(box, "element", None)
        label = element.get("data-cut") if element is not None else None
        if not label and element is not None:
            classes = (element.get("class") or "").split()
            label = next((_PARTS[c] for c in classes if c in _PARTS), None)
        if label:
            named.setdefault(label)
    return list(named)
