"""The text of a filled-in page, read in one pass (for the web fonts' character set).

A project's template can write anything, so nothing here looks at a character more
than a few times: each search resumes where the last one ended, and a search that
finds nothing is not tried again. (Regular expressions did this job, and a template
writing `<style` 200,000 times held them for minutes: each unclosed `<style` searched
to the end of the page for its `</style>`.) The result is as the expressions gave it:
`<style>` and `<script>` elements left out up to their closing tag, every `<...>` left
out, and the values of the attributes a browser may show.
"""

from __future__ import annotations

import string
from collections.abc import Iterator

#: Lowercase ASCII letters only, so that positions in the copy are positions in the page.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_WORD = frozenset(string.ascii_letters + string.digits + "_")


def without_code(page: str) -> str:
    """`page` with each `<style ...>...</style>` and `<script ...>...</script>` element
    replaced by a space (any case); an element never closed is left as it is."""
    lower = page.translate(_ASCII_LOWER)
    found = {tag: _opening(lower, tag, 0) for tag in ("style", "script")}
    parts: list[str] = []
    pos = 0
    while found:
        tag = min(found, key=lambda t: found[t])
        start = found[tag]
        if start < 0:
            del found[tag]
            continue
        end = lower.find(f"</{tag}>", start)
        if end < 0:  # no later one closes either
            del found[tag]
            continue
        parts += [page[pos:start], " "]
        pos = end + len(tag) + 3
        found = {t: at if at >= pos else _opening(lower, t, pos) for t, at in found.items()}
    parts.append(page[pos:])
    return "".join(parts)


def _opening(lower: str, tag: str, pos: int) -> int:
    """Where the next `<tag` (a whole word) starts from `pos`, or -1."""
    needle = "<" + tag
    at = lower.find(needle, pos)
    while at >= 0:
        after = at + len(needle)
        if after >= len(lower) or lower[after] not in _WORD:
            return at
        at = lower.find(needle, after)
    return -1


def without_tags(text: str) -> str:
    """`text` with each `<...>` replaced by a space; a `<` never closed stays as text."""
    parts: list[str] = []
    pos = 0
    while (start := text.find("<", pos)) >= 0:
        end = text.find(">", start)
        if end < 0:
            break  # no later `<` is closed either
        parts += [text[pos:start], " "]
        pos = end + 1
    parts.append(text[pos:])
    return "".join(parts)


def attribute_values(page: str, names: tuple[str, ...]) -> Iterator[str]:
    """The value of each `name="..."` in the page, for each of `names`, in order."""
    needles = [f'{name}="' for name in names]
    found = {n: page.find(n) for n in needles}
    pos = 0
    while found:
        needle = min(found, key=lambda n: found[n])
        start = found[needle]
        if start < 0:
            del found[needle]
            continue
        end = page.find('"', start + len(needle))
        if end < 0:
            return  # no later value is closed either
        yield page[start + len(needle) : end]
        pos = end + 1
        found = {n: at if at >= pos else page.find(n, pos) for n, at in found.items()}
