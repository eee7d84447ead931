"""A pinpoint as Pandoc's citeproc reads it, so the CSL style can print it.

Pandoc finds a citation's locator in the words after it only when they open with a
term it knows ('paragraph 95', 'page 12'; not OSCOLA's 'para 95' or 'p 12'). So each
OSCOLA word is given to Pandoc by its long name, and the style prints it back as
OSCOLA abbreviates it ('para 95', a bare page number, 'ch 5'). A pinpoint Pandoc has no
term for ('table 2', 'under ‘Payment Mechanism’') goes to a note style as a locator of
its own, in braces, which the style prints bare where it prints a page: so a web page's
'table 2' comes before its web address, as OSCOLA puts a pinpoint (the address and the
date of access end the citation). An author-date style would print such a locator as a
page ('p. table 2'), so there it follows the citation after a space.
"""

from __future__ import annotations

import re
from typing import Any

from parlbrief.resolve.locators import normalise_locator

#: OSCOLA's (and Zotero's) words for a pinpoint, and the term Pandoc knows each by.
#: Singular or plural alike: the style chooses 'para' or 'paras' from the numbers.
PANDOC_TERMS = {
    **dict.fromkeys(("p", "pp", "page", "pages"), "page"),
    **dict.fromkeys(("para", "paras", "paragraph", "paragraphs"), "paragraph"),
    **dict.fromkeys(("ch", "chs", "chapter", "chapters"), "chapter"),
    **dict.fromkeys(("col", "cols", "column", "columns"), "column"),
    **dict.fromkeys(("s", "ss", "section", "sections"), "section"),
    **dict.fromkeys(("fig", "figs", "figure", "figures"), "figure"),
    **dict.fromkeys(("n", "nn", "fn", "fns", "note", "notes"), "note"),
    **dict.fromkeys(("vol", "vols", "volume", "volumes"), "volume"),
    **dict.fromkeys(("pt", "pts", "part", "parts"), "part"),
    **dict.fromkeys(("l", "ll", "line", "lines"), "line"),
}
#: Words in *emphasis* or _emphasis_, and a backslash escape.
_EMPHASIS = re.compile(r"(?<![\\\w])([*_])(?=\S)(.+?)(?<=\S)\1(?!\w)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: Braces would end (or open) Pandoc's locator early; a pinpoint has no use for them.
_BRACES = re.compile(r"[{}]")
#: A pinpoint and a comment in brackets after it: "under ‘Payment’ (the words)".
_COMMENT = re.compile(r"^(.*?\S)\s+(\(.*\))$", re.S)
#: A pinpoint's opening word and the number (or numeral) after it.
_LABELLED = re.compile(r"^(?P<word>[^\W\d_]+)\s+(?P<rest>(?:\d|[ivxlcdm]+\b).*)$", re.I)


def suffix(locator: str, *, in_notes: bool = True) -> list[dict[str, Any]]:
    """The Pandoc inlines after a citation's id for `locator` ('para 95 (comment)');
    `in_notes` for a note style, which prints a pinpoint it has no term for bare."""
    text = normalise_locator(locator)
    if not text:
        return []
    if text[0].isdigit():
        return _words(text)  # a bare number is a page, as OSCOLA writes it
    labelled = _LABELLED.match(text)
    term = PANDOC_TERMS.get(labelled["word"].lower()) if labelled else None
    if labelled is not None and term is not None:
        return _words(f"{term} {labelled['rest']}")
    if in_notes:
        return _braced(text)
    return [{"t": "Space"}, *_words(text)]


def _braced(text: str) -> list[dict[str, Any]]:
    """Pandoc's form for a locator of any words, '{table 2}', taken whole; a comment in
    brackets after it ('(the source's words)') stays outside, as after a page number,
    so that the style neither drops it from an ibid nor changes its quotation marks."""
    found = _COMMENT.match(text)
    pinpoint, comment = (found[1], found[2]) if found else (text, "")
    braced = [{"t": "Str", "c": "{"}, *_words(_BRACES.sub("", pinpoint)), {"t": "Str", "c": "}"}]
    return braced + ([{"t": "Space"}, *_words(comment)] if comment else [])


def _words(text: str) -> list[dict[str, Any]]:
    """`text` as Pandoc inlines, its emphasis in italics."""
    out: list[dict[str, Any]] = []
    at = 0
    for found in _EMPHASIS.finditer(text):
        out += _plain(text[at : found.start()])
        out.append({"t": "Emph", "c": _plain(found[2])})
        at = found.end()
    return out + _plain(text[at:])


def _plain(text: str) -> list[dict[str, Any]]:
    """Words and the spaces between them, backslash escapes undone."""
    out: list[dict[str, Any]] = []
    for index, word in enumerate(re.split(r"(\s+)", text)):
        if index % 2:
            out.append({"t": "Space"})
        elif word:
            out.append({"t": "Str", "c": _ESCAPE.sub(r"\1", word)})
    return out
