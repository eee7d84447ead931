"""`parlbrief new` within limits: an id short enough to name a file, and never a file
written through a link leading out of the project (issue 23)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from parlbrief.cli.commands import app
from parlbrief.start import MAX_ID


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def project(tmp_path: Path) -> Path:
    root = tmp_path / "x"
    (root / "briefings").mkdir(parents=True)
    return root


def test_an_id_of_300_letters_is_refused_with_the_limit_not_a_raw_os_error(
    tmp_path: Path,
) -> None:
    """It once ended in "File name too long" from the file system."""
    root = project(tmp_path)
    result = run("new", "argument", "a" * 300, "--project", root)
    assert result.exit_code == 2, result.output
    assert f"the id is 300 characters long, over the limit of {MAX_ID}" in " ".join(
        result.output.split()
    )
    assert not (root / "sources").exists()
    assert run("new", "argument", "a" * MAX_ID, "--project", root).exit_code == 0


def test_new_does_not_write_through_a_folder_that_links_out_of_the_project(
    tmp_path: Path,
) -> None:
    root = project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "sources").mkdir()
    (root / "sources" / "arguments").symlink_to(elsewhere)
    result = run("new", "argument", "my-point", "--project", root)
    assert result.exit_code == 2, result.output
    assert "is a link to a folder outside the project, so nothing was written" in " ".join(
        result.output.split()
    )
    assert list(elsewhere.iterdir()) == []


def test_a_link_to_a_folder_inside_the_project_is_written_through(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "sources" / "kept").mkdir(parents=True)
    (root / "sources" / "arguments").symlink_to(root / "sources" / "kept")
    assert run("new", "argument", "my-point", "--project", root).exit_code == 0
    assert (root / "sources" / "kept" / "my-point.md").is_file()
