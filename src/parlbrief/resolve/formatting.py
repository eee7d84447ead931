"""Figures as a reader sees them: en-GB numbers, money and dates, formatted by Babel."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from parlbrief.model import NumberKind, PartialDate

LOCALE = "en_GB"

# House style of UK government and the press: £155m, £1.2bn, never £155M.
_MONEY_SCALES = ((Decimal(10**9), "bn"), (Decimal(10**6), "m"))


def format_number(value: Decimal, kind: NumberKind, *, approximate: bool = False) -> str:
    """1,697; 74%; £155m; 'about 1,700' when the figure is approximate."""
    text = _format(value, kind)
    return f"about {text}" if approximate else text


def _format(value: Decimal, kind: NumberKind) -> str:
    if kind == "percentage":
        return format_percent(value / 100, "#,##0.#%", locale=LOCALE)
    if kind == "money":
        return _format_money(value)
    return format_decimal(value, "#,##0.##", locale=LOCALE)


def _format_money(value: Decimal) -> str:
    sign = "-" if value < 0 else ""
    value = abs(value)
    for scale, suffix in _MONEY_SCALES:
        if value >= scale:
            return f"{sign}£{format_decimal(value / scale, '#,##0.#', locale=LOCALE)}{suffix}"
    pattern = "#,##0" if value == value.to_integral_value() else "#,##0.00"
    return f"{sign}£{format_decimal(value, pattern, locale=LOCALE)}"


def format_day(value: date) -> str:
    """'23 November 2026'."""
    return format_date(value, "d MMMM y", locale=LOCALE)


def format_month(value: date) -> str:
    """'June 2022'."""
    return format_date(value, "MMMM y", locale=LOCALE)


def format_partial(value: PartialDate) -> str:
    """A reference's date at the precision it is known: '27 July 2011', 'August 2022', '2022'."""
    if value.month is None:
        return str(value.year)
    if value.day is None:
        return format_month(date(value.year, value.month, 1))
    return format_day(date(value.year, value.month, value.day))


def format_change(
    new: Decimal, old: Decimal, kind: NumberKind, since: date, *, percent: bool = False
) -> str:
    """'up 1,005 since March 2021'; 'down 2 percentage points since June 2020'.

    With `percent`, the change as a share of the old figure: 'up 28.4% since March 2021'.
    A change in a percentage is in percentage points, as the ONS writes it.
    """
    difference = new - old
    when = f"since {format_month(since)}"
    if difference == 0:
        return f"unchanged {when}"
    direction = "up" if difference > 0 else "down"
    if percent:
        if old == 0:
            raise ZeroDivisionError("a percentage change from zero")
        amount = _format(abs(difference) / abs(old) * 100, "percentage")
    elif kind == "percentage":
        points = format_decimal(abs(difference), "#,##0.#", locale=LOCALE)
        amount = f"{points} percentage point{'' if abs(difference) == 1 else 's'}"
    else:
        amount = _format(abs(difference), kind)
    return f"{direction} {amount} {when}"
