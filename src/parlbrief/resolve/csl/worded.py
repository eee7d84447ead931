"""A briefing's citations worded by its CSL style, in one run of the processor.

Briefings built once per row of a table (a letter to each region's MPs) usually cite
the same sources at the same pinpoints in every row: the words of their citations are
kept for the run, by what went in, so that the processor runs once for them all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from parlbrief.model import Reference
from parlbrief.resolve import citations
from parlbrief.resolve.csl import parliament
from parlbrief.resolve.csl.cite_notes import cite_notes
from parlbrief.resolve.csl.citeproc import Cite, Rendered
from parlbrief.resolve.csl.items import Item, from_reference

#: How many briefings' words are kept at once (each is a few kilobytes of text).
_KEPT = 256
_kept: dict[str, Rendered] = {}


@dataclass(frozen=True)
class Worded:
    """Each note's citations, in order, and each source as the sources list gives it."""

    cites: list[list[Markup]]
    sources: list[Markup]


def word_notes(sources: list[Reference], notes: list[list[Cite]], style: Path) -> Worded:
    """The citations of `notes` (which cite only `sources`) by `style`."""
    items = {ref.id: from_reference(ref) for ref in sources}
    rendered = _rendered(items, notes, style) if any(notes) else Rendered([], [])
    texts = rendered.cites or [[] for _ in notes]
    shorts = {ref.id: ref.short for ref in sources if ref.short}
    cites = []
    for note, said in zip(notes, texts, strict=True):
        pairs = zip(note, said, strict=True)
        cites.append([_shortened(text, items[c.id], shorts.get(c.id)) for c, text in pairs])
    return Worded(cites, [_source(ref, items[ref.id], rendered) for ref in sources])


def _shortened(text: Markup, item: Item, short: str | None) -> Markup:
    """A later note by the reference's `short:` name ('Justice Committee (n 1)'), where
    the style repeats an organisation's full name: CSL has no short name for one."""
    names = item.get("author") or []
    if short is None or len(names) != 1 or "literal" not in names[0]:
        return text
    back = Markup(" (n ")
    return Markup(text.replace(Markup.escape(names[0]["literal"]) + back, escape(short) + back, 1))


def _source(ref: Reference, item: Item, rendered: Rendered) -> Markup:
    """A source as the sources list gives it: the style's reference list entry."""
    if parliament.handles(item):
        return parliament.first_note(item, "")
    return rendered.entries.get(ref.id) or citations.full_reference(ref)


def _rendered(items: dict[str, Item], notes: list[list[Cite]], style: Path) -> Rendered:
    key = _key(items, notes, style)
    found = _kept.get(key)
    if found is None:
        found = cite_notes(items, notes, style)
        if len(_kept) >= _KEPT:
            _kept.clear()
        _kept[key] = found
    return found


def _key(items: dict[str, Item], notes: list[list[Cite]], style: Path) -> str:
    """What the words depend on: the items, the citations, and the style's text."""
    cited = [[[c.id, c.locator, c.prefix] for c in note] for note in notes]
    given = json.dumps([items, cited, str(style)], sort_keys=True, ensure_ascii=False)
    text = hashlib.sha256(given.encode("utf-8"))
    text.update(style.read_bytes())
    return text.hexdigest()
