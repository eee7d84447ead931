"""What a render worker (parlbrief.write.pool) does with one job: make the briefing's
pages (write.briefing_pages: its templates filled, the web page checked), check the
PDF's HTML, lay out the PDF with WeasyPrint and write it atomically in place, then the
web page.

The HTML is checked first (parlbrief.guard), here in the worker, beside the layout
work: nothing in it may run, load from outside the templates, or become a link action
other than a web, e-mail or telephone address. The web page is written only once the
PDF is: a briefing that fails leaves none of its new outputs, and the last good ones
stay. WeasyPrint is imported only when the first job runs (the fork server has loaded
it already: see write.pool).
"""

from __future__ import annotations

from parlbrief.write.pool import Job


def render_pdf(job: Job) -> None:
    """Make `job`'s PDF (and web page), or raise a RenderError saying why not (and
    where, if a file of the project writes what failed or was refused)."""
    from parlbrief.atomic import cannot_write, write_bytes
    from parlbrief.errors import RenderError
    from parlbrief.guard.refusals import refuse_page
    from parlbrief.resolve.leftovers import expected_markup
    from parlbrief.write.briefing_pages import make_pages
    from parlbrief.write.pdf import write_pdf

    order = job.pages
    pages = make_pages(order) if order is not None else {"pdf": job.html}
    expected = tuple(expected_markup(order.resolved)) if order is not None else job.expected
    what = "the PDF was not made"
    refuse_page(pages["pdf"], expected, pdf=True, what=what, root=job.project)
    write_bytes(job.target, write_pdf(job.target, pages["pdf"], job.base, list(job.roots)))
    if order is not None and order.web_page is not None and "html" in pages:
        try:
            write_bytes(order.web_page, pages["html"].encode("utf-8"))
        except OSError as exc:
            raise RenderError(str(cannot_write(order.web_page, exc))) from None
