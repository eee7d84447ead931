"""A briefing's footnotes, numbered in reading order, and the sources they cite.

Notes are numbered as the briefing is read, but worded at the end, all at once, by the
citation style (OSCOLA 4th edition unless the project names another, see `csl`): a
style decides "ibid" and "(n 3)" from every note before, so one run of the CSL
processor words the whole briefing. Until then a note holds a mark where each citation
goes (see `Draft`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.token import Token
from markupsafe import Markup, escape

from parlbrief.errors import Origin, Problems
from parlbrief.load import Corpus
from parlbrief.load.files import MARK_CLOSE, MARK_OPEN
from parlbrief.model import Reference
from parlbrief.resolve import citations
from parlbrief.resolve.citation_syntax import Cite
from parlbrief.resolve.csl import citeproc
from parlbrief.resolve.csl.cite_notes import DEFAULT_STYLE
from parlbrief.resolve.csl.worded import word_notes
from parlbrief.resolve.locators import normalise_locator
from parlbrief.resolve.pinpoints import split_locator
from parlbrief.resolve.prose import citation_meta
from parlbrief.resolve.resolved import Note, SourceLink

#: Where a citation goes in a draft note: its index among the note's citations, between
#: two private-use characters that load refuses in every text a project gives.
_MARK = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE}")


@dataclass
class Draft:
    """A note before the style words its citations: its text, with a mark
    (`mark(i)`) where its i-th citation goes."""

    text: Markup
    cites: list[citeproc.Cite]


@dataclass
class Sourced:
    """A figures' note sentence before its sources are written out.

    Kept apart until its note is made, so that a citation sharing the note can add its
    pinpoint to a source the figures already cite instead of citing it a second time
    ("UNISON (n 1) reason 2. UNISON (n 1) reason 2.").
    """

    sources: dict[str, list[str]]
    """The sources the figures rest on, by reference id, each with its pinpoints."""
    labels: list[str] = field(default_factory=list)
    """Plain figures' labels: one reads 'Label: source'; more follow their source."""
    text: Markup | None = None
    """A derived figure's or a change's own sentence: 'text. Source: source'."""
    values: list[str] = field(default_factory=list)
    """The figures as printed, to mark in their source's stored passage."""


