"""A briefing's notes: CSL items by the CSL style, parliamentary materials by parlbrief.

Every note goes to the CSL processor in order, so its note numbers are the briefing's:
a note citing only parliamentary materials goes as plain text, and the processor's
"(n 3)" and ibid count it. Parlbrief words those materials itself (see `parliament`),
with "(n 3)" and ibid by the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from parlbrief.errors import ContentError, Origin, RenderError
from parlbrief.resolve.csl import citeproc, parliament
from parlbrief.resolve.csl.citeproc import Cite, Rendered
from parlbrief.resolve.csl.items import Item, known_as

#: The styles shipped with parlbrief (CC BY-SA 3.0, by the CSL project: see CREDITS.md).
STYLES = Path(__file__).parent / "styles"
DEFAULT_STYLE = STYLES / "oscola.csl"
#: The names `citation_style:` gives a shipped style by, where not its file's.
ALIASES = {"harvard": "harvard-cite-them-right"}


def style_path(name: str | None, project: Path, where: Origin) -> Path:
    """The CSL file `citation_style:` names: a shipped style ('oscola-no-ibid') or a
    .csl file in the project; OSCOLA 4th edition when it names none. A name that is
    neither is a ContentError at `where`."""
    if not name:
        return DEFAULT_STYLE
    shipped = STYLES / f"{ALIASES.get(name, name)}.csl"
    if "/" not in name and shipped.is_file():
        return shipped
    path = (project / name).resolve()
    if path.suffix == ".csl" and path.is_file() and path.is_relative_to(project.resolve()):
        return path
    ships = ", ".join(shipped_styles())
    raise ContentError.single(
        where,
        f"citation_style: '{name}' is neither a style parlbrief ships ({ships}) nor a .csl"
        " file in the project - name one of those, or download the style's .csl file from"
        " https://www.zotero.org/styles into the project",
    )


def shipped_styles() -> list[str]:
    """The names `citation_style:` may give without a file of its own."""
    files = {name: alias for alias, name in ALIASES.items()}
    return sorted(files.get(path.stem, path.stem) for path in STYLES.glob("*.csl"))


def uses_ibid(style: Path) -> bool:
    """Whether the style writes 'ibid' for a note repeating the one before."""
    return 'position="ibid' in style.read_text(encoding="utf-8")


def cite_notes(items: dict[str, Item], notes: list[list[Cite]], style: Path) -> Rendered:
    """Each note's text, ending in a full stop, and the style's reference list.

    Every id cited must be in `items` (the caller reports a missing reference, with its
    file and line, before asking for notes)."""
    missing = sorted({cite.id for note in notes for cite in note} - items.keys())
    if missing:
        raise RenderError(f"notes cite {', '.join(missing)}, which no reference has")
    own = _Own(items, ibid=uses_ibid(style), stop=citeproc.is_note_style(style))
    csl_notes = [_for_style(note, items) for note in notes]
    rendered = citeproc.render(list(items.values()), csl_notes, style)
    cites = [
        own.note(number, note, rendered.cites[number - 1] if rendered.cites else [])
        for number, note in enumerate(notes, start=1)
    ]
    texts = [own.finish(parts) for parts in cites]
    return Rendered(texts, rendered.bibliography, cites, rendered.entries)


@dataclass
class _Own:
    """The notes' parliamentary materials, and which note first cited each."""

    items: dict[str, Item]
    ibid: bool
    stop: bool
    """A note style's notes end in a full stop; an author-date citation does not."""
    first: dict[str, int] = field(default_factory=dict)
    last: list[str] = field(default_factory=list)

    def note(self, number: int, note: list[Cite], csl_texts: list[Markup]) -> list[Markup]:
        """The note's citations in their order: the style's texts for the CSL items
        (an author-date style's one text for them all), parlbrief's for the
        parliamentary materials."""
        parts: list[Markup] = []
        styled = iter(csl_texts)
        for cite in note:
            item = self.items[cite.id]
            if not parliament.handles(item):
                text = next(styled, None)
                if text is not None:
                    parts.append(self.known(number, cite, text))
                continue
            parts.append(_prefixed(cite.prefix, self.one(number, cite, item), first=not parts))
        self.last = [cite.id for cite in note]
        return parts

    def known(self, number: int, cite: Cite, text: Markup) -> Markup:
        """The style's citation with the short name the source is known by: in brackets
        at the end of its first note, in place of its author in a later '(n 3)' note
        (OSCOLA 1.3, 3.4.1). An author-date style's citation is left as it is."""
        name = known_as(self.items[cite.id])
        first = self.first.setdefault(cite.id, number) == number
        if name is None or not self.stop:
            return text
        if first:
            return text + Markup(" (") + escape(name) + Markup(")")
        return _by_name(text, name, cite.prefix)

    def finish(self, parts: list[Markup]) -> Markup:
        """A note's citations joined: a note style's with its full stop, an author-date
        style's in brackets."""
        text = Markup("; ").join(parts)
        if not parts:
            return text
        return text + Markup(".") if self.stop else Markup("(") + text + Markup(")")

    def one(self, number: int, cite: Cite, item: Item) -> Markup:
        if self.ibid and self.last == [cite.id]:
            return Markup("ibid") + (Markup(" ") + cite.locator if cite.locator else Markup(""))
        first = self.first.setdefault(cite.id, number)
        name = known_as(item) if self.stop else None
        if first == number:
            return parliament.first_note(item, cite.locator, name)
        later = parliament.short_note(item, first, cite.locator)
        if name is None:
            return later
        if parliament.is_primary(item):
            # Repeated in full without a short name (OSCOLA 1.2.1); by it, with one.
            return escape(name) + (Markup(", ") + escape(cite.locator) if cite.locator else "")
        return _by_name(later, name, "")


def _for_style(note: list[Cite], items: dict[str, Item]) -> list[Cite]:
    """The note's citations the CSL style words, an opening signal capitalised."""
    cites = [cite for cite in note if not parliament.handles(items[cite.id])]
    if cites and note and cites[0] is note[0] and cites[0].prefix:
        prefix = cites[0].prefix
        cites[0] = Cite(cites[0].id, cites[0].locator, prefix[:1].upper() + prefix[1:])
    return cites


def _by_name(text: Markup, name: str, prefix: str) -> Markup:
    """A later '(n 3)' note with `name` in place of what comes before its '(n 3)' (the
    author, and the title where the style adds it), after any opening 'see'."""
    at = text.find(Markup(" (n "))
    if at < 0:
        return text
    keep = len(prefix) + 1 if prefix and text[: len(prefix)].lower() == prefix.lower() else 0
    return Markup(text[:keep]) + escape(name) + Markup(text[at:])


def _prefixed(prefix: str, text: Markup, *, first: bool) -> Markup:
    """'see' before a citation; capitalised when it opens the note."""
    if not prefix:
        return text
    if first:
        prefix = prefix[:1].upper() + prefix[1:]
    return Markup.escape(prefix) + Markup(" ") + text
