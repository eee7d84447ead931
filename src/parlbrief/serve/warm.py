"""Preview builds: what changed, into the preview folder, with a render worker kept warm.

`parlbrief build` starts its render workers afresh each time, which suits one command.
A preview rebuilds every time a file is saved, so it keeps its workers between builds
(`WarmPool`): WeasyPrint is loaded, its fonts are read, and a refreshed PDF costs about
one layout. The builder is parlbrief's own (`parlbrief.pipeline.builder.Builder`), with
two changes for a preview (`PreviewBuilder`): it renders through the warm pool, and it
writes each web page as soon as it is made, while the worker lays out the PDF, instead
of holding it back until the PDF is done.

Nothing is recorded in the project: the outputs and their manifest go to the preview
folder, and a build never records an edition (only `parlbrief publish` does).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from parlbrief.check import Checked, check, select
from parlbrief.pipeline.builder import Builder
from parlbrief.pipeline.manifest import read_manifest, write_manifest
from parlbrief.pipeline.options import BuildOptions, BuildReport
from parlbrief.pipeline.plan import Plan, plan
from parlbrief.project import Project
from parlbrief.write import DEFAULT_TIMEOUT
from parlbrief.write.pool import DEFAULT_MAX_TASKS, Job, Pool, _Slot

#: Render workers a preview keeps: one lays out the page being edited; a second
#: shares the first build of a large project.
PREVIEW_WORKERS = 2


class WarmPool(Pool):
    """A `Pool` whose idle workers outlive `run`, so the next run finds them warm.

    A worker that failed, timed out or reached `max_tasks` renders is still stopped
    and replaced, as in every pool. `close()` stops the workers kept.
    """

    def __init__(
        self,
        workers: int = PREVIEW_WORKERS,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_tasks: int = DEFAULT_MAX_TASKS,
    ) -> None:
        # Must run in the main thread: starting the fork server sets Ctrl-C's handling.
        super().__init__(workers, timeout=timeout, max_tasks=max_tasks)
        self.kept: list[_Slot] = []

    def _start(self) -> _Slot:
        while self.kept:
            slot = self.kept.pop()
            if slot.process.is_alive():
                return slot
            Pool._stop(self, slot, kill=True)
        return super()._start()

    def _stop(self, slot: _Slot, *, kill: bool = False) -> None:
        if kill or slot.done >= self.max_tasks or not slot.process.is_alive():
            super()._stop(slot, kill=kill)
        else:
            self.kept.append(slot)  # idle and healthy: keep it for the next build

    def close(self) -> None:
        """Stop every worker kept."""
        while self.kept:
            super()._stop(self.kept.pop())


class PreviewBuilder(Builder):
    """parlbrief's builder, rendering through a warm pool, web pages written at once."""

    def __init__(
        self,
        checked: Checked,
        opts: BuildOptions,
        report: BuildReport,
        pool: WarmPool,
        on_progress: Callable[[str], None] | None,
    ) -> None:
        entries = read_manifest(checked.project.out).entries
        entries = {k: e for k, e in entries.items() if k in checked.resolved}
        super().__init__(checked, opts, report, entries, on_progress)
        self.pool = pool

    def run(self, plans: list[Plan]) -> None:
        """Build every plan: PDFs handed to the pool first, web pages while they render."""
        for each in plans:
            self.report.reasons[each.key] = each.reasons
        try:
            self.pool.run(self._preview_jobs(plans), self._finished)
        finally:
            if plans:
                write_manifest(self.out, self.entries)

    def _preview_jobs(self, plans: list[Plan]) -> Iterator[Job]:
        """A PDF job for each worker, then every web page (written while the workers lay
        those PDFs out: the pool asks for its next job then), then the other PDFs."""
        pdf = [replace(p, formats=("pdf",)) for p in plans if "pdf" in p.formats]
        html = [replace(p, formats=("html",)) for p in plans if "html" in p.formats]
        for each in pdf[: self.pool.size]:
            job = self._start(each)
            if job is not None:
                yield job
        for each in html:
            self._start(each)
        for each in pdf[self.pool.size :]:
            job = self._start(each)
            if job is not None:
                yield job


@dataclass
class PreviewResult:
    """What a preview build has made so far, and the briefings it knows of."""

    report: BuildReport
    titles: dict[str, str]
    """Output key -> its title as the index lists it, for every key asked for."""


def preview_build(
    project: Project,
    ids: Sequence[str],
    pool: WarmPool,
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
    opts = BuildOptions(jobs=pool.size, timeout=pool.timeout, max_tasks=pool.max_tasks)
    project.out.mkdir(parents=True, exist_ok=True)
    checked = check(project, today, template_seconds=opts.timeout)
    checked.problems.raise_if_errors()
    keys = select(checked, ids)
    report = BuildReport(warnings=checked.problems)
    result = PreviewResult(report, {key: _title(checked, key) for key in keys})
    plans = plan(checked, keys, read_manifest(project.out), opts, report)
    report.skipped = [p.key for p in plans if not p.formats]
    wanted = {key: rank for rank, key in enumerate(first)}
    todo = sorted((p for p in plans if p.formats), key=lambda p: wanted.get(p.key, len(wanted)))

    def progress(key: str) -> None:
        if on_progress is not None:
            on_progress(result)

    PreviewBuilder(checked, opts, report, pool, progress).run(todo)
    report.built = list(dict.fromkeys(k for k in report.built if k not in report.failed))
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
