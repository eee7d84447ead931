"""A briefing's footnotes, numbered in reading order, and the sources they cite.

A reference is cited in full in the first note that cites it and by its short form,
pointing back to that note, after it (OSCOLA; the wording is in `citations`).
"""

from __future__ import annotations

from markdown_it.token import Token
from markupsafe import Markup

from parlbrief.errors import Origin, Problems
from parlbrief.load import Corpus
from parlbrief.model import Reference
from parlbrief.resolve import citations
from parlbrief.resolve.prose import citation_meta
from parlbrief.resolve.resolved import Note


class Notes:
    """The notes of one briefing so far; each new one takes the next number."""

    def __init__(self, corpus: Corpus, problems: Problems) -> None:
        self.corpus, self.problems = corpus, problems
        self.notes: list[Note] = []
        self.first_note: dict[str, int] = {}
        """The note that first cites each reference, by reference id."""
        self.sources: list[Reference] = []
        """Every reference cited, in the order first cited (the sources list)."""
        self.deferred: list[Markup] = []
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
        parts: list[Markup] = []
        for cite in meta["cites"]:
            ref = self.reference(cite.id, where)
            if ref is not None:
                parts.append(self.cite(ref, cite.locator, cite.prefix, first=not parts))
        meta["note"] = self.add_note(parts) if parts or self.deferred else None

    def defer(self, sentence: Markup) -> None:
        """Open the next note with `sentence` (a figure's note sharing a citation's)."""
        self.deferred.append(sentence)

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

    def cite(self, ref: Reference, locator: str, prefix: str, *, first: bool) -> Markup:
        """One citation for the next note: in full the first time `ref` is cited, else short.

        `first` says whether it opens the note (a prefix such as 'see' is then capitalised).
        """
        number = len(self.notes) + 1
        earlier = self.first_note.get(ref.id)
        if earlier is None:
            self.first_note[ref.id] = number
            self.sources.append(ref)
            text = citations.full_reference(ref, locator)
        else:
            # Cited in full earlier in this same note: no "(n 5)" inside note 5.
            back = None if earlier == number else earlier
            text = citations.short_reference(ref, back, locator)
        return citations.with_prefix(prefix, text, first=first)

    def add_note(self, parts: list[Markup]) -> int:
        """Add a note made of these citations (or texts), after any deferred sentences;
        its number."""
        sentences, self.deferred = self.deferred, []
        if parts:
            sentences.append(Markup("; ").join(parts))
        note = Note(len(self.notes) + 1, citations.finish([Markup(". ").join(sentences)]))
        self.notes.append(note)
        return note.number
