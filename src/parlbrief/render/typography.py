"""Small typographic fixes made to rendered prose before it is laid out.

WeasyPrint has no `text-wrap: pretty` (its features page lists `text-wrap` among the
CSS Text 4 properties it does not support), so a paragraph can end on a line holding
one short word ("needs?"). `bind_last_word` ties the last word to the one before it
with a no-break space, as typesetters do by hand; it is applied to questions, whose
last line is the one an MP's eye lands on.
"""

from __future__ import annotations

import re

from markupsafe import Markup

#: A tag, or the text between tags.
_PIECE = re.compile(r"(<[^>]*>)")
#: The start of an element that carries a note (PDF: the note itself; HTML: its call),
#: whose text is not part of the sentence.
_NOTE_START = re.compile(r'<(span|sup)\b[^>]*class="(?:footnote|fn-call)"')
#: Words longer than this are not bound to the word before: two long words on one
#: line could leave the line before them short.
MAX_BOUND_WORD = 12


def bind_last_word(html: Markup) -> Markup:
    """`html` with a no-break space before its last word (notes and calls skipped).

    Only a space between two words in the same run of text is replaced, so markup,
    entities and note texts are never touched; a last word longer than
    MAX_BOUND_WORD characters is left free.
    """
    pieces = _PIECE.split(str(html))
    for index in reversed(_sentence_text(pieces)):
        text = pieces[index]
        if not text.strip():
            continue
        match = re.search(r"(\S) (\S+)\s*$", text)
        if match and len(match.group(2)) <= MAX_BOUND_WORD:
            start = match.start() + 1
            pieces[index] = text[:start] + "\u00a0" + text[start + 1 :]
        break
    return Markup("".join(pieces))


def _sentence_text(pieces: list[str]) -> list[int]:
    """Indices of the text pieces outside note elements, in order."""
    found: list[int] = []
    depth, tag = 0, ""
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            if depth == 0:
                found.append(index)
            continue
        if depth == 0:
            start = _NOTE_START.match(piece)
            if start:
                depth, tag = 1, start.group(1)
            continue
        if re.match(rf"<{tag}\b", piece) and not piece.endswith("/>"):
            depth += 1
        elif piece.startswith(f"</{tag}"):
            depth -= 1
    return found
