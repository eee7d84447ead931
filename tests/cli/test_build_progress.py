"""A long build shows a bar on a terminal (how many done of how many, how fast, how
long is left) and a line for each output that fails, once; with --json, or when the
output is not a terminal, no bar at all."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project

PARLBRIEF = [sys.executable, "-m", "parlbrief"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Three briefings with the built-in templates."""
    root = copy_project("incremental", tmp_path / "project")
    (root / "templates" / "briefing.html.j2").unlink()
    return root


def on_a_terminal(*args: str) -> str:
    """What `parlbrief` writes to a terminal (stdout and stderr both), as text."""
    main, child = pty.openpty()
    env = os.environ | {"COLUMNS": "120", "TERM": "xterm"}
    command = [*PARLBRIEF, *args]
    process = subprocess.Popen(command, stdin=child, stdout=child, stderr=child, env=env)
    os.close(child)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([main], [], [], 120)
        try:
            chunk = os.read(main, 65536) if ready else b""
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_build_on_a_terminal_shows_its_count_and_each_failure_once(project: Path) -> None:
    shown = on_a_terminal("build", "--project", str(project), "--timeout", "0.01")
    assert "Building" in shown and "/3" in shown  # done of the 3 planned
    for key in ("alpha", "beta", "gamma"):
        assert shown.count(f"{key}: failed:") == 1, shown


def test_json_and_a_pipe_show_no_bar(project: Path) -> None:
    shown = on_a_terminal("build", "--project", str(project), "--json")
    assert "Building" not in shown
    piped = subprocess.run(
        [*PARLBRIEF, "build", "--project", str(project), "--force"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert piped.returncode == 0, piped.stderr
    assert "Building" not in piped.stderr + piped.stdout
