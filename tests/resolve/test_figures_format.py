"""Stage 3, resolve: figures and dates printed as a British reader expects them.

4,542 officers; 74%; £155m (never £155M or £155,000,000); "about 1,700"; 27 July 2011.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from parlbrief.check import Checked
from parlbrief.model import NumberKind, PartialDate
from parlbrief.resolve.formatting import format_day, format_month, format_number, format_partial


@pytest.mark.parametrize(
    ("value", "kind", "printed"),
    [
        ("4542", "count", "4,542"),
        ("1518", "count", "1,518"),
        ("7000", "count", "7,000"),
        ("54", "count", "54"),
        ("12.5", "count", "12.5"),
        ("1234567", "count", "1,234,567"),
        ("74", "percentage", "74%"),
        ("150", "percentage", "150%"),
        ("12.5", "percentage", "12.5%"),
        ("155000000", "money", "£155m"),
        ("1200000000", "money", "£1.2bn"),
        ("2500000", "money", "£2.5m"),
        ("1250", "money", "£1,250"),
        ("12.5", "money", "£12.50"),
        ("-3000000", "money", "-£3m"),
    ],
)
def test_numbers(value: str, kind: NumberKind, printed: str) -> None:
    assert format_number(Decimal(value), kind) == printed


def test_an_approximate_figure_says_about() -> None:
    assert format_number(Decimal("1700"), "count", approximate=True) == "about 1,700"


def test_dates() -> None:
    assert format_day(date(2011, 7, 27)) == "27 July 2011"
    assert format_day(date(2026, 11, 3)) == "3 November 2026"
    assert format_month(date(2022, 6, 30)) == "June 2022"


@pytest.mark.parametrize(
    ("written", "printed"),
    [("2011-07-27", "27 July 2011"), ("2022-08", "August 2022"), ("2016", "2016")],
)
def test_a_reference_date_prints_at_the_precision_known(written: str, printed: str) -> None:
    assert format_partial(PartialDate.parse(written)) == printed


@pytest.mark.parametrize("written", ["2022-13", "2022-06-31", "30/06/2022", "June 2022"])
def test_impossible_dates_are_refused(written: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(written)


def test_a_briefing_prints_each_figure_and_dates_its_figures(minimal_checked: Checked) -> None:
    resolved = minimal_checked.resolved["minimal"]
    shown = [
        child.meta["display"]
        for prose in [s.prose for s in resolved.sections]
        for block in prose.tokens
        for child in block.children or []
        if child.type == "figure"
    ]
    assert shown == ["4,542", "£155m"]
    # The latest date a figure in the briefing describes: the June 2022 count.
    assert resolved.figures_as_at == date(2022, 6, 30)
    assert [s.id for s in resolved.statistics] == ["extra-funding", "officers-2022"]
