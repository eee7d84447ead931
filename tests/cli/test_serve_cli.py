"""`parlbrief serve` as typed: it says where to look, and Ctrl-C stops it quietly."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import MakeProject

PARLBRIEF = Path(sys.executable).parent / "parlbrief"


def test_serve_prints_its_address_and_ctrl_c_stops_it_with_130(make_project: MakeProject) -> None:
    project = make_project()
    process = subprocess.Popen(
        [PARLBRIEF, "serve", "--port", "0", "--project", project.root],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()  # blocks until the preview is listening
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line
        with urllib.request.urlopen(found.group(0), timeout=10) as response:
            assert response.status == 200
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
        rest = process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
    assert code == 130
    assert "Traceback" not in rest and "Preview stopped." in rest
    assert not project.out.exists()


def test_serve_refuses_a_path_for_an_id(make_project: MakeProject) -> None:
    start = time.monotonic()
    result = subprocess.run(
        [PARLBRIEF, "serve", "../etc", "--port", "0", "--project", make_project().root],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "is not a briefing id" in result.stderr
    assert time.monotonic() - start < 60
