"""Markdown with citations: `[@ref, para 90]`, `[see @a; @b]` and figures `[#stat-id]`.

Prose is content, never a template: it is parsed by markdown-it-py with raw HTML off
(the `js-default` preset) and inline rules of our own that turn bracketed citations
and figure references into tokens; what is between the brackets is read strictly (see
`citation_syntax`), and brackets that start like a citation but are not one become a
citation token carrying the mistake, which the resolve stage reports. A core rule then
places each figure's note call after its clause (see `placement`). The tokens are
numbered in the resolve stage and turned into footnotes in the render stage; what each
kind carries between the stages, in markdown-it's untyped `Token.meta`, is declared
once (`CitationMeta`, `FigureMeta`, `placement.CallMeta`) and read through
`citation_meta`, `figure_meta` and `call_meta`.

A literal `[@` or `[#` is written with a backslash, `\\[@`, as Markdown escapes any
punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any, NotRequired, TypedDict, cast

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.link import link as link_rule
from markdown_it.token import Token

from parlbrief.errors import Origin
from parlbrief.resolve import safety
from parlbrief.resolve.citation_syntax import (
    UNCLOSED,
    Cite,
    Figure,
    Misread,
    in_text,
    looks_like_citation,
    read_brackets,
)
from parlbrief.resolve.placement import call_meta, calls_after_punctuation, place_figure_calls
from parlbrief.resolve.strays import Stray, find_strays, strays

#: Line breaks as markdown-it reads them.
_NEWLINES = re.compile(r"\r\n?|\n")
#: Pandoc's in-text citation, `@id [para 95]`: an id, then brackets.
_IN_TEXT = re.compile(r"@(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*(?=\[)")
#: Brackets longer than this are not looked into for a citation (nor closed).
_LONGEST = 4000
#: A mistake quotes at most this much of what was written.
_SHOWN = 80


class CitationMeta(TypedDict):
    """What a `citation` token carries: the parser sets `cites`, the resolve stage `note`."""

    cites: list[Cite]
    problem: NotRequired[str]
    """Set when the brackets start like a citation or a figure but are not one: the
    message (markup, what is wrong, what to write); `cites` is then empty."""
    note: NotRequired[int | None]
    """The number of the note it calls; None when none of its references exists."""
    own: NotRequired[bool]
    """Set on `[our position]`: no source, and none needed (see `OWN_POSITION`)."""


#: What marks a sentence as the organisation's own position, after it as a citation
#: would be: "A reunified service would work better.[our position]". It prints nothing
#: and cites nothing; `parlbrief claims` lists the sentence as the organisation's own
#: word instead of as resting on no source.
OWN_POSITION = "our position"


class FigureMeta(TypedDict):
    """What a `figure` token carries: the parser sets `id` and `option`, resolve the rest.

    Its note is called by a `figure_call` token after the clause (see `placement`)."""

    id: str
    """The statistic's id, `[#id]`."""
    option: str
    """What follows the comma, e.g. 'change since other-id'; empty when nothing does."""
    display: NotRequired[str]
    """The figure as printed; the text as written when it cannot be valued."""


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
    """The items of `[...]` content; None when it is not a citation, or a mistaken one."""
    read = read_brackets(content)
    return read if isinstance(read, list) else None


