"""The whole pipeline, stage by stage: load -> validate -> resolve -> render -> write.

The first three stages are `parlbrief.check.check`; this module decides what needs
building again and renders it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jinja2 import TemplateError

from parlbrief import editions
from parlbrief.check import Checked, check, select
from parlbrief.editions import Edition
from parlbrief.errors import ParlbriefError, Problems, UsageError
from parlbrief.manifest import (
    CONTENT_KINDS,
    Entry,
    Manifest,
    Tree,
    content_inputs,
    files_inputs,
    hash_value,
    read_manifest,
    reasons,
    template_inputs,
    tree_now,
    versions,
    write_manifest,
)
from parlbrief.project import Project
from parlbrief.render import describe_template_error, render_html
from parlbrief.write import DEFAULT_TIMEOUT, FORMATS, prestart, write_html
from parlbrief.write.pool import DEFAULT_MAX_TASKS, Job, Outcome, Pool, warm_up

#: During a long build, save the manifest at most this often, so Ctrl-C keeps progress.
MANIFEST_SAVE_SECONDS = 5.0


@dataclass
class BuildReport:
    """What a build did: keys built, skipped (up to date) and failed, and why."""

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    outputs: list[Path] = field(default_factory=list)
    warnings: Problems = field(default_factory=Problems)
    reasons: dict[str, list[str]] = field(default_factory=dict)
    """Key -> why it was rebuilt ('briefing-5: statistic po-vacancies changed')."""
    editions: dict[str, int] = field(default_factory=dict)
    """Key -> the new edition number, for briefings whose content changed."""
    worker_peak_rss: list[int] = field(default_factory=list)
    """Each PDF render's worker peak memory in bytes, in the order they finished."""


@dataclass(frozen=True)
class BuildOptions:
    """How to build: formats, parallelism and limits (defaults suit the command line)."""

    formats: tuple[str, ...] = FORMATS
    jobs: int | None = None
    """Render processes; None means one per CPU core."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds one PDF may take before it is given up as failed."""
    force: bool = False
    """Rebuild even what is up to date."""
    record_editions: bool = True
    """Write new editions to editions/ (off for builds that must not touch the project)."""
    today: date | None = None
    """The date a new edition gets (default: today, or SOURCE_DATE_EPOCH)."""
    max_tasks: int = DEFAULT_MAX_TASKS
    """Renders per worker before it is replaced (keeps memory flat)."""


@dataclass
class _Plan:
    """One output to (maybe) build: its inputs, edition and what is needed."""

    key: str
    inputs: dict[str, str]
    edition: Edition
    formats: tuple[str, ...]
    reasons: list[str]


def build(
    project: Project,
    ids: Sequence[str] = (),
    formats: Iterable[str] = FORMATS,
    *,
    strict: bool = False,
    on_progress: Callable[[str], None] | None = None,
    options: BuildOptions | None = None,
) -> BuildReport:
    """Build what changed among the chosen briefings; content errors stop everything first.

    Outputs whose inputs (see parlbrief.manifest) are unchanged and whose files exist
    are skipped without importing WeasyPrint. PDFs are rendered in worker processes;
    one failing or timing out is reported in `failed` and the others still build.
    """
    opts = options or BuildOptions(formats=tuple(formats))
    _check_out(project.out)
    manifest = read_manifest(project.out)
    before = tree_now(project.root, project.template_dirs, date.today())
    if not opts.force:
        unchanged = _unchanged(project, manifest, before, ids, opts.formats, strict=strict)
        if unchanged is not None:
            prestart.discard()  # no PDF to render: free the core it is loading on
            return unchanged  # no file changed: not even read
    if "pdf" in opts.formats and (opts.force or not manifest.existed or manifest.problem):
        # Everything will be rendered: load WeasyPrint while we read.
        warm_up(one_worker=len(ids) == 1 or opts.jobs == 1)
    checked = check(project)
    checked.problems.raise_if_errors(strict=strict)
    keys = select(checked, ids)
    report = BuildReport(warnings=checked.problems)
    plans = _plan(checked, keys, manifest, opts, report)
    todo = [p for p in plans if p.formats]
    report.skipped = [p.key for p in plans if not p.formats]
    entries = {k: e for k, e in manifest.entries.items() if k in checked.resolved}
    _Builder(checked, opts, report, entries, on_progress).run(todo)
    if not ids and not report.failed:
        _record_tree(project, entries, before, report)
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


