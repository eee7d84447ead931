"""What a render worker (parlbrief.write.pool) does with one job: check the HTML, then
lay out the PDF with WeasyPrint and write it atomically in place.

The HTML is checked first (parlbrief.guard), here in the worker, beside the layout
work: nothing in it may run, load from outside the templates, or become a link action
other than a web, e-mail or telephone address. WeasyPrint is imported only when the
first job runs (the fork server has loaded it already: see write.pool).
"""

from __future__ import annotations

from parlbrief.write.pool import Job


def render_pdf(job: Job) -> None:
    """Make `job`'s PDF, or raise a RenderError saying why not (and where, if a file of
    the project writes what the guard refused)."""
    from parlbrief.atomic import write_bytes
    from parlbrief.guard.refusals import refuse_page
    from parlbrief.write.pdf import write_pdf

    refuse_page(job.html, job.expected, pdf=True, what="the PDF was not made", root=job.project)
    write_bytes(job.target, write_pdf(job.target, job.html, job.base, list(job.roots)))
