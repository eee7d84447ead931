"""CSS read token by token, as the checks of untrusted CSS need it.

A check that looks only at the top level of a value misses `url()` inside a function
or a block (`image-set(url(x))`, `var(--a, url(x))`), so the SVG cleaner (svg.styles)
and the page guard (guard.py) walk every token with `css_tokens`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tinycss2.ast import Node


def css_tokens(tokens: Iterable[Node]) -> Iterator[Node]:
    """Every CSS token, nested blocks and function arguments included."""
    for token in tokens:
        yield token
        if token.type == "function":
            yield from css_tokens(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            yield from css_tokens(token.content)
