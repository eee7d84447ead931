"""Stage 3: decide everything about a briefing before any HTML is written.

Footnote numbers, note texts, figure values and the sources list are settled here, in
one pass over the briefing in reading order, so templates only lay things out.
"""

from __future__ import annotations

import re

from markdown_it.token import Token
from markupsafe import Markup, escape

from parlbrief.errors import Origin, Problems
from parlbrief.load import Corpus
from parlbrief.load.data import DataRow
from parlbrief.load.yamlfile import TEXT_START
from parlbrief.model import (
    VARIANT,
    Brand,
    Briefing,
    Model,
    Panel,
    Reference,
)
from parlbrief.resolve import citations
from parlbrief.resolve.formatting import format_change, format_month, format_number
from parlbrief.resolve.formula import describe
from parlbrief.resolve.prose import Cite, parse
from parlbrief.resolve.resolved import (
    Note,
    PanelItem,
    Prose,
    ResolvedBriefing,
    ResolvedPanel,
    ResolvedQuestion,
    ResolvedSection,
    Variant,
)
from parlbrief.resolve.safety import police_prose
from parlbrief.resolve.tables import resolve_table
from parlbrief.resolve.values import Figure, Values

#: Line breaks as markdown-it reads them.
_NEWLINES = re.compile(r"\r\n?|\n")