def _closing(src: str, start: int, stop: int) -> int:
    """The index of the `]` that closes the `[` at `start` (brackets nest, `\\]` does
    not count); -1 when none does before `stop` or within `_LONGEST` characters."""
    depth, at, stop = 0, start, min(stop, start + _LONGEST)
    while at < stop:
        char = src[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return at
        at += 1
    return -1


def _bracket_rule(state: StateInline, silent: bool) -> bool:
    """Turn `[@...]` into a citation token and `[#...]` into a figure token; brackets
    that start like either but are not one into a citation token with a `problem`."""
    pos, src = state.pos, state.src
    if src[pos] != "[":
        return False
    end = _closing(src, pos, state.posMax)
    # `[text](url)` and `[text][ref]` stay links; brackets followed by `(` or `[` that
    # make no link (`[#a[@b]][@b]`) are read here like any others.
    if end >= 0 and end + 1 < state.posMax and src[end + 1] in "([" and _is_link(state):
        return False
    if end < 0:
        return _unclosed(state, silent)
    if " ".join(src[pos + 1 : end].split()).casefold() == OWN_POSITION:
        if not silent:
            _push_own(state, src[pos : end + 1])
        state.pos = end + 1
        return True
    read = read_brackets(src[pos + 1 : end])
    if read is None:
        return False
    if not silent:
        _push(state, read, src[pos : end + 1])
    state.pos = end + 1
    return True


def _is_link(state: StateInline) -> bool:
    """Whether markdown-it reads a link at `state.pos` (asked silently; nothing moves)."""
    pos = state.pos
    try:
        return link_rule(state, True)
    finally:
        state.pos = pos


def _unclosed(state: StateInline, silent: bool) -> bool:
    """`[@id, para 9` with no `]`: a mistake up to the next `[` or the end of the line."""
    pos, src = state.pos, state.src
    stop = min(_find(src, "[", pos + 1, state.posMax), _find(src, "\n", pos, state.posMax))
    if not looks_like_citation(src[pos + 1 : stop]):
        return False
    if not silent:
        _push(state, UNCLOSED, src[pos:stop].rstrip())
    state.pos = stop
    return True


def _find(src: str, char: str, start: int, stop: int) -> int:
    found = src.find(char, start, stop)
    return stop if found < 0 else found


def _in_text_rule(state: StateInline, silent: bool) -> bool:
    """Pandoc's in-text citation, `@id [para 95]`: a mistake, with the form to write."""
    pos, src = state.pos, state.src
    if src[pos] != "@" or (pos > 0 and not (src[pos - 1].isspace() or src[pos - 1] in "(*_")):
        return False
    match = _IN_TEXT.match(src, pos, state.posMax)
    if match is None:
        return False
    end = _closing(src, match.end(), state.posMax)
    if end < 0 or (end + 1 < state.posMax and src[end + 1] in "(["):
        return False
    inside = src[match.end() + 1 : end]
    if looks_like_citation(inside):
        return False  # `@napo [@ref]`: a handle, then a citation
    if not silent:
        _push(state, in_text(match["id"], inside), src[pos : end + 1])
    state.pos = end + 1
    return True


def _push(state: StateInline, read: list[Cite] | Figure | Misread, markup: str) -> None:
    """The token for brackets read as `read`; `markup` is what was written."""
    if isinstance(read, Figure):
        token = state.push("figure", "", 0)
        _set_meta(token, {"id": read.id, "option": read.option})
    else:
        # A note call hugs the word before it, as in Pandoc: "claim [@ref]" -> "claim¹".
        state.pending = state.pending.rstrip()
        token = state.push("citation", "", 0)
        if isinstance(read, Misread):
            shown = " ".join(markup.split())
            shown = shown if len(shown) <= _SHOWN else shown[: _SHOWN - 1] + "…"
            _set_meta(token, {"cites": [], "problem": f"{shown}: {read.problem} - {read.instead}"})
        else:
            _set_meta(token, {"cites": read})
    token.markup = markup
    token.content = markup[1:-1] if markup.endswith("]") else markup[1:]


def _push_own(state: StateInline, markup: str) -> None:
    """`[our position]`: a citation token that cites nothing and prints nothing."""
    state.pending = state.pending.rstrip()
    token = state.push("citation", "", 0)
    _set_meta(token, {"cites": [], "own": True})
    token.markup, token.content = markup, markup[1:-1]


@cache
def markdown() -> MarkdownIt:
    """The one Markdown parser: CommonMark, raw HTML off, smart quotes, our citations."""
    md = MarkdownIt("js-default", {"typographer": True})
    md.enable(["replacements", "smartquotes"])
    md.inline.ruler.before("link", "parlbrief_cite", _bracket_rule)
    md.inline.ruler.before("link", "parlbrief_in_text", _in_text_rule)
    # Every link and image becomes a token, so that parlbrief.resolve.safety can
    # neutralise a refused one and the resolver can say where it is (markdown-it's own
    # check would leave `[x](javascript:...)` as silent text).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    # Before markdown-it joins escaped characters into the text around them.
    md.core.ruler.before("text_join", "parlbrief_strays", find_strays)
    md.core.ruler.push("parlbrief_safety", safety.neutralise)
    md.core.ruler.push("parlbrief_calls_after_punctuation", calls_after_punctuation)
    md.core.ruler.push("parlbrief_figure_calls", place_figure_calls)
    return md


def parse(text: str) -> list[Token]:
    """Block tokens for `text`; inline tokens hold citation, figure and call children."""
    return markdown().parse(text, {})


def note_calls(
    tokens: list[Token], text: str, origin: Origin, first_line: int | None
) -> Iterator[tuple[Token, Origin]]:
    """Each citation, figure and figure call of parsed `text`, with where it was written.

    In each paragraph the figures come first (valuing them numbers no note), then the
    citations and figure calls in the order they are printed, which is the order of
    their notes. `first_line` is the file line `text` starts on; without it, each is
    placed at `origin`. A mistaken citation in a Markdown file gets a column too (the
    text of a YAML block is indented in its file by an amount this cannot know).
    """
    # Lines as markdown-it counts them (a lone \r ends a line too), so that a
    # block's line numbers index this list.
    lines = _NEWLINES.split(text)
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        where = _Lines(origin, first_line, lines, block.map)
        found = [(t, where.of(t)) for t in block.children if t.type in _NOTED]
        yield from ((t, at) for t, at in found if t.type == "figure")
        figures = {id(t): at for t, at in found if t.type == "figure"}
        for token, at in found:
            if token.type == "figure_call":
                first = call_meta(token)["figures"][0]
                yield token, figures.get(id(first), at)
            elif token.type == "citation":
                yield token, at


_NOTED = frozenset({"citation", "figure", "figure_call"})


def stray_markup(
    tokens: list[Token], text: str, origin: Origin, first_line: int | None
) -> Iterator[tuple[Stray, Origin]]:
    """Each piece of citation-like markup in the text of parsed `text` (see `strays`),
    with the line it was written on."""
    lines = _NEWLINES.split(text)
    for block in tokens:
        found = strays(block) if block.type == "inline" else []
        where = _Lines(origin, first_line, lines, block.map) if found else None
        for stray in found:
            assert where is not None
            marker = Token("text", "", 0)
            marker.markup = stray.markup
            yield stray, where.of(marker)


class _Lines:
    """Finds the line and column of each citation in a paragraph, for error messages.

    markdown-it gives a paragraph its lines but not the tokens inside it, so what each
    token's markup begins with is looked for in the paragraph's source, in order, from
    the last one found.
    """

    def __init__(
        self, origin: Origin, first: int | None, lines: list[str], span: list[int] | None
    ) -> None:
        self.origin, self.first, self.lines = origin, first, lines
        self.line, self.end = (span[0], span[1]) if span else (0, 0)
        self.column = 0
        self.markdown_file = origin.path.endswith(".md")

    def of(self, token: Token) -> Origin:
        if self.first is None or self.end == 0:
            return self.origin
        wanted = token.markup.split("\n")[0]
        for index in range(self.line, self.end):
            start = self.column if index == self.line else 0
            column = self.lines[index].find(wanted, start) if wanted else -1
            if column >= 0:
                self.line, self.column = index, column + 1
                return self.at(column + 1, token)
        return self.at(None, token)

    def at(self, column: int | None, token: Token) -> Origin:
        line = self.first + self.line if self.first is not None else None
        # Only mistakes get a column for now: other checks' messages give the line.
        shown = self.markdown_file and "problem" in token.meta
        return Origin(self.origin.path, line, column if shown else None)
