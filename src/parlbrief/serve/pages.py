"""The pages a preview serves: the index, each briefing's web page as built (with the
reload script and any problems added), a frame for its PDF, and a page to wait on.

Why a page served here may run a script when the built page may not: the built web
page carries `CSP_META` (`default-src 'none'`, no script at all), which is right for a
file that goes to an MP's office. The preview serves a copy of it with that policy
swapped for `PREVIEW_POLICY`, which adds exactly two things: the one script this
server sends (`/_parlbrief/live.js`, allowed by a nonce made for each response, so no
other script, inline or from anywhere, runs) and requests back to this server asking
whether the page changed (`connect-src 'self'`). It is safe because the server answers only on
127.0.0.1, only for the preview, and only with this copy: the page the build wrote
(in the preview folder, and `build/` is never touched) keeps its own policy, and the
guard has already refused any script the templates or prose tried to put in it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import PurePosixPath

from parlbrief.guard import CSP_META

#: The reload script's address, and where it asks for a page's stamp (the page's own
#: path follows: `/_parlbrief/stamp/briefing-5.html`).
LIVE_JS = "/_parlbrief/live.js"
STAMP = "/_parlbrief/stamp"
#: The preview's own look (problems panel, index), a stylesheet from this server.
PREVIEW_CSS = "/_parlbrief/preview.css"


def preview_policy(nonce: str, *, frames: bool = False, header: bool = True) -> str:
    """The built page's policy plus this server's script (by nonce), its stylesheet and
    its questions about the page's stamp; `frames` lets the PDF's page show the PDF
    from this server. `frame-ancestors` is only for the header (browsers ignore it in
    a `<meta>`)."""
    return (
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src data:; "
        f"font-src data:; script-src 'nonce-{nonce}'; connect-src 'self'; "
        + ("frame-src 'self'; " if frames else "")
        + "base-uri 'none'; form-action 'none'"
        + ("; frame-ancestors 'self'" if header else "")
    )


def _head(nonce: str, stamp: str, *, frames: bool = False) -> str:
    policy = html.escape(preview_policy(nonce, frames=frames, header=False))
    return (
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f'<link rel="stylesheet" href="{PREVIEW_CSS}">\n'
        f'<script src="{LIVE_JS}" nonce="{nonce}" data-stamp="{html.escape(stamp)}" defer>'
        "</script>\n"
    )


def _panel(problems: Sequence[str], warnings: Sequence[str] = ()) -> str:
    """The problems (and warnings) as a panel at the top of the page, or nothing."""
    if not problems and not warnings:
        return ""
    items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
    said = "".join(f'<li class="warning">{html.escape(w)}</li>' for w in warnings)
    heading = (
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''}: this page shows the "
        "last good build, and will update when the files are fixed"
        if problems
        else "Warnings"
    )
    return (
        f'<section id="parlbrief-problems" role="alert" aria-live="assertive">'
        f"<h2>{heading}</h2><ul>{items}{said}</ul></section>\n"
    )


def briefing_page(built: str, nonce: str, stamp: str, problems: list[str]) -> str:
    """A built web page as the preview serves it: its policy swapped for the preview's,
    the reload script added, and any problems shown at the top."""
    head = _head(nonce, stamp)
    page = built.replace(CSP_META, head, 1) if CSP_META in built else _after_head(built, head)
    panel = _panel(problems)
    if panel:
        match = re.search(r"<body(\s[^>]*)?>", page, re.IGNORECASE)
        at = match.end() if match else len(page)
        page = page[:at] + "\n" + panel + page[at:]
    return page


def _after_head(page: str, head: str) -> str:
    match = re.search(r"<head(\s[^>]*)?>", page, re.IGNORECASE)
    at = match.end() if match else 0
    return page[:at] + "\n" + head + page[at:]


def _document(title: str, body: str, nonce: str, stamp: str, *, frames: bool = False) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        + _head(nonce, stamp, frames=frames)
        + f'<title>{html.escape(title)}</title>\n</head>\n<body class="parlbrief-preview">\n'
        + body
        + "\n</body>\n</html>\n"
    )


def index_page(
    name: str,
    titles: dict[str, str],
    built: dict[str, str],
    problems: list[str],
    warnings: list[str],
    *,
    building: bool,
    nonce: str,
    stamp: str,
) -> str:
    """The list of briefings, each with links to its web page and its PDF."""
    rows = []
    for key, title in titles.items():
        links = []
        if f"{key}.html" in built:
            links.append(f'<a href="/{key}.html">web page</a>')
        if f"{key}.pdf" in built:
            links.append(f'<a href="/pdf/{key}">PDF</a>')
            links.append(f'<a href="/{key}.pdf">PDF file</a>')
        shown = " · ".join(links) or "being built…"
        rows.append(
            f'<li><span class="title">{html.escape(title)}</span> '
            f"<code>{html.escape(key)}</code><br>{shown}</li>"
        )
    status = '<p class="status">Building…</p>' if building else ""
    listing = f'<ul class="briefings">{"".join(rows)}</ul>' if rows else ""
    if not rows and not building and not problems:
        listing = "<p>This project has no briefings yet.</p>"
    body = (
        f"<h1>Preview of {html.escape(name)}</h1>\n{status}{_panel(problems, warnings)}"
        f'{listing}\n<p class="hint">Save any file under sources/, briefings/ or '
        "templates/ (or parlbrief.yaml) and the pages open here update themselves.</p>"
    )
    return _document(f"Preview: {name}", body, nonce, stamp)


def pdf_page(key: str, title: str, problems: list[str], nonce: str, stamp: str) -> str:
    """The PDF in a frame, under any problems, reloaded when the PDF is rebuilt."""
    body = (
        f'<p class="back"><a href="/">All briefings</a> · <a href="/{key}.html">web page</a>'
        f' · <a href="/{key}.pdf">PDF file</a></p>\n{_panel(problems)}'
        f'<iframe class="pdf" src="/{key}.pdf" title="{html.escape(title)} (PDF)"></iframe>'
    )
    return _document(f"{title} (PDF)", body, nonce, stamp, frames=True)


def waiting_page(path: str, problems: list[str], nonce: str, stamp: str) -> str:
    """A page not built yet (or not buildable now): says so, and reloads when it is."""
    what = html.escape(PurePosixPath(path).name)
    body = f'<p class="back"><a href="/">All briefings</a></p>\n{_panel(problems)}' + (
        "" if problems else f'<p class="status">{what} is being built…</p>'
    )
    return _document(what, body, nonce, stamp)


#: Milliseconds between a page's questions "has my stamp changed?", and after the
#: preview could not be reached (stopped, or busy), before asking again.
POLL_MS = 500
RETRY_MS = 2000

#: Reloads the page when its stamp changes. Each question is one short request that the
#: server answers at once, so an open page holds no connection: a browser opens at most
#: six to one host, and a stream held open by every tab left the seventh tab waiting
#: for ever. A page the server does not list (being built, say) follows the index's
#: stamp, so it reloads when anything is built. A tab brought back into view asks at
#: once, since browsers slow the timers of tabs out of view.
LIVE_SCRIPT = """\
(function () {
  "use strict";
  var mine = document.currentScript.getAttribute("data-stamp");
  var address = "/_parlbrief/stamp" + location.pathname;
  var timer = 0;
  var asking = false;
  function later(ms) {
    clearTimeout(timer);
    timer = setTimeout(ask, ms);
  }
  function ask() {
    if (asking) return;
    asking = true;
    fetch(address, { cache: "no-store" })
      .then(function (answer) {
        if (!answer.ok) throw new Error(String(answer.status));
        return answer.text();
      })
      .then(function (now) {
        asking = false;
        if (now !== mine) location.reload();
        else later(POLL_MS);
      }, function () {
        asking = false;
        later(RETRY_MS);
      });
  }
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) later(0);
  });
  later(POLL_MS);
})();
""".replace("RETRY_MS", str(RETRY_MS)).replace("POLL_MS", str(POLL_MS))

STYLESHEET = """\
#parlbrief-problems { position: sticky; top: 0; z-index: 2147483647; margin: 0 0 1em;
  padding: 0.75em 1em; background: #fff4f4; color: #5c0000; border: 3px solid #b00020;
  font: 15px/1.4 system-ui, sans-serif; }
#parlbrief-problems h2 { font-size: 16px; margin: 0 0 0.5em; color: #5c0000; }
#parlbrief-problems ul { margin: 0; padding-left: 1.2em; }
#parlbrief-problems li { white-space: pre-wrap; font-family: ui-monospace, monospace; }
#parlbrief-problems li.warning { color: #6b4e00; }
body.parlbrief-preview { font: 16px/1.5 system-ui, sans-serif; margin: 1.5em auto;
  max-width: 60em; padding: 0 1em; }
body.parlbrief-preview .briefings li { margin: 0.6em 0; }
body.parlbrief-preview .title { font-weight: 600; }
body.parlbrief-preview iframe.pdf { width: 100%; height: 85vh; border: 1px solid #999; }
"""
