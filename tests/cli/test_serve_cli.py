"""`parlbrief serve` as typed: it says where to look, and Ctrl-C, an editor's stop
button (SIGTERM) or a closed terminal (SIGHUP) stops it quietly, leaving nothing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import MakeProject
from tests.serve.support import PARLBRIEF, gone, serve_process


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


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize(
    ("signum", "group"),
    [
        (signal.SIGTERM, False),  # an editor's stop button: the command alone
        (signal.SIGHUP, True),  # a closed terminal: every process of the command
    ],
    ids=["SIGTERM", "SIGHUP"],
)
def test_a_stop_button_or_a_closed_terminal_leaves_nothing_behind(
    make_project: MakeProject, tmp_path: Path, signum: int, group: bool
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    with serve_process(make_project(), env={"TMPDIR": str(temp)}) as served:
        served.wait_for("minimal.pdf", "%PDF-")  # built: the render workers are up
        started = served.descendants()
        assert started, "the preview started no render worker"
        assert [p.name for p in temp.iterdir() if p.name.startswith("parlbrief-preview-")]
        if group:
            os.killpg(served.process.pid, signum)
        else:
            served.process.send_signal(signum)
        code = served.process.wait(timeout=60)
        assert served.process.stderr is not None
        said = served.process.stderr.read()
    deadline = time.monotonic() + 30
    while not all(gone(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in started if not gone(pid)] == []
    assert sorted(p.name for p in temp.iterdir()) == []  # the preview folder is gone
    assert code == 128 + signum
    assert "Traceback" not in said


ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


def test_a_template_that_never_ends_is_stopped_in_the_preview_too(
    make_project: MakeProject,
) -> None:
    template = "templates/briefing.html.j2"
    project = make_project({template: ENDLESS})
    with serve_process(project, "--timeout", "2") as served:
        page = served.wait_for("", "took longer than 2 seconds")
        assert f"{template}:1: template error" in page
        (project.root / template).unlink()  # back to parlbrief's own template
        served.wait_for("minimal.html", "35 local trusts")


def test_a_preview_stopped_while_building_leaves_nothing_behind(
    make_project: MakeProject, tmp_path: Path
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    project = make_project({"templates/briefing.html.j2": ENDLESS})
    with serve_process(project, env={"TMPDIR": str(temp)}) as served:
        served.wait_for("", "Building")  # the template is being filled in, for ever
        served.process.send_signal(signal.SIGTERM)
        code = served.process.wait(timeout=60)
        assert served.process.stderr is not None
        said = served.process.stderr.read()
    assert sorted(p.name for p in temp.iterdir()) == []
    assert code == 128 + signal.SIGTERM
    assert "Traceback" not in said and "Preview stopped." in said
