"""A build that cannot write says which file and what to do; it never crashes."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.project import Project


def build(project: Project) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["build", "--format", "html", "--project", str(project.root)])
    return result.exit_code, result.output


def publish(project: Project) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["publish", "alpha", "--project", str(project.root)])
    return result.exit_code, result.output


def test_a_folder_where_an_edition_history_should_be_is_named(shared: Project) -> None:
    (shared.root / "editions" / "alpha.json").mkdir(parents=True)
    code, output = publish(shared)
    assert code == 2, output
    assert "editions/alpha.json could not be written" in output
    assert "a folder has that name: move the folder away" in output
    assert "stopped unexpectedly" not in output


def test_a_file_where_the_editions_folder_should_be_is_named(shared: Project) -> None:
    (shared.root / "editions").write_text("not a folder\n")
    code, output = publish(shared)
    assert code == 2, output
    assert "could not be written" in output and "move the file away" in output


def test_a_file_where_the_published_folder_should_be_is_named(shared: Project) -> None:
    (shared.root / "published").write_text("not a folder\n")
    code, output = publish(shared)
    assert code == 2, output
    assert "published/alpha/edition-1.pdf could not be written" in output
    # Nothing recorded without its copies (publish's lock made the folder).
    assert not (shared.root / "editions" / "alpha.json").exists()


@pytest.mark.parametrize(
    "failure, advice",
    [
        (errno.ENOSPC, "the disk is full: free some space"),
        (errno.EACCES, "make it and its folder writable"),
        (errno.EROFS, "the disk is read-only"),
    ],
)
def test_a_disk_that_refuses_the_manifest_is_a_clear_message(
    shared: Project, monkeypatch: pytest.MonkeyPatch, failure: int, advice: str
) -> None:
    import parlbrief.pipeline.manifest as manifest

    def refuse(target: Path, data: bytes) -> None:
        raise OSError(failure, "refused by the test")

    monkeypatch.setattr(manifest, "write_bytes", refuse)
    code, output = build(shared)
    assert code == 2, output
    assert "manifest.json could not be written (refused by the test)" in output
    assert advice in output


def test_a_briefing_whose_page_cannot_be_written_fails_alone(shared: Project) -> None:
    assert build(shared)[0] == 0
    page = shared.out / "alpha.html"
    page.unlink()
    page.mkdir()  # now nothing can be written there
    (shared.out / "beta.html").unlink()
    code, output = build(shared)
    assert code == 3, output
    assert "alpha.html could not be written (Is a directory)" in output
    assert (shared.out / "beta.html").is_file()  # the other briefings still build
    assert "stopped unexpectedly" not in output


def test_citation_markup_that_slips_past_check_never_reaches_an_output(
    shared: Project,
) -> None:
    # A reference's title is printed in its notes as typed, and check does not look
    # for markup there: the last guard, on each page's text, stops it.
    refs = shared.root / "sources" / "references" / "refs.yaml"
    text = refs.read_text(encoding="utf-8")
    refs.write_text(
        text.replace("title: HMPPS workforce quarterly, June 2022", "title: See [@x]"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["build", "--project", str(shared.root)])
    assert result.exit_code == 3, result.output
    assert "'[@x' in" in result.output and "would be printed as typed" in result.output
    assert not list(shared.out.glob("*.html")) and not list(shared.out.glob("*.pdf"))
