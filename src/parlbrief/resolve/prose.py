"""Markdown with citations: `[@ref, para 90]`, `[see @a; @b]` and figures `[#stat-id]`.

Prose is content, never a template: it is parsed by markdown-it-py with raw HTML off
(the `js-default` preset) and two inline rules of our own that turn bracketed citations
and figure references into tokens. Those tokens are numbered in the resolve stage and
turned into footnotes in the render stage; what each kind carries between the stages,
in markdown-it's untyped `Token.meta`, is declared once here (`CitationMeta`,
`FigureMeta`) and read through `citation_meta` and `figure_meta`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, NotRequired, TypedDict, cast

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from parlbrief.errors import Origin
from parlbrief.resolve import safety

# One cited item: an optional prefix ("see", "see also"), the id, an optional locator.
_ITEM = re.compile(r"^(?P<prefix>.*?)(?:^|(?<=\s))@(?P<id>[^\s,;\]]+)\s*(?:,\s*(?P<locator>.*))?$")
_FIGURE = re.compile(r"^#(?P<id>[^\s,\]]+)\s*(?:,\s*(?P<option>.*))?$")
#: Line breaks as markdown-it reads them.
_NEWLINES = re.compile(r"\r\n?|\n")


@dataclass(frozen=True)
class Cite:
    """One source in a citation: `see @justice-committee-2011, para 90`."""

    id: str
    prefix: str = ""
    locator: str = ""


class CitationMeta(TypedDict):
    """What a `citation` token carries: the parser sets `cites`, the resolve stage `note`."""

    cites: list[Cite]
    note: NotRequired[int | None]
    """The number of the note it calls; None when none of its references exists."""


class FigureMeta(TypedDict):
    """What a `figure` token carries: the parser sets `id` and `option`, resolve the rest."""

    id: str
    """The statistic's id, `[#id]`."""
    option: str
    """What follows the comma, e.g. 'change since other-id'; empty when nothing does."""
    display: NotRequired[str]
    """The figure as printed; the text as written when it cannot be valued."""
    note: NotRequired[int | None]
    """The number of the note saying where the figure comes from."""


def citation_meta(token: Token) -> CitationMeta:
    """A citation token's meta, typed (the same dict: writes go to the token)."""
    return cast(CitationMeta, token.meta)


def figure_meta(token: Token) -> FigureMeta:
    """A figure token's meta, typed (the same dict: writes go to the token)."""
    return cast(FigureMeta, token.meta)


def _set_meta(token: Token, meta: CitationMeta | FigureMeta) -> None:
    # markdown-it types Token.meta as a plain dict, which a TypedDict is not.
    token.meta = cast(dict[str, Any], meta)


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
            _set_meta(token, {"id": figure["id"], "option": (figure["option"] or "").strip()})
        else:
            assert cites is not None  # one of the two matched, above
            # A note call hugs the word before it, as in Pandoc: "claim [@ref]" -> "claim¹".
            state.pending = state.pending.rstrip()
            token = state.push("citation", "", 0)
            _set_meta(token, {"cites": cites})
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


def note_calls(
    tokens: list[Token], text: str, origin: Origin, first_line: int | None
) -> Iterator[tuple[Token, Origin]]:
    """Each citation and figure token of parsed `text`, in order, with where it was written.

    `first_line` is the file line `text` starts on; without it, each is placed at `origin`.
    """
    # Lines as markdown-it counts them (a lone \r ends a line too), so that a
    # block's line numbers index this list.
    lines = _NEWLINES.split(text)
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        where = _Lines(origin, first_line, lines, block.map)
        for token in block.children:
            if token.type in ("citation", "figure"):
                yield token, where.of(token)


class _Lines:
    """Finds the file line of each citation in a paragraph, for error messages.

    markdown-it gives a paragraph its lines but not the tokens inside it, so each
    `[...]` is looked for in the paragraph's source, in order, from the last one found.
    """

    def __init__(
        self, origin: Origin, first: int | None, lines: list[str], span: list[int] | None
    ) -> None:
        self.origin, self.first, self.lines = origin, first, lines
        self.line, self.end = (span[0], span[1]) if span else (0, 0)

    def of(self, token: Token) -> Origin:
        if self.first is None or self.end == 0:
            return self.origin
        wanted = f"[{token.content}]"
        for index in range(self.line, self.end):
            if wanted in self.lines[index]:
                self.line = index
                break
        return Origin(self.origin.path, self.first + self.line)