class Notes:
    """The notes of one briefing so far; each new one takes the next number."""

    def __init__(self, corpus: Corpus, problems: Problems) -> None:
        self.corpus, self.problems = corpus, problems
        self.drafts: list[Draft] = []
        """Each note so far, in order: note n is drafts[n - 1]."""
        self.pending: list[citeproc.Cite] = []
        """The citations of the note being made."""
        self.first_note: dict[str, int] = {}
        """The note that first cites each reference, by reference id."""
        self.sources: list[Reference] = []
        """Every reference cited, in the order first cited (the sources list)."""
        self.links: dict[int, list[SourceLink]] = {}
        """What each note cites, by note number (see parlbrief.resolve.passages)."""
        self.deferred: list[Sourced] = []
        """Sentences waiting to open the next note: the notes of figures whose call
        falls just before a citation's (see `placement`)."""

    def citation(self, token: Token, where: Origin) -> None:
        """Give a `[@...]` token its note; None when none of its references exists.

        Brackets the parser could not read as a citation are reported here, at `where`.
        """
        meta = citation_meta(token)
        problem = meta.get("problem")
        if problem is not None:
            self.problems.error(where, problem)
        found = [cite for cite in meta["cites"] if self.reference(cite.id, where) is not None]
        own = [cite for cite in found if not self.merge(cite)]
        if not own and not self.deferred:
            meta["note"] = None
            return
        deferred = [self.sourced_text(sourced) for sourced in self.deferred]
        self.deferred = []
        parts: list[Markup] = []
        for cite in own:
            ref = self.corpus.references[cite.id]
            parts.append(self.cite(ref, cite.locator, cite.prefix))
        meta["note"] = self.add_note(parts, deferred)

    def defer(self, sourced: Sourced) -> None:
        """Open the next note with `sourced` (a figure's note sharing a citation's)."""
        self.deferred.append(sourced)

    def merge(self, cite: Cite) -> bool:
        """Whether a waiting figures' sentence already cites `cite`'s source, taking its
        pinpoint: a note says each source once. A signalled citation ('see') is kept
        unless the figures cite the very same passage, which needs no signal."""
        for sourced in self.deferred:
            pins = sourced.sources.get(cite.id)
            if pins is None:
                continue
            if cite.prefix:
                return not cite.locator or cite.locator in pins
            if cite.locator and cite.locator not in pins:
                pins.append(cite.locator)
            sourced.values.extend(split_locator(cite.locator).quotations)
            return True
        return False

    def sourced_text(self, sourced: Sourced) -> Markup:
        """A figures' sentence with its sources: 'Label: source', 'source (label; label)'
        or 'text. Source: source'."""
        cites = self.source_cites(sourced.sources, tuple(sourced.values))
        if sourced.text is not None:
            if not cites:
                return sourced.text
            label = "Source" if len(cites) == 1 else "Sources"
            return sourced.text + Markup(". {}: ").format(label) + Markup("; ").join(cites)
        labels = Markup("; ").join(escape(label) for label in sourced.labels)
        if not cites:
            return labels
        if len(sourced.labels) == 1:
            return labels + Markup(": ") + Markup("; ").join(cites)
        # Several figures: the source first, so that their labels do not crowd it out.
        return Markup("; ").join(cites) + Markup(" (") + labels + Markup(")")

    def source_cites(self, sources: dict[str, list[str]], marks: tuple[str, ...]) -> list[Markup]:
        """Each source cited once, with all its pinpoints ('table 2, table 3')."""
        cites: list[Markup] = []
        for rid, pins in sources.items():
            ref = self.corpus.references.get(rid)  # an unknown one is reported by validate
            if ref is not None:
                cites.append(self.cite(ref, ", ".join(pins), "", marks=marks))
        return cites

    def add_sourced(self, sourced: list[Sourced]) -> int:
        """Add a note made of figures' sentences; its number."""
        return self.add_note([], [self.sourced_text(item) for item in sourced])

    def reference(self, rid: str, where: Origin) -> Reference | None:
        """The reference with id `rid`; None, reported at `where`, if there is none."""
        ref = self.corpus.references.get(rid)
        if ref is None:
            hint = self.corpus.missing(self.corpus.references, rid)
            if hint is not None:
                self.problems.error(
                    where,
                    f"[@{rid}]: there is no reference '{rid}'{hint} - "
                    "check the id against sources/references/",
                )
        return ref

    def cite(
        self, ref: Reference, locator: str, prefix: str, *, marks: tuple[str, ...] = ()
    ) -> Markup:
        """One citation for the next note, as the style words it (in full the first time
        `ref` is cited, short or "ibid" after): a mark that `finish` replaces.

        A prefix such as 'see' is capitalised where the citation opens a sentence (`fill`);
        `marks` are words to mark in the cited passage (by default, the comment's quotations).
        """
        number = len(self.drafts) + 1
        marks = marks or tuple(split_locator(locator).quotations)
        self.links.setdefault(number, []).append(SourceLink(ref.id, locator, marks))
        earlier = self.first_note.get(ref.id)
        if earlier is None:
            self.first_note[ref.id] = number
            self.sources.append(ref)
        self.pending.append(citeproc.Cite(ref.id, normalise_locator(locator), prefix))
        return mark(len(self.pending) - 1)

    def add_note(self, parts: list[Markup], sentences: list[Markup] | None = None) -> int:
        """Add a note made of these citations (or texts), after any `sentences`; its
        number."""
        sentences = list(sentences or [])
        if parts:
            sentences.append(Markup("; ").join(parts))
        self.drafts.append(Draft(Markup(". ").join(sentences), self.pending))
        self.pending = []
        return len(self.drafts)

    def finish(self, style: Path = DEFAULT_STYLE) -> tuple[list[Note], list[Markup]]:
        """Every note, worded by the CSL `style` in one run of its processor, and each
        source as the sources list gives it."""
        cited = [draft.cites for draft in self.drafts]
        worded = word_notes(self.sources, cited, style, self.corpus.references)
        notes = [
            Note(number, citations.finish([fill(draft.text, cites)]))
            for number, (draft, cites) in enumerate(zip(self.drafts, worded.cites, strict=True), 1)
        ]
        return notes, worded.sources


class Words:
    """A briefing's notes worded when first asked for (see resolved.Wording)."""

    def __init__(self, notes: Notes, style: Path) -> None:
        self.drafts, self.style = notes, style
        self.done: tuple[list[Note], list[Markup]] | None = None
        self.digest = hashlib.sha256(style.read_bytes()).hexdigest()[:16]

    def notes(self) -> list[Note]:
        return self.words()[0]

    def sources(self) -> list[Markup]:
        return self.words()[1]

    def words(self) -> tuple[list[Note], list[Markup]]:
        if self.done is None:
            self.done = self.drafts.finish(self.style)
        return self.done

    def __repr__(self) -> str:
        return f"{self.style.name} {self.digest}"


def mark(index: int) -> Markup:
    """Where a draft note's `index`-th citation goes."""
    return Markup(f"{MARK_OPEN}{index}{MARK_CLOSE}")


def fill(text: Markup, cites: list[Markup]) -> Markup:
    """A draft note with its citations in place; one that opens a sentence of the
    note capitalised ('Ibid para 5.', 'See ...')."""
    out: list[Markup] = []
    at = 0
    for found in _MARK.finditer(text):
        cite = cites[int(found[1])]
        before = text[at : found.start()]
        if (not out and not before) or before.endswith(". "):
            cite = Markup(cite[:1].upper()) + cite[1:]
        out += [Markup(before), cite]
        at = found.end()
    out.append(Markup(text[at:]))
    return Markup("").join(out)
