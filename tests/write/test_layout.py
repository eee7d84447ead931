"""Pages an editor would sign off, measured on every example PDF as built.

Each rule of issue 13 is checked from the PDF's text and where it sits (see pdf_lines):
no hole of more than a quarter of the text area at the foot of a page before the last,
regional variants of one page, the title the largest type on page 1, note calls raised
above the baseline, a body measure of 75-90 characters, and the questions box naming
its addressee once.
"""

from __future__ import annotations

import re
import statistics
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PageObject, PdfReader

from parlbrief.check import Checked, check
from parlbrief.project import Project
from tests.conftest import EXAMPLE_BRIEFING, REPO, ExampleBuild, render_page
from tests.write.pdf_lines import MM, Run, pages, runs

#: The print stylesheet's sizes, in points (briefing.css, @media print).
BODY = 10.5
NOTE = 7.5
CALL = 0.68 * BODY
#: A4 and its margins: the text area of a page after the first runs from TOP to FOOT.
PAGE_HEIGHT = 297 * MM
TOP = 24 * MM
FOOT = PAGE_HEIGHT - 19 * MM
QUARTER = (FOOT - TOP) / 4


def example_pdfs(*kinds: str) -> list[str]:
    """Every output the example project builds (of these kinds, if given), as paths
    under build/: '<id>.pdf', or '<id>/<variant>.pdf' for each variant."""
    resolved = check(Project.at(REPO)).resolved
    return [
        f"{key}.pdf"
        for key, briefing in sorted(resolved.items())
        if not kinds or briefing.briefing.template in kinds
    ]


@pytest.fixture(scope="module")
def checked() -> Checked:
    return check(Project.at(REPO))


def body_runs(page: PageObject) -> list[Run]:
    """Runs in the page's text area, at body size or larger (not notes, calls, furniture)."""
    return [r for r in runs(page) if r.size >= 8 and TOP - 2 < r.baseline < FOOT]


def note_top(page: PageObject) -> float:
    """Where the page's notes begin (the page foot when it has none)."""
    last_body = max((r.baseline for r in body_runs(page)), default=TOP)
    notes = [
        r.top
        for r in runs(page)
        if abs(r.size - NOTE) < 0.1 and last_body < r.baseline < FOOT + 1 and r.x < 120 * MM
    ]
    return min(notes, default=FOOT)


def hole(page: PageObject) -> float:
    """The empty height between the last line of the body and the notes, in points."""
    last = max(r.bottom for r in body_runs(page))
    return note_top(page) - last


@pytest.mark.parametrize("name", example_pdfs())
def test_no_page_before_the_last_ends_with_a_hole(example_build: ExampleBuild, name: str) -> None:
    """At most a quarter of the text area is left empty at the foot of a page (the
    exception, a table or panel too big to split coming next, does not arise in the
    examples, so it is not allowed here either)."""
    doc = pages(example_build.out / name)
    kept = breaks(example_build.out / name) if name in example_pdfs("pack") else set()
    holes = {i + 1: hole(page) / MM for i, page in enumerate(doc[:-1]) if i + 1 not in kept}
    big = {page: round(mm) for page, mm in holes.items() if mm > QUARTER / MM}
    assert big == {}, f"{name}: pages with a hole over {QUARTER / MM:.0f} mm: {big}"


def breaks(path: Path) -> set[int]:
    """The pages a pack ends early on purpose (pack.css): its cover, and the page before
    each part and before its questions, each of which starts a new page."""
    reader = PdfReader(path)
    starts = [
        reader.get_destination_page_number(mark) + 1
        for mark in reader.outline
        if not isinstance(mark, list) and mark.title != "Sources"
    ]
    return {1} | {start - 1 for start in starts}


def test_each_regional_variant_is_one_page(example_build: ExampleBuild) -> None:
    counts = {
        name: len(pages(example_build.out / name))
        for name in example_pdfs()
        if name.startswith("probation-regions/")
    }
    assert len(counts) >= 10
    assert {name: n for name, n in counts.items() if n != 1} == {}


# Written evidence is headed "Written evidence submitted by ...", as the Commons asks,
# and a letter has no title: the rule is for the kinds that have a title block.
@pytest.mark.parametrize("name", example_pdfs("briefing", "one-pager"))
def test_the_title_is_the_largest_type_on_page_1(
    example_build: ExampleBuild, checked: Checked, name: str
) -> None:
    first = runs(pages(example_build.out / name)[0])
    largest = max(r.size for r in first)
    title_runs = [r for r in first if r.size == largest]
    title = " ".join(r.text for r in title_runs)
    assert title.split()[0] in _titles(checked), f"{name}: the largest type is {title!r}"


def _titles(checked: Checked) -> set[str]:
    return {r.briefing.title.split()[0] for r in checked.resolved.values()}


