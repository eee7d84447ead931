"""The web page's Content Security Policy: even if something slipped past the checks,
a browser opening the page runs no script and loads nothing from the web (OWASP
Content Security Policy Cheat Sheet; a `<meta>` policy covers all but frame-ancestors,
report-uri and sandbox, none of which a file needs)."""

from __future__ import annotations

import re

#: A self-contained page: inline `<style>` and `style=""`, pictures and fonts embedded
#: as `data:`, no script, no frames, no plug-ins, no connections, no `<base>` to
#: redirect relative links, no form that could send what a reader types.
CSP_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP_POLICY}">'


def with_csp(html: str) -> str:
    """`html` with `CSP_META` inserted at the top of `<head>` (see guard.markup.check_html).

    After `<meta charset>` when it comes first (it must stay in the first 1024 bytes),
    else after `<head>`, else after the doctype: HTML's parser puts a `<meta>` found
    before `<head>` into the head it creates, so the policy still comes first.
    """
    for pattern in (
        r"<meta\s+charset\s*=\s*[\"']?utf-8[\"']?\s*/?>",
        r"<head(\s[^>]*)?>",
        r"<!doctype[^>]*>",
    ):
        match = re.search(pattern, html[:4096], re.IGNORECASE)
        if match:
            return html[: match.end()] + "\n" + CSP_META + html[match.end() :]
    return CSP_META + "\n" + html
