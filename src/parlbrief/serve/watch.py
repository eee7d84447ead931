"""Notice when a project's own files are saved (through watchfiles: inotify on Linux).

Only what a build reads is watched: sources/, briefings/ and templates/, each with
everything under it, and parlbrief.yaml at the top (its folder is watched alone, not
below, so build/, .git/ and a virtual environment there cost nothing). Editors' swap
and backup files are ignored (watchfiles' DefaultFilter).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

from parlbrief.project import Project

#: Folders whose every file a build may read.
WATCHED_FOLDERS = ("sources", "briefings", "templates")
#: Files and folders at the top of the project whose change matters.
TOP_NAMES = frozenset({"parlbrief.yaml", *WATCHED_FOLDERS})
#: Milliseconds with no new change before a group of changes is acted on: an editor
#: saves by writing and renaming, and those events come within a few milliseconds.
QUIET_MS = 15


class Watcher:
    """Calls `on_change` (from its own threads) after each group of saved files."""

    def __init__(self, project: Project, on_change: Callable[[], None]) -> None:
        self.project = project
        self.on_change = on_change
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        folders = [self.project.root / f for f in WATCHED_FOLDERS]
        below = [f for f in folders if f.is_dir()]
        top = _top_filter(self.project.root)
        self._thread([self.project.root], top, recursive=False)
        if below:
            self._thread(below, watchfiles.DefaultFilter(), recursive=True)

    def _thread(
        self,
        paths: list[Path],
        accept: Callable[[watchfiles.Change, str], bool],
        *,
        recursive: bool,
    ) -> None:
        thread = threading.Thread(
            target=self._watch,
            args=(paths, accept, recursive),
            name="parlbrief-watch",
            daemon=True,
        )
        thread.start()
        self.threads.append(thread)

    def _watch(
        self, paths: list[Path], accept: Callable[[watchfiles.Change, str], bool], recursive: bool
    ) -> None:
        for _changes in watchfiles.watch(
            *paths,
            watch_filter=accept,
            recursive=recursive,
            step=QUIET_MS,
            stop_event=self.stop,
            raise_interrupt=False,
            ignore_permission_denied=True,
        ):
            self.on_change()

    def close(self, timeout: float = 2.0) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout)


def _top_filter(root: Path) -> Callable[[watchfiles.Change, str], bool]:
    def accept(change: watchfiles.Change, path: str) -> bool:
        return Path(path).parent == root and Path(path).name in TOP_NAMES

    return accept
