"""Stage 4, render: a resolved briefing laid out as HTML, for print (PDF) or the screen.

For print, each note's text sits at its call inside `<span class="footnote">`, which
WeasyPrint floats to the foot of the page; on screen, a call is a superscript link to
the notes list. Prose is content, never template code, and is escaped.
"""

from __future__ import annotations

import re

import pytest
from jinja2.exceptions import SecurityError

from parlbrief.check import Checked, check
from parlbrief.errors import Problems
from parlbrief.project import BUILTIN_TEMPLATES, TEMPLATE_SUFFIXES, Project
from parlbrief.render import Medium, check_templates
from tests.conftest import MakeProject, render_page


def page(checked: Checked, medium: Medium) -> str:
    """The minimal briefing's HTML for `medium`, as `build` makes it."""
    return render_page(checked, "minimal", medium)


def text_of(html: str) -> str:
    """Visible text, roughly: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("medium", ["pdf", "html"])
def test_everything_the_briefing_says_is_on_the_page(
    minimal_checked: Checked, medium: Medium
) -> None:
    html = page(minimal_checked, medium)
    text = text_of(html)
    for expected in [
        "Briefing 1",
        "Local services work best",
        "One size does not fit all.",
        "23 November 2026",
        "Local services worked",
        "Money",
        "Will the Minister let regions commission services locally?",
        "How will the extra funding reach local services?",
        "A Press Officer",
        "National Official",
    ]:
        assert expected in text, expected
    assert '<html lang="en-GB"' in html


@pytest.mark.parametrize("medium", ["pdf", "html"])
def test_markdown_becomes_html(minimal_checked: Checked, medium: Medium) -> None:
    html = page(minimal_checked, medium)
    assert "<strong>commission</strong>" in html
    assert "<em>own</em>" in html
    assert "<li>Trusts knew their communities." in html


def test_print_puts_each_note_at_its_call(minimal_checked: Checked) -> None:
    html = page(minimal_checked, "pdf")
    notes = re.findall(r'<span class="footnote" id="fn-(\d+)">', html)
    assert notes == ["1", "2", "3", "4", "5"]
    # The call hugs the word before it: "trusts.¹", never "trusts. ¹".
    assert 'local trusts.<span class="footnote" id="fn-2">Ibid para 95.' in html
    assert 'class="fn-call"' not in html


def test_a_figure_is_printed_with_its_note_after_its_clause(minimal_checked: Checked) -> None:
    """Not "4,542⁴", which reads as a power: the call follows the sentence's full stop."""
    html = page(minimal_checked, "pdf")
    after = ' probation officers in post.<span class="footnote" id="fn-4">'
    assert '<span class="figure">4,542</span>' + after in html
    assert '<span class="figure">£155m</span> more.<span class="footnote" id="fn-5">' in html


def test_screen_links_each_call_to_its_note_and_back(minimal_checked: Checked) -> None:
    html = page(minimal_checked, "html")
    calls = re.findall(r'<a href="#fn-(\d+)" id="fnref-\1">\1</a>', html)
    assert calls == ["1", "2", "3", "4", "5"]
    for number in range(1, 6):
        assert f'id="fn-{number}"' in html
    assert 'class="footnote"' not in html


def test_the_sources_list_gives_each_reference_in_full(minimal_checked: Checked) -> None:
    text = text_of(page(minimal_checked, "html"))
    assert "House of Commons Justice Committee, The role of the Probation Service" in text
    assert "HM Prison and Probation Service, HMPPS Workforce Quarterly, June 2022" in text


def test_prose_is_escaped_not_run(make_project: MakeProject) -> None:
    argument = (
        "---\nheading: <i>Hi</i>\n---\n"
        "A <script>alert(1)</script> and {{ briefing.title }} stay text.\n"
    )
    checked = check(make_project({"sources/arguments/local-trusts.md": argument}))
    html = page(checked, "html")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ briefing.title }} stay text." in html
    assert "&lt;i&gt;Hi&lt;/i&gt;" in html


def test_typography_is_smart(make_project: MakeProject) -> None:
    argument = '---\nheading: A\n---\nIt "doesn\'t" work -- at all...\n'
    checked = check(make_project({"sources/arguments/local-trusts.md": argument}))
    assert "It “doesn’t” work – at all…" in page(checked, "html")


def test_a_project_template_overrides_the_built_in_one(make_project: MakeProject) -> None:
    project = make_project(
        {"templates/briefing.html.j2": "<p>{{ briefing.series }}: {{ briefing.title }}</p>\n"}
    )
    assert page(check(project), "html") == "<p>Briefing 1: Local services work best</p>\n"


def test_templates_are_sandboxed(make_project: MakeProject) -> None:
    # A template (which a user may copy from anywhere) cannot reach Python's internals.
    project = make_project(
        {"templates/briefing.html.j2": "{{ briefing.__class__.__init__.__globals__ }}\n"}
    )
    with pytest.raises(SecurityError, match="unsafe"):
        page(check(project), "html")


def test_rendering_is_deterministic(minimal: Project) -> None:
    for medium in ("pdf", "html"):
        assert page(check(minimal), medium) == page(check(minimal), medium)


def test_every_built_in_template_parses() -> None:
    # `check` skips parlbrief's own templates (see Project.own_templates): this is
    # where a syntax error in one of them is caught.
    files = [
        (BUILTIN_TEMPLATES, path)
        for path in sorted(BUILTIN_TEMPLATES.rglob("*"))
        if path.name.endswith(TEMPLATE_SUFFIXES)
    ]
    assert len(files) >= 5
    problems = Problems()
    check_templates((BUILTIN_TEMPLATES,), files, BUILTIN_TEMPLATES, problems)
    assert problems.items == []
