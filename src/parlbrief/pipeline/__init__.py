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
from parlbrief.errors import UsageError
from parlbrief.pipeline import tidy
from parlbrief.pipeline.driver import Making, make_drafts, prepare
from parlbrief.pipeline.manifest import Entry, Tree, read_manifest, tree_now, write_manifest
from parlbrief.pipeline.options import BuildOptions, BuildReport, Watcher
from parlbrief.pipeline.plan import up_to_date
from parlbrief.project import Project
from parlbrief.write.formats import OUTPUT_FORMATS, with_needs
from parlbrief.write.pool import warm_up_for

__all__ = ["BuildOptions", "BuildReport", "Watcher", "build"]


def build(
    project: Project,
    ids: Sequence[str] = (),
    *,
    strict: bool = False,
    on_progress: Callable[[str], None] | None = None,
    options: BuildOptions | None = None,
    watcher: Watcher | None = None,
) -> BuildReport:
    """Build what changed among the chosen briefings; content errors stop everything first.

    Outputs whose inputs (see parlbrief.pipeline.manifest) are unchanged and whose files
    exist are skipped without importing WeasyPrint. PDFs are rendered in worker
    processes; one failing or timing out is reported in `failed` and the others build.
    """
    given = options or BuildOptions()
    today = given.today or clock.today()
    opts = replace(given, formats=with_needs(given.formats), today=today)
    _check_out(project.out)
    manifest = read_manifest(project.out)
    before = tree_now(project.root, project.template_dirs, today)
    if not opts.force:
        unchanged = up_to_date(project, manifest, before, ids, opts.formats, strict=strict)
        if unchanged is not None:
            return unchanged  # no file changed: not even read
    warm_up_for(opts.formats, project.out, force=opts.force)  # load WeasyPrint while we read
    prepared = prepare(project, ids, opts, strict=strict)
    entries = make_drafts(prepared, manifest, opts, Making(on_progress, watcher=watcher))
    report = prepared.report
    current = prepared.checked.resolved
    stale = tidy.stale_files(project.out, manifest.entries, entries, current, report.built)
    if said := tidy.remove(project.out, stale):
        report.notes.append(said)
    if manifest.problem and not opts.force:
        where = project.relative(project.out)
        report.notes.append(f"{where}/{manifest.problem}: everything was built again")
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
        for f in OUTPUT_FORMATS
        if all(f in e.files and (project.out / e.files[f]).is_file() for e in entries.values())
    ]
    warnings = tuple(report.warnings.warnings)
    write_manifest(project.out, entries, replace(after, formats=tuple(complete), warnings=warnings))
