"""A last guard: citation or figure markup left in what a briefing prints.

`check` refuses prose whose brackets start like a citation but are not one, so none
should reach an output; but text that is not prose (a title, a label, a question's
`to`) is printed as typed, and a bug could let markup through. Before an output is
written, its plain text (the HTML's text content, the PDF's text layer) is searched for
`[@`, `[see @`, `[-@`, `[#` and Pandoc's `@id [`.

A briefing may print such markup on purpose, escaped in its prose (`\\[@id]`) or in
code (`` `[@id]` ``): `expected_markup` lists what the prose prints that way, and those
are not findings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from markdown_it.token import Token

from parlbrief.resolve.prose import citation_meta
from parlbrief.resolve.resolved import ResolvedBriefing

_LEFTOVER = re.compile(
    # [@id, [-@id, [see @id, [cf @id: @ after the bracket or after a space inside it
    r"\[(?:[^\[\]@\n]{0,40}\s)?-?@\s?[\w-]+"
    # [see@id, and [see@id]: a word run into the @ (not an address: press@napo.org)
    r"|\[[^\[\]\s@]{1,20}@[\w-]+(?=[,;\]])"
    # [#id and [# id
    r"|\[\s?#\s?[\w-]*"
    # Pandoc's in-text citation: @id [
    r"|(?<![\w.@])@[\w-]+\s?\[",
)


@dataclass(frozen=True)
class Leftover:
    """Markup found in an output's text."""

    markup: str
    """What was found, as printed: '[@unison-10-reasons', '[#tr-cost', '@id ['."""
    offset: int
    """Where in the text it starts."""
    context: str
    """The text around it, on one line, to show where it is."""

    def __str__(self) -> str:
        return f"{self.markup!r} in “{self.context}”"


def find_leftover_markup(text: str, expected: Iterable[str] = ()) -> list[Leftover]:
    """Citation and figure markup in `text` (an output's plain text), in order.

    `expected` is markup the briefing prints on purpose (see `expected_markup`): each
    item excuses one finding of the same markup (spaces and line breaks ignored).
    """
    excused = Counter(_key(markup) for markup in expected)
    found = []
    for match in _LEFTOVER.finditer(text):
        # The printed text may run on into what follows the markup (a note call, a
        # note's text), so a finding is excused by expected markup it begins with.
        key = _key(match.group())
        known = next((k for k in excused if excused[k] > 0 and key.startswith(k)), None)
        if known is not None:
            excused[known] -= 1
            continue
        start, end = max(match.start() - 30, 0), min(match.end() + 30, len(text))
        context = " ".join(text[start:end].split())
        found.append(Leftover(match.group(), match.start(), context))
    return found


def expected_markup(briefing: ResolvedBriefing) -> list[str]:
    """Markup the briefing's prose prints on purpose: escaped (`\\[@id]`) or in code."""
    proses = [briefing.summary, *(s.prose for s in briefing.sections)]
    proses += [q.prose for q in briefing.questions]
    return [
        markup for prose in proses if prose is not None for markup in prose_markup(prose.tokens)
    ]


def prose_markup(tokens: list[Token]) -> list[str]:
    """Markup that parsed prose prints on purpose (what `expected_markup` gathers)."""
    return [m.group() for text in _printed_text(tokens) for m in _LEFTOVER.finditer(text)]


def _printed_text(tokens: list[Token]) -> Iterable[str]:
    """The text of each paragraph as printed, of each code block, and of each locator
    (its backslash escapes taken out, as its note prints it)."""
    for block in tokens:
        if block.type in ("fence", "code_block"):
            yield block.content
        for child in block.children or ():
            if child.type in ("text", "code_inline"):
                yield child.content
            elif child.type == "citation":
                for cite in citation_meta(child)["cites"]:
                    yield _UNESCAPE.sub(r"\1", cite.locator)


_UNESCAPE = re.compile(r"\\(.)")


def _key(markup: str) -> str:
    return "".join(markup.split())
