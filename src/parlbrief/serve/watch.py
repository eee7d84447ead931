"""Notice when a project's own files are saved (through watchfiles: inotify on Linux).

Only what a build reads is watched: the folders of sources/, briefings/ and templates/,
and parlbrief.yaml at the top (the top folder is watched alone, not below, so build/,
.git/ and a virtual environment there cost nothing). Editors' swap and backup files are
ignored (watchfiles' DefaultFilter).

Links are followed as the loaders follow them (parlbrief.load.files.list_files): a
link to a folder inside the project is watched (each real folder once), a link leading
out never. Watching sources/ "recursively" followed a link to /usr into 16,000
watches, for files `check` refuses to read. So each folder is watched on its own, and
after every change the list is made again: a folder added, removed or linked since is
watched from then on, or no longer.
"""

from __future__ import annotations

import contextlib
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
#: Milliseconds after new watches are set up before telling of what may have been
#: saved while they were (a folder made and filled at once, as by `git checkout`).
CATCH_UP_MS = 200
#: Folders never watched, wherever they are (a version control's, a tool's cache).
IGNORED = frozenset(watchfiles.DefaultFilter.ignore_dirs)


def watched_folders(root: Path) -> list[Path]:
    """Every real folder under the project's watched folders, each once, following a
    link only to a folder inside `root` (which must be resolved)."""
    seen: set[Path] = set()
    pending = [root / name for name in WATCHED_FOLDERS]
    while pending:
        current = pending.pop()
        with contextlib.suppress(OSError):
            real = current.resolve()
            if real in seen or not real.is_relative_to(root) or not real.is_dir():
                continue
            seen.add(real)
            pending.extend(p for p in real.iterdir() if p.name not in IGNORED and p.is_dir())
    return sorted(seen)


class Watcher:
    """Calls `on_change` (from its own thread) after each group of saved files."""

    def __init__(self, project: Project, on_change: Callable[[], None]) -> None:
        self.root = project.root.resolve()
        self.on_change = on_change
        self.stop = threading.Event()
        self.folders: list[Path] = []
        """The folders being watched (below the top one), as last listed."""
        self.thread = threading.Thread(target=self._run, name="parlbrief-watch", daemon=True)

    def start(self) -> None:
        self.folders = watched_folders(self.root)
        self.thread.start()

    def _run(self) -> None:
        catch_up = False
        while not self.stop.is_set():
            try:
                catch_up = self._watch(self.folders, catch_up=catch_up)
            except OSError:  # a folder went between listing and watching it
                self.stop.wait(QUIET_MS / 1000)
                self.folders = watched_folders(self.root)
                catch_up = True

    def _watch(self, folders: list[Path], *, catch_up: bool) -> bool:
        """Watch `folders` and the top folder until a change alters the list of folders
        (True: watch again) or the watcher is closed (False). With `catch_up`, tell of a
        change once the watches are in place, for what was saved while they were being
        replaced."""
        for changes in watchfiles.watch(
            self.root,
            *folders,
            watch_filter=self._accept,
            recursive=False,
            step=QUIET_MS,
            rust_timeout=CATCH_UP_MS,
            yield_on_timeout=True,
            stop_event=self.stop,
            raise_interrupt=False,
            ignore_permission_denied=True,
        ):
            if changes or catch_up:
                catch_up = False
                self.on_change()
                # Listed again after a catch-up too: a folder made inside a new folder
                # before that folder's watch was in place (`mkdir -p new/deeper`) gave
                # no event, and only a new listing finds it.
                self.folders = watched_folders(self.root)
                if self.folders != folders:
                    return True
        return False

    def _accept(self, change: watchfiles.Change, path: str) -> bool:
        """In the top folder only the names that matter; below it, all but editors'
        swap and backup files."""
        where = Path(path)
        if where.parent == self.root:
            return where.name in TOP_NAMES
        return ACCEPT(change, path)

    def close(self, timeout: float = 2.0) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join(timeout)


ACCEPT = watchfiles.DefaultFilter()
