"""The debate a briefing is for (issue 24, item 1): House, kind, day and title, printed
in the standard form above the title in every kind of document and every output, and
checked as a press officer would want (a wrong House names the right ones; a briefing
dated after its debate is warned about)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest

from parlbrief.check import check
from parlbrief.model import Debate
from parlbrief.render import briefing_view
from parlbrief.resolve.debate_form import debate_line
from parlbrief.write.docx import write_docx
from parlbrief.write.eml import html_body, letter_of, text_body
from tests.conftest import MakeProject, render_page

LINE = "Westminster Hall debate, Tuesday 7 November 2017: Temporary accommodation"

DEBATE = """\
debate:
  house: Westminster Hall
  kind: Westminster Hall debate
  date: 2017-11-07
  title: Temporary accommodation
  secured_by: A Member MP
"""


def briefing(kind: str = "briefing", debate: str = DEBATE, day: str = "2017-11-01") -> str:
    """A briefing of `kind` on the minimal project's sources, for a debate."""
    recipient = "recipient:\n  name: Jane Smith\n  title: Ms\n" if kind == "letter" else ""
    return (
        f"series: Test\ntitle: Local services work best\ndate: {day}\ntemplate: {kind}\n"
        "summary: |\n  - Local trusts worked.\n"
        "sections:\n  - argument: local-trusts\n"
        "  - heading: Recommendations\n    text: |\n      - Fund local services.\n"
        f"{recipient}{debate}"
    )


