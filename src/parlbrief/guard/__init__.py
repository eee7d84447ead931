"""The output guard: the last look at a briefing's pages before they are written, so that
nothing in them runs, loads from elsewhere or sends anything (templates, CSS and brands
come from shared projects, so the HTML they make is untrusted too).

    csp          the web page's security policy, put first in its <head>
    markup       the page's elements and attributes, parsed as a browser parses them
    stylesheets  its CSS, tokenized as a browser does
    addresses    the links and loads a page may hold
    refusals     whether a page may be written, and where its problem was written
"""

from __future__ import annotations

from parlbrief.guard.addresses import link_refusal, load_refusal, pdf_link_refusal
from parlbrief.guard.csp import CSP_META, CSP_POLICY, with_csp
from parlbrief.guard.markup import (
    Finding,
    check_html,
    check_pdf_html,
    inspect_page,
    pdf_link_findings,
    pdf_link_targets,
)
from parlbrief.guard.stylesheets import check_css

__all__ = [
    "CSP_META",
    "CSP_POLICY",
    "Finding",
    "check_css",
    "check_html",
    "check_pdf_html",
    "inspect_page",
    "link_refusal",
    "load_refusal",
    "pdf_link_findings",
    "pdf_link_refusal",
    "pdf_link_targets",
    "with_csp",
]
