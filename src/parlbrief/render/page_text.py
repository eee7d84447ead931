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
from collections.abc import Callable, Iterable, Iterator
from functools import partial

#: Lowercase ASCII letters only, so that positions in the copy are positions in the page.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_WORD = frozenset(string.ascii_letters + string.digits + "_")


def without_code(page: str) -> str:
    """`page` with each `<style ...>...</style>` and `<script ...>...</script>` element
    replaced by a space (any case); an element never closed is left as it is."""
    lower = page.translate(_ASCII_LOWER)

    def closing(tag: str, start: int) -> int:
        end = lower.find(f"</{tag}>", start)
        return end + len(tag) + 3 if end >= 0 else -1

    parts: list[str] = []
    pos = 0
    for _, start, end in _in_order(("style", "script"), partial(_opening, lower), closing):
        parts += [page[pos:start], " "]
        pos = end
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

    def closing(needle: str, start: int) -> int:
        end = page.find('"', start + len(needle))
        return end + 1 if end >= 0 else -1

    for needle, start, end in _in_order([f'{n}="' for n in names], page.find, closing):
        yield page[start + len(needle) : end - 1]


def _in_order(
    keys: Iterable[str], find: Callable[[str, int], int], close: Callable[[str, int], int]
) -> Iterator[tuple[str, int, int]]:
    """Each (key, start, end) in the page's order: the earliest of `find(key, pos)` for
    `keys`, ending where `close(key, start)` says (-1: never closed, so no later one of
    that key is either). Each search resumes after the last end, and a key not found
    or never closed is not searched for again."""
    found = {key: find(key, 0) for key in keys}
    while found:
        key = min(found, key=found.__getitem__)
        start = found[key]
        end = close(key, start) if start >= 0 else -1
        if end < 0:
            del found[key]
            continue
        yield key, start, end
        found = {k: at if at >= end else find(k, end) for k, at in found.items()}
