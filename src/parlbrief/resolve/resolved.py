"""What the resolve stage produces: a briefing with notes numbered and figures valued.

Templates and the build read these; only `parlbrief.resolve` makes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

from markdown_it.token import Token
from markupsafe import Markup

from parlbrief.errors import Origin
from parlbrief.load.data import DataRow
from parlbrief.model import Argument, Brand, Briefing, Question, Reference, Statistic
from parlbrief.resolve.values import Figure


@dataclass
class Prose:
    """Parsed Markdown whose citation and figure tokens carry their note numbers."""

    tokens: list[Token]
    origin: Origin
    first_line: int | None = None
    """The file line the Markdown starts on (None when not known)."""


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


class Wording(Protocol):
    """A briefing's notes and sources list, worded by its citation style when first
    asked for. Its repr names the style and its text's hash (what a build records)."""

    def notes(self) -> list[Note]: ...

    def sources(self) -> list[Markup]: ...


@dataclass(frozen=True)
class SourceLink:
    """What a note cites, for finding its passage in a stored copy."""

    reference: str
    """The reference's id."""
    locator: str
    """The pinpoint as cited, with any comment: 'para 95 (the Minister on “...”)'."""
    marks: tuple[str, ...] = ()
    """Words to mark in the passage: the comment's quotations, or figures' values."""


@dataclass(frozen=True)
class NotePassage:
    """A passage of a stored copy that notes cite, for the reader to check them."""

    notes: tuple[int, ...]
    """The notes that cite it, in order."""
    anchor: str
    """Its id in the web page: 'passage-1'."""
    source: str
    """The reference as later notes name it: 'Justice Committee'."""
    pinpoint: str
    """The passage's heading in the copy: 'para 95'."""
    html: Markup
    """The passage, paragraph by paragraph, the words its notes quote and the figures
    they give in <mark>."""
    taken_from: str
    """Where the copy was taken from, in words."""


@dataclass
class ResolvedTable:
    """A table ready to lay out: headings, formatted cells, and its footnote number."""

    caption: str
    headings: list[str]
    numeric: list[bool]
    """Per column: whether it holds numbers (right-aligned, tabular figures)."""
    rows: list[list[str]]
    explanation: str = ""
    """How derived columns are worked out, for the footnote: 'Shortfall = ...'."""
    note: int | None = None
    data_rows: list[DataRow] = field(default_factory=list)


@dataclass(frozen=True)
class ChartSeries:
    """One series of a chart: its label, its numbers, and each as the table prints it."""

    label: str
    values: list[Decimal]
    displays: list[str]


@dataclass
class ResolvedChart:
    """A chart ready to draw: its figures, the same as a table, its words and its note."""

    type: str
    """'bar' or 'line' (model.ChartType)."""
    caption: str
    categories: list[str]
    """The x column's cells as printed ('June 2022'), one per point along the bottom."""
    dates: list[date] | None
    """The x column as dates when its format is a month or a day: a line chart spaces
    its points by time, not evenly."""
    series: list[ChartSeries]
    kind: str
    """How the axis prints its numbers: 'count', 'percentage' or 'money'."""
    axis: str | None
    table: ResolvedTable
    """The same figures as a table: one click away in the web page, and Word's chart."""
    description: str = ""
    """The text alternative, written from the figures (resolve.chart_data.describe)."""
    note: int | None = None
    data_rows: list[DataRow] = field(default_factory=list)


@dataclass
class ResolvedSection:
    id: str
    heading: str | None
    prose: Prose
    table: ResolvedTable | None = None
    """A table section has empty prose and this table."""
    chart: ResolvedChart | None = None
    """A chart section has empty prose and this chart."""


@dataclass
class PanelItem:
    """One figure in a panel: its label, its value as printed and its note."""

    label: str
    display: str
    note: int | None


@dataclass
class ResolvedPanel:
    heading: str
    items: list[PanelItem]
    note: str | None
    chart: ResolvedChart | None = None


@dataclass(frozen=True)
class Variant:
    """Which row of a variants table a briefing was built for."""

    name: str
    """The key column's value, e.g. 'Wales'."""
    slug: str
    """The name as an output file name, e.g. 'wales' (build/<id>/wales.pdf)."""
    row: DataRow


@dataclass
class ResolvedQuestion:
    id: str
    to: str
    prose: Prose


@dataclass
class ResolvedPart:
    """A briefing bound into a pack: its own summary, panels and sections, their notes
    numbered on from the parts before it (its questions join the pack's)."""

    briefing: Briefing
    summary: Prose | None
    panels: list[ResolvedPanel]
    sections: list[ResolvedSection]
    """Each with its id prefixed by the part's ('briefing-5-trusts-before-tr'), so that
    two parts' sections never share an anchor."""

    @property
    def id(self) -> str:
        return self.briefing.id


@dataclass
class ResolvedBriefing:
    """A briefing with every citation numbered and every figure valued."""

    briefing: Briefing
    brand: Brand
    summary: Prose | None
    sections: list[ResolvedSection]
    questions: list[ResolvedQuestion]
    citation_style: Wording | None = None
    """Words the notes and the sources list, when they are first read (`check` and a
    build with nothing to make never need them)."""
    sources: list[Reference] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    arguments: list[Argument] = field(default_factory=list)
    question_items: list[Question] = field(default_factory=list)
    figures: dict[str, Figure] = field(default_factory=dict)
    """Every statistic used, directly or as the input of a derived one, with its value."""
    data_rows: list[DataRow] = field(default_factory=list)
    """Every CSV row the briefing's figures, tables and variant read (to hash for builds)."""
    panels: list[ResolvedPanel] = field(default_factory=list)
    variant: Variant | None = None
    passages: list[NotePassage] = field(default_factory=list)
    """The passages of stored copies its notes cite (see parlbrief.resolve.passages)."""
    parts: list[ResolvedPart] = field(default_factory=list)
    """A pack's parts, in order; `sections` then holds all their sections."""
    included: list[Briefing] = field(default_factory=list)
    """The briefings a pack binds (for the build to know when one of them changes)."""

    def body_prose(self) -> list[Prose]:
        """The prose of its summary and sections in reading order (a pack's: each part's
        summary before its sections); questions not included."""
        if not self.parts:
            found = [self.summary, *(s.prose for s in self.sections)]
        else:
            found = [self.summary]
            for part in self.parts:
                found += [part.summary, *(s.prose for s in part.sections)]
        return [p for p in found if p is not None]

    @property
    def notes(self) -> list[Note]:
        """The notes in order, each worded by the citation style."""
        return self.citation_style.notes() if self.citation_style else []

    @property
    def source_texts(self) -> list[Markup]:
        """Each of `sources` as the sources list prints it, in the citation style."""
        return self.citation_style.sources() if self.citation_style else []

    @property
    def key(self) -> str:
        """The briefing's output name: its id, or '<id>/<variant>' for a variant."""
        return f"{self.briefing.id}/{self.variant.slug}" if self.variant else self.briefing.id

    @property
    def figures_as_at(self) -> date | None:
        """The latest date the briefing's data describe: figures dated after the
        briefing (targets, projections) left out (parlbrief.resolve.stamp says more)."""
        dates = [f.as_of for f in self.figures.values() if f.as_of <= self.briefing.date]
        return max(dates, default=None)
