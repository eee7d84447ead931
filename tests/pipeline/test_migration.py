"""Edition histories written by builds (format 1) migrate to format 2 without loss.

tests/pipeline/editions-format-1/ is a copy of the example project's editions/ as format 1
left it (before publishing existed). Every edition it records is taken as published:
numbers, dates and changes are kept, and the format 1 document is kept whole.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.pipeline import BuildOptions, build
from parlbrief.pipeline.editions import FORMAT, load_history, migrate_history
from parlbrief.project import Project
from tests.conftest import REPO

FORMAT_1 = Path(__file__).parent / "editions-format-1"
DAY = date(2026, 12, 1)


def documents(folder: Path) -> dict[str, dict[str, Any]]:
    """Each history file under `folder`, by key ('briefing-5', 'probation-regions/wales')."""
    return {
        p.relative_to(folder).with_suffix("").as_posix(): json.loads(p.read_text("utf-8"))
        for p in sorted(folder.rglob("*.json"))
    }


@pytest.fixture
def example(tmp_path: Path) -> Project:
    """A copy of the example project with its format 1 editions."""
    root = tmp_path / "example"
    for part in ("sources", "briefings", "templates"):
        shutil.copytree(REPO / part, root / part)
    shutil.copytree(FORMAT_1, root / "editions")
    return Project.at(root, tmp_path / "out")


def kept_fields(edition: dict[str, Any]) -> dict[str, Any]:
    names = ("edition", "date", "content", "scheme", "changed", "changes", "figures", "items")
    return {name: edition[name] for name in names}


def test_migration_keeps_numbers_dates_and_changes(example: Project) -> None:
    old = documents(example.root / "editions")
    assert {d["format"] for d in old.values()} == {1} and len(old) == 15

    saved = migrate_history(example.root, DAY)

    assert saved == sorted(old)
    new = documents(example.root / "editions")
    for key, before in old.items():
        after = new[key]
        assert after["format"] == FORMAT == 2
        assert [kept_fields(e) for e in after["editions"]] == before["editions"], key
        assert all(e["files"] == {} and e["note"] is None for e in after["editions"])
        [migration] = after["migrations"]
        assert (migration["from_format"], migration["on"]) == (1, "2026-12-01")
        assert migration["previous"] == before  # the old data, whole


def test_migrating_twice_changes_nothing(example: Project) -> None:
    migrate_history(example.root, DAY)
    once = documents(example.root / "editions")
    assert migrate_history(example.root, date(2027, 1, 1)) == []
    assert documents(example.root / "editions") == once


def test_format_1_is_read_as_published_editions(example: Project) -> None:
    history = load_history(example.root, "probation-regions/wales", DAY)
    assert history.stored_format == 1
    assert [(e.number, e.date) for e in history.editions] == [(1, date(2026, 11, 23))]

    done = CliRunner().invoke(app, ["changes", "briefing-5", "--project", str(example.root)])
    assert done.exit_code == 0, done.output
    assert "Edition 1 (2026-11-23)" in done.stdout
    assert "recorded by a build before parlbrief kept published copies" in done.stdout


def test_a_build_reads_format_1_and_leaves_it_alone(example: Project) -> None:
    before = documents(example.root / "editions")
    report = build(example, ["briefing-5"], options=BuildOptions(formats=("html",), today=DAY))
    assert report.built == ["briefing-5"]
    assert documents(example.root / "editions") == before


def test_publishing_writes_the_migration_with_the_new_edition(example: Project) -> None:
    from parlbrief.pipeline.publish import publish

    publish(example, ["probation-regions/wales"], options=BuildOptions(today=DAY, jobs=1))
    data = json.loads((example.root / "editions/probation-regions/wales.json").read_text())
    assert data["format"] == 2
    assert [(e["edition"], e["date"]) for e in data["editions"]] == [
        (1, "2026-11-23"),
        (2, "2026-12-01"),
    ]
    assert data["migrations"][0]["previous"]["format"] == 1


def test_the_example_projects_own_editions_are_the_migrated_format_1_files() -> None:
    """editions/ in the repository was migrated from these very files, losing nothing."""
    old = documents(FORMAT_1)
    new = documents(REPO / "editions")
    assert sorted(new) == sorted(old)
    for key, after in new.items():
        assert after["format"] == FORMAT
        assert after["migrations"][0]["previous"] == old[key]
        # Editions published since the migration (briefing-5's second) come after.
        migrated = after["editions"][: len(old[key]["editions"])]
        assert [kept_fields(e) for e in migrated] == old[key]["editions"]
