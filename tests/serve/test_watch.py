"""The preview's watcher watches the project's own folders and nothing else: a link in
sources/ to a folder outside the project (which `check` refuses) is not followed, where
it once made thousands of watches; a folder made while the preview runs is watched.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from parlbrief.project import Project
from parlbrief.serve.watch import Watcher, watched_folders
from tests.conftest import MakeProject

#: Folders in the tree outside the project that a link in sources/ leads to.
OUTSIDE_FOLDERS = 120
#: Seconds a saved file may take to be noticed on a loaded machine.
NOTICED_WITHIN = 30.0


@pytest.fixture
def linked_out(make_project: MakeProject, tmp_path: Path) -> Project:
    """A project whose sources/ holds a link to a large folder outside it, and a link to
    a folder inside it."""
    outside = tmp_path / "outside"
    for n in range(OUTSIDE_FOLDERS):
        (outside / f"f{n}").mkdir(parents=True)
    project = make_project()
    (project.root / "sources" / "usr").symlink_to(outside, target_is_directory=True)
    (project.root / "shared").mkdir()
    (project.root / "sources" / "shared").symlink_to(project.root / "shared")
    return project


def test_no_link_out_of_the_project_is_followed(linked_out: Project, tmp_path: Path) -> None:
    root = linked_out.root.resolve()
    folders = watched_folders(root)
    assert all(folder.is_relative_to(root) for folder in folders)
    assert root / "sources" in folders and root / "shared" in folders  # a link inside
    assert not any(folder.is_relative_to(tmp_path / "outside") for folder in folders)


def inotify_watches() -> int:
    """How many inotify watches this process holds (as /proc/self/fdinfo lists them)."""
    count = 0
    for info in Path("/proc/self/fdinfo").iterdir():
        try:
            count += info.read_text().count("inotify wd:")
        except OSError:
            continue
    return count


@contextmanager
def watching(project: Project) -> Iterator[threading.Event]:
    changed = threading.Event()
    watcher = Watcher(project, changed.set)
    watcher.start()
    try:
        yield changed
    finally:
        watcher.close()


def noticed(changed: threading.Event, path: Path) -> bool:
    """Save `path` (again and again) until the watcher tells of it, within a bound."""
    for attempt in range(int(NOTICED_WITHIN * 2)):
        path.write_text(f"- id: q{attempt}\n  text: Why?\n", encoding="utf-8")
        if changed.wait(0.5):
            changed.clear()
            return True
    return False


@pytest.mark.skipif(not Path("/proc/self/fdinfo").is_dir(), reason="reads /proc (Linux)")
def test_the_watches_are_the_projects_folders_only(linked_out: Project) -> None:
    before = inotify_watches()
    with watching(linked_out) as changed:
        assert noticed(changed, linked_out.root / "sources" / "questions" / "new.yaml")
        made = inotify_watches() - before
    folders = len(watched_folders(linked_out.root.resolve()))
    assert made <= folders + 1  # each folder of the project, and its top
    assert made < OUTSIDE_FOLDERS


@pytest.mark.skipif(not Path("/proc/self/fdinfo").is_dir(), reason="reads /proc (Linux)")
def test_a_folder_made_while_watching_is_watched(make_project: MakeProject) -> None:
    project = make_project()
    before = inotify_watches()
    with watching(project) as changed:
        assert noticed(changed, project.root / "sources" / "questions" / "q.yaml")
        deeper = project.root / "sources" / "new" / "deeper"
        deeper.mkdir(parents=True)
        # Each folder has its own watch: the two new ones are added (bounded wait).
        wanted = len(watched_folders(project.root.resolve())) + 1
        for _ in range(int(NOTICED_WITHIN * 10)):
            if inotify_watches() - before == wanted:
                break
            changed.wait(0.1)
        assert inotify_watches() - before == wanted
        assert noticed(changed, deeper / "q.yaml")
