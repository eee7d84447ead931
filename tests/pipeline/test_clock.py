"""One clock: `check --strict` and `build --strict` agree on what is stale, on any day."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.project import Project


def run(*args: str) -> int:
    return CliRunner().invoke(app, list(args)).exit_code


@pytest.mark.parametrize("later", ["PARLBRIEF_TODAY", "SOURCE_DATE_EPOCH"])
def test_check_and_build_agree_on_staleness_whatever_the_date(
    shared: Project, monkeypatch: pytest.MonkeyPatch, later: str
) -> None:
    (shared.root / "parlbrief.yaml").write_text("max_age_days: 1000\n", encoding="utf-8")
    project = ["--project", str(shared.root)]
    monkeypatch.setenv("PARLBRIEF_TODAY", "2023-06-01")
    assert run("check", "--strict", *project) == 0
    assert run("build", "--strict", "--format", "html", *project) == 0
    # Years later, by either way of setting the clock, the same figures are stale to
    # both commands, although no file changed since the build.
    monkeypatch.delenv("PARLBRIEF_TODAY")
    monkeypatch.setenv(later, "2031-06-01" if later == "PARLBRIEF_TODAY" else "1938736800")
    assert run("check", "--strict", *project) == 1
    assert run("build", "--strict", "--format", "html", *project) == 1


def test_a_date_that_is_not_a_date_is_a_usage_error(
    shared: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARLBRIEF_TODAY", "next tuesday")
    done = CliRunner().invoke(app, ["check", "--project", str(shared.root)])
    assert done.exit_code == 2
    assert "PARLBRIEF_TODAY='next tuesday' is not a date" in done.stderr
