"""The content model: what a press officer writes, as typed, validated objects.

Each item remembers its `origin` (file and line) so that any later stage can point at
the place to fix. Fields are validated by pydantic from the strings the YAML loader
returns; see docs/content-model.md for an example of every kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from parlbrief.errors import Origin
from parlbrief.written import DateError, check_number, check_year, read_day, read_number

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

ReferenceKind = Literal[
    "report",
    "official statistics",
    "committee report",
    "evidence",
    "article",
    "case study",
    "web page",
    "dataset",
    "press release",
    "hansard",
    "written question",
    "legislation",
]
#: The kinds written the way OSCOLA writes parliamentary and legal material, which
#: have no author or title of their own in a note ('HC Deb 12 March 2024, vol 747').
PARLIAMENTARY_KINDS = frozenset({"hansard", "written question"})
House = Literal["Commons", "Lords"]
NumberKind = Literal["count", "percentage", "money"]
ColumnFormat = Literal["text", "count", "percentage", "money", "month", "day"]

#: Written in a statistic's data row, a briefing's text or a label, stands for the
#: variant being built, e.g. the region's name.
VARIANT = "{variant}"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day, as sources often are."""

    year: int
    month: int | None = None
    day: int | None = None

    _PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", re.ASCII)

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """'2022-06-30', '2022-06' or '2022'; DateError (a ValueError) for anything else."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            whole = read_day(value)  # a datetime is refused: it would drop its time
            return cls(whole.year, whole.month, whole.day)
        text = value.strip() if isinstance(value, str) else ""
        match = cls._PATTERN.fullmatch(text)
        if not match:
            if len(text) > 10 and text[:10].count("-") == 2:
                read_day(text)  # says what is wrong: a time after the date, other digits
            raise DateError("write the date as 2022-06-30, 2022-06 or 2022")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        check_year(year)
        if month is not None:
            try:  # date() checks the month and day are real (no 31 June)
                date(year, month, day or 1)
            except ValueError:
                raise DateError(
                    f"{text} is not a real date - check the month and the day "
                    "(write the date as 2022-06-30, 2022-06 or 2022)"
                ) from None
        return cls(year, month, day)

    def __str__(self) -> str:
        return "-".join(
            f"{part:02d}" for part in (self.year, self.month, self.day) if part is not None
        )


def _figure(value: object) -> Decimal:
    """A statistic's value: the text typed, read by parlbrief.written (one rule for all)."""
    if isinstance(value, str):
        return read_number(value)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        number = Decimal(value)
        check_number(number)
        return number
    raise ValueError("is not a number - write it in digits, such as 4542, 4,542 or 12.5")


#: The most days `max_age_days` may give: a hundred years.
MAX_AGE_DAYS = 36_500


def _days(value: object) -> int:
    """A number of days from 0 to MAX_AGE_DAYS, written in digits."""
    message = f"should be a whole number of days from 0 to {MAX_AGE_DAYS:,} (100 years)"
    try:
        number = _figure(value)
    except ValueError as exc:
        raise ValueError(f"{message}: the value {exc}") from None
    if number != number.to_integral_value() or not 0 <= number <= MAX_AGE_DAYS:
        raise ValueError(f"{message}, such as 365")
    return int(number)


#: A date written as 2022-06-30: no time, no timestamp, no other way of writing it.
Day = Annotated[date, BeforeValidator(read_day)]
#: A figure written in digits (4542, 4,542 or 12.5), less than a thousand trillion.
Figure = Annotated[Decimal, BeforeValidator(_figure)]
#: A number of days, as `max_age_days` gives.
Days = Annotated[int, BeforeValidator(_days)]


class Model(BaseModel):
    """Shared settings: immutable, unknown fields refused (they are usually typos)."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", arbitrary_types_allowed=True, str_strip_whitespace=True
    )

    origin: Origin = Field(default=Origin("?"), exclude=True, repr=False)
    """Where the item was written."""
    lines: dict[str, int] = Field(default_factory=dict, exclude=True, repr=False)
    """Line of each value inside the item, by dotted path ('sections.2.argument')."""

    def at(self, *loc: str | int) -> Origin:
        """Where the value at `loc` was written: its own line, else the item's."""
        line = self.lines.get(".".join(str(part) for part in loc))
        return Origin(self.origin.path, line) if line is not None else self.origin


