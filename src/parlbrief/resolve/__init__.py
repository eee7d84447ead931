"""Stage 3: decide everything about a briefing before any HTML is written.

Footnote numbers, note texts, figure values and the sources list are settled here, in
one pass over the briefing in reading order, so templates only lay things out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markdown_it.token import Token
from markupsafe import Markup, escape

from parlbrief.errors import Origin, Problems
from parlbrief.load import Corpus
from parlbrief.model import Argument, Brand, Briefing, Question, Reference, Statistic
from parlbrief.resolve import citations
from parlbrief.resolve.figures import format_number
from parlbrief.resolve.prose import Cite, parse


@dataclass
class Prose:
    """Parsed Markdown whose citation and figure tokens carry their note numbers."""

    tokens: list[Token]
    origin: Origin


@dataclass(frozen=True)
class Note:
    number: int
    body: Markup

    @property
    def id(self) -> str:
        return f"fn-{self.number}"

    @property
    def ref_id(self) -> str:
        return f"fnref-{self.number}"


@dataclass
class ResolvedSection:
    id: str
    heading: str | None
    prose: Prose


@dataclass
class ResolvedQuestion:
    id: str
    to: str
    prose: Prose


@dataclass
class ResolvedBriefing:
    """A briefing with every citation numbered and every figure valued."""

    briefing: Briefing
    brand: Brand
    summary: Prose | None
    sections: list[ResolvedSection]
    questions: list[ResolvedQuestion]
    notes: list[Note] = field(default_factory=list)
    sources: list[Reference] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    arguments: list[Argument] = field(default_factory=list)
    question_items: list[Question] = field(default_factory=list)

    @property
    def figures_as_at(self) -> date | None:
        """The latest date any figure in the briefing describes."""
        return max((s.as_of for s in self.statistics), default=None)


def resolve_briefing(corpus: Corpus, briefing: Briefing, problems: Problems) -> ResolvedBriefing:
    """Number the notes, value the figures, list the sources; report what is missing."""
    return _Resolver(corpus, problems).briefing(briefing)


class _Resolver:
    def __init__(self, corpus: Corpus, problems: Problems) -> None:
        self.corpus, self.problems = corpus, problems
        self.notes: list[Note] = []
        self.first_note: dict[str, int] = {}
        self.sources: list[Reference] = []
        self.statistics: dict[str, Statistic] = {}

    def briefing(self, briefing: Briefing) -> ResolvedBriefing:
        origin = briefing.origin
        summary = self.prose(briefing.summary, origin) if briefing.summary else None
        sections = [self.section(briefing, i) for i in range(len(briefing.sections))]
        questions = [self.question(qid, origin) for qid in briefing.questions]
        brand = self.corpus.brands.get(briefing.brand)
        if brand is None:
            known = ", ".join(sorted(self.corpus.brands)) or "none"
            self.problems.error(
                origin,
                f"brand: there is no brand '{briefing.brand}' (known brands: {known}) - "
                "add templates/brands/<name>/brand.yaml or fix the name",
            )
            brand = Brand(id="default", name=briefing.series)
        return ResolvedBriefing(
            briefing=briefing,
            brand=brand,
            summary=summary,
            sections=[s for s in sections if s is not None],
            questions=[q for q in questions if q is not None],
            notes=self.notes,
            sources=self.sources,
            statistics=sorted(self.statistics.values(), key=lambda s: s.id),
            arguments=[
                self.corpus.arguments[s.argument]
                for s in briefing.sections
                if s.argument in self.corpus.arguments
            ],
            question_items=[
                self.corpus.questions[q] for q in briefing.questions if q in self.corpus.questions
            ],
        )

    def section(self, briefing: Briefing, index: int) -> ResolvedSection | None:
        section = briefing.sections[index]
        if section.argument is None:
            assert section.text is not None
            prose = self.prose(section.text, briefing.origin)
            return ResolvedSection(f"section-{index + 1}", section.heading, prose)
        argument = self.corpus.arguments.get(section.argument)
        if argument is None:
            self.problems.error(
                briefing.origin,
                f"sections: there is no argument '{section.argument}' - "
                "check the id against sources/arguments/",
            )
            return None
        prose = self.prose(argument.body, argument.origin, argument.body_line)
        return ResolvedSection(argument.id, section.heading or argument.heading, prose)

    def question(self, qid: str, origin: Origin) -> ResolvedQuestion | None:
        question = self.corpus.questions.get(qid)
        if question is None:
            self.problems.error(
                origin, f"questions: there is no question '{qid}' - check sources/questions/"
            )
            return None
        return ResolvedQuestion(qid, question.to, self.prose(question.text, question.origin))

    def prose(self, text: str, origin: Origin, first_line: int | None = None) -> Prose:
        tokens = parse(text)
        for block in tokens:
            if block.type != "inline" or not block.children:
                continue
            where = origin
            if first_line is not None and block.map:
                where = Origin(origin.path, first_line + block.map[0])
            for token in block.children:
                if token.type == "citation":
                    self.citation(token, where)
                elif token.type == "figure":
                    self.figure(token, where)
        return Prose(tokens, origin)

    def citation(self, token: Token, where: Origin) -> None:
        cites: list[Cite] = token.meta["cites"]
        parts: list[Markup] = []
        for cite in cites:
            ref = self.reference(cite.id, where)
            if ref is not None:
                parts.append(self.cite(ref, cite.locator, cite.prefix, first=not parts))
        token.meta["note"] = self.add_note(parts) if parts else None

    def figure(self, token: Token, where: Origin) -> None:
        stat = self.corpus.statistics.get(token.meta["id"])
        if stat is None:
            self.problems.error(
                where,
                f"[#{token.meta['id']}]: there is no statistic '{token.meta['id']}' - "
                "check the id against sources/statistics/",
            )
            token.meta.update(display=f"[#{token.meta['id']}]", note=None)
            return
        self.statistics[stat.id] = stat
        value = stat.value
        if value is None:
            self.problems.error(
                stat.origin,
                f"{stat.id}: figures from data or formulas are not supported by this version",
            )
            token.meta.update(display="?", note=None)
            return
        token.meta["display"] = format_number(value, stat.kind, approximate=stat.approximate)
        token.meta["note"] = self.figure_note(stat, where)

    def figure_note(self, stat: Statistic, where: Origin) -> int | None:
        if stat.source is None:
            return None
        ref = self.reference(stat.source, stat.origin)
        if ref is None:
            return None
        cite = self.cite(ref, stat.pinpoint or "", "", first=True)
        return self.add_note([escape(stat.label) + Markup(": ") + cite])

    def reference(self, rid: str, where: Origin) -> Reference | None:
        ref = self.corpus.references.get(rid)
        if ref is None:
            self.problems.error(
                where,
                f"[@{rid}]: there is no reference '{rid}' - "
                "check the id against sources/references/",
            )
        return ref

    def cite(self, ref: Reference, locator: str, prefix: str, *, first: bool) -> Markup:
        number = len(self.notes) + 1
        earlier = self.first_note.get(ref.id)
        if earlier is None:
            self.first_note[ref.id] = number
            self.sources.append(ref)
            text = citations.full_reference(ref, locator)
        else:
            text = citations.short_reference(ref, earlier, locator)
        return citations.with_prefix(prefix, text, first=first)

    def add_note(self, parts: list[Markup]) -> int:
        note = Note(len(self.notes) + 1, citations.finish(parts))
        self.notes.append(note)
        return note.number
