"""A briefing's citations worded by its CSL style, in one run of the processor.

Briefings built once per row of a table (a letter to each region's MPs) usually cite
the same sources at the same pinpoints in every row: the words of their citations are
kept for the run, by what went in, so that the processor runs once for them all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from parlbrief.model import Reference
from parlbrief.resolve import citations
from parlbrief.resolve.csl import citeproc, parliament
from parlbrief.resolve.csl.cite_notes import cite_notes
from parlbrief.resolve.csl.citeproc import Cite, Rendered
from parlbrief.resolve.csl.items import Item, from_reference

#: What joins a source known only as another reproduced it to that other (OSCOLA).
_AS_REPRODUCED = Markup(", as reproduced in ")
#: How many briefings' words are kept at once (each is a few kilobytes of text).
_KEPT = 256
_kept: dict[str, Rendered] = {}


@dataclass(frozen=True)
class Worded:
    """Each note's citations, in order, and each source as the sources list gives it."""

    cites: list[list[Markup]]
    sources: list[Markup]


def word_notes(
    sources: list[Reference],
    notes: list[list[Cite]],
    style: Path,
    references: Mapping[str, Reference] | None = None,
) -> Worded:
    """The citations of `notes` (which cite only `sources`) by `style`; `references`
    (all the project's) holds those a source's `reproduced_in:` may name."""
    items = {ref.id: from_reference(ref) for ref in sources}
    rendered = _rendered(items, notes, style) if any(notes) else Rendered([], [])
    texts = rendered.cites or [[] for _ in notes]
    shorts = {ref.id: ref.short for ref in sources if ref.short}
    read_in = _reproductions(sources, references or {}, style)
    in_notes = citeproc.is_note_style(style)
    cites, first = [], set[str]()
    for note, said in zip(notes, texts, strict=True):
        words = []
        for c, text in zip(note, said, strict=True):
            text = _shortened(text, items[c.id], shorts.get(c.id))
            if c.id in read_in and c.id not in first and in_notes:
                text += _AS_REPRODUCED + read_in[c.id]  # said in the first note only
            first.add(c.id)
            words.append(text)
        cites.append(words)
    listed = [
        _listed(_source(ref, items[ref.id], rendered), read_in.get(ref.id)) for ref in sources
    ]
    return Worded(cites, listed)


def _reproductions(
    sources: list[Reference], references: Mapping[str, Reference], style: Path
) -> dict[str, Markup]:
    """Where each source known only as another reproduced it was read, by its id: the
    reference `reproduced_in:` names, as the style gives it in full (a note style's first
    note, an author-date style's reference list entry), or the words it gives."""
    out = {ref.id: escape(ref.reproduced_in) for ref in sources if ref.reproduced_in}
    named = {ref.id: references[by] for ref in sources
             if (by := ref.reproduced_by) is not None and by in references}  # fmt: skip
    targets = list({target.id: target for target in named.values()}.values())
    if not targets:
        return out
    items = {target.id: from_reference(target) for target in targets}
    done = _rendered(items, [[Cite(target.id)] for target in targets], style)
    note_style = citeproc.is_note_style(style)
    in_full: dict[str, Markup] = {}
    for target, said in zip(targets, done.cites, strict=True):
        entry = done.entries.get(target.id)
        in_full[target.id] = said[0] if note_style or entry is None else _bare(entry)
    return out | {rid: in_full[target.id] for rid, target in named.items()}


def _listed(entry: Markup, read_in: Markup | None) -> Markup:
    """A sources list entry with where the source was read, before any closing full stop."""
    if read_in is None:
        return entry
    bare = _bare(entry)
    return bare + _AS_REPRODUCED + read_in + Markup(entry[len(bare) :])


def _bare(text: Markup) -> Markup:
    return Markup(text.removesuffix("."))


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
