"""A project's own CSS file is held to what a page may load at its file and line, by
check, before any page is made (the guard, looking at a whole page's <style>, could only
quote the CSS back, and a project with only its own CSS passed check and failed in the
build)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.guard.stylesheets import findings_by_line
from tests.conftest import MakeProject

IMPORT = "@import loads another style sheet - paste its rules instead"
WEB = "loads from the web - a briefing must be self-contained: embed it (data:) or remove it"


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("p { color: red }\n", []),
        ("p {\n  color: red;\n  background: url(https://evil.example/p.png);\n}\n",
         [(3, f"url('https://evil.example/p.png') {WEB}")]),
        ("@import 'x.css';\n", [(1, IMPORT)]),
        ("@media print {\n  p {\n    behavior: x;\n  }\n}\n",
         [(3, "the CSS property behavior runs code - remove it")]),
        ("@media print {\n\n  @import 'x.css';\n}\n",
         [(3, IMPORT)]),
        ("@font-face {\n  font-family: X;\n  src: url(//evil.example/f.woff2);\n}\n",
         [(3, f"url('//evil.example/f.woff2') {WEB}")]),
        ("p\n{ background: u\\72l(https://evil.example/x) }\n",
         [(2, f"url('https://evil.example/x') {WEB}")]),
        ("h1 { background: url(file:///etc/passwd) }\n",
         [(1, "url('file:///etc/passwd') loads a file the reader will not have - embed it "
              "(data:) or remove it")]),
        # a file beside the project's, as a PDF-only project may use, passes as before
        ("h1 { background: url(logo.png) }\n", []),
    ],
)  # fmt: skip
def test_each_refusal_is_at_its_line(css: str, expected: list[tuple[int, str]]) -> None:
    assert list(findings_by_line(css)) == expected


def test_check_names_the_css_file_and_line_of_a_refused_url(make_project: MakeProject) -> None:
    project = make_project(
        {
            "templates/briefing.css": "p { color: black; }\n\nh1 {\n"
            '  background: url("https://evil.example/x.png");\n}\n'
        }
    )
    result = CliRunner().invoke(app, ["check", "-p", str(project.root)])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"templates/briefing.css:4: url('https://evil.example/x.png') {WEB}"
    ]


def test_a_build_stops_there_before_any_page(make_project: MakeProject) -> None:
    project = make_project({"templates/briefing.css": "@import 'https://evil.example/x.css';\n"})
    result = CliRunner().invoke(app, ["build", "-p", str(project.root)])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("templates/briefing.css:1: @import loads another style sheet")
    assert result.stderr.rstrip().endswith("1 error: nothing was built.")
    assert not project.out.exists() or not list(project.out.glob("*.pdf"))
