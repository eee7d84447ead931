"""An upgrade alone marks nothing Draft: a project whose editions an earlier parlbrief
recorded builds unmarked while what it says is unchanged, and marked once it changes.

The histories in earlier-releases/ were recorded by those releases themselves (see its
README), for tests/projects/incremental as it is here.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parlbrief.check import check
from parlbrief.cli.commands import app
from parlbrief.pipeline import editions
from parlbrief.project import Project
from tests.pipeline.conftest import edit

RELEASES = Path(__file__).parent / "earlier-releases"
DAY = date(2026, 12, 6)


def _recorded_by(project: Project, release: str) -> None:
    """The project as that release left it: its editions, and the built-in look (which
    shows the Draft mark)."""
    shutil.copytree(RELEASES / release, project.root / "editions")
    for name in ("briefing.html.j2", "briefing.css"):
        (project.root / "templates" / name).unlink()


def _parlbrief(project: Project, *args: str) -> tuple[int, str]:
    run = [*args, "--project", str(project.root)]
    done = CliRunner().invoke(app, run, env={"PARLBRIEF_TODAY": DAY.isoformat()})
    return done.exit_code, done.output


@pytest.mark.parametrize("release", ["first-scheme-1", "last-scheme-1", "5abc6f5"])
def test_every_briefing_an_earlier_release_recorded_is_still_unchanged(
    shared: Project, release: str
) -> None:
    _recorded_by(shared, release)
    checked = check(shared, DAY)
    for key in ("alpha", "beta", "gamma"):
        history = editions.load_history(shared.root, key, DAY)
        assert editions.compare(history, checked.resolved[key]).unchanged, key


@pytest.mark.parametrize("release", ["first-scheme-1", "5abc6f5"])
def test_a_build_after_an_upgrade_marks_nothing_draft(shared: Project, release: str) -> None:
    _recorded_by(shared, release)

    code, said = _parlbrief(shared, "build", "beta", "--format", "html")

    assert code == 0, said
    assert "Changed since last published" not in said
    page = (shared.out / "beta.html").read_text(encoding="utf-8")
    assert "changed since edition" not in page
    code, said = _parlbrief(shared, "publish", "beta")
    assert code == 2
    assert "beta: nothing has changed since edition 1" in said


def test_a_change_after_an_upgrade_is_still_a_draft(shared: Project) -> None:
    _recorded_by(shared, "first-scheme-1")
    edit(shared, "sources/statistics/shared.yaml", "value: 1697", "value: 1800")

    code, said = _parlbrief(shared, "build", "beta", "--format", "html")

    assert code == 0, said
    assert "Changed since last published: beta (since edition 1)" in said
    page = (shared.out / "beta.html").read_text(encoding="utf-8")
    assert "changed since edition 1" in page


def test_setting_a_field_that_scheme_1_never_had_is_a_change(shared: Project) -> None:
    _recorded_by(shared, "last-scheme-1")
    edit(shared, "briefings/beta.yaml", "title: Vacancies", "title: Vacancies\nlabel: Note")
    checked = check(shared, DAY)
    history = editions.load_history(shared.root, "beta", DAY)
    assert not editions.compare(history, checked.resolved["beta"]).unchanged
