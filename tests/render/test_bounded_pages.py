"""A template cannot hold a command for minutes: the page's text is read in one pass
(a template writing `<style` 200,000 times held the font step's regular expressions
for minutes), and the template's time limit stops it in whichever thread fills it in
(the preview builds off the main thread); a page made to be slow to parse is refused
before the guard's parser reads it."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parlbrief.check import check
from parlbrief.cli.commands import app
from parlbrief.render import time_limit
from parlbrief.render.environment import TemplateLimitError
from parlbrief.render.page_text import attribute_values, without_code, without_tags
from parlbrief.render.webfonts import page_characters
from tests.conftest import MakeProject, render_page

STYLES = "{% for i in range(100000) %}<style<style{% endfor %}"
ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"

#: Pages a template could write to make a search start again at every character.
ADVERSARIAL = [
    "<html><body>" + "<style" * 200_000,
    "<p>" + "<" * 200_000,
    '<p title="' * 200_000,
    "<style>" * 200_000,
    "<SCRIPT " * 200_000 + "</script>",
    "<p alt=" + '"' * 200_000,
]


@pytest.mark.parametrize("page", ADVERSARIAL, ids=lambda p: p[:12])
def test_the_characters_of_a_hostile_page_are_read_in_one_pass(page: str) -> None:
    characters = page_characters(page)
    assert {"<", "s", "t"} <= characters  # every printable ASCII character is kept


def _by_expression(page: str) -> tuple[str, list[str]]:
    """What the font step's regular expressions made of a page (the reference)."""
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S | re.I)
    attributes = re.findall(r'(?:aria-label|title|alt)="([^"]*)"', page)
    return re.sub(r"<[^>]*>", " ", body), attributes


@pytest.mark.parametrize(
    "page",
    [
        '<html><head><style>p{}</style></head><body><p title="Über">Café</p></body></html>',
        "<STYLE media=x>a</Style>b<script>c</script>d<styles>e</styles>",
        "<style>never closed <p>text</p>",
        "<script>x</style></script>y<style>z",
        'a < b > c <img alt="Ω"> <p aria-label="é" data-title="ü">',
        "<style>a</style><script>b</script><style>c</style>",
        'x title="unclosed <b>bold</b>',
    ],
)
def test_the_page_text_is_what_the_expressions_gave(page: str) -> None:
    text = without_tags(without_code(page))
    values = list(attribute_values(page, ("aria-label", "title", "alt")))
    assert (text, values) == _by_expression(page)


def test_a_template_writing_style_200000_times_is_stopped_at_the_template(
    make_project: MakeProject, tmp_path: Path
) -> None:
    project = make_project({"templates/briefing.html.j2": STYLES})
    result = CliRunner().invoke(
        app, ["build", "--timeout", "2", "-p", str(project.root), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("templates/briefing.html.j2")
    # Refused before the guard's parser reads it, which would take minutes (see
    # guard.prescan); the guard's own time limit stays behind that.
    assert "would not be written: the page holds a tag name over 64 characters" in result.stderr


def test_a_template_that_never_ends_is_stopped_off_the_main_thread(
    make_project: MakeProject,
) -> None:
    project = make_project({"templates/briefing.html.j2": ENDLESS})
    checked = check(project, template_seconds=0.5)
    raised: list[BaseException] = []

    def fill_in() -> None:
        try:
            with time_limit(1):
                render_page(checked, "minimal", "html")
        except TemplateLimitError as exc:
            raised.append(exc)

    worker = threading.Thread(target=fill_in)
    worker.start()
    worker.join(timeout=300)

    assert not worker.is_alive()
    assert [str(e) for e in raised] == [
        "the template took longer than 1 seconds to fill in, as a loop that never ends "
        "would (or allow longer with --timeout)"
    ]


def test_check_stops_an_endless_template_in_a_thread_too(make_project: MakeProject) -> None:
    project = make_project({"templates/briefing.html.j2": ENDLESS})
    found: list[str] = []

    def run_check() -> None:
        from parlbrief.check import check as check_project

        checked = check_project(project, template_seconds=1)
        found.extend(str(p) for p in checked.problems.errors)

    worker = threading.Thread(target=run_check)
    worker.start()
    worker.join(timeout=300)

    assert not worker.is_alive()
    assert found == [
        "templates/briefing.html.j2:1: template error: the template took longer than 1 "
        "seconds to fill in, as a loop that never ends would (or allow longer with "
        "--timeout) - fix the template"
    ]


def test_a_template_done_in_time_leaves_no_error_behind() -> None:
    with time_limit(0.05):
        pass
    # Had the timer's error been left pending, it would land in this loop.
    total = 0
    for i in range(3_000_000):
        total += i
    assert total == sum(range(3_000_000))
