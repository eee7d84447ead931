"""The whole pipeline, stage by stage: load -> validate -> resolve -> render -> write.

The first three stages are `parlbrief.check.check`; this package decides what needs
building again (plan, with the manifest of what each output was made from and the
published editions of what each briefing says) and makes it (builder). A build makes
drafts; `publish` (publish.py) records an edition and keeps what was published.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from parlbrief import clock
from parlbrief.check import check, select
from parlbrief.errors import UsageError
from parlbrief.pipeline.builder import Builder
from parlbrief.pipeline.manifest import Entry, Tree, read_manifest, tree_now, write_manifest
from parlbrief.pipeline.options import BuildOptions, BuildReport
from parlbrief.pipeline.plan import plan, up_to_date
from parlbrief.project import Project
from parlbrief.write import ALL_FORMATS
from parlbrief.write.pool import warm_up

__all__ = ["BuildOptions", "BuildReport", "build"]


def build(
    project: Project,
    ids: Sequence[str] = (),
    *,
    strict: bool = False,
    on_progress: Callable[[str], None] | None = None,
    options: BuildOptions | None = None,
) -> BuildReport:
    """Build what changed among the chosen briefings; content errors stop everything first.

    Outputs whose inputs (see parlbrief.pipeline.manifest) are unchanged and whose files
    exist are skipped without importing WeasyPrint. PDFs are rendered in worker
    processes; one failing or timing out is reported in `failed` and the others build.
    """
    opts = options or BuildOptions()
    today = opts.today or clock.today()
    _check_out(project.out)
    manifest = read_manifest(project.out)
    before = tree_now(project.root, project.template_dirs, today)
    if not opts.force:
        unchanged = up_to_date(project, manifest, before, ids, opts.formats, strict=strict)
        if unchanged is not None:
            return unchanged  # no file changed: not even read
    if "pdf" in opts.formats and (opts.force or not manifest.existed or manifest.problem):
        warm_up()  # everything will be rendered: load WeasyPrint while we read
    checked = check(project, today, template_seconds=opts.timeout)
    checked.problems.raise_if_errors(strict=strict)
    keys = select(checked, ids)
    report = BuildReport(warnings=checked.problems)
    plans = plan(checked, keys, manifest, opts, report)
    report.skipped = [p.key for p in plans if not p.formats]
    entries = {k: e for k, e in manifest.entries.items() if k in checked.resolved}
    Builder(checked, opts, report, entries, on_progress).run([p for p in plans if p.formats])
    report.drafts = {k: n for k, n in report.drafts.items() if k in report.built}
    if not ids and not report.failed:
        _record_tree(project, entries, before, report, today)
    return report


def _check_out(out: Path) -> None:
    """Refuse, before any work, an output folder that cannot be made or written to."""
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(
            f"{existing} is a file, not a folder, so the outputs cannot go there - "
            "move it away, or choose another folder with --out"
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"{existing} cannot be written to - choose another folder with --out")


def _record_tree(
    project: Project, entries: dict[str, Entry], before: Tree, report: BuildReport, today: date
) -> None:
    """After a complete, successful build, fingerprint the files so the next can skip."""
    after = tree_now(project.root, project.template_dirs, today)
    if after.sources != before.sources:
        return  # a file changed while we built: the next build must look properly
    complete = [
        f
        for f in ALL_FORMATS
        if all(f in e.files and (project.out / e.files[f]).is_file() for e in entries.values())
    ]
    warnings = tuple(report.warnings.warnings)
    write_manifest(project.out, entries, replace(after, formats=tuple(complete), warnings=warnings))
