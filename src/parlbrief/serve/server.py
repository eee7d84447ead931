"""The preview's web server: 127.0.0.1 only, and only the pages it knows.

What can be asked for is a short fixed list (`route`): the index `/`, each briefing's
`/<key>.html`, `/<key>.pdf` and `/pdf/<key>` (its PDF in a page that reloads), and the
server's own `/_parlbrief/` script, stylesheet and page stamps. A request is matched
against that list as typed, never turned into a path on disk: a briefing's key (letters,
digits and dashes, one `/` before a variant) picks a file the build wrote in the preview
folder, and anything else (`..`, `%2e%2e`, a backslash, `//`, a source file, a folder)
is 404. The file picked must be a plain file inside the preview folder (a link leading
out is 404 too). A request naming another host (a web page reaching this server by DNS
rebinding) is refused, and every response tells the browser not to sniff, cache or
frame it elsewhere. Each connection answers one request and closes, and the server holds
a bounded number of them, each for a bounded time (serve.connections).
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from parlbrief.pipeline.plan import output_name
from parlbrief.serve import pages
from parlbrief.serve.connections import DEFAULT_LIMITS, BoundedServer, Limits
from parlbrief.serve.preview import Preview, Snapshot

#: The only address the preview listens on.
HOST = "127.0.0.1"

_KEY = r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?"
_PAGE = re.compile(rf"/({_KEY})\.(html|pdf)")
_PDF_PAGE = re.compile(rf"/pdf/({_KEY})")


@dataclass(frozen=True)
class Route:
    """What a request asks for: `kind` is index, page, pdf, pdf-page, script, style,
    stamp or missing; `key` names the briefing output, if any; `page` is the path of
    the page whose stamp is asked for."""

    kind: str
    key: str | None = None
    page: str = "/"


def route(target: str) -> Route:
    """The route for a request target as sent (`/briefing-5.html?x`), never decoded:
    no page's address needs %-escapes, so one with any is not a page."""
    path = target.split("?", 1)[0]
    fixed = {
        "/": "index",
        pages.LIVE_JS: "script",
        pages.PREVIEW_CSS: "style",
    }
    if path in fixed:
        return Route(fixed[path])
    if path.startswith(pages.STAMP + "/"):
        return Route("stamp", page=path.removeprefix(pages.STAMP))
    match = _PAGE.fullmatch(path)
    if match:
        return Route("page" if match.group(2) == "html" else "pdf", match.group(1))
    match = _PDF_PAGE.fullmatch(path)
    if match:
        return Route("pdf-page", match.group(1))
    return Route("missing")


def built_file(out: Path, key: str, fmt: str) -> Path | None:
    """The built file for `key`, if it is a plain file inside `out`."""
    path = out / output_name(key, fmt)
    try:
        if path.is_symlink() or not path.is_file():
            return None
        if not path.resolve().is_relative_to(out.resolve()):
            return None
    except OSError:
        return None
    return path


def refused(out: Path, key: str, fmt: str) -> bool:
    """Whether something is where `key`'s file would be that must not be served (a link,
    a folder, a path through a link leading out of the preview folder)."""
    path = out / output_name(key, fmt)
    return os.path.lexists(path) and built_file(out, key, fmt) is None


class PreviewServer(BoundedServer):
    """The HTTP server, one thread per connection (a bounded number), bound to 127.0.0.1."""

    allow_reuse_address = True

    def __init__(
        self, preview: Preview, port: int, name: str, limits: Limits = DEFAULT_LIMITS
    ) -> None:
        self.preview = preview
        self.name = name
        super().__init__((HOST, port), _Handler, limits)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def allowed_host(self, host: str | None) -> bool:
        """Whether a request's Host header names this server (no header: an old client)."""
        return host is None or host.lower() in {
            f"{HOST}:{self.port}",
            f"localhost:{self.port}",
        }


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "parlbrief-preview"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a preview's terminal shows what was built, not every request."""

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, *, body: bool) -> None:
        if not self.server.allowed_host(self.headers.get("Host")):
            self._send(HTTPStatus.FORBIDDEN, "text/plain", b"Not this server's name.\n", body)
            return
        found = route(self.path)
        preview = self.server.preview
        snap = preview.snapshot
        if found.key is not None and found.key in snap.titles and found.kind != "pdf":
            preview.viewed(found.key)
        nonce = secrets.token_urlsafe(18)  # a new one each time: see pages.preview_policy
        status, kind, data = self._content(found, snap, nonce)
        self._send(status, kind, data, body, csp=kind.startswith("text/html"), nonce=nonce)

    def _content(self, found: Route, snap: Snapshot, nonce: str) -> tuple[HTTPStatus, str, bytes]:
        html = "text/html; charset=utf-8"
        stamps = snap.stamps()
        out = self.server.preview.project.out
        if found.kind == "index":
            page = pages.index_page(
                self.server.name,
                snap.titles,
                snap.files,
                snap.problems(),
                list(snap.warnings),
                building=snap.building,
                nonce=nonce,
                stamp=stamps["/"],
            )
            return HTTPStatus.OK, html, page.encode("utf-8")
        if found.kind == "stamp":
            stamp = stamps.get(found.page, stamps["/"])
            return HTTPStatus.OK, "text/plain; charset=utf-8", stamp.encode()
        if found.kind == "script":
            return HTTPStatus.OK, "text/javascript; charset=utf-8", pages.LIVE_SCRIPT.encode()
        if found.kind == "style":
            return HTTPStatus.OK, "text/css; charset=utf-8", pages.STYLESHEET.encode()
        key = found.key
        if key is None or (snap.titles and key not in snap.titles):
            return _not_found()
        if found.kind == "pdf":
            path = built_file(out, key, "pdf")
            if path is None:
                return _not_found()
            return HTTPStatus.OK, "application/pdf", path.read_bytes()
        fmt = "html" if found.kind == "page" else "pdf"
        if refused(out, key, fmt):
            return _not_found()
        where = f"/{key}.html" if found.kind == "page" else f"/pdf/{key}"
        stamp = stamps.get(where, stamps["/"])
        problems = snap.problems(key)
        path = built_file(out, key, fmt)
        if path is None:
            page = pages.waiting_page(where, problems, nonce, stamp)
            status = HTTPStatus.OK if problems else HTTPStatus.SERVICE_UNAVAILABLE
            return status, html, page.encode("utf-8")
        if found.kind == "page":
            built = path.read_text(encoding="utf-8")
            page = pages.briefing_page(built, nonce, stamp, problems)
        else:
            page = pages.pdf_page(key, snap.titles.get(key, key), problems, nonce, stamp)
        return HTTPStatus.OK, html, page.encode("utf-8")

    def _send(
        self,
        status: HTTPStatus,
        kind: str,
        data: bytes,
        body: bool,
        *,
        csp: bool = False,
        nonce: str = "",
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self._safety_headers()
        if csp:
            frames = self.path.startswith("/pdf/")
            self.send_header("Content-Security-Policy", pages.preview_policy(nonce, frames=frames))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _safety_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")


def _not_found() -> tuple[HTTPStatus, str, bytes]:
    return HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"Not found.\n"
