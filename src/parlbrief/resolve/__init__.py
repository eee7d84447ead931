"""Stage 3: decide everything about a briefing before any HTML is written.

Footnote numbers, note texts, figure values and the sources list are settled here, in
one pass over the briefing in reading order, so templates only lay things out. The pass
is walked here; notes are numbered in `notes`, figures phrased in `figure_notes`, tables
formatted in `tables`.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from markdown_it.token import Token

from parlbrief.errors import Origin, Problems
from parlbrief.load import Corpus
from parlbrief.load.yamlfile import TEXT_START
from parlbrief.model import VARIANT, Brand, Briefing, Chart, Model
from parlbrief.model.variant_text import fill_variant
from parlbrief.resolve.chart_data import Place, cited_chart, filled_chart, unfilled
from parlbrief.resolve.csl.style import briefing_style
from parlbrief.resolve.figure_notes import FigureNotes
from parlbrief.resolve.notes import Notes, Words
from parlbrief.resolve.passages import note_passages
from parlbrief.resolve.prose import note_calls, parse, stray_markup
from parlbrief.resolve.resolved import (
    Note,
    PanelItem,
    Prose,
    ResolvedBriefing,
    ResolvedChart,
    ResolvedPanel,
    ResolvedPart,
    ResolvedQuestion,
    ResolvedSection,
    Variant,
)
from parlbrief.resolve.safety import police_prose
from parlbrief.resolve.strays import stray_problem
from parlbrief.resolve.tables import cited_table
from parlbrief.resolve.values import Values

__all__ = [
    "Note",
    "PanelItem",
    "Prose",
    "ResolvedBriefing",
    "ResolvedPanel",
    "ResolvedPart",
    "ResolvedQuestion",
    "ResolvedSection",
    "Variant",
    "check_fragments",
    "resolve_briefing",
    "resolve_pack",
]


def resolve_briefing(
    corpus: Corpus,
    briefing: Briefing,
    problems: Problems,
    values: Values | None = None,
    variant: Variant | None = None,
) -> ResolvedBriefing:
    """Number the notes, value the figures, list the sources; report what is missing.

    Pass one `values` for the whole project so each statistic is worked out once; for a
    variant, pass `values.for_variant(name)` and the variant.
    """
    values = values if values is not None else Values(corpus, problems)
    return _Resolver(corpus, problems, values, variant).briefing(briefing)


def resolve_pack(
    corpus: Corpus, pack: Briefing, parts: list[Briefing], problems: Problems, values: Values
) -> ResolvedBriefing:
    """A pack with its `parts` (the briefings it includes, found by resolve.packs) read
    in order as one document: notes numbered through all, one sources list."""
    return _Resolver(corpus, problems, values, None).pack(pack, parts)


def check_fragments(corpus: Corpus, used: set[str], problems: Problems, values: Values) -> None:
    """Check the prose of every argument and question that no resolved briefing uses.

    One left out of every briefing, or used only by a briefing that failed to load,
    would otherwise keep its mistakes (a misspelt citation, an unknown figure) until a
    later run: a press officer wants them all at once. Problems that only make sense
    inside a briefing with variants are left to that briefing.
    """
    local = Problems()
    resolver = _Resolver(corpus, local, values, None)
    for argument in sorted(corpus.arguments.values(), key=lambda a: a.id):
        if argument.id not in used:
            resolver.prose(argument.body, argument.origin, argument.body_line)
    for question in sorted(corpus.questions.values(), key=lambda q: q.id):
        if question.id not in used:
            resolver.prose(question.text, question.origin, _first_line(question, "text"))
    problems.extend(p for p in local.items if VARIANT not in p.message)


class _Resolver:
    """One briefing's pass in reading order: summary, panels, sections, questions, brand."""

    def __init__(
        self, corpus: Corpus, problems: Problems, values: Values, variant: Variant | None
    ) -> None:
        self.corpus, self.problems, self.values, self.variant = corpus, problems, values, variant
        self.notes = Notes(corpus, problems)
        self.figures = FigureNotes(corpus, problems, values, variant, self.notes)

    def briefing(self, briefing: Briefing) -> ResolvedBriefing:
        """The briefing resolved; the order of the calls below is the order of the notes."""
        summary = self.summary(briefing)
        panels = [self.panel(briefing, i) for i in range(len(briefing.panels))]
        sections = [self.section(briefing, i) for i in range(len(briefing.sections))]
        questions = self.questions([briefing])
        kept = [s for s in sections if s is not None]
        result = self.result(briefing, summary, kept, questions, [briefing])
        result.panels = panels
        return result

    def pack(self, pack: Briefing, parts: list[Briefing]) -> ResolvedBriefing:
        """A pack: its own summary, then each part in turn, then every part's questions
        and its own, each once; one run of notes and one list of sources through all."""
        summary = self.summary(pack)
        bound = [self.part(part) for part in parts]
        sections = [s for part in bound for s in part.sections]
        questions = self.questions([*parts, pack])
        result = self.result(pack, summary, sections, questions, parts)
        result.parts, result.included = bound, list(parts)
        return result

    def part(self, briefing: Briefing) -> ResolvedPart:
        """A briefing bound into a pack, in the order its own notes are numbered."""
        summary = self.summary(briefing)
        panels = [self.panel(briefing, i) for i in range(len(briefing.panels))]
        found = [self.section(briefing, i) for i in range(len(briefing.sections))]
        sections = [replace(s, id=f"{briefing.id}-{s.id}") for s in found if s is not None]
        return ResolvedPart(briefing, summary, panels, sections)

    def questions(self, briefings: list[Briefing]) -> list[ResolvedQuestion]:
        """The questions of `briefings`, in order, each once."""
        wanted: dict[str, Origin] = {}
        for briefing in briefings:
            for i, qid in enumerate(briefing.questions):
                wanted.setdefault(qid, briefing.at("questions", i))
        found = [self.question(qid, origin) for qid, origin in wanted.items()]
        return [q for q in found if q is not None]

    def result(
        self,
        briefing: Briefing,
        summary: Prose | None,
        sections: list[ResolvedSection],
        questions: list[ResolvedQuestion],
        from_briefings: list[Briefing],
    ) -> ResolvedBriefing:
        """The resolved briefing (or pack) once every note is numbered; its arguments
        are those of `from_briefings` (a pack's parts)."""
        figures = self.figures.figures
        wording = Words(self.notes, self.style(briefing))
        return ResolvedBriefing(
            briefing=briefing,
            brand=self.brand(briefing),
            summary=summary,
            sections=sections,
            questions=questions,
            citation_style=wording,
            sources=self.notes.sources,
            statistics=[figures[sid].stat for sid in sorted(figures)],
            figures=dict(sorted(figures.items())),
            data_rows=sorted(self.figures.data_rows.values(), key=lambda r: (r.file, r.line)),
            variant=self.variant,
            arguments=list(
                {
                    s.argument: self.corpus.arguments[s.argument]
                    for b in from_briefings
                    for s in b.sections
                    if s.argument in self.corpus.arguments
                }.values()
            ),
            question_items=[self.corpus.questions[q.id] for q in questions],
            passages=note_passages(self.notes.links, self.corpus.copies, self.corpus.references),
        )

    def style(self, briefing: Briefing) -> Path:
        """The CSL style the briefing's notes are worded in."""
        settings, root = self.corpus.settings, self.corpus.root
        return briefing_style(settings, briefing, root, self.problems)

    def summary(self, briefing: Briefing) -> Prose | None:
        """The briefing's summary, if it has one."""
        if not briefing.summary:
            return None
        return self.prose(briefing.summary, briefing.origin, _first_line(briefing, "summary"))

    def panel(self, briefing: Briefing, index: int) -> ResolvedPanel:
        """A box of figures ('In your area'), and its chart if it has one."""
        panel = briefing.panels[index]
        heading = self.fill(panel.heading)
        items = self.figures.panel_items(panel, briefing.origin)
        chart = None
        if panel.chart is not None:
            chart = self.drawn(panel.chart, partial(briefing.at, "panels", index, "chart"))
        note = self.fill(panel.note) if panel.note else panel.note
        return ResolvedPanel(heading, items, note, chart)

    def section(self, briefing: Briefing, index: int) -> ResolvedSection | None:
        """A section: a table, a chart, the briefing's own text, or an argument from sources/."""
        section = briefing.sections[index]
        if section.table is not None:
            return self.table(briefing, index)
        if section.chart is not None:
            return self.chart(briefing, index)
        if section.argument is None:
            assert section.text is not None
            first = _first_line(briefing, f"sections.{index}.text")
            prose = self.prose(section.text, briefing.origin, first)
            heading = self.fill(section.heading) if section.heading else None
            return ResolvedSection(f"section-{index + 1}", heading, prose)
        return self.argument(briefing, index)

    def argument(self, briefing: Briefing, index: int) -> ResolvedSection | None:
        """A section that is an argument from sources/arguments/; None if there is none."""
        section = briefing.sections[index]
        assert section.argument is not None
        argument = self.corpus.arguments.get(section.argument)
        if argument is None:
            hint = self.corpus.missing(self.corpus.arguments, section.argument)
            if hint is not None:
                self.problems.error(
                    briefing.at("sections", index, "argument"),
                    f"sections: there is no argument '{section.argument}'{hint} - "
                    "check the id against sources/arguments/",
                )
            return None
        prose = self.prose(argument.body, argument.origin, argument.body_line)
        heading = section.heading or argument.heading
        return ResolvedSection(argument.id, self.fill(heading) if heading else None, prose)

    def table(self, briefing: Briefing, index: int) -> ResolvedSection | None:
        """A table section; None if the table cannot be made (the problem is reported)."""
        section = briefing.sections[index]
        assert section.table is not None
        # values.report says each problem once, not once per variant.
        table = cited_table(
            section.table, self.corpus.data, briefing.origin, self.values.report, self.notes
        )
        if table is None:
            return None
        for row in table.data_rows:
            self.figures.read_row(row)
        heading = self.fill(section.heading) if section.heading else None
        return ResolvedSection(f"section-{index + 1}", heading, Prose([], briefing.origin), table)

    def chart(self, briefing: Briefing, index: int) -> ResolvedSection | None:
        """A chart section; None if the chart cannot be made (each problem is reported)."""
        section = briefing.sections[index]
        assert section.chart is not None
        chart = self.drawn(section.chart, partial(briefing.at, "sections", index, "chart"))
        if chart is None:
            return None
        heading = self.fill(section.heading) if section.heading else None
        empty = Prose([], briefing.origin)
        return ResolvedSection(f"section-{index + 1}", heading, empty, chart=chart)

    def drawn(self, chart: Chart, at: Place) -> ResolvedChart | None:
        """A chart (a section's or a panel's), `at` where its parts were written, with
        {variant} filled in; None if it cannot be made (each problem is reported)."""
        if self.variant is None:
            for where, message in unfilled(chart, at):
                self.values.report(where, message)
        resolved = cited_chart(
            filled_chart(chart, self.fill), at, self.corpus.data, self.values.report, self.notes
        )
        for row in resolved.data_rows if resolved else []:  # a change to one rebuilds it
            self.figures.read_row(row)
        return resolved

    def question(self, qid: str, origin: Origin) -> ResolvedQuestion | None:
        """A question to ask the minister; None if there is no such question."""
        question = self.corpus.questions.get(qid)
        if question is None:
            hint = self.corpus.missing(self.corpus.questions, qid)
            if hint is not None:
                self.problems.error(
                    origin,
                    f"questions: there is no question '{qid}'{hint} - check sources/questions/",
                )
            return None
        first = _first_line(question, "text")
        return ResolvedQuestion(qid, question.to, self.prose(question.text, question.origin, first))

    def brand(self, briefing: Briefing) -> Brand:
        """The briefing's brand; the default look, reported, if there is none of that name."""
        brand = self.corpus.brands.get(briefing.brand)
        if brand is not None:
            return brand
        if briefing.brand in self.corpus.broken_brands:  # its own errors say why
            return Brand(id="default", name=briefing.series)
        known = ", ".join(sorted(self.corpus.brands)) or "none"
        self.problems.error(
            briefing.at("brand"),
            f"brand: there is no brand '{briefing.brand}' (known brands: {known}) - "
            "add templates/brands/<name>/brand.yaml or fix the name",
        )
        return Brand(id="default", name=briefing.series)

    def prose(self, text: str, origin: Origin, first_line: int | None = None) -> Prose:
        """Markdown parsed, checked, and each citation and figure in it given its note."""
        filled = self.fill(text)
        tokens = parse(filled)
        # Refused links and images are reported, allowed images embedded (see safety).
        police_prose(tokens, origin, first_line, self.corpus.assets, self.problems)
        self.strays(tokens, filled, origin, first_line)
        for token, where in note_calls(tokens, filled, origin, first_line):
            if token.type == "citation":
                self.notes.citation(token, where)
            else:
                self.figures.figure(token, where)
        return Prose(tokens, origin, first_line)

    def strays(self, tokens: list[Token], text: str, origin: Origin, first: int | None) -> None:
        """Report citation-like markup that names a known reference or statistic but
        is not a citation or a figure (`[see@id, para 90]`): it would print as typed."""
        for stray, where in stray_markup(tokens, text, origin, first):
            known = self.corpus.references if stray.mark == "@" else self.corpus.statistics
            if stray.id in known:
                kind = "reference" if stray.mark == "@" else "statistic"
                self.problems.error(where, stray_problem(stray, kind))

    def fill(self, text: str) -> str:
        """Text with '{variant}' (and '{variant.<column>}') filled in (in a variant only)."""
        if self.variant is None:
            return text
        return fill_variant(text, self.variant.name, self.variant.row.by_column)


def _first_line(item: Model, field: str) -> int:
    """The file line where the Markdown in `item.<field>` starts (after `field: |`)."""
    line = item.lines.get(f"{field}.{TEXT_START}") or item.lines.get(field)
    return line or item.origin.line or 1
