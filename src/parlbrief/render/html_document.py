"""A briefing's HTML document for one medium: its kind's template filled in with the
views, the stylesheets and, for the web page, the brand's fonts.

CSS is read as plain text and passed in as Markup: autoescaping a stylesheet silently
breaks WeasyPrint's margin boxes.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from pathlib import Path
from typing import Any, cast

from markupsafe import Markup

from parlbrief import __version__
from parlbrief.render.environment import bounded, environment, find_file, time_limit
from parlbrief.render.kind_fields import kind_css, kind_template
from parlbrief.render.views import Medium, brand_view, briefing_view, plain
from parlbrief.render.webfonts import embed_fonts
from parlbrief.resolve import ResolvedBriefing

TEMPLATE = "briefing.html.j2"
STYLESHEET = "briefing.css"
#: Rules for the web page only: its print stylesheet (printed, it looks like the PDF).
WEB_STYLESHEET = "webpage.css"


def render_html(
    resolved: ResolvedBriefing,
    medium: Medium,
    template_dirs: tuple[Path, ...],
    brand_dir: Path,
    edition: Mapping[str, Any] | None = None,
    *,
    seconds: float | None = None,
) -> str:
    """The briefing's full HTML document for `medium`.

    `edition` adds briefing.edition, .last_updated, .last_updated_iso and .changes
    (see parlbrief.pipeline.editions); without it a briefing is edition 1 of its own date.
    `seconds` limits how long the template may take (see `time_limit`).
    """
    env = environment(template_dirs)
    css = find_file(template_dirs, STYLESHEET).read_text(encoding="utf-8")
    # The briefing's kind (parlbrief.document_kinds): its template, and its CSS after ours.
    css += kind_css(template_dirs, resolved.briefing.template)
    context = {
        "medium": medium,
        "lang": "en-GB",
        "generator": f"parlbrief {__version__}",
        "css": Markup(css),
        "brand": plain(brand_view(resolved, brand_dir)),
        "briefing": plain(briefing_view(resolved, medium, edition)),
    }
    with time_limit(seconds):
        # Jinja's generate() is a generator (typed as an Iterator): see bounded.
        template = env.get_template(kind_template(resolved))
        chunks = cast(Generator[str, None, None], template.generate(context))
        page = bounded(chunks)
    return _for_the_web(page, resolved, template_dirs) if medium == "html" else page


def _for_the_web(page: str, resolved: ResolvedBriefing, template_dirs: tuple[Path, ...]) -> str:
    """The web page with the brand's fonts embedded and its own rules (render.webfonts)."""
    web_css = find_file(template_dirs, WEB_STYLESHEET).read_text(encoding="utf-8")
    fonts = resolved.brand.fonts
    return embed_fonts(page, (fonts.body, fonts.heading), web_css)
