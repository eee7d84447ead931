"""A letter to an MP (`template: letter`): whom it is to, the greeting rule, and the
warning when it names no one."""

from __future__ import annotations

from dataclasses import dataclass

from parlbrief.errors import Problems
from parlbrief.load.data import DataRow
from parlbrief.model import Recipient
from parlbrief.resolve import ResolvedBriefing

#: Columns of a letter's variants table that fill in its recipient.
RECIPIENT_COLUMNS = ("name", "title", "constituency", "salutation")


@dataclass(frozen=True)
class Addressee:
    """A letter's recipient as printed: name, constituency, greeting and close."""

    name: str | None
    title: str | None
    full_name: str | None
    """The name as the address gives it, with the title: 'Sir Robert Fenwick'."""
    constituency: str | None
    salutation: str
    close: str


def addressee(recipient: Recipient | None, row: DataRow | None) -> Addressee:
    """Whom a letter is to: the variant row's columns, else the briefing's `recipient`.

    The greeting follows one simple, documented rule: "Dear" with the title and the
    surname (the last word of the name), "Dear Ms Smith"; without a title, the whole
    name; without a name, "Dear Sir or Madam", closed "Yours faithfully" (else "Yours
    sincerely"). A `salutation` overrides the rule where custom differs ("Dear Sir
    Keir": a knight is greeted by his first name).
    """
    cells = dict(row.cells) if row is not None else {}

    def field(name: str) -> str | None:
        value = cells.get(name, "").strip() or getattr(recipient, name, None)
        return str(value) if value else None

    name, title = field("name"), field("title")
    greeting = field("salutation")
    if greeting is None:
        surname = name.split()[-1] if name else None
        greeting = (
            f"Dear {title} {surname}" if title and surname else f"Dear {name or 'Sir or Madam'}"
        )
    elif not greeting.casefold().startswith("dear "):
        greeting = f"Dear {greeting}"
    close = "Yours sincerely" if name else "Yours faithfully"
    return Addressee(name, title, _full_name(name, title), field("constituency"), greeting, close)


def _full_name(name: str | None, title: str | None) -> str | None:
    """'Dr' and 'Priya Raman' -> 'Dr Priya Raman', as Debrett's addresses an MP ("Mr
    John Smith MP"); a name that already starts with its title keeps it once."""
    if not name or not title or name.casefold().startswith(title.casefold() + " "):
        return name
    return f"{title} {name}"


def check_letter(resolved: ResolvedBriefing, problems: Problems) -> None:
    """A letter names whom it is to, or says plainly that it does not."""
    row = resolved.variant.row if resolved.variant else None
    if addressee(resolved.briefing.recipient, row).name is None:
        where = row.origin if row is not None else resolved.briefing.origin
        columns = ", ".join(RECIPIENT_COLUMNS)
        problems.warning(
            where,
            "this letter has no recipient's name, so it begins 'Dear Sir or Madam' - give "
            f"'recipient: {{name: ...}}' (or, with variants, the columns {columns})",
        )
