"""A citation's locator in OSCOLA form: `pp 33–35`, `para 95`, `paras 90–92`.

OSCOLA writes abbreviations without full stops and number ranges with an en dash, so
what people bring from Pandoc, Zotero or Word (`p. 33`, `pp. 33-35`, `chap. 2`) is
written the OSCOLA way before it is printed. Quotations in the locator (in “double” or
‘single’ marks) are the source's own words and are left exactly as typed. A locator may
use Markdown emphasis (`*passim*`); everything else in it is printed as text.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup

from parlbrief.resolve.quotation_marks import Marks, quoted_spans

#: Pandoc's and Zotero's locator terms, and OSCOLA's own, with the word OSCOLA prints.
_TERMS = {"chap": "ch", "chaps": "chs", "sec": "s", "secs": "ss"}
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?P<word>p|pp|para|paras|ch|chs|chap|chaps|s|ss|sec|secs|n|nn|fn|fns|"
    r"vol|vols|col|cols|fig|figs|art|arts|sch|pt|pts|reg|regs|r|rr|no|nos|q|qq)"
    r"\.\s*(?=\d|[ivxlcdm]+\b)",
    re.IGNORECASE,
)
#: A hyphen (or a minus, or a spaced dash) between two numbers: a range.
_RANGE = re.compile(r"(?<=\d)(?:\s*[-‐‑−]\s*|\s+[–—]\s+|—)(?=\d)")
#: Quoted words, kept as typed: “...”, "...", and ‘...’ closing before a non-letter
#: (so that the apostrophe in “NOMS’s” does not close it).
#: (Found in one pass: the pattern `“[^”]*”|"[^"]*"|‘.*?’(?!\w)` took time in the square
#: of the length of a locator with many marks that never close.)
_QUOTED = (
    Marks("“", "”", least=0, one_line=False),
    Marks('"', '"', least=0, one_line=False),
    Marks("‘", "’", word_end=True, least=0, one_line=False),
)


def normalise_locator(locator: str) -> str:
    """The locator as OSCOLA writes it: 'pp. 33-35' -> 'pp 33–35'; quotations untouched."""
    pieces: list[str] = []
    at = 0
    for start, end, _ in quoted_spans(locator, _QUOTED):
        pieces += [_normalise(locator[at:start]), locator[start:end]]
        at = end
    pieces.append(_normalise(locator[at:]))
    return " ".join("".join(pieces).split())


def _normalise(text: str) -> str:
    text = _ABBREVIATION.sub(lambda m: _term(m["word"]) + " ", text)
    return _RANGE.sub("–", text)


def _term(word: str) -> str:
    return _TERMS.get(word.lower(), word)


def locator_html(locator: str) -> Markup:
    """The locator as note text: OSCOLA form, `*emphasis*` rendered, the rest escaped."""
    if not locator:
        return Markup("")
    html = _inline_markdown().renderInline(normalise_locator(locator))
    return Markup(html.strip())


@cache
def _inline_markdown() -> MarkdownIt:
    """Markdown for a locator: emphasis, backslash escapes and curly quotes, nothing else
    (no links, no HTML, no `(c)` -> © that would spoil a pinpoint such as 's 3(c)')."""
    md = MarkdownIt("zero", {"typographer": True})
    md.enable(["emphasis", "escape", "smartquotes"])
    return md