def _unchanged(
    project: Project,
    manifest: Manifest,
    now: Tree,
    ids: Sequence[str],
    formats: tuple[str, ...],
    *,
    strict: bool,
) -> BuildReport | None:
    """A report of nothing to do if no file changed since a complete build, else None."""
    tree = manifest.tree
    if tree is None or not tree.same_files(now) or not set(formats) <= set(tree.formats):
        return None
    if strict and tree.warnings:
        return None  # let the full path stop on them
    keys = sorted(manifest.entries)

    def picks(key: str, wanted: str) -> bool:
        return key == wanted or key.split("/", 1)[0] == wanted

    if any(not any(picks(k, i) for k in keys) for i in ids):
        return None  # an unknown id: the full path says so properly
    chosen = [k for k in keys if not ids or any(picks(k, i) for i in ids)]
    for key in chosen:
        files = manifest.entries[key].files
        if any(f not in files or not (project.out / files[f]).is_file() for f in formats):
            return None
    return BuildReport(skipped=chosen, warnings=Problems(list(tree.warnings)))


def _record_tree(
    project: Project, entries: dict[str, Entry], before: Tree, report: BuildReport
) -> None:
    """After a complete, successful build, fingerprint the files so the next can skip."""
    after = tree_now(project.root, project.template_dirs, date.today())
    if after.sources != before.sources:
        return  # a file changed while we built: the next build must look properly
    complete = [
        f
        for f in FORMATS
        if all(f in e.files and (project.out / e.files[f]).is_file() for e in entries.values())
    ]
    warnings = tuple(report.warnings.warnings)
    write_manifest(
        project.out, entries, Tree(after.sources, after.editions, tuple(complete), warnings)
    )


def _plan(
    checked: Checked,
    keys: list[str],
    manifest: Manifest,
    opts: BuildOptions,
    report: BuildReport,
) -> list[_Plan]:
    """Hash each output's inputs, record editions, and decide what needs building."""
    project = checked.project
    dirs = project.template_dirs
    shared = template_inputs(dirs) | versions()
    brand_inputs: dict[str, dict[str, str]] = {}
    plans = []
    for key in keys:
        resolved = checked.resolved[key]
        content = content_inputs(resolved)
        edition, is_new = editions.record(
            project.root,
            key,
            resolved,
            {k: v for k, v in content.items() if k.split(" ", 1)[0] in CONTENT_KINDS},
            on=opts.today,
            save=opts.record_editions,
        )
        if is_new:
            report.editions[key] = edition.number
        brand = resolved.brand.id
        if brand not in brand_inputs:
            folder = checked.corpus.brand_dirs.get(brand)
            brand_inputs[brand] = {f"brand {brand}": hash_value(resolved.brand)} | (
                files_inputs(f"brand {brand}:", folder) if folder else {}
            )
        inputs = content | brand_inputs[brand] | shared | {"edition": edition.stamp()}
        plans.append(_decide(key, inputs, edition, manifest, project.out, opts))
    return plans


def _decide(
    key: str,
    inputs: dict[str, str],
    edition: Edition,
    manifest: Manifest,
    out: Path,
    opts: BuildOptions,
) -> _Plan:
    """Which formats of `key` to build, and why."""
    old = manifest.entries.get(key)
    if opts.force:
        return _Plan(key, inputs, edition, opts.formats, [f"{key}: --force"])
    if manifest.problem:
        why = [f"{key}: manifest unreadable, rebuilding everything"]
        return _Plan(key, inputs, edition, opts.formats, why)
    if not manifest.existed:
        return _Plan(key, inputs, edition, opts.formats, [f"{key}: first build"])
    if old is None:
        return _Plan(key, inputs, edition, opts.formats, [f"{key}: not built before"])
    missing = [f for f in opts.formats if f not in old.files or not (out / old.files[f]).is_file()]
    changed = reasons(key, old, inputs)
    if changed:
        return _Plan(key, inputs, edition, opts.formats, changed)
    why = [f"{key}: output {_output_name(key, f)} missing" for f in missing]
    return _Plan(key, inputs, edition, tuple(missing), why)


def _output_name(key: str, fmt: str) -> str:
    """build/<id>.pdf, or build/<id>/<variant>.pdf for a variant."""
    return f"{key}.{fmt}"


