"""A long build shows a bar on a terminal (how many done of how many, how fast, how
long is left) and a line for each output that fails, once; with --json, or when the
output is not a terminal, no bar at all: a log gets a plain line at each tenth of a
long build. A long build counts the files it wrote instead of naming each (650
sheets once printed 1,300 'wrote' lines, burying the failures)."""

from __future__ import annotations

import json
import os
import pty
import re
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


#: More regions than the build names files for (cli.build.SHOWN_OUTPUTS is 20).
MANY = 25


@pytest.fixture
def regions(tmp_path: Path) -> Path:
    """The figures project with a regional briefing of MANY variants."""
    root = copy_project("figures", tmp_path / "regions")
    rows = "".join(f"Region {n},{300 + n},{400 + n}\n" for n in range(1, MANY + 1))
    (root / "sources/data/regions.csv").write_text(
        "# Illustrative figures for tests, not official statistics.\n"
        f"region,in_post,required\n{rows}",
        encoding="utf-8",
    )
    return root


def piped(*args: str) -> subprocess.CompletedProcess[str]:
    """`parlbrief` with its output going to a log (not a terminal)."""
    return subprocess.run([*PARLBRIEF, *args], capture_output=True, text=True, check=False)


def test_a_long_build_counts_the_files_it_wrote_on_a_terminal(regions: Path) -> None:
    shown = on_a_terminal("build", "regional", "-f", "html", "--project", str(regions))
    assert f"wrote {MANY} files in build/regional/" in shown, shown
    assert "wrote build/" not in shown
    assert f"Built {MANY}, up to date 0, failed 0." in shown


def test_a_long_build_in_a_log_says_its_progress_by_tenths_and_counts_its_files(
    regions: Path,
) -> None:
    result = piped("build", "regional", "-f", "html", "--project", str(regions))
    assert result.returncode == 0, result.stderr
    assert "Building" not in result.stderr  # no bar drawn into the log
    said = re.findall(
        r"^built (\d+) of 25 \((\d+)%\), [\d.]+ a second, about \d+ s left$", result.stderr, re.M
    )
    assert [int(done) for done, _ in said] == [3, 5, 8, 10, 13, 15, 18, 20, 23]
    lines = result.stdout.splitlines()
    assert f"wrote {MANY} files in build/regional/" in lines
    assert not [line for line in lines if line.startswith("wrote build/")]
    assert lines[-1] == f"Built {MANY}, up to date 0, failed 0."


def test_json_lists_every_file_written_and_nothing_else(regions: Path) -> None:
    result = piped("build", "regional", "-f", "html", "--json", "--project", str(regions))
    assert result.returncode == 0, result.stderr
    outputs = json.loads(result.stdout)["outputs"]
    assert len(outputs) == MANY and "build/regional/region-1.html" in outputs
    assert "built " not in result.stderr and "wrote" not in result.stderr


def test_a_short_build_names_each_file_and_a_log_each_failure_once(project: Path) -> None:
    built = piped("build", "--project", str(project), "-f", "html")
    assert built.returncode == 0, built.stderr
    assert "wrote build/alpha.html" in built.stdout.splitlines()
    assert "built " not in built.stderr  # three outputs: no progress lines
    failed = piped("build", "--project", str(project), "--force", "--timeout", "0.01")
    for key in ("alpha", "beta", "gamma"):
        assert failed.stderr.count(f"{key}: failed:") == 1, failed.stderr
    assert "failed 3." in failed.stdout
