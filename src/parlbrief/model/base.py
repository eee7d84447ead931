"""What every item of the content model is made of: the base model, which remembers
where each item was written, and the typed values its fields hold (ids, text, dates
known to the year, month or day, figures and numbers of days)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from parlbrief.errors import Origin
from parlbrief.written import DateError, check_number, check_year, read_day, read_number

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

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
