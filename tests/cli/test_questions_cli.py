"""`parlbrief questions ID [--written] [--json]` on the example project and a sample."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.project import Project
from tests.conftest import REPO, MakeProject


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_briefing_5_s_written_questions_each_begin_to_ask_the() -> None:
    code, out, _ = run("questions", "briefing-5", "--written", "--project", str(REPO))
    assert code == 0
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[1] == "Ministry of Justice (the Secretary of State for Justice)"
    questions = lines[2:]
    assert len(questions) == 4
    assert all(q.startswith("To ask the Secretary of State for Justice, ") for q in questions)
    assert "Not ready" not in out


def test_the_json_gives_each_question_s_oral_and_written_forms() -> None:
    code, out, _ = run("questions", "briefing-5", "--written", "--json", "--project", str(REPO))
    assert code == 0
    (questions,) = json.loads(out)["outputs"].values()
    assert [q["written_from"] for q in questions] == ["given"] * 4
    assert {q["department"] for q in questions} == {"Ministry of Justice"}
    assert questions[0]["oral"].startswith("Why was the NPS absorbed")


def test_without_written_the_oral_questions_are_numbered(minimal: Project) -> None:
    code, out, _ = run("questions", "minimal", "--project", str(minimal.root))
    assert code == 0
    assert out.splitlines()[1:] == [
        "1. Will the Minister let regions commission services locally?",
        "2. How will the extra funding reach local services?",
    ]


def test_a_question_not_ready_to_table_says_what_to_do(make_project: MakeProject) -> None:
    project = make_project({"parlbrief.yaml": "department: justice\n"})
    code, out, _ = run("questions", "minimal", "--written", "--project", str(project.root))
    assert code == 0
    assert (
        "To ask the Secretary of State for Justice, whether he will let regions commission "
        "services locally." in out
    )
    assert "Not ready to table (1)" in out
    assert "q-funding: needs a written form" in out


def test_an_unknown_briefing_exits_2(minimal: Project) -> None:
    code, _, err = run("questions", "nope", "--project", str(minimal.root))
    assert code == 2
    assert "no briefing called nope" in err
