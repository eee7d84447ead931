"""Fuzz the one reader of figures and dates: any text in, a figure or a refusal out.

Run locally for a few minutes (atheris is not a project dependency):

    .venv/bin/pip install atheris
    mkdir -p /tmp/numbers-corpus      # libFuzzer adds new inputs to this folder
    .venv/bin/python fuzz/fuzz_numbers.py -max_total_time=180 /tmp/numbers-corpus

Each input is decoded as UTF-8 text and read as a statistic's value, a CSV cell and a
date. The target fails on any exception but the reader's own (NumberError, DateError:
a sentence for a press officer), on a figure out of bounds, and on a figure or date
that does not read back as itself from what parlbrief writes. Failures are written as
crash-* files in the working folder.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import atheris

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

with atheris.instrument_imports():
    import parlbrief.load.data
    import parlbrief.written  # noqa: F401

from babel.numbers import format_decimal  # noqa: E402

from parlbrief.load.data import number_problem, parse_number  # noqa: E402
from parlbrief.written import (  # noqa: E402
    MAX_MAGNITUDE,
    MAX_PLACES,
    DateError,
    NumberError,
    number_text,
    read_day,
    read_number,
)


def check_number(text: str) -> None:
    try:
        value = read_number(text)
    except NumberError as exc:
        if " - " not in str(exc):
            raise AssertionError(f"a message without a remedy: {exc}") from None
        if parse_number(text) is not None or number_problem(text) != str(exc):
            raise AssertionError(f"the CSV reader disagrees about {text!r}") from None
        return
    if not value.is_finite() or abs(value) >= MAX_MAGNITUDE:
        raise AssertionError(f"{text!r} read as {value}, out of bounds")
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or -exponent > MAX_PLACES:
        raise AssertionError(f"{text!r} read as {value}, too many places")
    for written in (number_text(value), format_decimal(value, "#,##0.##########", "en_GB")):
        if read_number(written) != value:
            raise AssertionError(f"{text!r} -> {value} -> {written!r} reads differently")
    if parse_number(text) != value or value != Decimal(text.strip().replace(",", "")):
        raise AssertionError(f"the readers disagree about {text!r}")


def check_day(text: str) -> None:
    try:
        day = read_day(text)
    except DateError as exc:
        if " - " not in str(exc):
            raise AssertionError(f"a message without a remedy: {exc}") from None
        return
    if read_day(day.isoformat()) != day or day.isoformat() != text.strip():
        raise AssertionError(f"{text!r} read as {day}")


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    check_number(text)
    check_day(text)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
