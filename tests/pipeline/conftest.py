"""Fixtures for the build-stage tests: a small project with shared figures, copied fresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from parlbrief.project import Project
from tests.conftest import copy_project


@pytest.fixture
def shared(tmp_path: Path) -> Project:
    """tests/projects/incremental: three briefings drawing on one statistics file.

    alpha prints officers and vacancies, beta prints vacancies, gamma prints funding.
    It brings its own small template, so these tests do not depend on the look.
    """
    return Project.at(copy_project("incremental", tmp_path / "project"))


def edit(project: Project, rel: str, old: str, new: str) -> None:
    """Replace `old` by `new` in one of the project's files (it must be there)."""
    path = project.root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")
