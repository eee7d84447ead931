"""The one way every build runs, for `build`, `publish` and the preview alike.

prepare      check the project (every problem stops it here, before any file is
             written), pick the outputs asked for, start the report
make_drafts  plan what changed since the manifest in the output folder, then make it
make         make the given plans (a publish makes its own: published editions)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from parlbrief import clock
from parlbrief.check import Checked, check, select
from parlbrief.pipeline.builder import Builder
from parlbrief.pipeline.manifest import Entry, Manifest
from parlbrief.pipeline.options import BuildOptions, BuildReport, Watcher
from parlbrief.pipeline.plan import Plan, plan
from parlbrief.project import Project
from parlbrief.write.pool import Pool


@dataclass
class Prepared:
    """A project checked for a build, the outputs it will build and the report so far."""

    checked: Checked
    keys: list[str]
    report: BuildReport


@dataclass(frozen=True)
class Making:
    """How to make the outputs, beyond the build's options."""

    on_progress: Callable[[str], None] | None = None
    """Called with an output's key as it lands (or fails)."""
    pool: Pool | None = None
    """Render workers to use (the preview's, kept warm); None: a pool for this build."""
    pages_at_once: bool = False
    """Write each web page as soon as it is made (the preview) instead of holding it
    until its PDF is done, so that a failed briefing leaves its last good outputs."""
    first: Sequence[str] = ()
    """Output keys to make before the others (the preview's pages being looked at)."""
    watcher: Watcher | None = None
    """Told how many outputs will be made, then each as it lands, with why it failed."""


def prepare(
    project: Project, ids: Sequence[str], opts: BuildOptions, *, strict: bool = False
) -> Prepared:
    """Check the project as of the build's day and pick the outputs `ids` ask for.

    Raises ContentError (every problem, file:line) or UsageError (an unknown id)
    before anything is written.
    """
    checked = check(project, opts.today or clock.today(), template_seconds=opts.timeout)
    checked.problems.raise_if_errors(strict=strict)
    keys = select(checked, ids)
    return Prepared(checked, keys, BuildReport(warnings=checked.problems))


def make_drafts(
    prepared: Prepared, manifest: Manifest, opts: BuildOptions, making: Making = Making()
) -> dict[str, Entry]:
    """Make drafts of what changed among the prepared outputs since `manifest` (the
    project's output folder's); returns the manifest's entries as they now are."""
    checked = prepared.checked
    plans = plan(checked, prepared.keys, manifest, opts, prepared.report)
    rank = {key: n for n, key in enumerate(making.first)}
    plans.sort(key=lambda p: rank.get(p.key, len(rank)))
    entries = {k: e for k, e in manifest.entries.items() if k in checked.resolved}
    make(prepared, plans, opts, entries, making)
    return entries


def make(
    prepared: Prepared,
    plans: list[Plan],
    opts: BuildOptions,
    entries: dict[str, Entry],
    making: Making = Making(),
    out: Path | None = None,
) -> None:
    """Make every plan that has formats to make (the others are up to date) into `out`
    (default: the project's output folder), recording each in `entries`."""
    report = prepared.report
    report.skipped = [p.key for p in plans if not p.formats]
    builder = Builder(
        prepared.checked,
        opts,
        report,
        entries,
        making.on_progress,
        out,
        pool=making.pool,
        pages_at_once=making.pages_at_once,
        watcher=making.watcher,
    )
    builder.run([p for p in plans if p.formats])
    report.drafts = {k: n for k, n in report.drafts.items() if k in report.built}
