"""The last guard: citation and figure markup left in an output's text is found.

`find_leftover_markup` reads plain text (an HTML page's text, a PDF's text layer);
markup the prose prints on purpose (`\\[@id]`) is excused by `expected_markup`.
"""

from __future__ import annotations

import pytest
from markupsafe import Markup

from parlbrief.check import check
from parlbrief.project import Project
from parlbrief.resolve.leftovers import expected_markup, find_leftover_markup
from tests.conftest import REPO, MakeProject, render_page


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("A claim.[@unison-10-reasons reason 5] More.", ["[@unison-10-reasons"]),
        ("A claim.[see @napo-2016, under X]", ["[see @napo-2016"]),
        ("A claim.[cf @a; @b]", ["[cf @a"]),
        ("A claim.[-@a, para 95]", ["[-@a"]),
        ("There were [#tr-cost] staff and [# tr-cost].", ["[#tr-cost", "[# tr-cost"]),
        ("As @justice-committee-2011 [para 95] says.", ["@justice-committee-2011 ["]),
        ("An unclosed [@a, reason 7", ["[@a"]),
        ("Split over lines [@unison-10-\nreasons, 5]", ["[@unison-10-"]),
    ],
)
def test_markup_in_text_is_found(text: str, found: list[str]) -> None:
    assert [f.markup for f in find_leftover_markup(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "Write to press@napo.org.uk [the press office].",
        "Follow @NapoUK on social media.",
        "Paragraph [95] of the report, and [2022] EWCA Civ 1.",
        "The report @ Parliament [today].",
        "Justice Committee (n 1) para 95.",
    ],
)
def test_ordinary_text_has_no_findings(text: str) -> None:
    assert find_leftover_markup(text) == []


def test_a_finding_says_where_it_is() -> None:
    [found] = find_leftover_markup("Officers are overworked.[@napo-2016 reason 5] So.")
    assert found.offset == 24
    assert str(found) == "'[@napo-2016' in “Officers are overworked.[@napo-2016 reason 5] So.”"


def test_markup_printed_on_purpose_is_excused_once(make_project: MakeProject) -> None:
    body = "---\nheading: A\n---\nWrite \\[@id] for a citation, and `[#id]` for a figure.\n"
    checked = check(make_project({"sources/arguments/local-trusts.md": body}))
    resolved = checked.resolved["minimal"]
    expected = expected_markup(resolved)
    assert expected == ["[@id", "[#id"]
    text = Markup(render_page(checked, "minimal", "html")).striptags()
    assert find_leftover_markup(text, expected) == []
    # the same markup once more, not on purpose, is found
    assert [f.markup for f in find_leftover_markup(text + " [@id", expected)] == ["[@id"]


def test_the_example_pages_have_no_leftover_markup() -> None:
    checked = check(Project.at(REPO))
    for bid, resolved in checked.resolved.items():
        for medium in ("html", "pdf"):
            text = Markup(render_page(checked, bid, medium)).striptags()
            assert find_leftover_markup(text, expected_markup(resolved)) == [], (bid, medium)
