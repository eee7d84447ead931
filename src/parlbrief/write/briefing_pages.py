"""A briefing's pages made from its resolved content: the templates filled for the PDF
and the web page, the web page given its security policy and checked by the output
guard before anything is written.

A build's render workers make the pages of each briefing they are given (a `Pages`
order travels with the job: write.pdfjob), so that the main process only plans; the
builder makes here only the web pages of a build without PDFs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from parlbrief.errors import ParlbriefError, RenderError
from parlbrief.guard import with_csp
from parlbrief.guard.refusals import refuse_page
from parlbrief.render import MEDIA, render_html, template_error
from parlbrief.resolve import ResolvedBriefing
from parlbrief.resolve.leftovers import expected_markup


@dataclass(frozen=True)
class Pages:
    """What to make a briefing's pages from, and where its web page goes."""

    resolved: ResolvedBriefing
    formats: tuple[str, ...]
    """The formats planned: a page is made for each of 'pdf' and 'html' among them."""
    view: dict[str, Any]
    """The edition fields the page shows (see parlbrief.pipeline.editions.page_view)."""
    dirs: tuple[Path, ...]
    """The template search path, the project's own templates first."""
    brand_dir: Path
    root: Path
    """The project's folder, searched for where a refused element is written."""
    seconds: float | None = None
    """How long the templates may take (see render.environment.time_limit)."""
    web_page: Path | None = None
    """Where the worker writes the web page once the PDF is written (None: not here)."""


def make_pages(order: Pages) -> dict[str, str]:
    """The filled pages by medium ('pdf', 'html'); the web page with its policy, and
    refused (a RenderError at the line of the file that writes it) if the guard says so.
    A template that fails is a RenderError at the template's line."""
    try:
        r = order.resolved
        pages: dict[str, str] = {
            m: render_html(r, m, order.dirs, order.brand_dir, order.view, seconds=order.seconds)
            for m in MEDIA
            if m in order.formats
        }
        if "html" in pages:
            pages["html"] = with_csp(pages["html"])
            refuse_page(
                pages["html"],
                tuple(expected_markup(order.resolved)),
                pdf=False,
                what="the web page was not written",
                root=order.root,
            )
    except (ParlbriefError, TemplateError, OSError) as exc:
        raise page_error(exc, order.root) from None
    return pages


def page_error(exc: Exception, root: Path) -> RenderError:
    """Why a page could not be made, as a RenderError: a template error at its line."""
    if isinstance(exc, RenderError):
        return exc
    if isinstance(exc, TemplateError):
        origin, message = template_error(exc, root)
        return RenderError(message, origin) if origin else RenderError(message)
    return RenderError(str(exc) or type(exc).__name__)
