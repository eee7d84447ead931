"""The content model: what a press officer writes, as typed, validated objects.

Each item remembers its `origin` (file and line) so that any later stage can point at
the place to fix. Fields are validated by pydantic from the strings the YAML loader
returns; see docs/content-model.md for an example of every kind. By what they hold:

- base             the shared base model and typed values: ids, text, dates, figures
- references       a source a claim is traced to, checked against its kind
- reference_kinds  the table of kinds of reference: fields, and the form of notes
- statistics       a figure, dated and tied to its source
- briefing         a briefing and its parts: sections, tables, panels, questions
- contact          contact details: a line of text, email, phone, web
- debate           the debate a briefing is for: House, kind, day, title
- brand            how an organisation's briefings look
- settings         parlbrief.yaml and the ministers' offices

Every name is importable from here, `from parlbrief.model import Briefing`.
"""

from __future__ import annotations

from parlbrief.model.base import (
    ID_PATTERN,
    MAX_AGE_DAYS,
    VARIANT,
    Day,
    Days,
    Figure,
    Id,
    Model,
    PartialDate,
    Text,
)
from parlbrief.model.brand import Brand, Colours, Fonts
from parlbrief.model.briefing import (
    Argument,
    Briefing,
    Chart,
    ChartType,
    ColumnFormat,
    Join,
    Panel,
    Question,
    Recipient,
    Section,
    Signatory,
    Table,
    TableColumn,
    Variants,
)
from parlbrief.model.contact import Contact, ContactDetails, Email, Phone
from parlbrief.model.debate import HOUSES, Debate
from parlbrief.model.reference_kinds import REFERENCE_KINDS, ReferenceKind, reference_kind
from parlbrief.model.references import House, Reference
from parlbrief.model.settings import Office, Settings
from parlbrief.model.statistics import DataCell, NumberKind, Statistic

__all__ = [
    "HOUSES",
    "ID_PATTERN",
    "MAX_AGE_DAYS",
    "REFERENCE_KINDS",
    "VARIANT",
    "Argument",
    "Brand",
    "Briefing",
    "Chart",
    "ChartType",
    "Colours",
    "ColumnFormat",
    "Contact",
    "ContactDetails",
    "DataCell",
    "Day",
    "Days",
    "Debate",
    "Email",
    "Figure",
    "Fonts",
    "House",
    "Id",
    "Join",
    "Model",
    "NumberKind",
    "Office",
    "Panel",
    "PartialDate",
    "Phone",
    "Question",
    "Recipient",
    "Reference",
    "ReferenceKind",
    "Section",
    "Settings",
    "Signatory",
    "Statistic",
    "Table",
    "TableColumn",
    "Text",
    "Variants",
    "reference_kind",
]
