"""parlbrief's own JSON files from a shared project, as hostile as can be: an edition
history is a problem at its file (never RecursionError, OverflowError or 'stopped
unexpectedly'); a build manifest, only a cache, means everything is built again, said
in one line."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.pipeline.manifest import read_manifest
from parlbrief.project import MANIFEST_NAME, Project

DAY = date(2026, 12, 6)
EDITION = {
    "edition": 1,
    "date": "2026-12-01",
    "content": "c",
    "scheme": 2,
    "items": {},
    "figures": {},
    "changed": [],
    "changes": [],
    "files": {},
}


def _history(*editions: object) -> str:
    return json.dumps({"format": 2, "briefing": "beta", "editions": list(editions)})


HOSTILE_HISTORIES = [
    # (the file's text, what the problem says after "could not be read: ")
    ("[" * 100_000 + "]" * 100_000, "it is nested too deeply to read"),
    (_history(EDITION | {"changed": ["x"] * 3 + [[[[["deep"]]]]]}), ""),
    (_history(EDITION | {"edition": 1e999}), "its edition number 'inf' is not a whole number"),
    ('{"format": 2, "editions": [{"edition": ' + "9" * 5000 + "}]}", "it is not valid JSON"),
    (_history(EDITION | {"edition": 10**300}), "its edition number 10000000000000000000 is not"),
    (_history(EDITION | {"edition": -1}), "its edition number -1 is not from 1 to 1,000,000"),
    (_history(EDITION | {"edition": [1]}), "its edition number '[1]' is not a whole number"),
    (_history(EDITION | {"date": "yesterday"}), "not as parlbrief writes it (Invalid isoformat"),
    (_history(EDITION | {"items": ["a"]}), "it is not as parlbrief writes it"),
    (_history(EDITION | {"figures": {"x": 5}}), "it is not as parlbrief writes it"),
    (json.dumps({"format": 10**400}), "it is not as parlbrief writes it (format '1000"),
    (json.dumps({"format": 2, "editions": {"1": EDITION}}), "it is not as parlbrief writes it"),
    (json.dumps([2]), "it is not as parlbrief writes it"),
    (json.dumps({"format": 2}), "it has no 'editions'"),
    ('{"format": 2,\n "editions": [}', "it is not valid JSON (Expecting value)"),
]


def _parlbrief(project: Project, *args: str) -> tuple[int, str]:
    run = [*args, "--project", str(project.root)]
    done = CliRunner().invoke(app, run, env={"PARLBRIEF_TODAY": DAY.isoformat()})
    return done.exit_code, done.output


def _write(project: Project, rel: str, text: str) -> None:
    path = project.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("text", "said"), HOSTILE_HISTORIES)
def test_a_hostile_edition_history_is_a_problem_at_its_file(
    shared: Project, text: str, said: str
) -> None:
    _write(shared, "editions/beta.json", text)

    code, output = _parlbrief(shared, "changes", "beta")

    if not said:  # nothing wrong with it for a reader: a list nested in a list is text
        assert code == 0, output
        return
    assert code == 1, output
    assert output.startswith("editions/beta.json"), output
    assert "the edition history could not be read: " in output and said in output
    assert "restore it from version control" in output
    assert len(output) < 600  # the problem, not the file quoted back
    assert "Traceback" not in output and "unexpectedly" not in output


def test_a_history_that_is_not_json_is_named_at_its_line(shared: Project) -> None:
    _write(shared, "editions/beta.json", '{"format": 2,\n "editions": [}')
    code, output = _parlbrief(shared, "build", "beta", "--format", "html")
    assert code == 1, output
    assert output.startswith("editions/beta.json:2: the edition history could not be read")


def test_a_history_too_large_to_be_one_is_not_read(shared: Project) -> None:
    path = shared.root / "editions" / "beta.json"
    path.parent.mkdir()
    with path.open("wb") as handle:
        handle.truncate(65 * 1024 * 1024)  # sparse: no disk used
    code, output = _parlbrief(shared, "changes", "beta")
    assert code == 1, output
    assert "could not be read: it is larger than 64 MB" in output


HOSTILE_MANIFESTS = [
    ("[" * 100_000 + "]" * 100_000, "it is nested too deeply to read"),
    ('{"format": 1, "outputs": {}, "tree": ' + "9" * 5000 + "}", "it is not valid JSON"),
    ('{"format": 1e999}', "made by another version of parlbrief"),
    (
        json.dumps(
            {
                "format": 1,
                "outputs": {},
                "tree": {
                    "sources": "s",
                    "editions": "e",
                    "formats": [],
                    "warnings": [{"path": "a", "line": [1], "message": "m"}],
                },
            }
        ),
        "its line '[1]' is not a whole number",
    ),
    (json.dumps({"format": 1, "outputs": {"beta": {"files": 5, "inputs": {}}}}), "not as"),
]


@pytest.mark.parametrize(("text", "said"), HOSTILE_MANIFESTS)
def test_a_hostile_manifest_is_set_aside_and_everything_built_again(
    shared: Project, text: str, said: str
) -> None:
    _write(shared, f"build/{MANIFEST_NAME}", text)
    assert said in str(read_manifest(shared.out).problem)

    code, output = _parlbrief(shared, "build", "beta", "--format", "html")

    assert code == 0, output
    notes = [line for line in output.splitlines() if line.startswith(f"build/{MANIFEST_NAME}")]
    assert notes == [f"build/{MANIFEST_NAME} unreadable ({notes[0].split('(', 1)[1]}"]
    assert notes[0].endswith("): everything was built again")
    assert said in notes[0]
    assert (shared.out / "beta.html").is_file()
    assert read_manifest(shared.out).problem is None  # written afresh


def test_a_manifest_too_large_to_be_one_is_not_read(tmp_path: Path) -> None:
    with (tmp_path / MANIFEST_NAME).open("wb") as handle:
        handle.truncate(65 * 1024 * 1024)
    assert read_manifest(tmp_path).problem == (
        f"{MANIFEST_NAME} unreadable (it is larger than 64 MB)"
    )
    assert os.path.getsize(tmp_path / MANIFEST_NAME) > 0