class Reference(Model):
    """A source that a claim or a figure can be traced to."""

    id: Id
    kind: ReferenceKind
    author: Text
    """The organisation or person responsible, e.g. 'House of Commons Justice Committee'.
    Hansard and written questions: the House; legislation: 'Parliament' (not printed)."""
    title: Text | None = None
    """Required but for Hansard and written questions, whose notes OSCOLA writes without."""
    date: PartialDate
    """For a written question, the day it was answered; an Act's defaults to its year."""
    publisher: Text | None = None
    """Left out of notes when it repeats the author."""
    series: Text | None = None
    """e.g. 'Eighth Report of Session 2010–12' or 'HC 519'."""
    url: Text | None = None
    short: Text | None = None
    """Short author used in later notes: 'Justice Committee (n 3)'."""
    house: House | None = None
    """Hansard and written questions: the House, 'Commons' or 'Lords'."""
    volume: Text | None = None
    """Hansard: the volume of the debates, e.g. '747'."""
    uin: Text | None = None
    """A written question's number (UIN) on the Parliament website, e.g. '12345'."""

    @model_validator(mode="before")
    @classmethod
    def _parse_date(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = _kind_defaults(data)
        if isinstance(data, dict) and data.get("date") is not None:
            data = {**data, "date": PartialDate.parse(data["date"])}
        return data

    @model_validator(mode="after")
    def _kind_fields(self) -> Reference:
        needed = _KIND_NEEDS.get(self.kind, ("title",))
        missing = [name for name in needed if getattr(self, name) is None]
        if missing:
            raise ValueError(
                f"a {self.kind} reference needs "
                + " and ".join(f"'{name}: {_EXAMPLES[name]}'" for name in missing)
                + " - add "
                + ("it" if len(missing) == 1 else "them")
            )
        return self


#: What each kind of reference must give besides id, kind and date (default: a title).
_KIND_NEEDS: dict[str, tuple[str, ...]] = {
    "hansard": ("house", "volume"),
    "written question": ("house", "uin"),
}
_EXAMPLES = {
    "title": "...",
    "house": "Commons",
    "volume": "747",
    "uin": "12345",
}
_YEAR = re.compile(r"\b(1[2-9][0-9]{2}|20[0-9]{2})\b")


def _kind_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """What a parliamentary or legal reference need not say: the House is its author,
    and an Act's year (in its short title) is its date."""
    kind, house = data.get("kind"), data.get("house")
    if kind in PARLIAMENTARY_KINDS and "author" not in data:
        # Without a house, the message asks for one (not for an author).
        author = f"House of {house.strip()}" if isinstance(house, str) else "Parliament"
        data = {**data, "author": author}
    if kind == "legislation":
        title = data.get("title")
        if "author" not in data:
            data = {**data, "author": "Parliament"}
        years = _YEAR.findall(title) if isinstance(title, str) else []
        if "date" not in data and years:
            data = {**data, "date": years[-1]}
    return data


class DataCell(Model):
    """A figure read from a CSV table under sources/data/."""

    file: Text
    """The CSV file, relative to sources/data/, e.g. 'probation-officers.csv'."""
    row: dict[str, str]
    """Column values that pick one row, e.g. {period: 2022-06}."""
    column: Text
    """The column holding the figure."""


class Statistic(Model):
    """A figure, dated, tied to where it comes from."""

    id: Id
    label: Text
    kind: NumberKind
    as_of: Day | None = None
    """The date the figure describes (not the date it was published). A figure from a
    formula may leave it out: it is then the latest date of the figures it is made from."""
    value: Figure | None = None
    data: DataCell | None = None
    formula: Text | None = None
    """Derived from other statistics, e.g. 'po-required-jun-2022 - po-in-post-jun-2022'."""
    method: Text | None = None
    """How a derived figure is worked out, in words for its footnote: 'required staffing
    minus staff in post'. Without it the note lists the figures it is made from."""
    source: Id | None = None
    pinpoint: Text | None = None
    approximate: bool = False
    review_by: Day | None = None
    """When the figure should be checked again; after this date it is stale."""

    @model_validator(mode="after")
    def _one_value(self) -> Statistic:
        given = [n for n in ("value", "data", "formula") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of 'value', 'data' or 'formula'"
                + (f" (found {', '.join(given)})" if given else "")
            )
        if self.as_of is None and self.formula is None:
            raise ValueError("as_of: give the date the figure describes, such as 2022-06-30")
        if self.review_by and self.as_of and self.review_by < self.as_of:
            raise ValueError(
                f"review_by ({self.review_by}) is before as_of ({self.as_of}) - "
                "give a review date after the date the figure describes"
            )
        return self

    @property
    def variant_bound(self) -> bool:
        """Whether the figure reads the row of the variant being built ('{variant}')."""
        return self.data is not None and any(VARIANT in v for v in self.data.row.values())


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


class Section(Model):
    """One part of a briefing's body: an argument by id, inline Markdown, or a table."""

    argument: Id | None = None
    heading: Text | None = None
    text: str | None = None
    table: Table | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Section:
        given = [n for n in ("argument", "text", "table") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError(
                "a section gives one of 'argument: <id>', 'text: <Markdown>' or 'table: ...'"
            )
        return self


class Panel(Model):
    """A box of figures beside the body, such as 'In your area'."""

    heading: Text
    figures: list[Id] = Field(min_length=1)
    """Statistic ids, each printed as its label and value, footnoted to its source."""
    note: Text | None = None
    """A line under the figures, e.g. 'Illustrative figures, not official statistics.'"""


class Variants(Model):
    """Build a briefing once per row of a data table (one per region, say)."""

    data: Text
    """The CSV file under sources/data/ with one row per variant."""
    key: Text
    """The column naming each variant (e.g. 'region'); '{variant}' stands for it."""
    label: Text | None = None
    """What a variant is, for people: 'Region'."""


_EMAIL = re.compile(r"[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[^@\s<>\"'(),;:.]+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{4,28}[0-9]")


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError("should be an email address, such as press@example.org.uk")
    return value


def _phone(value: str) -> str:
    if not _PHONE.fullmatch(value):
        raise ValueError("should be a telephone number in digits, such as 020 7946 0000")
    return value


#: An email address, printed as a mailto: link.
Email = Annotated[Text, AfterValidator(_email)]
#: A telephone number, printed as a tel: link.
Phone = Annotated[Text, AfterValidator(_phone)]


class Contact(Model):
    """Who to get in touch with, printed at the end of a briefing. A brand or briefing
    may give only a line of text (`contact: For more information ...`)."""

    text: Text | None = None
    """A line such as 'For more information contact Napo's Parliamentary team'."""
    email: Email | None = None
    phone: Phone | None = None
    web: Text | None = None
    """A full web address, starting https:// (checked in validate.py)."""


def _contact_line(value: Any) -> Any:
    """`contact: Some text` is `contact: {text: Some text}`."""
    return {"text": value} if isinstance(value, str) else value


#: A contact given as a line of text or as text, email, phone and web.
ContactDetails = Annotated[Contact, BeforeValidator(_contact_line)]


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
    provenance: Text | None = None
    """Where the briefing comes from, shown small near the masthead: e.g. that it reproduces
    an earlier, undated briefing with notes added, so that it is not taken as new."""
    summary: str | None = None
    sections: list[Section] = Field(min_length=1)
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
    template: Id = "briefing"
    """The kind of document: briefing, one-pager, evidence, letter, or a kind of the
    project's own (templates/<kind>.html.j2). See docs/kinds.md."""
    about: Text | None = None
    """Evidence: the introduction about the organisation and why it submits
    (default: the brand's `about`)."""
    ask: Text | None = None
    """One-pager: what the reader is asked to do, printed as typed in a box at the end."""
    recipient: Recipient | None = None
    """Letter: whom it is to (with variants, from the row's columns)."""


class Colours(Model):
    """Brand colours (checked as safe CSS colours in validate.py)."""

    primary: Text = "#1f3a5f"
    accent: Text = "#c8102e"
    text: Text = "#1d1d1f"
    muted: Text = "#5f6368"
    tint: Text = "#eef2f7"


class Fonts(Model):
    body: Text = "Lato"
    heading: Text = "Lato"


class Brand(Model):
    """How an organisation's briefings look: name, colours, logo, fonts, footer."""

    id: Id
    name: Text
    tagline: Text | None = None
    colours: Colours = Colours()
    fonts: Fonts = Fonts()
    logo: Text | None = None
    """An SVG, PNG or JPEG file next to brand.yaml (an SVG's <title> is its alt text)."""
    footer: Text | None = None
    contact: ContactDetails | None = None
    """Printed at the end of every briefing that gives no contact of its own."""
    label: Text = "Parliamentary briefing"
    """What the masthead calls the document, unless a briefing gives its own `label`."""
    about: Text | None = None
    """A few sentences about the organisation, for written evidence's introduction."""
    address: Text | None = None
    """The postal address on a letter's letterhead, one line: '1 Union Street, London'."""


class Office(Model):
    """A minister's office that questions are tabled to (parlbrief/offices.yaml lists
    the built-in ones; parlbrief.yaml `offices:` adds or replaces them, by id)."""

    id: Id
    ask: Text
    """How a written question addresses it, after 'To ask ': 'the Secretary of State
    for Justice'."""
    department: Text
    """The department that answers: 'Ministry of Justice'."""
    pronoun: Literal["he", "she"]
    """The office holder's, as the Table Office writes it ('what assessment he has made')."""
    names: list[Text] = Field(default_factory=list)
    """Other names a question's `to` may give it ('Justice Secretary', 'MoJ')."""


class Settings(Model):
    """parlbrief.yaml at the project root (every field optional)."""

    title: Text | None = None
    max_age_days: Days | None = None
    """Statistics older than this (by as_of) are stale unless they give review_by."""
    require_copies: bool = False
    """When true, `check` warns about every cited reference without a stored copy
    under sources/documents/ (an error under --strict)."""
    department: Text | None = None
    """The office that questions put to 'the Minister' are tabled to ('justice')."""
    offices: list[Office] = Field(default_factory=list)
    """Offices to add to (or, with the same id, replace) the built-in list."""
    draft_mark: bool = True
    """Mark a built draft "Draft" when what it says differs from its last published
    edition (`build --no-draft-mark` turns it off for one build)."""