@pytest.mark.parametrize("name", example_pdfs())
def test_note_calls_are_raised_above_the_baseline(example_build: ExampleBuild, name: str) -> None:
    """Every call (a run in the call's size) sits at least a fifth of the text's size
    above the baseline of the text it follows, in running text and in panels alike."""
    low: list[str] = []
    calls = 0
    for number, page in enumerate(pages(example_build.out / name), start=1):
        page_runs = runs(page)
        for at, run in enumerate(page_runs):
            if abs(run.size - CALL) > 0.1 or not run.text.isdigit():
                continue
            text = _text_beside(page_runs, at)
            if text is None:
                continue
            calls += 1
            if text.baseline - run.baseline < 0.2 * text.size:
                low.append(f"page {number}: {text.text[-12:]!r} and {run.text}")
    assert calls > 0, f"{name}: no note calls found"
    assert low == [], f"{name}: calls at the baseline: {low}"


def _text_beside(page_runs: list[Run], at: int) -> Run | None:
    """The run of text before the call at `at` on its line, else the one after it."""
    call = page_runs[at]
    for near in (page_runs[at - 1 : at], page_runs[at + 1 : at + 2]):
        for run in near:
            if run.size >= 8 and abs(run.baseline - call.baseline) < run.size:
                return run
    return None


def full_lines(pdf: Path) -> list[int]:
    """Characters in each full line of body text: lines that start at the text's left
    edge and reach (within 3% of the measure) its right edge, so not the last line of a
    paragraph. Positions come from poppler's pdftotext, which gives each line's extent."""
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    counts: list[int] = []
    for page in ElementTree.fromstring(layout).iter(f"{XHTML}page"):
        body = [line for line in page.iter(f"{XHTML}line") if _is_body(line)]
        if not body:
            continue
        left = min(float(line.get("xMin", 0)) for line in body)
        right = max(float(line.get("xMax", 0)) for line in body)
        for line in body:
            starts = abs(float(line.get("xMin", 0)) - left) < 1
            if starts and float(line.get("xMax", 0)) > right - 0.03 * (right - left):
                counts.append(len(" ".join(w.text or "" for w in line.iter(f"{XHTML}word"))))
    return counts


XHTML = "{http://www.w3.org/1999/xhtml}"


def _is_body(line: ElementTree.Element) -> bool:
    """A line set mostly in the body size (word boxes are as tall as the font size)."""
    heights = [float(w.get("yMax", 0)) - float(w.get("yMin", 0)) for w in line.iter(f"{XHTML}word")]
    return bool(heights) and abs(statistics.median(heights) - BODY) < 0.3


@pytest.mark.parametrize("name", ["briefing-5.pdf", "probation-staffing.pdf"])
def test_the_body_measure_is_75_to_90_characters(example_build: ExampleBuild, name: str) -> None:
    counts = full_lines(example_build.out / name)
    assert len(counts) >= 10
    assert 75 <= statistics.median(counts) <= 90, sorted(counts)


def test_the_questions_box_names_the_minister_once(checked: Checked) -> None:
    """Every question of Briefing 5 goes to the Minister: the heading says so, once, and
    no question repeats it."""
    for medium in ("pdf", "html"):
        html = render_page(checked, EXAMPLE_BRIEFING, medium)
        assert "Questions you may wish to ask the Minister</h2>" in html
        assert 'class="question-to"' not in html


def test_questions_to_different_people_each_say_whom(checked: Checked) -> None:
    from parlbrief.render import questions_heading, shared_addressee

    class Q:
        def __init__(self, to: str | None) -> None:
            self.to = to

    mixed = [Q("the Minister"), Q("the Secretary of State")]
    assert shared_addressee(mixed) is None
    assert questions_heading("Questions you may wish to ask", mixed) == (
        "Questions you may wish to ask"
    )
    same = [Q("the Minister"), Q("the Minister")]
    assert questions_heading("Questions you may wish to ask", same) == (
        "Questions you may wish to ask the Minister"
    )
    assert questions_heading("Questions for the Minister", same) == "Questions for the Minister"


def test_the_last_word_of_a_question_is_bound_to_the_one_before(checked: Checked) -> None:
    html = render_page(checked, EXAMPLE_BRIEFING, "pdf")
    questions = re.findall(r'<li class="question".*?</li>', html, re.S)
    assert len(questions) == 4
    for question in questions:
        text = re.sub(r'<span class="footnote".*?</span>', "", question, flags=re.S)
        text = re.sub(r"<[^>]+>", "", text).strip()
        assert re.search(r"\u00a0\S+$", text), text[-30:]


def test_a_split_questions_box_says_continued(example_build: ExampleBuild) -> None:
    """The staffing briefing's questions box starts on one page and ends on the next,
    whose running head names the box '(continued)'; no other page does."""
    doc = pages(example_build.out / "probation-staffing.pdf")
    marked = [
        i + 1
        for i, page in enumerate(doc)
        if "(continued)" in " ".join(r.text for r in runs(page) if r.baseline < TOP)
    ]
    starts = [i for i, page in enumerate(doc) if "Questions you may wish" in _body_text(page)]
    assert len(starts) == 1
    split = "Tania Basset" not in _body_text(doc[starts[0]])
    assert marked == ([starts[0] + 2] if split else [])


def _body_text(page: PageObject) -> str:
    return " ".join(r.text for r in body_runs(page))
