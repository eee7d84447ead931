"""The lines a press officer reads at the end of a command: errors and warnings counted
apart, and `publish` without an id saying how to name one or publish all that changed."""

from __future__ import annotations

from datetime import date

from typer.testing import CliRunner

from parlbrief.project import Project
from tests.pipeline.conftest import edit

DAY = date(2026, 12, 1)
STATS = "sources/statistics/shared.yaml"
UNCITED = """
- id: unused-report
  kind: report
  author: Nobody
  title: A report no briefing cites
  date: 2022-08
"""


def _run(project: Project, *args: str) -> tuple[int, str, str]:
    from parlbrief.cli.commands import app

    done = CliRunner().invoke(
        app, [*args, "--project", str(project.root)], env={"PARLBRIEF_TODAY": DAY.isoformat()}
    )
    return done.exit_code, done.stdout, done.stderr


def _with_an_uncited_reference(project: Project) -> None:
    path = project.root / "sources" / "references" / "refs.yaml"
    path.write_text(path.read_text(encoding="utf-8") + UNCITED, encoding="utf-8")


def test_errors_and_warnings_are_counted_apart(shared: Project) -> None:
    _with_an_uncited_reference(shared)
    edit(shared, STATS, "value: 1697", "value: lots")
    edit(shared, "briefings/beta.yaml", "[#vacancies]", "[#vacancies] and [#nowhere]")

    code, _out, said = _run(shared, "build")

    assert code == 1
    assert said.rstrip().splitlines()[-1] == "2 errors and 1 warning: nothing was built."


def test_warnings_that_stop_a_strict_build_are_called_warnings(shared: Project) -> None:
    _with_an_uncited_reference(shared)

    code, _out, said = _run(shared, "build", "--strict")

    assert code == 1
    assert said.rstrip().splitlines()[-1] == (
        "1 warning, which --strict treats as errors: nothing was built."
    )


def test_publish_without_an_id_says_how_to_name_one_or_publish_all(shared: Project) -> None:
    code, _out, said = _run(shared, "publish")

    assert code == 2
    assert said.strip() == (
        "error: say which briefing to publish: parlbrief publish ID (parlbrief list shows "
        "the ids), or parlbrief publish --all to publish every briefing that changed since "
        "its last edition"
    )


def test_publish_all_publishes_every_briefing_that_changed(shared: Project) -> None:
    code, out, said = _run(shared, "publish", "--all", "--note", "First editions")
    assert code == 0, said
    assert [line.split(" (")[0] for line in out.splitlines()[:3]] == [
        "alpha: published edition 1",
        "beta: published edition 1",
        "gamma: published edition 1",
    ]

    edit(shared, STATS, "value: 1697", "value: 1800")  # beta and alpha print it
    code, out, said = _run(shared, "publish", "--all")

    assert code == 0, said
    assert "alpha: published edition 2" in out and "beta: published edition 2" in out
    assert "gamma: nothing has changed since edition 1; not published" in out


def test_publish_refuses_an_id_and_all_together(shared: Project) -> None:
    code, _out, said = _run(shared, "publish", "beta", "--all")
    assert code == 2
    assert "name one briefing (beta) or use --all, not both" in said
