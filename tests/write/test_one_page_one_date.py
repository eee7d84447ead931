"""Briefing 5 as its reader meets it: one date on page 1, and a questions box that
never leaves one question alone on a page (read back from the example build)."""

from __future__ import annotations

import re

from pypdf import PdfReader

from tests.conftest import ExampleBuild
from tests.write.pdf_lines import runs

DAY = re.compile(
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December) \d{4}\b"
)


def test_page_1_of_briefing_5_shows_one_date_above_its_notes(
    example_build: ExampleBuild,
) -> None:
    """The masthead, the Draft mark (or the edition line) and the provenance's "the
    date above" all mean one day, the latest published edition's (it showed the
    briefing's 23 November beside the edition's 25 November), printed once: the Draft
    mark names the edition ("changed since edition 2") without repeating its date."""
    page = PdfReader(example_build.pdf()).pages[0]
    body = [r.text for r in runs(page) if r.size > 7.5]  # the notes are set smaller
    dates = DAY.findall(" ".join(body))
    assert len(dates) == 1, dates
    assert "changed since edition 2" in " ".join(" ".join(body).split())
    html = example_build.html().read_text(encoding="utf-8")
    assert DAY.findall(re.sub(r"<[^>]+>", " ", html.split('class="notes')[0])) == dates


def test_briefing_5_s_web_page_prints_its_date_once_as_its_pdf_does(
    example_build: ExampleBuild,
) -> None:
    """The page's foot repeated the masthead's date ("Briefing 5, 25 November 2026."
    under the sources): the web page, notes and all, now prints the date once, as the
    PDF does (its foot gives the organisation and the page number)."""
    html = example_build.html().read_text(encoding="utf-8")
    shown = re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1].split('class="notes')[0])
    foot = re.sub(r"<[^>]+>", " ", html.split('class="colophon"', 1)[1].split("</p>")[0])
    dates = DAY.findall(shown)
    assert len(dates) == 1, dates
    assert DAY.findall(foot) == []
    assert "Briefing 5" in foot


def test_written_evidence_and_a_letter_print_their_date_once(example_build: ExampleBuild) -> None:
    """Evidence and letters have no masthead: their date is the edition's, printed once
    on page 1, and the Draft mark says which edition without a date of its own."""
    for bid in ("interim-submission-2016", "letter-regional-mps/north-east"):
        page = PdfReader(example_build.pdf(bid)).pages[0]
        body = " ".join(r.text for r in runs(page) if r.size > 7.5)
        assert len(DAY.findall(body)) == 1, (bid, DAY.findall(body))


def test_briefing_5_s_questions_box_keeps_at_least_two_questions_together(
    example_build: ExampleBuild,
) -> None:
    """Each page that holds part of the box holds two questions or more (the box split
    after its first question, leaving it alone at the foot of page 2)."""
    per_page = [
        sum(1 for r in runs(page) if r.text.strip().isdigit() and 11.5 <= r.size <= 12.5)
        for page in PdfReader(example_build.pdf()).pages
    ]
    assert sum(per_page) == 4, per_page
    assert all(n == 0 or n >= 2 for n in per_page), per_page
