"""Make the planned outputs: web pages here, PDFs in the worker pool, then the formats
made from them (write.formats).

`build`, `publish` and the preview all make their outputs here. By default a briefing's
web page waits for its PDF, so that a briefing that fails leaves none of its new
outputs and the last good ones stay; the preview (`pages_at_once`) writes each web page
as soon as it is made, while a worker lays out the PDF.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from parlbrief.atomic import cannot_write
from parlbrief.check import Checked, brand_folder
from parlbrief.errors import ParlbriefError, Problem, RenderError, failure
from parlbrief.pipeline.manifest import Entry, write_manifest
from parlbrief.pipeline.options import BuildOptions, BuildReport, Watcher
from parlbrief.pipeline.plan import Plan, output_name
from parlbrief.write import write_html
from parlbrief.write.briefing_pages import Pages, make_pages
from parlbrief.write.formats import OUTPUT_FORMATS, write_format, written_after
from parlbrief.write.pdfjob import render_pdf
from parlbrief.write.pool import Job, Outcome, Pool

#: During a long build, save the manifest at most this often, so Ctrl-C keeps progress.
MANIFEST_SAVE_SECONDS = 5.0


class Builder:
    """Renders the planned outputs into `out` (the project's build folder by default)."""

    def __init__(
        self,
        checked: Checked,
        opts: BuildOptions,
        report: BuildReport,
        entries: dict[str, Entry],
        on_progress: Callable[[str], None] | None,
        out: Path | None = None,
        *,
        pool: Pool | None = None,
        pages_at_once: bool = False,
        watcher: Watcher | None = None,
    ) -> None:
        self.checked, self.opts, self.report = checked, opts, report
        self.entries = entries
        self.on_progress = on_progress
        self.watcher = watcher
        self.out = out or checked.project.out
        """Where the outputs go: the project's build folder, or publish's staging one."""
        self.pool = pool
        """The render workers to use (the preview's, kept warm); None: a pool of our own."""
        self.pages_at_once = pages_at_once
        self.dirs = tuple(checked.project.template_dirs)
        self.files: dict[str, dict[str, str]] = {}
        self.plans: dict[str, Plan] = {}
        self.last_save = time.monotonic()

    def run(self, plans: list[Plan]) -> None:
        """Build every plan; save the manifest as outputs land and at the end."""
        for plan in plans:
            self.report.reasons[plan.key] = plan.reasons
        if self.watcher is not None:
            self.watcher.planned(len(plans))
        try:
            if any("pdf" in p.formats for p in plans):
                self._render(plans)
            else:
                for plan in plans:
                    self._start(plan)
        finally:
            if plans:
                write_manifest(self.out, self.entries)
        # A preview builds a briefing's PDF and its web page apart: say each key once.
        built = (k for k in self.report.built if k not in self.report.failed)
        self.report.built = list(dict.fromkeys(built))

    def _render(self, plans: list[Plan]) -> None:
        pool = self.pool
        if pool is None:
            count = sum("pdf" in p.formats for p in plans)
            timeout, max_tasks = self.opts.timeout, self.opts.max_tasks
            pool = Pool(self._workers(count), task=render_pdf, timeout=timeout, max_tasks=max_tasks)
        order = self._at_once(plans, pool.size) if self.pages_at_once else self._held(plans)
        pool.run(self._jobs(order), self._finished)

    def _workers(self, count: int) -> int:
        wanted = self.opts.jobs if self.opts.jobs is not None else (os.cpu_count() or 1)
        return max(1, min(wanted, count))

    @staticmethod
    def _held(plans: list[Plan]) -> list[Plan]:
        """PDFs first, each web page held for its PDF; the plans without a PDF after,
        written while the workers render."""
        return [p for p in plans if "pdf" in p.formats] + [
            p for p in plans if "pdf" not in p.formats
        ]

    @staticmethod
    def _at_once(plans: list[Plan], workers: int) -> list[Plan]:
        """A PDF for each worker, then every web page (made while the workers lay those
        PDFs out: the pool asks for its next job then), then the other PDFs. A briefing's
        PDF and its web page are built apart."""
        pdf = [replace(p, formats=_without(p.formats, "html")) for p in plans if "pdf" in p.formats]
        html = [replace(p, formats=("html",)) for p in plans if {"pdf", "html"} <= set(p.formats)]
        others = [p for p in plans if "pdf" not in p.formats]
        return pdf[:workers] + html + others + pdf[workers:]

    def _jobs(self, plans: list[Plan]) -> Iterator[Job]:
        """PDF jobs, made lazily, so that the other outputs are made while workers render."""
        for plan in plans:
            job = self._start(plan)
            if job is not None:
                yield job

    def _start(self, plan: Plan) -> Job | None:
        """The PDF's job, whose worker makes the pages too (write.pdfjob); or, without
        a PDF, the web page made and written here.

        When a PDF is made too, the web page waits for it: a briefing that fails
        leaves none of its new outputs, and the last good ones stay.
        """
        key = plan.key
        self.plans[key] = plan
        self.files.setdefault(key, {})
        order = self._order(plan)
        if "pdf" in plan.formats:
            target = self.out / output_name(key, "pdf")
            root = self.checked.project.root
            return Job(key, target, "", order.brand_dir, self.dirs, project=root, pages=order)
        try:
            pages = make_pages(order)
        except RenderError as exc:
            self._fail(key, exc.problem)
            return None
        self._write_page(key, pages.get("html"))
        return None

    def _order(self, plan: Plan) -> Pages:
        """What the plan's pages are made from: in a worker when a PDF is made (which
        then writes the web page too, its whole job under the time limit), else here."""
        resolved = self.checked.resolved[plan.key]
        worker = "pdf" in plan.formats
        web = self.out / output_name(plan.key, "html")
        return Pages(
            resolved,
            plan.formats,
            plan.view,
            self.dirs,
            brand_folder(self.checked.corpus, resolved, self.dirs),
            self.checked.project.root,
            seconds=None if worker else self.opts.timeout,
            web_page=web if worker and "html" in plan.formats else None,
        )

    def _write_page(self, key: str, html: str | None) -> None:
        """Write the web page (if any), then the formats made after it."""
        if html is not None:
            target = self.out / output_name(key, "html")
            try:
                write_html(target, html)
            except OSError as exc:
                self._fail(key, failure(cannot_write(target, exc)))
                return
            self._wrote(key, "html", target)
        if self._write_after(key):
            self._done(key)

    def _write_after(self, key: str) -> bool:
        """Write the planned formats made from the briefing and its pages (Word, email:
        see write.formats); False if one failed."""
        plan = self.plans[key]
        made = {name: self.out / output_name(key, name) for name in OUTPUT_FORMATS}
        resolved = self.checked.resolved[key]
        brand_dir = brand_folder(self.checked.corpus, resolved, self.dirs)
        for fmt in written_after(plan.formats):
            try:
                write_format(
                    fmt, made[fmt.name], resolved, plan.view, made,
                    brand_dir=brand_dir, warnings=self.report.warnings,
                )  # fmt: skip
            except (ParlbriefError, OSError) as exc:
                self._fail(key, failure(exc))
                return False
            self._wrote(key, fmt.name, made[fmt.name])
        return True

    def _finished(self, outcome: Outcome) -> None:
        key = outcome.key
        self.report.worker_peak_rss.append(outcome.peak_rss)
        self.report.render_seconds.append(outcome.seconds)
        if outcome.error is not None:
            self._fail(key, outcome.error)
            return
        self._wrote(key, "pdf", outcome.target)
        if "html" in self.plans[key].formats:  # the worker wrote it after the PDF
            self._wrote(key, "html", self.out / output_name(key, "html"))
        if self._write_after(key):
            self._done(key)

    def _wrote(self, key: str, fmt: str, target: Path) -> None:
        self.files[key][fmt] = target.relative_to(self.out).as_posix()
        self.report.outputs.append(target)

    def _fail(self, key: str, problem: Problem) -> None:
        self.report.failed[key] = problem
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
        if self.watcher is not None:
            self.watcher.landed(key, self.report.failed.get(key))


def _without(formats: tuple[str, ...], name: str) -> tuple[str, ...]:
    return tuple(f for f in formats if f != name)
