"""Publishing is serialised and survives being killed: two `publish` at once keep both
records (the second waits for the first) or refuse one with a message, and a publish
killed with SIGKILL at any moment leaves every recorded edition with its kept files."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import subprocess
import sys
import threading
import time

import pytest
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.errors import UsageError
from parlbrief.pipeline import BuildOptions, history_lock
from parlbrief.pipeline.publish import publish
from parlbrief.project import Project

DAY = "2026-12-01"


def _start(project: Project, *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "parlbrief", "publish", *args]
    return subprocess.Popen(
        [*command, "--project", str(project.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | {"PARLBRIEF_TODAY": DAY},
    )


def _run(project: Project, *args: str) -> tuple[int, str]:
    process = _start(project, *args)
    stdout, stderr = process.communicate(timeout=300)
    return process.returncode, stdout + stderr


def _history(project: Project, key: str) -> list[dict[str, object]]:
    path = project.root / "editions" / f"{key}.json"
    if not path.is_file():
        return []
    editions: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["editions"]
    return editions


def _every_edition_kept(project: Project, key: str) -> list[int]:
    """The recorded edition numbers, after checking each one's kept files are whole."""
    history = _history(project, key)
    numbers = [int(str(e["edition"])) for e in history]
    assert numbers == list(range(1, len(numbers) + 1)), numbers
    for edition in history:
        files = edition["files"]
        assert isinstance(files, dict) and sorted(files) == ["html", "pdf"], edition
        pdf = (project.root / files["pdf"]).read_bytes()
        assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF"), files["pdf"]
        html = (project.root / files["html"]).read_text(encoding="utf-8")
        assert html.rstrip().endswith("</html>"), files["html"]
    return numbers


def test_a_publish_while_another_holds_the_history_is_refused_with_a_message(
    shared: Project,
) -> None:
    with history_lock.held(shared.root), pytest.raises(UsageError) as refused:
        publish(shared, ["beta"], options=BuildOptions(jobs=1), wait=0)

    assert str(refused.value).startswith(
        "another parlbrief publish is recording an edition in this project (refused at once)"
    )
    assert "let it finish, then run this publish again" in str(refused.value)
    assert _history(shared, "beta") == []
    assert not (shared.root / "published").exists()


def test_a_publish_waits_for_the_one_before_it_then_records_its_own_edition(
    shared: Project,
) -> None:
    first = contextlib.ExitStack()
    first.enter_context(history_lock.held(shared.root))
    # The other publish ends while this one waits (or before it starts: either way the
    # history is free when it looks).
    threading.Timer(0.5, first.close).start()

    report = publish(shared, ["beta"], options=BuildOptions(jobs=1), wait=60)

    assert report.published["beta"].number == 1
    assert _every_edition_kept(shared, "beta") == [1]


def test_two_publishes_at_once_keep_both_records(shared: Project) -> None:
    code, said = _run(shared, "beta")
    assert code == 0, said

    both = [_start(shared, "beta", "--force", "--wait", "300") for _ in range(2)]
    said_by = [p.communicate(timeout=300) for p in both]

    assert [p.returncode for p in both] == [0, 0], said_by
    published = sorted(out for out, _ in said_by)
    assert published[0].startswith("beta: published edition 2 "), published
    assert published[1].startswith("beta: published edition 3 "), published
    assert _every_edition_kept(shared, "beta") == [1, 2, 3]


def test_two_first_publishes_at_once_record_one_and_refuse_the_other(shared: Project) -> None:
    both = [_start(shared, "beta", "--wait", "300") for _ in range(2)]
    said_by = [p.communicate(timeout=300) for p in both]

    assert sorted(p.returncode for p in both) == [0, 2], said_by
    refused = next(err for p, (_out, err) in zip(both, said_by, strict=True) if p.returncode)
    assert "beta: nothing has changed since edition 1" in refused
    assert _every_edition_kept(shared, "beta") == [1]


#: Moments to kill a publish, as parts of the time one takes here: while it starts,
#: checks the project, renders, keeps the files and records the edition (what it
#: leaves must hold whatever the moment).
KILL_AT = (0.2, 0.5, 0.8, 0.9, 0.97, 1.0)


def test_a_publish_killed_at_any_moment_leaves_every_recorded_edition_with_its_files(
    shared: Project,
) -> None:
    started = time.monotonic()
    code, said = _run(shared, "beta")
    whole = time.monotonic() - started
    assert code == 0, said
    for part in KILL_AT:
        process = _start(shared, "beta", "--force")
        time.sleep(whole * part)
        process.kill()
        process.communicate(timeout=300)
        _every_edition_kept(shared, "beta")
    # No killed publish holds the history: the next one need not wait, and finishes
    # what they left (the same bytes, the same day).
    code, said = _run(shared, "beta", "--force", "--wait", "0")
    assert code == 0, said
    numbers = _every_edition_kept(shared, "beta")
    assert f"published edition {numbers[-1]} " in said


def test_on_a_drive_without_locks_a_publish_goes_ahead_and_says_so_once(
    shared: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    done = CliRunner().invoke(
        app, ["publish", "beta", "--project", str(shared.root)], env={"PARLBRIEF_TODAY": DAY}
    )

    assert done.exit_code == 0, done.output
    assert _every_edition_kept(shared, "beta") == [1]
    said = [line for line in done.output.splitlines() if "lock" in line]
    assert said == [
        "editions/: warning: this drive cannot lock the edition history (No locks available), "
        "so this publish went ahead without - two publishes at once in this project (two "
        "people on a shared drive) could each number an edition the same and one record be "
        "lost: publish from one computer at a time"
    ]