def text_of(html: str) -> str:
    """The page's words, tags removed, in one line."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.mark.parametrize("kind", ["briefing", "one-pager", "evidence", "letter"])
@pytest.mark.parametrize("medium", ["pdf", "html"])
def test_every_kind_prints_the_debate_in_the_standard_form_above_the_title(
    make_project: MakeProject, kind: str, medium: str
) -> None:
    checked = check(make_project({"briefings/minimal.yaml": briefing(kind)}))
    assert not checked.problems.errors, checked.problems.errors
    page = render_page(checked, "minimal", "pdf" if medium == "pdf" else "html")
    assert f"{LINE} Secured by A Member MP" in text_of(page)
    body = page[page.index("<main") :]
    assert body.index('<p class="debate">') < body.index("Local services work best")


def test_the_web_page_gives_the_debate_s_day_as_a_machine_reads_it(
    make_project: MakeProject,
) -> None:
    checked = check(make_project({"briefings/minimal.yaml": briefing()}))
    page = render_page(checked, "minimal", "html")
    assert '<time datetime="2017-11-07">Tuesday 7 November 2017</time>' in page


def test_word_prints_evidence_s_debate_first_after_its_title_block(
    make_project: MakeProject, tmp_path: Path
) -> None:
    paragraphs = word_paragraphs(make_project, tmp_path, "evidence")
    where = paragraphs.index(LINE)
    assert paragraphs[where + 1] == "Secured by A Member MP"
    assert "Local services work best" in paragraphs[:where]  # Pandoc's title block
    assert all("Local trusts worked" not in p for p in paragraphs[:where])


@pytest.mark.parametrize("kind", ["briefing", "one-pager", "letter"])
def test_word_prints_the_debate_just_above_the_title(
    make_project: MakeProject, tmp_path: Path, kind: str
) -> None:
    paragraphs = word_paragraphs(make_project, tmp_path, kind)
    where = paragraphs.index(LINE)
    assert paragraphs[where + 1 : where + 3] == [
        "Secured by A Member MP",
        "Local services work best",
    ]
    assert "Local services work best" not in paragraphs[:where]


def word_paragraphs(make_project: MakeProject, tmp_path: Path, kind: str) -> list[str]:
    """The text of each paragraph of the Word document of a briefing of `kind`."""
    checked = check(make_project({"briefings/minimal.yaml": briefing(kind)}))
    target = tmp_path / "minimal.docx"
    write_docx(target, checked.resolved["minimal"], {})
    return [p.text for p in docx.Document(str(target)).paragraphs if p.text]


def test_the_email_names_the_debate_above_the_title(make_project: MakeProject) -> None:
    checked = check(make_project({"briefings/minimal.yaml": briefing()}))
    letter = letter_of(checked.resolved["minimal"], {})
    text = text_body(letter)
    assert text.startswith(f"Dear colleague,\n\n{LINE}\nTest: Local services work best\n")
    html = text_of(html_body(letter))
    assert f"Dear colleague,{LINE}Test: Local services work best" in html


def test_a_briefing_without_a_debate_prints_none(make_project: MakeProject) -> None:
    checked = check(make_project())
    assert 'class="debate"' not in render_page(checked, "minimal", "html")
    assert briefing_view(checked.resolved["minimal"], "html").debate is None


@pytest.mark.parametrize(
    "house, kind, expected",
    [
        ("Commons", "Backbench Business debate", "Backbench Business debate, Thursday"),
        ("Commons", "second reading of the Probation Services Bill", "Second reading of the"),
        ("Lords", "question for short debate", "House of Lords: Question for short debate,"),
        ("Lords", "Lords question for short debate", "Lords question for short debate,"),
        ("Senedd", "Member debate", "Senedd: Member debate, Thursday"),
        ("Scottish Parliament", "Members' Business", "Scottish Parliament: Members' Business,"),
    ],
)
def test_the_house_is_named_when_the_kind_does_not_name_it(
    house: str, kind: str, expected: str
) -> None:
    debate = Debate(house=house, kind=kind, date=date(2018, 12, 6), title="Probation")
    line = debate_line(debate).text
    assert line.startswith(expected)
    assert line.endswith(", Thursday 6 December 2018: Probation")


@pytest.mark.parametrize(
    "written, house",
    [("house of commons", "Commons"), ("westminster  hall", "Westminster Hall"),
     ("HOUSE OF LORDS", "Lords"), ("Welsh Parliament", "Senedd")],
)  # fmt: skip
def test_a_house_may_be_written_in_any_case_or_in_full(written: str, house: str) -> None:
    debate = Debate(house=written, kind="debate", date=date(2018, 12, 6), title="Probation")
    assert debate.house == house


def test_an_unknown_house_is_an_error_at_its_line_listing_the_houses(
    make_project: MakeProject,
) -> None:
    wrong = DEBATE.replace("house: Westminster Hall", "house: Stormont")
    checked = check(make_project({"briefings/minimal.yaml": briefing(debate=wrong)}))
    errors = [str(p) for p in checked.problems.errors]
    assert errors == [
        "briefings/minimal.yaml:13: debate.house: should be 'Commons', 'Lords', "
        "'Westminster Hall', 'Scottish Parliament' or 'Senedd' (found 'Stormont')"
    ]


def test_a_debate_without_its_day_or_title_says_what_to_add(make_project: MakeProject) -> None:
    lacking = "debate:\n  house: Commons\n  kind: Opposition Day debate\n  date: 7 Nov 2017\n"
    problems = check(make_project({"briefings/minimal.yaml": briefing(debate=lacking)}))
    said = sorted(str(p) for p in problems.problems.errors)
    assert said == [
        "briefings/minimal.yaml:12: debate.title: this field is required - add it",
        "briefings/minimal.yaml:15: debate.date: is not a date - write it as 2022-06-30 "
        "(year, month, day) (found '7 Nov 2017')",
    ]


def test_check_warns_when_the_briefing_is_dated_after_its_debate(
    make_project: MakeProject,
) -> None:
    checked = check(make_project({"briefings/minimal.yaml": briefing(day="2017-11-08")}))
    warnings = [str(p) for p in checked.problems.items if "debate" in p.message]
    assert warnings == [
        "briefings/minimal.yaml:3: date: the briefing is dated 8 November 2017, after the "
        "debate it is for (Westminster Hall debate, Tuesday 7 November 2017) - a briefing "
        "goes out before its debate: check both dates, or take out 'debate:' if the "
        "briefing is no longer for it"
    ]
    assert not checked.problems.errors


def test_a_briefing_dated_on_the_day_of_its_debate_is_not_warned_about(
    make_project: MakeProject,
) -> None:
    checked = check(make_project({"briefings/minimal.yaml": briefing(day="2017-11-07")}))
    assert not [p for p in checked.problems.items if "debate" in p.message]


def test_a_citation_in_the_debate_s_title_is_an_error_at_its_line(
    make_project: MakeProject,
) -> None:
    cited = DEBATE.replace("Temporary accommodation", "Housing [@committee-2011]")
    checked = check(make_project({"briefings/minimal.yaml": briefing(debate=cited)}))
    said = [str(p) for p in checked.problems.errors]
    assert said == [
        "briefings/minimal.yaml:16: debate.title: '[@committee-2011' is printed as typed "
        "here: citations and figures work only in prose - take it out"
    ]
