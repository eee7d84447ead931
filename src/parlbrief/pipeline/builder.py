"""Make the planned outputs: HTML in this process, PDFs in the worker pool."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from jinja2 import TemplateError

from parlbrief.atomic import cannot_write
from parlbrief.check import Checked
from parlbrief.errors import ParlbriefError, RenderError
from parlbrief.guard import with_csp
from parlbrief.pipeline.manifest import Entry, write_manifest
from parlbrief.pipeline.options import BuildOptions, BuildReport
from parlbrief.pipeline.plan import Plan, output_name
from parlbrief.render import describe_template_error, render_html
from parlbrief.resolve.leftovers import expected_markup
from parlbrief.write import HAND_ON_FORMATS, write_html
from parlbrief.write.handon import write_hand_on
from parlbrief.write.pool import Job, Outcome, Pool, page_refusals, refusal

#: During a long build, save the manifest at most this often, so Ctrl-C keeps progress.
MANIFEST_SAVE_SECONDS = 5.0


class Builder:
    """Renders the planned outputs: HTML here, PDFs in the worker pool."""

    def __init__(
        self,
        checked: Checked,
        opts: BuildOptions,
        report: BuildReport,
        entries: dict[str, Entry],
        on_progress: Callable[[str], None] | None,
        out: Path | None = None,
    ) -> None:
        self.checked, self.opts, self.report = checked, opts, report
        self.entries = entries
        self.on_progress = on_progress
        self.out = out or checked.project.out
        """Where the outputs go: the project's build folder, or publish's staging one."""
        self.dirs = tuple(checked.project.template_dirs)
        self.pending: dict[str, str | None] = {}
        """Key -> its web page, waiting for the PDF that is rendering."""
        self.files: dict[str, dict[str, str]] = {}
        self.plans: dict[str, Plan] = {}
        self.last_save = time.monotonic()

    def run(self, plans: list[Plan]) -> None:
        """Build every plan; save the manifest as outputs land and at the end."""
        for plan in plans:
            self.report.reasons[plan.key] = plan.reasons
        pdf = [p for p in plans if "pdf" in p.formats]
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

    def _jobs(self, plans: list[Plan], after: list[Plan]) -> Iterator[Job]:
        """PDF jobs, made lazily; HTML is written while the workers render."""
        for plan in plans:
            job = self._start(plan)
            if job is not None:
                yield job
        for plan in after:
            self._start(plan)

    def _start(self, plan: Plan) -> Job | None:
        """Render the plan's pages; write the web page now, or return the PDF's job.

        When a PDF is made too, the web page waits for it: a briefing that fails
        leaves none of its new outputs, and the last good ones stay.
        """
        key = plan.key
        self.plans[key] = plan
        self.files[key] = {}
        resolved = self.checked.resolved[key]
        brand_dir = self.checked.corpus.brand_dirs.get(resolved.brand.id, self.dirs[-1])
        view = plan.view
        try:
            pages = {
                medium: render_html(
                    resolved, medium, self.dirs, brand_dir, view, seconds=self.opts.timeout
                )
                for medium in ("html", "pdf")
                if medium in plan.formats
            }
            expected = tuple(expected_markup(resolved))
            if "html" in pages:
                pages["html"] = with_csp(pages["html"])
                refused = page_refusals(pages["html"], expected, pdf=False)
                if refused:
                    raise RenderError(refusal("the web page was not written", refused))
        except (ParlbriefError, TemplateError, OSError) as exc:
            self._fail(key, _message(exc, self.checked.project.root))
            return None
        if "pdf" not in pages:
            self._write_page(key, pages.get("html"))
            return None
        self.pending[key] = pages.get("html")
        target = self.out / output_name(key, "pdf")
        return Job(key, target, pages["pdf"], brand_dir, self.dirs, expected)

    def _write_page(self, key: str, html: str | None) -> None:
        """Write the web page (if any), then record the output as built."""
        if html is not None:
            target = self.out / output_name(key, "html")
            try:
                write_html(target, html)
            except OSError as exc:
                self._fail(key, str(cannot_write(target, exc)))
                return
            self._wrote(key, "html", target)
        if self._hand_on(key):
            self._done(key)

    def _hand_on(self, key: str) -> bool:
        """Write the planned Word document and email (write.handon); False if one failed."""
        plan = self.plans[key]
        for fmt in (f for f in HAND_ON_FORMATS if f in plan.formats):
            target = self.out / output_name(key, fmt)
            pdf = self.out / output_name(key, "pdf")
            try:
                write_hand_on(fmt, target, self.checked.resolved[key], plan.view, pdf)
            except (ParlbriefError, OSError) as exc:
                self._fail(key, str(exc))
                return False
            self._wrote(key, fmt, target)
        return True

    def _finished(self, outcome: Outcome) -> None:
        key = outcome.key
        self.report.worker_peak_rss.append(outcome.peak_rss)
        html = self.pending.pop(key, None)
        if outcome.error is not None:
            self._fail(key, outcome.error)
            return
        self._wrote(key, "pdf", outcome.target)
        self._write_page(key, html)

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
