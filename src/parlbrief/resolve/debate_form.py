"""The debate a briefing is for, in the standard form printed above its title:
"Westminster Hall debate, Tuesday 7 November 2017: Temporary accommodation".

Every output prints the same words (the PDF, the web page, Word and the email), so
they are made here once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from parlbrief.errors import Problems
from parlbrief.model import Briefing, Debate
from parlbrief.resolve.formatting import LOCALE, format_day
from parlbrief.resolve.leftovers import find_leftover_markup

#: How a House is named when the kind of debate does not name it. The Commons (and
#: Westminster Hall, its second chamber) is a UK briefing's usual House, left unsaid.
_HOUSE_NAMES = {
    "Lords": "House of Lords",
    "Scottish Parliament": "Scottish Parliament",
    "Senedd": "Senedd",
}


#: Said after the debate of an illustrative document (`illustrative: true`), which is
#: an example: its debate may be made up (the template _debate.html.j2 says the same).
ILLUSTRATIVE = "(illustrative: not a real debate)"


def debate_text(debate: Debate, *, illustrative: bool = False) -> str:
    """The standard form as one line of text, marked when the document is an example."""
    text = debate_line(debate).text
    return f"{text} {ILLUSTRATIVE}" if illustrative else text


@dataclass(frozen=True)
class DebateLine:
    """The debate's parts as printed, and the whole line."""

    house: str | None
    """The House, when the kind does not name it and it is not the Commons."""
    kind: str
    day: str
    """'Tuesday 7 November 2017'."""
    date_iso: str
    title: str
    secured_by: str | None

    @property
    def text(self) -> str:
        """The standard form in one line of plain text."""
        where = f"{self.house}: " if self.house else ""
        return f"{where}{self.kind}, {self.day}: {self.title}"


def format_weekday(value: date) -> str:
    """'Tuesday 7 November 2017'."""
    return format_date(value, "EEEE d MMMM y", locale=LOCALE)


def debate_line(debate: Debate) -> DebateLine:
    """The debate in the standard form: its kind capitalised, its day with the weekday."""
    kind = debate.kind[:1].upper() + debate.kind[1:]
    name = _HOUSE_NAMES.get(debate.house)
    named = name is None or any(word.casefold() in kind.casefold() for word in (debate.house, name))
    return DebateLine(
        house=None if named else name,
        kind=kind,
        day=format_weekday(debate.date),
        date_iso=debate.date.isoformat(),
        title=debate.title,
        secured_by=debate.secured_by,
    )


def check_debates(briefings: Iterable[Briefing], problems: Problems) -> None:
    """A briefing dated after its debate is warned about; the debate's words are
    printed as typed, so citation markup in them is an error."""
    for briefing in briefings:
        debate = briefing.debate
        if debate is None:
            continue
        if briefing.date > debate.date:
            problems.warning(briefing.at("date"), after_debate(briefing.date, debate))
        for name in _PLAIN:
            value = getattr(debate, name)
            found = find_leftover_markup(value) if value else []
            if found:
                problems.error(
                    briefing.at("debate", name),
                    f"debate.{name}: {found[0].markup!r} is printed as typed here: "
                    "citations and figures work only in prose - take it out",
                )


#: The debate's fields printed as typed.
_PLAIN = ("kind", "title", "secured_by")


def after_debate(briefing_date: date, debate: Debate) -> str:
    """What `check` says of a briefing dated after its debate."""
    line = debate_line(debate)
    return (
        f"date: the briefing is dated {format_day(briefing_date)}, after the debate it is "
        f"for ({line.kind}, {line.day}) - a briefing goes out before its debate: check "
        "both dates, or take out 'debate:' if the briefing is no longer for it"
    )
