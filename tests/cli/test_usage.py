"""Commands take ids and sensible limits only: anything else is a usage error (exit 2)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from tests.conftest import MakeProject


@pytest.mark.parametrize(
    "args",
    [
        ["changes", "../../outside"],
        ["changes", "/etc/passwd"],
        ["changes", "Briefing 5"],
        ["build", "../x"],
        ["build", "minimal/../../x"],
    ],
)
def test_an_id_that_is_a_path_is_refused(make_project: MakeProject, args: list[str]) -> None:
    project = make_project()
    result = CliRunner().invoke(app, [*args, "--project", str(project.root)])
    assert result.exit_code == 2, result.output
    assert "is not a briefing id - give an id such as briefing-5" in result.stderr
    assert not project.out.exists()


@pytest.mark.parametrize("value", ["0", "-1", "inf", "nan", "1e9"])
def test_a_timeout_that_is_not_a_sensible_number_of_seconds_is_refused(
    make_project: MakeProject, value: str
) -> None:
    project = make_project()
    result = CliRunner().invoke(app, ["build", "--timeout", value, "-p", str(project.root)])
    assert result.exit_code == 2, result.output
    assert "--timeout takes a number of seconds above 0" in result.stderr
