"""Starting a preview for a test: on a free port, its first build done."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from parlbrief.project import Project
from parlbrief.serve import Serving

#: Seconds a first build may take on a loaded machine before the test gives up.
FIRST_BUILD_SECONDS = 60.0


@contextmanager
def previewing(project: Project, *ids: str) -> Iterator[Serving]:
    """A preview of `project` on 127.0.0.1 and a free port, with one render worker."""
    serving = Serving(project, ids, port=0, workers=1)
    try:
        serving.start()
        snap = serving.wait_built(FIRST_BUILD_SECONDS)
        assert not snap.building, "the first build did not finish"
        yield serving
    finally:
        serving.close()
