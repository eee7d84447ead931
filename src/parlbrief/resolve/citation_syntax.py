"""Reading what is written between `[` and `]`: a citation, a figure, or a mistake.

The syntax is strict. Brackets that start like a citation (`[@`, `[see @`, `[-@`, any
`[...]` with an `@id` in it) or a figure (`[#`) must read exactly as one, or they are a
mistake, reported with the citation as it should have been written:

    [@unison-10-reasons reason 5]    a comma goes after the id
    [@unison-10-reasons; reason 3]   a semicolon separates two sources
    [# tr-cost]                      no space after #

Pandoc's forms are read with the meaning they have there, as far as footnotes allow:
its locator terms (`p.`, `pp.`, `chap.`) are written the OSCOLA way (see `locators`);
`[-@id]` (leave out the author) and the in-text `@id [p 3]` have no meaning in a
footnote, and are refused with the form to write instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parlbrief.resolve.locators import normalise_locator

#: An id as written: anything up to a space, comma, semicolon or bracket (a wrong id is
#: then reported as an unknown reference, with the nearest known one); a full stop or
#: colon at its end is punctuation, not part of it.
_ID = r"[^\s,;\[\]]*[^\s,;\[\].:]"
#: One cited item: a prefix ending in a space ("see also "), then @id, then the rest.
_ITEM = re.compile(rf"^(?P<prefix>(?:[^@]*\s)?)(?P<dash>-?)@(?P<id>{_ID})?(?P<rest>.*)$", re.S)
_FIGURE = re.compile(rf"^#(?P<id>{_ID})?(?P<rest>.*)$", re.S)
#: `@` opening the brackets (`[@`, `[-@`), or `@id` after a space or `;` further in.
_AT_ID = re.compile(r"^-?@|(?<=[\s;])-?@\w")
#: Another source inside a locator, `[@a, para 3 @b]` or `[@a, para 3 [@b]]` (not `\\[@b`).
_SECOND_SOURCE = re.compile(r"(?:^|(?<=\s))@\w|(?<!\\)\[\s*-?@\w")
FORM = "[@reference-id, para 95]"
"""The form of a citation, for messages."""


@dataclass(frozen=True)
class Cite:
    """One source in a citation: `see @justice-committee-2011, para 90`."""

    id: str
    prefix: str = ""
    """Words before the @ ('see', 'see also', 'cf'), printed before the citation."""
    locator: str = ""
    """The pinpoint, and any comment, after the comma: 'para 90'; in OSCOLA form
    ('p. 33-35' is kept as 'p 33–35'), with any Markdown emphasis as written."""


@dataclass(frozen=True)
class Figure:
    """`[#id]` or `[#id, change since other-id]`."""

    id: str
    option: str = ""


@dataclass(frozen=True)
class Misread:
    """Brackets that start like a citation or a figure but are not one: what is wrong."""

    problem: str
    """What is wrong, in words: 'a comma goes after the id'."""
    instead: str
    """What to write instead: 'write [@unison-10-reasons, reason 5]'."""


def looks_like_citation(content: str) -> bool:
    """Whether `[content]` starts like a citation or a figure, and so must read as one."""
    stripped = content.lstrip()
    return stripped.startswith("#") or bool(_AT_ID.search(stripped))


def read_brackets(content: str) -> list[Cite] | Figure | Misread | None:
    """What `[content]` is: a citation's items, a figure, a mistake, or None (text)."""
    if not looks_like_citation(content):
        return None
    stripped = " ".join(content.split())
    if stripped.startswith("#"):
        return read_figure(stripped)
    return read_citation(stripped)


def read_figure(text: str) -> Figure | Misread:
    """`#id` or `#id, option`."""
    match = _FIGURE.match(text)
    assert match is not None  # the pattern matches anything starting with '#'
    sid, rest = match["id"], match["rest"]
    if sid is None:
        word = rest.split(",")[0].strip()
        if word and " " not in word:
            return Misread("no space after #", f"write [#{word}{rest.strip()[len(word) :]}]")
        return Misread("a figure needs its statistic's id", "write [#statistic-id]")
    if not rest:
        return Figure(sid)
    if not rest.strip(".: "):
        return Misread("punctuation goes outside the brackets", f"write [#{sid}]")
    if rest.startswith(","):
        option = rest[1:].strip()
        if option:
            return Figure(sid, option)
        return Misread("nothing follows the comma", f"write [#{sid}]")
    return Misread(
        "only the statistic's id goes in the brackets",
        f"write [#{sid}]{_words_after(rest)}, or [#{sid}, change since <other id>]",
    )


def _words_after(rest: str) -> str:
    rest = rest.strip()
    return f" {rest}" if rest and rest[0].isalnum() else ""


