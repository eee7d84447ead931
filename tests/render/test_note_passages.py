"""The web page: each note whose source has a stored copy links to the passage it cites,
shown in the page as stored, with the quoted words or the figure's value marked, so a
reader checks a note in one click, offline."""

from __future__ import annotations

import re

from markupsafe import Markup

from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from tests.conftest import MakeProject

SUMMARY = "Local trusts worked.[@committee-2011, para 84 (the “tick-box culture” of the trusts)]"


def web_page(project: Project, bid: str = "copies") -> str:
    report = build(project, options=BuildOptions(formats=("html",)))
    assert not report.failed, report.failed
    return (project.out / f"{bid}.html").read_text(encoding="utf-8")


def note(page: str, number: int) -> str:
    found = re.search(rf'<li id="fn-{number}"[^>]*>(.*?)</li>', page, re.S)
    assert found is not None
    return found.group(1)


def passage(page: str, anchor: str) -> str:
    found = re.search(rf'<article class="passage" id="{anchor}".*?</article>', page, re.S)
    assert found is not None
    return found.group(0)


def test_a_note_links_to_its_passage_with_the_quoted_words_marked(
    make_project: MakeProject,
) -> None:
    briefing = (
        (make_project(base="copies").root / "briefings" / "copies.yaml")
        .read_text(encoding="utf-8")
        .replace("Local trusts worked.[@committee-2011, para 84]", SUMMARY)
    )
    page = web_page(make_project({"briefings/copies.yaml": briefing}, base="copies"))
    link = re.search(r'<a href="#(passage-\d+)" class="passage-link">([^<]*)</a>', note(page, 1))
    assert link is not None
    assert link.group(2) == "Justice Committee, para 84: the source’s words"
    shown = passage(page, link.group(1))
    assert "<h3" in shown and "Justice Committee, para 84</h3>" in shown
    assert "laboured under a <mark>tick-box culture</mark>, imposed on them" in shown
    assert "Copied from House of Commons Justice Committee, The role of the Probation" in shown
    assert "Cited in notes 1, 3." in shown


def test_a_figures_note_links_to_its_table_with_the_value_marked(
    make_project: MakeProject,
) -> None:
    page = web_page(make_project(base="copies"))
    numbers = [
        int(n) for n in re.findall(r'<li id="fn-(\d+)"', page) if "table 2" in note(page, int(n))
    ]
    assert numbers
    anchor = re.search(r'href="#(passage-\d+)"', note(page, numbers[0]))
    assert anchor is not None
    shown = Markup(passage(page, anchor.group(1)))
    assert "<mark>4,542</mark>" in shown
    # The stored copy's Markdown table is shown as a table, not as its pipes and
    # an escaped '<br>' (which a reader saw as '| Jun 2022 | 4,542 |&lt;br&gt;').
    assert "|" not in shown.striptags() and "&lt;br&gt;" not in shown
    assert '<tr><td></td><th scope="col">staff in post</th>' in shown
    assert re.search(r"<tr><td>Jun 2022</td><td><mark>4,542</mark>[^<]*</td>", shown)
    assert "HMPPS, table 2" in shown.striptags() or "table 2" in shown.striptags()


def test_a_note_without_a_stored_copy_has_no_link(make_project: MakeProject) -> None:
    page = web_page(make_project(), "minimal")
    assert 'class="passage-link"' not in page
    assert "The sources’ own words" not in page
