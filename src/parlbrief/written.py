"""Numbers and dates as a press officer writes them: one strict reader for each.

Every figure parlbrief reads, whether from a statistic's YAML, a cell of a CSV file or
the command line (`figures set`), goes through `read_number`; every full date through
`read_day`. Both accept one plain way of writing and refuse the rest with a sentence
that says what to type instead, because a figure that is silently misread (`1_000`,
`٤٥`, `1e5` or a timestamp taken for a date) is worse than one that is refused.

Numbers: ASCII digits, with an optional minus sign and decimal point, and optionally
commas between groups of three digits (`4,542`, `1,234,567.5`); less than a thousand
trillion either way and at most ten decimal places. Dates: `2022-06-30`, nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal

#: A figure this large either way (a thousand trillion) is a typing mistake, not a figure.
#: Formulas use the same bound (parlbrief.resolve.formula.MAX_MAGNITUDE).
MAX_MAGNITUDE = Decimal("1e15")
#: Digits after the decimal point: far more than any published figure has.
MAX_PLACES = 10

#: Years a full date may have: wide enough for any figure or briefing, narrow enough
#: that a date plus 100 years of `max_age_days` is still a date.
FIRST_YEAR, LAST_YEAR = 1000, 2999

_PLAIN = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?", re.ASCII)
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", re.ASCII)
_WORDS = frozenset(
    {"nan", "inf", "infinity", "snan", "true", "false", "yes", "no", "on", "off", "null"}
)
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_DAY_AND_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]", re.ASCII)

_EXAMPLE = "such as 4542, 4,542 or 12.5"


class NumberError(ValueError):
    """Text that is not a figure; the message says what is wrong and what to type."""


class DateError(ValueError):
    """Text that is not a date written as 2022-06-30; the message says what to type."""


def read_number(text: str) -> Decimal:
    """The figure written in `text` ('4,542' -> 4542), or NumberError saying why not."""
    stripped = text.strip()
    if not stripped:
        raise NumberError(f"is empty - write a number {_EXAMPLE}")
    if not (_PLAIN.fullmatch(stripped) or _GROUPED.fullmatch(stripped)):
        raise NumberError(_why_not(stripped))
    value = Decimal(stripped.replace(",", ""))
    check_number(value)
    return abs(value) if value.is_zero() else value  # '-0' is 0


def check_number(value: Decimal) -> None:
    """Refuse a number outside the bounds every figure keeps (NumberError)."""
    if not value.is_finite():
        raise NumberError(f"is not a number - write the figure in digits, {_EXAMPLE}")
    if abs(value) >= MAX_MAGNITUDE:
        raise NumberError(
            "is too large: a figure must be less than 1,000,000,000,000,000 (a thousand "
            "trillion) either way - check for extra digits"
        )
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_PLACES:
        raise NumberError(f"has more than {MAX_PLACES} digits after the decimal point - round it")


def number_text(value: Decimal) -> str:
    """`value` written as `read_number` reads it back: digits, no exponent ('1200')."""
    return format(value, "f")


def _why_not(text: str) -> str:
    """The most helpful sentence for text that is not a plain number."""
    lowered = text.lower().lstrip("+-")
    if lowered.lstrip(".") in _WORDS:  # YAML 1.1 writes .inf and .nan
        return f"is not a number - write the figure in digits, {_EXAMPLE}"
    if any(c.isdigit() and not ("0" <= c <= "9") for c in text):
        return (
            "uses digits from another script or a wide font (such as '４' or '٤') - type "
            "the figure with the ordinary digits 0 to 9"
        )
    if lowered.startswith(("0x", "0o", "0b")):
        return f"is not a decimal number - write the figure in ordinary digits, {_EXAMPLE}"
    if "_" in text:
        return "has an underscore - write 1000 or 1,000, not 1_000"
    if re.search(r"[0-9.]e[+-]?[0-9]", text, re.IGNORECASE | re.ASCII):
        return "is written with an exponent (e) - write the number out in full in digits"
    if any(c in "%£$€" for c in text):
        return (
            "should be the number alone, without % or £ - the statistic's kind (percentage "
            "or money) says how it is printed"
        )
    if any(unicodedata.category(c) == "Pd" or c == "\u2212" for c in text if c != "-"):
        return "has a dash that is not a minus - type the minus sign as a hyphen (-)"
    if any(c.isspace() for c in text):
        return "has a space inside - write 4542 or 4,542, not 4 542"
    if "," in text:
        return (
            "has commas in the wrong places - commas go between groups of three digits "
            "(4,542), or leave them out; for a decimal use a point (12.5)"
        )
    if text.startswith(".") or text.endswith(".") or ".," in text:
        return "has a decimal point with no digit on one side - write 0.5 or 5, not .5 or 5."
    return f"is not a number - write it in digits, {_EXAMPLE}"


def read_day(value: object) -> date:
    """A date written as 2022-06-30 (a `date` is returned as it is), or DateError."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return _in_range(value)
    if not isinstance(value, str):
        raise DateError("is not a date - write it as 2022-06-30")
    text = value.strip()
    match = _DAY.fullmatch(text)
    if match is None:
        raise DateError(_why_not_day(text))
    year, month, day = (int(part) for part in match.groups())
    check_year(year)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(
            "is not a real date - check the day and the month (write the date as 2022-06-30)"
        ) from None


def _in_range(day: date) -> date:
    check_year(day.year)
    return day


def check_year(year: int) -> None:
    """Refuse a year outside FIRST_YEAR..LAST_YEAR (DateError)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateError(
            f"has the year {year} - a date must be between the years {FIRST_YEAR} and "
            f"{LAST_YEAR}; check for a mistyped year"
        )


def _why_not_day(text: str) -> str:
    if _DAY_AND_TIME.match(text):
        return "has a time as well as a date - write the date as 2022-06-30, without the time"
    if text.isdigit() and text.isascii():
        return "is a number, not a date - write the date as 2022-06-30"
    if any(c.isdigit() and not ("0" <= c <= "9") for c in text):
        return (
            "uses digits from another script or a wide font - write the date with the "
            "ordinary digits 0 to 9, as 2022-06-30"
        )
    return "is not a date - write it as 2022-06-30 (year, month, day)"