class _Builder:
    """Renders the planned outputs: HTML here, PDFs in the worker pool."""

    def __init__(
        self,
        checked: Checked,
        opts: BuildOptions,
        report: BuildReport,
        entries: dict[str, Entry],
        on_progress: Callable[[str], None] | None,
    ) -> None:
        self.checked, self.opts, self.report = checked, opts, report
        self.entries = entries
        self.on_progress = on_progress
        self.out = checked.project.out
        self.dirs = tuple(checked.project.template_dirs)
        self.waiting: dict[str, int] = {}
        """Key -> PDFs still rendering."""
        self.files: dict[str, dict[str, str]] = {}
        self.plans: dict[str, _Plan] = {}
        self.last_save = time.monotonic()

    def run(self, plans: list[_Plan]) -> None:
        """Build every plan; save the manifest as outputs land and at the end."""
        for plan in plans:
            self.report.reasons[plan.key] = plan.reasons
        pdf = [p for p in plans if "pdf" in p.formats]
        if not pdf:
            prestart.discard()
        try:
            if pdf:
                pool = Pool(
                    self._workers(len(pdf)),
                    timeout=self.opts.timeout,
                    max_tasks=self.opts.max_tasks,
                )
                html_only = [p for p in plans if "pdf" not in p.formats]
                pool.run(self._jobs(pdf, after=html_only), self._finished)
            else:
                for plan in plans:
                    self._start(plan)
        finally:
            if plans:
                write_manifest(self.out, self.entries)

    def _workers(self, count: int) -> int:
        wanted = self.opts.jobs if self.opts.jobs is not None else (os.cpu_count() or 1)
        return max(1, min(wanted, count))

    def _jobs(self, plans: list[_Plan], after: list[_Plan]) -> Iterator[Job]:
        """PDF jobs, made lazily; HTML is written while the workers render."""
        for plan in plans:
            job = self._start(plan)
            if job is not None:
                yield job
        for plan in after:
            self._start(plan)

    def _start(self, plan: _Plan) -> Job | None:
        """Write the plan's HTML; return its PDF job, if it has one."""
        key = plan.key
        self.plans[key] = plan
        self.files[key] = {}
        resolved = self.checked.resolved[key]
        brand_dir = self.checked.corpus.brand_dirs.get(resolved.brand.id, self.dirs[-1])
        view = plan.edition.view()
        try:
            if "html" in plan.formats:
                target = self.out / _output_name(key, "html")
                write_html(target, render_html(resolved, "html", self.dirs, brand_dir, view))
                self._wrote(key, "html", target)
            if "pdf" in plan.formats:
                html = render_html(resolved, "pdf", self.dirs, brand_dir, view)
                target = self.out / _output_name(key, "pdf")
                self.waiting[key] = 1
                return Job(key, target, html, brand_dir, self.dirs)
        except (ParlbriefError, TemplateError, OSError) as exc:
            self._fail(key, _message(exc, self.checked.project.root))
            return None
        self._done(key)
        return None

    def _finished(self, outcome: Outcome) -> None:
        key = outcome.key
        self.report.worker_peak_rss.append(outcome.peak_rss)
        if outcome.error is not None:
            self._fail(key, outcome.error)
            return
        self._wrote(key, "pdf", outcome.target)
        self._done(key)

    def _wrote(self, key: str, fmt: str, target: Path) -> None:
        self.files[key][fmt] = target.relative_to(self.out).as_posix()
        self.report.outputs.append(target)

    def _fail(self, key: str, message: str) -> None:
        self.report.failed[key] = message
        self.entries.pop(key, None)  # an output that failed is rebuilt next time
        self._progress(key)

    def _done(self, key: str) -> None:
        plan = self.plans[key]
        old = self.entries.get(key)
        kept = (old.files if old and old.inputs == plan.inputs else {}) | self.files[key]
        self.entries[key] = Entry(plan.inputs, kept)
        self.report.built.append(key)
        self._progress(key)
        if time.monotonic() - self.last_save > MANIFEST_SAVE_SECONDS:
            # An interrupted build keeps what it finished.
            write_manifest(self.out, self.entries)
            self.last_save = time.monotonic()

    def _progress(self, key: str) -> None:
        if self.on_progress is not None:
            self.on_progress(key)


def _message(exc: Exception, root: Path | None = None) -> str:
    if isinstance(exc, TemplateError):
        return describe_template_error(exc, root)
    return str(exc)
