"""The passages a briefing's notes cite, from the stored copies, for a reader to check.

A note that cites a passage of a source kept under sources/documents/ ("Justice
Committee (n 1) para 95") links, in the web page, to that passage as stored, with the
words it quotes (or the figure it gives) marked, so that an MP's researcher reads the
source's own words without leaving the briefing, offline. The passages are found as
`check` finds them (parlbrief.resolve.pinpoints); a note that cites no passage (the
whole source), or a source without a copy, has none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from parlbrief.load.documents import Passage, StoredCopy
from parlbrief.model import Reference
from parlbrief.resolve.pinpoints import find_passages, split_locator
from parlbrief.resolve.resolved import NotePassage, SourceLink

#: Quotation marks and apostrophes, any of which may stand for another in a quotation.
_QUOTES = "'‘’\"“”"
#: A blank line: the end of a paragraph of a passage.
_PARAGRAPHS = re.compile(r"\n\s*\n")


def note_passages(
    links: Mapping[int, list[SourceLink]],
    copies: Mapping[str, StoredCopy],
    references: Mapping[str, Reference],
) -> list[NotePassage]:
    """Each stored passage the notes cite, once, in the order first cited, with the
    notes that cite it and every word they quote (or figure they give) marked."""
    cited: dict[tuple[str, str], _Cited] = {}
    for note in sorted(links):
        for link in links[note]:
            for passage in _found(link, copies):
                entry = cited.setdefault((link.reference, passage.pinpoint), _Cited(passage))
                entry.notes.setdefault(note, None)
                entry.marks.extend(link.marks)
    return [
        _passage(index, rid, entry, copies[rid], references[rid])
        for index, ((rid, _), entry) in enumerate(cited.items(), 1)
    ]


@dataclass
class _Cited:
    passage: Passage
    notes: dict[int, None] = field(default_factory=dict)
    marks: list[str] = field(default_factory=list)


def _found(link: SourceLink, copies: Mapping[str, StoredCopy]) -> list[Passage]:
    """The passages of its copy a citation points at; none without a copy or a pinpoint."""
    copy = copies.get(link.reference)
    pinpoint = split_locator(link.locator).pinpoint
    return find_passages(copy, pinpoint)[0] if copy is not None and pinpoint else []


def _passage(index: int, rid: str, cited: _Cited, copy: StoredCopy, ref: Reference) -> NotePassage:
    html = marked(cited.passage, tuple(dict.fromkeys(cited.marks)))
    source = ref.short or ref.author
    notes = tuple(cited.notes)
    return NotePassage(
        notes, f"passage-{index}", source, cited.passage.pinpoint, html, copy.taken_from
    )


def marked(passage: Passage, marks: tuple[str, ...]) -> Markup:
    """The passage as paragraphs (its lines kept, as a table's are), each of `marks`
    found in it wrapped in <mark>."""
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(passage.text) if p.strip()]
    return Markup("").join(
        Markup("<p>{}</p>").format(Markup(_mark(p, marks).replace("\n", "<br>\n")))
        for p in paragraphs
    )


def _mark(text: str, marks: tuple[str, ...]) -> Markup:
    spans = sorted(span for mark in marks for span in _spans(text, mark))
    out, at = Markup(""), 0
    for start, end in spans:
        if start < at:
            continue  # overlaps one already marked
        out += escape(text[at:start]) + Markup("<mark>{}</mark>").format(text[start:end])
        at = end
    return out + escape(text[at:])


def _spans(text: str, mark: str) -> Iterator[tuple[int, int]]:
    """Where `mark` is in `text`: spacing and the kind of quotation mark aside; a
    figure also as its digits alone ('about 4,542' as '4,542' or '4542')."""
    words = mark.removeprefix("about ").split()
    if not words:
        return
    pattern = r"\s+".join(_word(w) for w in words)
    for match in re.finditer(pattern, text):
        yield match.start(), match.end()


def _word(word: str) -> str:
    """A word of a mark as a pattern: quotation marks interchangeable, and a number's
    thousands separators optional."""
    parts = []
    for char in word:
        if char in _QUOTES:
            parts.append(f"[{re.escape(_QUOTES)}]")
        elif char == ",":
            parts.append(",?")
        else:
            parts.append(re.escape(char))
    return "".join(parts)
