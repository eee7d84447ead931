"""A linear look at a page before the HTML parser reads it, refusing the shapes of page
on which that parser's work grows with the square of the page's length.

The guard parses as WeasyPrint does (tinyhtml5), and tinyhtml5 builds some things a
character or a piece at a time, copying all that came before at each step, and looks
through every open element at each tag. A page a template made in a loop can hold:

- a tag name thousands of characters long (`<style<style<style…`): the name is built
  a character at a time (start tags, end tags, and end tags inside `<style>`);
- thousands of `<` or `&` that begin no tag or entity, or any `<` inside a raw-text
  element (`<style>`, `<title>`, `<textarea>`, `<script>` …): each is a piece of text
  of its own, added to all the element's text so far;
- elements opened thousands deep and never closed (`<div>` in a loop, or closed by end
  tags the parser ignores): each tag then looks through all of them;
- a comment holding thousands of hyphens, each a piece of its own;
- thousands of pieces of text or elements straight inside a table, outside its cells:
  each is moved before the table, looking through all the table's neighbours.

No page a real template makes comes near the limits below (a briefing's pages nest
some 20 deep, write `<` and `&` as `&lt;` and `&amp;`, and name tags in a word), so
a page past one is refused before the parser sees it, in one pass of regular
expressions with no backtracking. The open elements are a model of the parser's, which
holds at least as many but for those the parser adds of itself, and the tables and
cells are followed the same way. The time limit on the guard's look at a page
(render.template_checks, the PDF worker's limit) stays behind all this.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from parlbrief.quoting import shown

#: The longest tag name a page may hold (the longest real one, `feComponentTransfer`,
#: has 19 letters; a custom element rarely more than 30).
MAX_NAME = 64
#: How many `<` and `&` that begin no tag or entity (and `<` inside raw-text elements)
#: a page may hold, and hyphens one comment may.
MAX_PIECES = 1_000
#: How deep elements may be left open (browsers stop nesting at 512).
MAX_DEPTH = 256

_WHY = "as a template writing markup in a loop would, and the page would take minutes to check"
_LONG_NAME = re.compile(rf"</?[A-Za-z][^\t\n\f\r />]{{{MAX_NAME}}}")
_RAW_OPEN = re.compile(
    r"<(style|title|textarea|xmp|iframe|noembed|noframes|noscript|script|plaintext)"
    r"(?![^\t\n\f\r />])",
    re.IGNORECASE,
)
#: Raw text the parser may read to the page's end whatever follows (a script's escapes).
_RAW_TO_END = frozenset({"script", "plaintext"})
_BARE = re.compile(r"<(?![A-Za-z/!?])|&(?![A-Za-z0-9#])|\x00")
_COMMENT = re.compile(r"<!--(.*?)(?:--!?>|\Z)", re.DOTALL)
_TAG = re.compile(r"<(/?)([A-Za-z][^\t\n\f\r />]*)")
#: Elements that hold nothing, or whose end the parser supplies (a `<p>` closes the one
#: before): not counted as left open.
_NOT_NESTING = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr", "param", "keygen", "basefont", "bgsound", "frame", "image", "p", "li",
     "dt", "dd", "option", "optgroup", "rb", "rt", "rtc", "rp", "tr", "td", "th", "tbody",
     "thead", "tfoot", "colgroup", "caption", "html", "head", "body"}
)  # fmt: skip
#: The parser's white space (text of nothing else in a table stays where it is).
_SPACES = " \t\n\f\r"
#: Start tags a table holds as they are (anything else in it is moved before it).
_TABLE_PARTS = frozenset(
    {"caption", "colgroup", "col", "tbody", "tfoot", "thead", "td", "th", "tr", "table",
     "style", "script", "template", "input", "form"}
)  # fmt: skip
_CELLS = frozenset({"td", "th", "caption"})
#: Tags that end a cell: its own end tag, a row's or section's tag, either way.
_CELL_ENDS = frozenset({"td", "th", "caption", "tr", "tbody", "thead", "tfoot"})
#: Where the parser's search for an end tag's element stops (its "scope").
_SCOPE = frozenset(
    {"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
     "foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"}
)  # fmt: skip
#: End tags that take only their own element off the parser's stack.
_ONLY_ITSELF = frozenset(
    {"form", "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike",
     "strong", "tt", "u"}
)  # fmt: skip


def prescan_findings(html: str) -> list[str]:
    """Why the page may not be parsed at all (an empty list: it may)."""
    return list(_findings(html))


def _findings(html: str) -> Iterator[str]:
    name = _LONG_NAME.search(html)
    if name is not None:
        yield (
            f"the page holds a tag name over {MAX_NAME} characters long "
            f"({shown(name.group(0) + '…', 40)}), {_WHY} - fix the template that writes it"
        )
    pieces = _loose_pieces(html)
    if pieces > MAX_PIECES:
        yield (
            f"the page holds {pieces:,} `<` or `&` signs that begin no tag (or stand inside "
            f"a <style> or <title>), over {MAX_PIECES:,}, {_WHY} - write them as &lt; and "
            "&amp; (as {{ }} in a template does)"
        )
    yield from _comment_findings(html)
    fostered = _fostered(html)
    if fostered > MAX_PIECES:
        yield (
            f"the page puts {fostered:,} pieces of text or elements straight inside a "
            f"<table>, outside its cells, over {MAX_PIECES:,}, {_WHY} - put them in a cell "
            "(<td>) or outside the table"
        )
    tag = _too_deep(html)
    if tag is not None:
        yield (
            f"the page leaves over {MAX_DEPTH} elements open one inside another (the last "
            f"opened: {shown(tag, 30)}), {_WHY} - close each element the template opens"
        )


def _comment_findings(html: str) -> Iterator[str]:
    for comment in _COMMENT.finditer(html):
        hyphens = comment.group(1).count("-") + comment.group(1).count("\0")
        if hyphens > MAX_PIECES:
            yield (
                f"a comment in the page holds {hyphens:,} hyphens, over {MAX_PIECES:,}, "
                f"{_WHY} - remove the comment"
            )
            return


def _loose_pieces(html: str) -> int:
    """`<` and `&` the parser reads as text a piece at a time: every `<` inside a raw-text
    element, and elsewhere those that begin no tag and `&` that begin no entity."""
    spans = _raw_spans(html)
    count, start = 0, 0
    for begin, end in spans:
        count += len(_BARE.findall(html, start, begin)) + html.count("<", begin + 1, end)
        start = max(start, end)
    return count + len(_BARE.findall(html, start))


def _raw_spans(html: str) -> list[tuple[int, int]]:
    """Where raw text may be, merged and in order: from each opening tag's name to the
    first end tag of that name after it (to the page's end if none, or for a script).
    The opening tag's own end is not looked for: a search for it from each of 30,000
    unclosed `<style` would read the page 30,000 times."""
    closes: dict[str, list[int]] = {}
    spans: list[tuple[int, int]] = []
    for opening in _RAW_OPEN.finditer(html):
        name = opening.group(1).lower()
        if name not in closes:
            pattern = re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE)
            closes[name] = [m.start() for m in pattern.finditer(html)]
        after = [len(html)] if name in _RAW_TO_END else closes[name]
        found = bisect.bisect_left(after, opening.end())
        spans.append((opening.start(), after[found] if found < len(after) else len(html)))
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for begin, end in spans:  # in order of their start
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((begin, end))
    return merged


def _too_deep(html: str) -> str | None:
    """The element opened past MAX_DEPTH, if any, in a model of the parser's stack of
    open elements that never holds fewer than the parser's, but for the few it adds of
    itself (a table's body and row). The model stops there, so that each end tag's
    search for its element is short."""
    ends = [m.start() for m in re.finditer(">", html)]
    stack: list[str] = []
    for tag in _TAG.finditer(html):
        name = tag.group(2).lower()
        if name in _NOT_NESTING:
            continue
        if tag.group(1):
            _close(stack, name)
        elif not (_foreign(stack) and _self_closing(html, ends, tag.end())):
            stack.append(name)
            if len(stack) > MAX_DEPTH:
                return name
    return None


def _close(stack: list[str], name: str) -> None:
    """An end tag. The parser ignores it unless its element is open inside the nearest
    table or other boundary (_SCOPE); then it closes that element and every element
    inside it, but for a form or formatting (`</b>`), which takes only itself off (the
    parser may keep what is inside)."""
    for at in range(len(stack) - 1, -1, -1):
        if stack[at] == name:
            del stack[at : at + 1 if name in _ONLY_ITSELF else len(stack)]
            return
        if stack[at] in _SCOPE:
            return


def _fostered(html: str) -> int:
    """Text and elements written straight inside a table, outside its cells: the parser
    moves each one before the table, looking through all the table's neighbours."""
    ends = [m.start() for m in re.finditer(">", html)]
    inside: list[str] = []  # "table" or "cell", the innermost last
    count = after = 0
    for tag in _TAG.finditer(html):
        name, closing = tag.group(2).lower(), bool(tag.group(1))
        if inside[-1:] == ["table"]:
            count += bool(html[after : tag.start()].strip(_SPACES))
            count += not closing and name not in _TABLE_PARTS
        _follow_table(inside, name, closing)
        found = bisect.bisect_left(ends, tag.end())
        after = ends[found] + 1 if found < len(ends) else len(html)
    return count


def _follow_table(inside: list[str], name: str, closing: bool) -> None:
    """Where a tag leaves the page: in a table (outside its cells) or in a cell."""
    top = inside[-1] if inside else ""
    if name == "table" and not closing:
        inside.append("table")
    elif name == "table" and "table" in inside:
        del inside[len(inside) - 1 - inside[::-1].index("table") :]
    elif name in _CELLS and not closing and top == "table":
        inside.append("cell")
    elif name in _CELL_ENDS and top == "cell" and (closing or name not in _CELLS):
        inside.pop()


def _foreign(stack: list[str]) -> bool:
    """Inside a drawing or formula, where `/>` closes an element (not in HTML)."""
    return "svg" in stack or "math" in stack


def _self_closing(html: str, ends: list[int], after: int) -> bool:
    """Whether the tag whose name ends at `after` ends in `/>` (the next `>`, found by
    bisection, so that a page of tags never closed is still read once)."""
    found = bisect.bisect_left(ends, after)
    return found < len(ends) and html[ends[found] - 1] == "/"
