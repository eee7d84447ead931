"""The staffing briefing's chart in its PDF: a tagged figure whose alternative text states
the numbers of sources/data, drawn with its words as text, the same bytes every build."""

from __future__ import annotations

import csv
from decimal import Decimal

import pikepdf
from pypdf import PdfReader

from parlbrief.resolve.formatting import format_number
from tests.conftest import REPO, ExampleBuild
from tests.write.test_pdf_tags import elements, role

STAFFING = "probation-staffing"


def the_figures() -> list[dict[str, str]]:
    """The rows of the data file the chart is drawn from, read here as a reader would."""
    text = (REPO / "sources/data/probation-officers.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def test_the_chart_is_a_figure_whose_alt_text_states_the_numbers(
    example_build: ExampleBuild,
) -> None:
    with pikepdf.open(example_build.pdf(STAFFING)) as pdf:
        alts = [
            str(e.Alt)
            for e in elements(pdf.Root.StructTreeRoot)
            if role(e) == "/Figure" and "/Alt" in e
        ]
    charts = [a for a in alts if a.startswith("Bar chart: ")]
    assert len(charts) == 1
    for row in the_figures():
        for column in ("in_post", "required"):
            number = format_number(Decimal(row[column]), "count")
            assert f", {number}" in charts[0]


def test_the_chart_prints_its_words_and_numbers_as_text(example_build: ExampleBuild) -> None:
    """The axis' own numbers (0 to 6,000, in steps of 2,000) are nowhere but in the
    drawing: found as text, they show the drawing's words are text, not shapes."""
    pages = [p.extract_text() for p in PdfReader(example_build.pdf(STAFFING)).pages]
    page = next(p for p in pages if "6,000" in p)
    assert "2,000" in page and "4,000" in page
    assert "Staff in post" in page and "Required staffing" in page
