"""Markdown with citations: `[@ref, para 90]`, `[see @a; @b]` and figures `[#stat-id]`.

Prose is content, never a template: it is parsed by markdown-it-py with raw HTML off
(the `js-default` preset) and two inline rules of our own that turn bracketed citations
and figure references into tokens. Those tokens are numbered in the resolve stage and
turned into footnotes in the render stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from parlbrief.resolve import safety

# One cited item: an optional prefix ("see", "see also"), the id, an optional locator.
_ITEM = re.compile(r"^(?P<prefix>.*?)(?:^|(?<=\s))@(?P<id>[^\s,;\]]+)\s*(?:,\s*(?P<locator>.*))?$")
_FIGURE = re.compile(r"^#(?P<id>[^\s,\]]+)\s*(?:,\s*(?P<option>.*))?$")


@dataclass(frozen=True)
class Cite:
    """One source in a citation: `see @justice-committee-2011, para 90`."""

    id: str
    prefix: str = ""
    locator: str = ""


def parse_citation(content: str) -> list[Cite] | None:
    """The items of `[...]` content, or None when it is not a citation."""
    if "@" not in content:
        return None
    cites = []
    for part in content.split(";"):
        match = _ITEM.match(part.strip())
        if match is None:
            return None
        cites.append(
            Cite(
                id=match["id"],
                prefix=" ".join(match["prefix"].split()),
                locator=" ".join((match["locator"] or "").split()),
            )
        )
    return cites


def _bracket_rule(state: StateInline, silent: bool) -> bool:
    """Turn `[@...]` into a citation token and `[#...]` into a figure token."""
    pos = state.pos
    if state.src[pos] != "[":
        return False
    end = state.src.find("]", pos + 1)
    if end < 0:
        return False
    # `[text](url)` and `[text][ref]` stay links.
    if end + 1 < state.posMax and state.src[end + 1] in "([":
        return False
    content = state.src[pos + 1 : end]
    if "[" in content or "\n\n" in content:
        return False
    figure = _FIGURE.match(content.strip())
    cites = None if figure else parse_citation(content)
    if figure is None and cites is None:
        return False
    if not silent:
        if figure is not None:
            token = state.push("figure", "", 0)
            token.meta = {"id": figure["id"], "option": (figure["option"] or "").strip()}
        else:
            # A note call hugs the word before it, as in Pandoc: "claim [@ref]" -> "claim¹".
            state.pending = state.pending.rstrip()
            token = state.push("citation", "", 0)
            token.meta = {"cites": cites}
        token.content = content
    state.pos = end + 1
    return True


@cache
def markdown() -> MarkdownIt:
    """The one Markdown parser: CommonMark, raw HTML off, smart quotes, our citations."""
    md = MarkdownIt("js-default", {"typographer": True})
    md.enable(["replacements", "smartquotes"])
    md.inline.ruler.before("link", "parlbrief_cite", _bracket_rule)
    # Every link and image becomes a token, so that parlbrief.resolve.safety can
    # neutralise a refused one and the resolver can say where it is (markdown-it's own
    # check would leave `[x](javascript:...)` as silent text).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.core.ruler.push("parlbrief_safety", safety.neutralise)
    return md


def parse(text: str) -> list[Token]:
    """Block tokens for `text`; inline tokens hold citation and figure children."""
    return markdown().parse(text, {})