__all__ = [
    "Note",
    "PanelItem",
    "Prose",
    "ResolvedBriefing",
    "ResolvedPanel",
    "ResolvedQuestion",
    "ResolvedSection",
    "Variant",
    "resolve_briefing",
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


class _Resolver:
    def __init__(
        self, corpus: Corpus, problems: Problems, values: Values, variant: Variant | None
    ) -> None:
        self.corpus, self.problems, self.values, self.variant = corpus, problems, values, variant
        self.notes: list[Note] = []
        self.first_note: dict[str, int] = {}
        self.sources: list[Reference] = []
        self.figures: dict[str, Figure] = {}
        self.data_rows: dict[tuple[str, int], DataRow] = {}
        if variant is not None:
            self.data_rows[(variant.row.file, variant.row.line)] = variant.row

    def briefing(self, briefing: Briefing) -> ResolvedBriefing:
        origin = briefing.origin
        summary = (
            self.prose(briefing.summary, origin, _first_line(briefing, "summary"))
            if briefing.summary
            else None
        )
        panels = [self.panel(p, origin) for p in briefing.panels]
        sections = [self.section(briefing, i) for i in range(len(briefing.sections))]
        questions = [
            self.question(qid, briefing.at("questions", i))
            for i, qid in enumerate(briefing.questions)
        ]
        brand = self.corpus.brands.get(briefing.brand)
        if brand is None:
            known = ", ".join(sorted(self.corpus.brands)) or "none"
            self.problems.error(
                briefing.at("brand"),
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
            statistics=[self.figures[sid].stat for sid in sorted(self.figures)],
            figures=dict(sorted(self.figures.items())),
            data_rows=sorted(self.data_rows.values(), key=lambda r: (r.file, r.line)),
            panels=panels,
            variant=self.variant,
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
        if section.table is not None:
            return self.table(briefing, index)
        if section.argument is None:
            assert section.text is not None
            first = _first_line(briefing, f"sections.{index}.text")
            prose = self.prose(section.text, briefing.origin, first)
            heading = self.fill(section.heading) if section.heading else None
            return ResolvedSection(f"section-{index + 1}", heading, prose)
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

    def question(self, qid: str, origin: Origin) -> ResolvedQuestion | None:
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

    def prose(self, text: str, origin: Origin, first_line: int | None = None) -> Prose:
        filled = self.fill(text)
        tokens = parse(filled)
        # Refused links and images are reported, allowed images embedded (see safety).
        police_prose(tokens, origin, first_line, self.corpus.assets, self.problems)
        # Lines as markdown-it counts them (a lone \r ends a line too), so that a
        # block's line numbers index this list.
        lines = _NEWLINES.split(filled)
        for block in tokens:
            if block.type != "inline" or not block.children:
                continue
            where = _Lines(origin, first_line, lines, block.map)
            for token in block.children:
                if token.type == "citation":
                    self.citation(token, where.of(token))
                elif token.type == "figure":
                    self.figure(token, where.of(token))
        return Prose(tokens, origin)

    def citation(self, token: Token, where: Origin) -> None:
        cites: list[Cite] = token.meta["cites"]
        parts: list[Markup] = []
        for cite in cites:
            ref = self.reference(cite.id, where)
            if ref is not None:
                parts.append(self.cite(ref, cite.locator, cite.prefix, first=not parts))
        token.meta["note"] = self.add_note(parts) if parts else None

    def fill(self, text: str) -> str:
        """Text with '{variant}' replaced by the variant's name (in a variant only)."""
        return text.replace(VARIANT, self.variant.name) if self.variant else text

    def figure(self, token: Token, where: Origin) -> None:
        written = f"[{token.content.strip()}]"
        token.meta.update(display=written, note=None)
        figure = self.lookup(token.meta["id"], where, written)
        if figure is None:
            return
        option = token.meta.get("option", "")
        if option:
            self.change(token, figure, option, where)
            return
        token.meta["display"] = figure.display
        token.meta["note"] = self.figure_note(figure)

    def lookup(self, sid: str, where: Origin, written: str) -> Figure | None:
        """A statistic's figure, recording it and its inputs as used; None if it has none."""
        stat = self.corpus.statistics.get(sid)
        if stat is None:
            hint = self.corpus.missing(self.corpus.statistics, sid)
            if hint is not None:
                self.problems.error(
                    where,
                    f"{written}: there is no statistic '{sid}'{hint} - "
                    "check the id against sources/statistics/",
                )
            return None
        if self.variant is None and self.values.bound(sid):
            self.problems.error(
                where,
                f"{written}: {sid} reads the row for {VARIANT} of a data file, so only a "
                "briefing with 'variants' can use it",
            )
            return None
        for used in self.values.closure(sid):
            found = self.values.get(used)
            if found is not None:
                self.figures[used] = found
                if found.row is not None:
                    self.data_rows[(found.row.file, found.row.line)] = found.row
        return self.figures.get(sid)

    def change(self, token: Token, figure: Figure, option: str, where: Origin) -> None:
        """`[#new, change since old]`: 'up 1,005 since March 2021', noted to both."""
        words = option.split()
        percent = words[:1] in (["percent"], ["percentage"])
        if percent:
            words = words[1:]
        if len(words) != 3 or words[:2] != ["change", "since"]:
            self.problems.error(
                where,
                f"[{token.content.strip()}]: '{option}' is not an option parlbrief knows - "
                f"write [#{figure.id}] or [#{figure.id}, change since <other id>] "
                "(or 'percent change since')",
            )
            return
        old = self.lookup(words[2], where, f"[{token.content.strip()}]")
        if old is None:
            return
        try:
            token.meta["display"] = format_change(
                figure.value, old.value, figure.stat.kind, old.as_of, percent=percent
            )
        except ZeroDivisionError:
            self.problems.error(where, f"{old.id} is zero, so there is no percentage change")
            return
        kind = figure.stat.kind
        text = Markup("{}: {} in {}, against {} in {}").format(
            figure.label,
            format_number(figure.value, kind),
            format_month(figure.as_of),
            format_number(old.value, kind),
            format_month(old.as_of),
        )
        token.meta["note"] = self.sourced_note(text, [figure.id, old.id])

    def figure_note(self, figure: Figure) -> int | None:
        """'Label: <source>.' or, for a derived figure, how it is worked out and from what."""
        stat = figure.stat
        if stat.formula is None:
            cites = self.figure_cites([stat.id])
            if not cites:
                return None
            return self.add_note([escape(figure.label) + Markup(": ") + cites[0], *cites[1:]])
        text = Markup("{}: {}").format(figure.label, self.method(figure))
        return self.sourced_note(text, [stat.id])

    def method(self, figure: Figure) -> str:
        """The derived figure's method as written, or its formula in words."""
        if figure.stat.method:
            return figure.stat.method
        formula = self.values.formula(figure.id)
        labels = {sid: self.figures[sid].label for sid in figure.inputs if sid in self.figures}
        return f"worked out as {describe(formula, labels)}" if formula else ""

    def sourced_note(self, text: Markup, sids: list[str]) -> int:
        """A note: `text`, then 'Source:' and the sources of the figures it rests on."""
        cites = self.figure_cites(sids)
        if not cites:
            return self.add_note([text])
        label = "Source" if len(cites) == 1 else "Sources"
        return self.add_note([text + Markup(". {}: ").format(label) + cites[0], *cites[1:]])

    def figure_cites(self, sids: list[str]) -> list[Markup]:
        """Citations of the sources of these figures and of everything they are made from.

        Each source is cited once, with the pinpoints of all its figures ('table 2').
        """
        pinpoints: dict[str, list[str]] = {}
        for sid in sids:
            for used in self.values.closure(sid):
                stat = self.corpus.statistics[used]
                if stat.source is None:
                    continue
                found = pinpoints.setdefault(stat.source, [])
                if stat.pinpoint and stat.pinpoint not in found:
                    found.append(stat.pinpoint)
        cites: list[Markup] = []
        for rid, pins in pinpoints.items():
            ref = self.corpus.references.get(rid)  # an unknown one is reported by validate
            if ref is not None:
                cites.append(self.cite(ref, ", ".join(pins), "", first=not cites))
        return cites

    def table(self, briefing: Briefing, index: int) -> ResolvedSection | None:
        section = briefing.sections[index]
        assert section.table is not None
        # values.report says each problem once, not once per variant.
        where = briefing.origin
        table = resolve_table(section.table, self.corpus.data, where, self.values.report)
        if table is None:
            return None
        for row in table.data_rows:
            self.data_rows[(row.file, row.line)] = row
        ref = self.reference(section.table.source, briefing.origin)
        if ref is not None:
            text = Markup("Source: ") + self.cite(ref, section.table.pinpoint or "", "", first=True)
            if table.explanation:
                text += Markup(". ") + escape(table.explanation)
            table.note = self.add_note([text])
        heading = self.fill(section.heading) if section.heading else None
        return ResolvedSection(f"section-{index + 1}", heading, Prose([], briefing.origin), table)

    def panel(self, panel: Panel, origin: Origin) -> ResolvedPanel:
        """A box of figures ('In your area'): each figure's label, value and note."""
        items = []
        for sid in panel.figures:
            figure = self.lookup(sid, origin, f"panels: {sid}")
            if figure is None:
                continue
            items.append(PanelItem(figure.label, figure.display, self.figure_note(figure)))
        return ResolvedPanel(self.fill(panel.heading), items, panel.note)

    def reference(self, rid: str, where: Origin) -> Reference | None:
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


def _first_line(item: Model, field: str) -> int:
    """The file line where the Markdown in `item.<field>` starts (after `field: |`)."""
    line = item.lines.get(f"{field}.{TEXT_START}") or item.lines.get(field)
    return line or item.origin.line or 1


class _Lines:
    """Finds the file line of each citation in a paragraph, for error messages.

    markdown-it gives a paragraph its lines but not the tokens inside it, so each
    `[...]` is looked for in the paragraph's source, in order, from the last one found.
    """

    def __init__(
        self, origin: Origin, first: int | None, lines: list[str], span: list[int] | None
    ) -> None:
        self.origin, self.first, self.lines = origin, first, lines
        self.line, self.end = (span[0], span[1]) if span else (0, 0)

    def of(self, token: Token) -> Origin:
        if self.first is None or self.end == 0:
            return self.origin
        wanted = f"[{token.content}]"
        for index in range(self.line, self.end):
            if wanted in self.lines[index]:
                self.line = index
                break
        return Origin(self.origin.path, self.first + self.line)
