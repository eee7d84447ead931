"""Ctrl-C and a killed command: every worker ends quietly, nothing is left half-written.

A terminal sends Ctrl-C (SIGINT) to the whole process group: the command and its
workers. The command stops with exit code 130 and one line; the workers, which ignore
SIGINT, are stopped by it. If the command itself is killed (SIGKILL), its workers find
their pipe closed and end without a word.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parlbrief.project import Project


def _start(project: Project) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "parlbrief", "build", "--force", "--project"]
    return subprocess.Popen(
        [*command, str(project.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives it
    )


def _outputs_whole(out: Path) -> None:
    assert not list(out.rglob("*.tmp")), "a temporary file was left behind"
    for pdf in out.rglob("*.pdf"):
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), pdf


#: Moments to press Ctrl-C: while the pipeline loads, reads the project, and renders.
#: (Not in the first few hundredths of a second, while Python itself starts: like any
#: Python program, it shows a traceback for an interrupt before its own code runs.)
@pytest.mark.parametrize("delay", [0.5, 1.0, 1.5, 2.5])
def test_ctrl_c_stops_the_build_quietly_with_exit_code_130(shared: Project, delay: float) -> None:
    process = _start(shared)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr, stderr
    if "Built 3" in stdout:
        # It had finished before the interrupt came, or was ending: an interrupt during
        # the interpreter's own shutdown ends it by the signal (-2), with nothing to do.
        assert process.returncode in (0, -signal.SIGINT), (process.returncode, stderr)
    else:
        assert process.returncode == 130, (process.returncode, stderr)
        assert stderr.strip().endswith("run the command again to finish."), stderr
    _outputs_whole(shared.out)


def test_a_killed_command_leaves_workers_that_end_without_a_traceback(
    shared: Project,
) -> None:
    process = _start(shared)
    time.sleep(1.5)
    process.kill()  # the command alone, as `kill -9` would
    # The pipes close only when every process holding them (workers, fork server) has
    # ended: reading to the end waits for all of them.
    _stdout, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr, stderr
    _outputs_whole(shared.out)