def read_citation(text: str) -> list[Cite] | Misread:
    """`[see @a, para 9; @b]` without the brackets: each source, or what is wrong."""
    cites: list[Cite] = []
    parts = split_sources(text)
    for index, part in enumerate(parts):
        read = _read_item(part.strip(), parts, index)
        if isinstance(read, Misread):
            return read
        cites.append(read)
    return cites


def split_sources(text: str) -> list[str]:
    """`text` split at each semicolon outside brackets and double quotation marks, so a
    quotation in a locator's comment may hold one."""
    parts, depth, quoted, start = [], 0, False, 0
    for at, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char in '“”"':
            quoted = char != "”" and not (quoted and char == '"')
        elif char == ";" and depth == 0 and not quoted:
            parts.append(text[start:at])
            start = at + 1
    return [*parts, text[start:]]


def _read_item(part: str, parts: list[str], index: int) -> Cite | Misread:
    match = _ITEM.match(part)
    if match is None:
        return _no_source(parts, index)
    prefix, sid, rest = match["prefix"].strip(), match["id"], match["rest"]
    if sid is None:
        return _no_id(prefix, rest)
    if match["dash"]:
        return Misread(
            "parlbrief's notes always name the source, so there is no author to leave "
            "out (Pandoc's -@)",
            "write " + _written(parts, index, _item(prefix, sid, rest)),
        )
    if not rest:
        return Cite(sid, prefix)
    if rest.startswith(","):
        return _with_locator(prefix, sid, rest[1:].strip(), parts, index)
    if rest.lstrip().startswith("@"):
        fixed = _item(prefix, sid, "") + "; " + rest.strip()
        return Misread(
            "a semicolon separates two sources", "write " + _written(parts, index, fixed)
        )
    locator = normalise_locator(rest.lstrip(".: "))
    if not locator:
        return Misread(
            "punctuation goes outside the brackets",
            "write " + _written(parts, index, _item(prefix, sid, "")),
        )
    return Misread(
        "a comma goes after the id, before the pinpoint",
        "write " + _written(parts, index, _item(prefix, sid, ", " + locator)),
    )


def _with_locator(prefix: str, sid: str, locator: str, parts: list[str], i: int) -> Cite | Misread:
    if not locator:
        return Misread(
            "nothing follows the comma", f"write [@{sid}] or [@{sid}, para 95] (the pinpoint)"
        )
    second = _SECOND_SOURCE.search(locator)
    if second is not None:
        fixed = _item(prefix, sid, ", " + locator[: second.start()].strip())
        fixed += "; " + locator[second.start() :].strip("[] ")
        return Misread("a semicolon separates two sources", "write " + _written(parts, i, fixed))
    return Cite(sid, prefix, normalise_locator(locator))


def _no_source(parts: list[str], index: int) -> Misread:
    """A part with no @id: after a semicolon, a pinpoint that wanted a comma."""
    if index == 0:
        return Misread("each source is written @ and its id", f"write {FORM}")
    fixed = "; ".join(p.strip() for p in parts[: index - 1])
    fixed += ("; " if fixed else "") + parts[index - 1].strip() + ", " + parts[index].strip()
    return Misread(
        "a semicolon separates two sources, and a comma starts the pinpoint",
        f"write [{' '.join(fixed.split())}]",
    )


def _no_id(prefix: str, rest: str) -> Misread:
    """`[@]`, `[@ id]`: nothing or a space after the @."""
    word = re.match(rf"\s+(?P<id>{_ID})(?P<after>.*)$", rest)
    if word is not None and word["id"][0].isalnum():
        return Misread(
            "no space after @", "write [" + _item(prefix, word["id"], word["after"]) + "]"
        )
    return Misread("@ must be followed by the reference's id", f"write {FORM}")


def _item(prefix: str, sid: str, rest: str) -> str:
    return f"{prefix} @{sid}{rest}" if prefix else f"@{sid}{rest}"


def _written(parts: list[str], index: int, fixed: str) -> str:
    """The whole citation with its `index`th part replaced by `fixed`."""
    items = [p.strip() for p in parts]
    items[index] = fixed.strip()
    return "[" + " ".join("; ".join(items).split()) + "]"


def in_text(citation_id: str, inside: str) -> Misread:
    """Pandoc's in-text citation, `@id [para 95]`: refused with the footnote to write."""
    locator = inside.strip().lstrip(",").strip()
    fixed = f"[@{citation_id}, {normalise_locator(locator)}]" if locator else f"[@{citation_id}]"
    return Misread(
        "parlbrief has no in-text citations (Pandoc's @id [...]); a citation is a "
        "footnote in square brackets",
        f"name the source in words if you wish, and write {fixed} after the words it supports",
    )


UNCLOSED = Misread("the citation is not closed", "add ] where it ends")
