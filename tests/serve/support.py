"""Starting a preview for a test, in this process (its first build done) or as the
`parlbrief serve` command in its own process."""

from __future__ import annotations

import contextlib
import os
import re
import resource
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from parlbrief.project import Project
from parlbrief.serve import Limits, Serving
from parlbrief.serve.connections import DEFAULT_LIMITS

#: Seconds a first build may take on a loaded machine before the test gives up.
FIRST_BUILD_SECONDS = 60.0


@contextmanager
def previewing(project: Project, *ids: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Serving]:
    """A preview of `project` on 127.0.0.1 and a free port, with one render worker."""
    serving = Serving(project, ids, port=0, workers=1, limits=limits)
    try:
        serving.start()
        snap = serving.wait_built(FIRST_BUILD_SECONDS)
        assert not snap.building, "the first build did not finish"
        yield serving
    finally:
        serving.close()


PARLBRIEF = Path(sys.executable).parent / "parlbrief"


@dataclass
class Served:
    """`parlbrief serve` running in its own process (and its own process group, as a
    command in a terminal is)."""

    process: subprocess.Popen[str]
    url: str

    def get(self, target: str, timeout: float = 10) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + target, timeout=timeout) as response:
                return int(response.status), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def wait_for(self, target: str, text: str, seconds: float = FIRST_BUILD_SECONDS) -> str:
        """The page at `target` once it shows `text` (asked again until then, bounded)."""
        deadline = time.monotonic() + seconds
        while True:
            status, body = self.get(target)
            if status == 200 and text in body:
                return body
            assert time.monotonic() < deadline, f"{target} never showed {text!r}: {body}"
            time.sleep(0.2)

    def descendants(self) -> list[int]:
        """The process ids of every process this one started (its render workers, the
        fork server they come from), read from /proc."""
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    stat = (entry / "stat").read_text()
                    parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        found, pending = [], [self.process.pid]
        while pending:
            parent = pending.pop()
            children = [pid for pid, ppid in parents.items() if ppid == parent]
            found.extend(children)
            pending.extend(children)
        return found


@contextmanager
def serve_process(
    project: Project,
    *options: str,
    env: dict[str, str] | None = None,
    open_files: int | None = None,
) -> Iterator[Served]:
    """`parlbrief serve` on a free port, once it says where it is listening; killed
    at the end if still running. `open_files` lowers its limit of open files."""

    def limit() -> None:
        if open_files is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))

    process = subprocess.Popen(
        [PARLBRIEF, "serve", "--port", "0", "--project", project.root, *options],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        start_new_session=True,
        preexec_fn=limit,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()  # blocks until the preview is listening
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, line + process.stderr.read()
        yield Served(process, found.group(0))
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def gone(pid: int) -> bool:
    """Whether process `pid` has ended (a zombie waiting to be reaped has)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"
