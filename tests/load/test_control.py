"""Control characters never reach a briefing, its metadata or the terminal."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.cli.core import escape
from tests.conftest import MakeProject

QUESTIONS = "sources/questions/questions.yaml"


@pytest.mark.parametrize(
    "written, code",
    [('"\\x1b]0;owned\\x07"', "001B"), ('"a\\0b"', "0000"), ('"\\u0085next"', "0085")],
    ids=["terminal title", "nul", "C1 next line"],
)
def test_a_control_character_written_as_an_escape_is_refused_at_its_line(
    make_project: MakeProject, written: str, code: str
) -> None:
    project = make_project({QUESTIONS: f"- id: q-one\n  text: {written}\n"})
    result = CliRunner().invoke(app, ["check", "--project", str(project.root)])
    assert result.exit_code == 1, result.output
    assert f"{QUESTIONS}:2: this text holds a control character (U+{code})" in result.stderr
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_text_from_a_project_is_printed_literally() -> None:
    assert escape("[bold]x[/] :x: \x1b[2J") == "\\[bold]x\\[/] :x: \\x1b[2J"
