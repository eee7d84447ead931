"""Links in a project: one rule for every kind of file, and nothing outside is ever read.

A link to a file or folder inside the project is followed (a press office may keep one
statistics file in two places); a link leading outside is refused at its path, and
what it points at is never read, so its contents cannot appear in any message.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.load.files import list_files
from tests.conftest import MakeProject

SECRET = "SECRET-do-not-print-4e1f"


def check(project_root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", "--project", str(project_root)])
    return result.exit_code, result.output


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, holding a secret in every kind of file."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.csv").write_text(f"period,value\n2022-06-30,{SECRET}\n")
    (folder / "secret.yaml").write_text(f"- id: leaked\n  text: {SECRET}\n")
    (folder / "secret.md").write_text(f"---\nheading: {SECRET}\n---\n{SECRET}\n")
    return folder


@pytest.mark.parametrize(
    "link, target",
    [
        ("sources/data/officers.csv", "secret.csv"),
        ("sources/questions/more.yaml", "secret.yaml"),
        ("sources/arguments/more.md", "secret.md"),
        ("briefings/more.yaml", "secret.yaml"),
        ("sources/data/folder", "."),
    ],
)
def test_a_link_leading_outside_is_refused_and_never_read(
    make_project: MakeProject, outside: Path, link: str, target: str
) -> None:
    project = make_project()
    path = project.root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside / target, path)
    code, output = check(project.root)
    assert code == 1, output
    assert f"{link}: this is a link to a file or folder outside the project" in output
    assert SECRET not in output
    assert "Traceback" not in output


def test_a_link_to_a_file_inside_the_project_is_followed(make_project: MakeProject) -> None:
    project = make_project()
    stats = project.root / "sources/statistics"
    (stats / "shared").mkdir()
    os.rename(stats / "figures.yaml", stats / "shared/figures.yaml")
    os.symlink(stats / "shared", project.root / "sources/statistics/linked")
    code, output = check(project.root)
    assert code == 0, output  # each figure loaded once, through the real folder


def test_a_folder_that_links_to_itself_is_listed_once(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "a").mkdir(parents=True)
    (root / "a" / "x.yaml").write_text("- id: x\n")
    os.symlink(root / "a", root / "a" / "loop")
    assert list_files(root / "a", root, "*.yaml") == [root / "a" / "x.yaml"]
