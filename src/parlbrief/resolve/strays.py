"""Citation-like markup that is not a citation: `[see@justice-committee-2011, para 90]`.

The parser reads brackets as a citation only when they start like one (`[@`, `[see @`);
anything else is text and would print as typed. A missing space (`see@id`), an @ or #
outside brackets (`as @napo-2016 says`) or markup split by a typo is still meant as a
citation when it names a reference (or a statistic) the project has: the resolver
reports it at its line (see `stray_problem`).

A core rule of the parser (`find_strays`, which runs before markdown-it joins text
tokens, so that escapes are still apart) records every candidate on its paragraph;
markup after a backslash (`\\[see@id]`, `\\@id`) or in code is printed on purpose and
is not a candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

#: `@id` or `#id` in text: the id as ids are written; one followed by a dot and more
#: (press@napo.org.uk, page.html#top) is an address, not an id.
_CANDIDATE = re.compile(r"(?P<mark>[@#])(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)(?![\w-]|\.\w)")
#: Where the candidates of a paragraph are kept, on its inline token's meta.
STRAYS = "parlbrief_strays"


@dataclass(frozen=True)
class Stray:
    """Markup in a paragraph's text that names an id: how it was written, and the id."""

    markup: str
    """What to show: the brackets around it, or the @id itself."""
    mark: str
    """'@' (a reference) or '#' (a statistic)."""
    id: str


def find_strays(state: StateCore) -> None:
    """Record on each paragraph the citation-like markup in its text (a core rule)."""
    for block in state.tokens:
        found = _in_children(block.children or []) if block.type == "inline" else []
        if found:
            block.meta = {**(block.meta or {}), STRAYS: found}


def _in_children(children: list[Token]) -> list[Stray]:
    """The candidates in a paragraph's text tokens, in order."""
    found: list[Stray] = []
    for index, child in enumerate(children):
        if child.type == "text":
            before = children[index - 1] if index > 0 else None
            escaped = before is not None and before.type == "text_special" and before.content == "["
            found.extend(_in_text(child.content, escaped))
    return found


def strays(block: Token) -> list[Stray]:
    """The candidates `find_strays` recorded on a paragraph."""
    return cast(list[Stray], (block.meta or {}).get(STRAYS, []))


def _in_text(text: str, after_escaped_bracket: bool) -> list[Stray]:
    """The candidates in one text token; those inside a bracket opened by an escaped
    `\\[` just before it are printed on purpose."""
    found = []
    for match in _CANDIDATE.finditer(text):
        opened = text.rfind("[", 0, match.start())
        closed = text.rfind("]", 0, match.start())
        if opened < 0 and closed < 0 and after_escaped_bracket:
            continue
        if match["mark"] == "#" and opened <= closed:
            continue  # a # outside brackets is ordinary text ('#1', a hashtag)
        found.append(Stray(_shown(text, match, opened, closed), match["mark"], match["id"]))
    return found


def _shown(text: str, match: re.Match[str], opened: int, closed: int) -> str:
    """The markup as written: from its `[` to its `]` when it is inside brackets."""
    end = text.find("]", match.end())
    if opened > closed and end >= 0:
        return text[opened : end + 1]
    return match.group()


def stray_problem(stray: Stray, kind: str) -> str:
    """The message for markup naming a known reference or statistic (`kind`)."""
    what = "a citation" if stray.mark == "@" else "a figure"
    if stray.markup.startswith("["):
        fixed = re.sub(r"(?<=\w)([@#])", r" \1", stray.markup)
        fixed = re.sub(r"\[\s+", "[", fixed)
    else:
        fixed = f"[{stray.mark}{stray.id}]"
    return (
        f"{stray.markup}: this names the {kind} '{stray.id}' but is not {what}, so it "
        f"would print as typed - write {fixed} (or put a backslash before the "
        f"{stray.mark} to print it as it is)"
    )
