"""Where a figure's note is called: after the clause, never straight after the number.

A note call printed just after a figure reads as a power ("35³", "12¹³ minutes"). As
OSCOLA places calls after punctuation, a figure's call goes after the next mark that
ends its clause or sentence (`,` `;` `:` `.` `?` `!`, with any closing quotation mark
or bracket) or, failing one, at the end of the paragraph. This core rule of the parser
puts a `figure_call` token there for the figures before it; the resolve stage gives it
its note, sharing one note between the figures of a sentence that come from the same
source (see `FigureNotes.call`).

A call that falls just before a citation's call ("... organisations.[@ifg]") joins that
citation's note, so that two calls never stand side by side ("organisations.⁴⁵").

A comma between two capitalised words ("Kent, Surrey and Sussex") is taken to be inside
a name or a list of names, not the end of a clause, so no call lands there. And as
OSCOLA puts a call after the punctuation of the clause it supports, a citation written
before a mark (`suggestions[@napo]:`) is called after it ("suggestions:¹"): the core
rule `calls_after_punctuation` moves the mark, before the figures' calls are placed.
"""

from __future__ import annotations

import re
from typing import Any, NotRequired, TypedDict, cast

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

#: A mark ending a clause or a sentence, with any closing quotation marks or brackets,
#: before a space or the end of the text (so that "4,542" and "2.5" are not ends).
_CLAUSE_END = re.compile(r"[,;:.?!][”’\"')\]]*(?=\s|$)")
_SENTENCE_END = frozenset(".?!")
#: Marks at the start of the text after a citation that its call goes after: at least
#: one that ends a clause, with any closing quotation marks or brackets, before a
#: space or the end (so "Napo[@x]’s" keeps its apostrophe after the call).
_AFTER_CITATION = re.compile(r"(?=[”’\"')\]]*[,;:.?!])[,;:.?!”’\"')\]]+(?=\s|$)")
#: A capitalised word just before a comma, and one just after it: inside a name.
_NAME_BEFORE = re.compile(r"\b[A-Z][\w’'-]*$")
_NAME_AFTER = re.compile(r"\s+[A-Z]")


class CallMeta(TypedDict):
    """What a `figure_call` token carries: the parser sets the first three, resolve `note`."""

    figures: list[Token]
    """The figure tokens whose clause ends here, in order."""
    sentence: list[Token]
    """Every figure call of the same sentence, in order (this one among them)."""
    joins_citation: bool
    """Whether a citation's call follows at once, so that the two share its note."""
    plan: NotRequired[list[Token]]
    """Set by resolve on each call of a sentence, at its first: the figures this call
    notes, after figures from one source are gathered at the last of their calls."""
    note: NotRequired[int | None]
    """The note it calls; None when it calls none (its figures are noted elsewhere)."""


def call_meta(token: Token) -> CallMeta:
    """A figure call's meta, typed (the same dict: writes go to the token)."""
    return cast(CallMeta, token.meta)


def calls_after_punctuation(state: StateCore) -> None:
    """Move the punctuation written just after a citation before it, so that its call
    follows the mark ("suggestions:¹", not "suggestions¹:")."""
    for block in state.tokens:
        children = block.children if block.type == "inline" else None
        for index, child in enumerate(children or []):
            if child.type == "citation" and children and index + 1 < len(children):
                _take_punctuation(children, index)


def _take_punctuation(children: list[Token], index: int) -> None:
    """The marks opening the text after the citation at `index`, put before it."""
    after = children[index + 1]
    match = _AFTER_CITATION.match(after.content) if after.type == "text" else None
    if match is None or after.meta:
        return
    after.content = after.content[match.end() :]
    before = children[index - 1] if index > 0 else None
    if before is not None and before.type == "text" and not before.meta:
        before.content += match.group()
    else:
        children.insert(index, _text(after, match.group()))


def inside_names(text: str, comma: int) -> bool:
    """Whether the comma at `comma` stands between two capitalised words ("Kent,
    Surrey"): inside a name or a list of names, where no call goes."""
    return (
        text[comma] == ","
        and _NAME_BEFORE.search(text, 0, comma) is not None
        and _NAME_AFTER.match(text, comma + 1) is not None
    )


def place_figure_calls(state: StateCore) -> None:
    """Put a `figure_call` token after the clause of each figure in each paragraph."""
    for block in state.tokens:
        children = block.children if block.type == "inline" else None
        if children and any(child.type == "figure" for child in children):
            block.children = _Placer().place(children)


class _Placer:
    """One paragraph's children, rebuilt with calls after the figures' clauses."""

    def __init__(self) -> None:
        self.out: list[Token] = []
        self.waiting: list[Token] = []
        """Figures whose clause has not ended yet."""
        self.sentence: list[Token] = []

    def place(self, children: list[Token]) -> list[Token]:
        for index, child in enumerate(children):
            if child.type == "figure":
                self.waiting.append(child)
            # A text token with meta stands for something the safety rules refused (a
            # link or picture shown as text, reported by resolve): kept whole, as is.
            if child.type == "text" and self.waiting and not child.meta:
                following = children[index + 1] if index + 1 < len(children) else None
                self.split(child, following)
            else:
                self.out.append(child)
                if child.type == "text":
                    self.sentence_ends(child.content)
        if self.waiting:
            self.call(joins_citation=False)
        return self.out

    def split(self, text: Token, following: Token | None) -> None:
        """Copy a text token, cut after each clause end that has figures waiting."""
        at = 0
        for end in _CLAUSE_END.finditer(text.content):
            if inside_names(text.content, end.start()):
                continue
            if self.waiting:
                self.out.append(_text(text, text.content[at : end.end()]))
                at = end.end()
                last = at == len(text.content)
                self.call(last and following is not None and following.type == "citation")
            if end.group()[0] in _SENTENCE_END:
                self.sentence = []
        if at < len(text.content):
            self.out.append(_text(text, text.content[at:]))

    def sentence_ends(self, text: str) -> None:
        if any(end.group()[0] in _SENTENCE_END for end in _CLAUSE_END.finditer(text)):
            self.sentence = []

    def call(self, joins_citation: bool) -> None:
        token = Token("figure_call", "", 0)
        meta: CallMeta = {
            "figures": self.waiting,
            "sentence": self.sentence,
            "joins_citation": joins_citation,
        }
        token.meta = cast(dict[str, Any], meta)
        self.sentence.append(token)
        self.out.append(token)
        self.waiting = []


def _text(like: Token, content: str) -> Token:
    token = Token("text", "", 0)
    token.content, token.level = content, like.level
    return token
