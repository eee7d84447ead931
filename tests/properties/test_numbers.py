"""Properties of the one reader of numbers and dates (parlbrief.written).

Whatever text it is given, `read_number` returns a figure or raises NumberError (a
sentence for a press officer), never anything else; what it accepts is within bounds,
and written back (plain, or with commas as Babel prints counts) reads as the same
figure. `read_day` likewise accepts only what `date.isoformat` writes.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import example, given, settings
from hypothesis import strategies as st

from parlbrief.written import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_MAGNITUDE,
    MAX_PLACES,
    DateError,
    NumberError,
    number_text,
    read_day,
    read_number,
)

#: Characters that make numbers, near-numbers and tricks: digits of other scripts,
#: separators, signs, exponents, the words floats accept.
PIECES = st.sampled_from(
    [*"0123456789,.-+eE_ xX%£", "١", "４", "²", "\u2212", "\xa0", "inf", "nan", "0x"]
)
NUMBERISH = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=3000)
@given(st.one_of(st.text(max_size=60), NUMBERISH))
@example("1" * 29)
@example("1e5000")
@example("-0")
@example("9" * 200_000)
def test_read_number_returns_a_bounded_figure_or_says_why(text: str) -> None:
    try:
        value = read_number(text)
    except NumberError as exc:
        assert " - " in str(exc)  # what is wrong - what to do
        return
    assert value.is_finite() and abs(value) < MAX_MAGNITUDE
    assert -value.as_tuple().exponent <= MAX_PLACES  # type: ignore[operator]
    assert read_number(number_text(value)) == value
    assert str(value) != "-0"


FIGURES = st.decimals(
    min_value=-MAX_MAGNITUDE + 1, max_value=MAX_MAGNITUDE - 1, places=4, allow_nan=False
)


@given(FIGURES)
def test_every_figure_reads_back_from_what_parlbrief_writes(value: Decimal) -> None:
    assert read_number(number_text(value)) == value
    grouped = format_decimal(value, "#,##0.####", locale="en_GB")
    assert read_number(grouped) == value


@given(st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31)))
def test_every_date_reads_back_from_its_iso_form(day: date) -> None:
    assert read_day(day.isoformat()) == day


@settings(max_examples=2000)
@given(st.one_of(st.text(max_size=30), st.integers(), st.datetimes(), st.none(), st.floats()))
@example("2022-06-30 00:00:00")
@example("1656547200")
@example("٢٠٢٢-٠٦-٣٠")
def test_read_day_accepts_only_a_written_date(value: object) -> None:
    try:
        day = read_day(value)
    except DateError as exc:
        assert "2022-06-30" in str(exc) or "between the years" in str(exc)
        return
    assert isinstance(value, str) and value.strip() == day.isoformat()
