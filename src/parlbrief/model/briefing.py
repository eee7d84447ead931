"""A briefing and its parts: sections (arguments, text, tables, charts), panels of figures,
questions, variants, the signatory and a letter's recipient."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from parlbrief.model.base import Day, Id, Model, Text
from parlbrief.model.contact import ContactDetails, Email, Phone
from parlbrief.model.debate import Debate

ColumnFormat = Literal["text", "count", "percentage", "money", "month", "day"]
ChartType = Literal["bar", "line"]
#: More series than brand colours tell apart is a table's job, not a chart's.
MAX_SERIES = 4
#: The kind of document that binds briefings into one (docs/packs.md).
PACK = "pack"


class Argument(Model):
    """A block of Markdown prose, optionally headed; cited inline."""

    id: Id
    heading: Text | None = None
    body: str
    body_line: int = Field(default=1, exclude=True)
    """Line of the file where the Markdown body starts (for errors inside prose)."""


class Question(Model):
    """A question an MP may put to a minister."""

    id: Id
    to: Text = "the Minister"
    """Whom it is put to: an office (see parlbrief/offices.yaml: 'Justice', 'the Home
    Secretary'), or 'the Minister' for the project's `department`."""
    text: Text
    written: Text | None = None
    """Its written form, as tabled ('To ask the Secretary of State for Justice, what
    ...'); without it, `parlbrief questions --written` derives one where it safely can."""


class TableColumn(Model):
    """One column of a table in a briefing: a CSV column or a derived one."""

    column: Text
    """The CSV column's name, or the name of a derived column."""
    heading: Text | None = None
    """The column's heading in the briefing (default: the column's name)."""
    format: ColumnFormat | None = None
    """How cells are printed; by default numbers as counts (4,542) and the rest as text."""


class Table(Model):
    """A table of a data series, footnoted to its source."""

    data: Text
    """The CSV file under sources/data/."""
    columns: list[TableColumn] = Field(min_length=1)
    derived: dict[str, Text] = Field(default_factory=dict)
    """Extra columns worked out per row, e.g. {shortfall: required - in_post}."""
    caption: Text
    source: Id
    pinpoint: Text | None = None
    rows: dict[str, str] = Field(default_factory=dict)
    """Optional: only rows whose cells equal these values, e.g. {nation: England}."""


class Chart(Model):
    """A bar or line chart of a data series, drawn from a CSV and footnoted to its source.

    `x` is the column along the bottom (the quarters, say); each of `series` is a
    column of numbers drawn against it, in the brand's colours.
    """

    type: ChartType
    data: Text
    """The CSV file under sources/data/."""
    x: TableColumn
    series: list[TableColumn] = Field(min_length=1)
    """The columns of numbers drawn, one colour each (at most MAX_SERIES)."""
    caption: Text
    source: Id
    pinpoint: Text | None = None
    axis: Text | None = None
    """What the numbers count, written beside the vertical axis ('Probation officers')."""
    rows: dict[str, str] = Field(default_factory=dict)
    """Optional: only rows whose cells equal these values, e.g. {nation: England}."""


class Section(Model):
    """One part of a briefing's body: an argument by id, inline Markdown, a table or a chart."""

    argument: Id | None = None
    heading: Text | None = None
    text: str | None = None
    table: Table | None = None
    chart: Chart | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Section:
        kinds = ("argument", "text", "table", "chart")
        given = [n for n in kinds if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError(
                "a section gives one of 'argument: <id>', 'text: <Markdown>', "
                "'table: ...' or 'chart: ...'"
            )
        return self


class Panel(Model):
    """A box of figures beside the body, such as 'In your area': figures, a chart, or both."""

    heading: Text
    figures: list[Id] = Field(default_factory=list)
    """Statistic ids, each printed as its label and value, footnoted to its source."""
    chart: Chart | None = None
    """A chart under the figures (a variant's own rows, say: rows: {region: "{variant}"})."""
    note: Text | None = None
    """A line under the figures, e.g. 'Illustrative figures, not official statistics.'"""

    @model_validator(mode="after")
    def _something_to_show(self) -> Panel:
        if not self.figures and self.chart is None:
            raise ValueError("a panel gives 'figures: [...]' (statistic ids), 'chart: ...' or both")
        return self


class Join(Model):
    """Another table whose rows complete the variants table's, matched by a key column:
    a project's own figures keyed by ONS code, joined to the list of constituencies for
    their names and regions."""

    data: Text
    """The CSV file under sources/data/ to take the other columns from."""
    on: Text
    """The column both files have, whose values match a row of one to a row of the other
    (e.g. 'gss_code')."""


class Variants(Model):
    """Build a briefing once per row of a data table (one per region, say)."""

    data: Text
    """The CSV file under sources/data/ with one row per variant."""
    key: Text
    """The column naming each variant (e.g. 'region'); '{variant}' stands for it, and
    '{variant.<column>}' for the row's cell in another column ('{variant.in_text}': the
    name as it reads in a sentence)."""
    label: Text | None = None
    """What a variant is, for people: 'Region'."""
    join: Join | None = None
    """Add to each row the columns of the row of `join.data` with the same `join.on`:
    every row of `data` must match one there (check names each that does not)."""


class Recipient(Model):
    """Whom a letter is to (`template: letter`, docs/kinds.md). With `variants`, the
    row's columns `name`, `title`, `constituency` and `salutation` fill in each letter."""

    name: Text | None = None
    """Their name as it is written on an envelope: 'Jane Smith'."""
    title: Text | None = None
    """How they are addressed before their surname: Ms, Mr, Mx, Dr, Sir, Dame."""
    constituency: Text | None = None
    salutation: Text | None = None
    """The greeting in full, in place of the rule (title and surname): 'Dear Sir Keir'."""


class Signatory(Model):
    """Who signs the briefing; their email, phone or web page, when given, are the
    contact details printed under their name (in place of the brand's)."""

    name: Text
    role: Text | None = None
    email: Email | None = None
    phone: Phone | None = None
    web: Text | None = None


class Briefing(Model):
    """One briefing: what goes in, in what order, under which brand."""

    id: Id
    series: Text
    title: Text
    date: Day
    brand: Id = "default"
    campaign: Text | None = None
    strapline: Text | None = None
    debate: Debate | None = None
    """The debate it is for, printed in the standard form above the title."""
    provenance: Text | None = None
    """Where the briefing comes from, shown small near the masthead: e.g. that it reproduces
    an earlier, undated briefing with notes added, so that it is not taken as new."""
    summary: str | None = None
    sections: list[Section] = Field(default_factory=list)
    """Required, but for a pack, whose parts are the briefings it includes."""
    include: list[Id] = Field(default_factory=list)
    """A pack (`template: pack`): the ids of the briefings it binds, in order."""
    questions: list[Id] = Field(default_factory=list)
    questions_heading: Text = "Questions you may wish to ask"
    signatory: Signatory | None = None
    contact: ContactDetails | None = None
    """Contact details for this briefing, in place of the brand's `contact`."""
    label: Text | None = None
    """What the masthead calls the document ('Media briefing'); default: the brand's."""
    panels: list[Panel] = Field(default_factory=list)
    variants: Variants | None = None
    show_changes: bool = False
    """Show the box "What has changed since the last edition": the figures that changed
    since the last published edition (see parlbrief.pipeline.editions). Off unless asked."""
    citation_style: Text | None = None
    """This briefing's citation style, in place of parlbrief.yaml's `citation_style`."""
    template: Id = "briefing"
    """The kind of document: briefing, one-pager, evidence, letter, pack, or a kind of the
    project's own (templates/<kind>.html.j2). See docs/kinds.md."""
    about: Text | None = None
    """Evidence: the introduction about the organisation and why it submits
    (default: the brand's `about`)."""
    ask: Text | None = None
    """One-pager: what the reader is asked to do, printed as typed in a box at the end."""
    recipient: Recipient | None = None
    """Letter: whom it is to (with variants, from the row's columns)."""
    illustrative: bool = False
    """An example, not a document to send: a letter says so in its address block, and
    every kind in its PDF's title ("Illustrative: ...")."""

    @model_validator(mode="after")
    def _sections_unless_a_pack(self) -> Briefing:
        # A pack's parts are checked in parlbrief.resolve.packs, at their lines.
        if not self.sections and self.template != PACK:
            raise ValueError("sections: this field is required - add it")
        return self
