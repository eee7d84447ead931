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
#: A Markdown table's rule under its heading row ('---', ':--', '--:').
_RULE = re.compile(r":?-{3,}:?")


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
    """The passage as paragraphs (its lines kept) and tables (a stored copy's Markdown
    table, '| a | b |' lines, as a table a reader can read across), each of `marks`
    found in it wrapped in <mark>."""
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(passage.text) if p.strip()]
    return Markup("").join(
        _table(p, marks) if _is_table(p) else _paragraph(p, marks) for p in paragraphs
    )


def _paragraph(text: str, marks: tuple[str, ...]) -> Markup:
    lines = [_mark(line, marks) for line in text.split("\n")]
    return Markup("<p>{}</p>").format(Markup("<br>\n").join(lines))


def _is_table(text: str) -> bool:
    return all(line.strip().startswith("|") for line in text.split("\n"))


def _table(text: str, marks: tuple[str, ...]) -> Markup:
    """A Markdown pipe table: its first row a heading row when a '| --- |' line follows."""
    rows = [_cells(line) for line in text.split("\n")]
    ruled = len(rows) > 1 and all(_RULE.fullmatch(cell) for cell in rows[1])
    head, body = (rows[:1], rows[2:]) if ruled else ([], rows)
    html = Markup("<table>")
    if head:
        html += Markup("<thead>") + _row(head[0], "th", marks) + Markup("</thead>")
    html += Markup("<tbody>") + Markup("").join(_row(r, "td", marks) for r in body)
    return html + Markup("</tbody></table>")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _row(cells: list[str], tag: str, marks: tuple[str, ...]) -> Markup:
    return Markup("<tr>{}</tr>").format(Markup("").join(_cell(c, tag, marks) for c in cells))


def _cell(text: str, tag: str, marks: tuple[str, ...]) -> Markup:
    """A cell; a heading row's empty corner is a plain cell, as a screen reader would
    otherwise announce a heading with no words."""
    if tag == "th" and text:
        return Markup('<th scope="col">{}</th>').format(_mark(text, marks))
    return Markup("<td>{}</td>").format(_mark(text, marks))


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
