"""Stage 4: lay a resolved briefing out as HTML, for print (PDF) or for the screen.

By job:

- environment      the sandboxed Jinja environment, and how long and how much a template
                   may run
- views            the plain data a template is given (`briefing`, `brand`)
- kind_fields      what the kinds of document add to it, and their template and CSS
- prose_html       resolved prose as HTML, with its footnote calls
- typography       small typographic fixes (a question's last word kept on its line)
- html_document    a briefing's full HTML document for one medium (`render_html`)
- webfonts         the brand's fonts subset and embedded in the web page
- template_checks  templates checked for `check`, and template errors worded for people

Every name a caller needs is importable from here, `from parlbrief.render import
render_html`.
"""

from __future__ import annotations

from parlbrief.render.environment import (
    MAX_HTML_CHARS,
    TemplateLimitError,
    environment,
    find_file,
    time_limit,
)
from parlbrief.render.html_document import STYLESHEET, TEMPLATE, WEB_STYLESHEET, render_html
from parlbrief.render.template_checks import (
    CHECK_SECONDS,
    MEDIA,
    check_templates,
    describe_template_error,
    template_error,
    try_templates,
)
from parlbrief.render.views import (
    Medium,
    View,
    brand_view,
    briefing_view,
    contact_view,
    details_view,
    plain,
    questions_heading,
    shared_addressee,
)

__all__ = [
    "CHECK_SECONDS",
    "MAX_HTML_CHARS",
    "MEDIA",
    "STYLESHEET",
    "TEMPLATE",
    "WEB_STYLESHEET",
    "Medium",
    "TemplateLimitError",
    "View",
    "brand_view",
    "briefing_view",
    "check_templates",
    "contact_view",
    "describe_template_error",
    "details_view",
    "environment",
    "find_file",
    "plain",
    "questions_heading",
    "render_html",
    "shared_addressee",
    "template_error",
    "time_limit",
    "try_templates",
]
