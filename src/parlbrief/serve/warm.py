"""Preview builds: what changed, into the preview folder, with render workers kept warm.

`parlbrief build` starts its render workers afresh each time, which suits one command.
A preview rebuilds every time a file is saved, so its pool keeps its workers between
builds (`warm_pool`): WeasyPrint is loaded, its fonts are read, and a refreshed PDF
costs about one layout. The build is parlbrief's own (parlbrief.pipeline.driver), asked
to write each web page as soon as it is made, while a worker lays out the PDF, and to
make the pages being looked at first.

Nothing is recorded in the project: the outputs and their manifest go to the preview
folder (never build/), and a build never records an edition (only `parlbrief publish`
does).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from parlbrief.check import Checked
from parlbrief.pipeline.driver import Making, make_drafts, prepare
from parlbrief.pipeline.manifest import read_manifest
from parlbrief.pipeline.options import BuildOptions, BuildReport
from parlbrief.project import Project
from parlbrief.write import DEFAULT_TIMEOUT
from parlbrief.write.pdfjob import render_pdf
from parlbrief.write.pool import Pool

#: Render workers a preview keeps: one lays out the page being edited; a second
#: shares the first build of a large project.
PREVIEW_WORKERS = 2


def warm_pool(workers: int = PREVIEW_WORKERS, *, timeout: float = DEFAULT_TIMEOUT) -> Pool:
    """Render workers kept between preview builds; `close()` stops them. Start it from
    the main thread: starting the fork server sets Ctrl-C's handling."""
    return Pool(workers, task=render_pdf, timeout=timeout, keep_warm=True)


@dataclass
class PreviewResult:
    """What a preview build has made so far, and the briefings it knows of."""

    report: BuildReport
    titles: dict[str, str]
    """Output key -> its title as the index lists it, for every key asked for."""


def preview_build(
    project: Project,
    ids: Sequence[str],
    pool: Pool,
    *,
    first: Sequence[str] = (),
    today: date | None = None,
    on_progress: Callable[[PreviewResult], None] | None = None,
) -> PreviewResult:
    """Check the project, then build what changed among `ids` into `project.out`,
    the outputs keyed in `first` (the pages being looked at) before the others.

    Raises ContentError (every problem, file:line) or UsageError (an unknown id) as
    `parlbrief build` would, before anything is written. `on_progress` is called as
    each output lands.
    """
    opts = BuildOptions(jobs=pool.size, timeout=pool.timeout, max_tasks=pool.max_tasks, today=today)
    project.out.mkdir(parents=True, exist_ok=True)
    prepared = prepare(project, ids, opts)
    checked = prepared.checked
    result = PreviewResult(prepared.report, {key: _title(checked, key) for key in prepared.keys})

    def progress(key: str) -> None:
        if on_progress is not None:
            on_progress(result)

    making = Making(progress, pool, pages_at_once=True, first=first)
    make_drafts(prepared, read_manifest(project.out), opts, making)
    return result


def _title(checked: Checked, key: str) -> str:
    resolved = checked.resolved[key]
    briefing = resolved.briefing
    name = f"{briefing.series}: {briefing.title}"
    variant = resolved.variant
    return f"{name} ({variant.name})" if variant and variant.name not in name else name


def default_workers() -> int:
    """Workers for a preview: at most PREVIEW_WORKERS, at most one per core."""
    return max(1, min(PREVIEW_WORKERS, os.cpu_count() or 1))
