"""HTML to PDF with WeasyPrint, which is imported only here (it takes a second to load).

Every load WeasyPrint makes (stylesheets, fonts, images, SVG references, attachments)
goes through one fetcher, `ProjectFetcher`, which allows `data:` URLs and files inside
the template folders and refuses everything else at once, before any file is opened or
any connection made. A refusal stops the render (it is a `FatalURLFetchingError`, which
WeasyPrint does not swallow) and is reported naming the URL and the template that asked
for it. The PDF carries no embedded files: `<link rel=attachment>` and
`<a rel=attachment>` are dropped unless the caller asks for attachments.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from parlbrief.errors import RenderError
from parlbrief.write.layout import check_page_limit
from parlbrief.write.parsed_css import worker_sheets
from parlbrief.write.tags import finish, link_notes

#: Files a template may mention, searched to say which one asked for a refused URL.
_TEMPLATE_SUFFIXES = (".j2", ".html", ".css", ".svg", ".yaml")


class RefusedURL(FatalURLFetchingError):  # type: ignore[misc]
    """A load the fetcher will not make; stops the render at once."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"refused to load {url}: {reason}")
        self.url, self.reason = url, reason


class ProjectFetcher(URLFetcher):  # type: ignore[misc]
    """Lets a briefing load `data:` URLs and files from its template folders, nothing else.

    No network (so no wait, whatever the address), no redirects, no file outside the
    template folders, no `..` in a path: a fragment or a template cannot pull a local
    file or a web resource into a PDF that goes to an MP's office.
    """

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(timeout=1, allowed_protocols={"data", "file"}, allow_redirects=False)
        self.roots = [root.resolve() for root in roots]
        self.refused: list[RefusedURL] = []
        """Every refusal, kept because WeasyPrint swallows errors inside SVG drawing."""

    def refusal(self, url: str) -> str | None:
        """Why `url` may not be loaded, or None when it may."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return "it is not a valid address"
        scheme = parts.scheme.lower()
        if scheme == "data":
            return None
        if scheme != "file":
            return "briefings may load only files from the project's templates, never the web"
        if parts.netloc not in ("", "localhost"):
            return "files on other computers may not be loaded"
        raw = unquote(parts.path)
        if ".." in PurePosixPath(raw).parts or "\x00" in raw:
            return "paths with '..' may not be used"
        path = Path(raw).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            return "it is outside the project's templates"
        if not path.is_file():
            return "there is no such file in the templates"
        return None

    def fetch(self, url: str, headers: object = None) -> object:
        reason = self.refusal(url)
        if reason is not None:
            refusal = RefusedURL(url, reason)
            self.refused.append(refusal)
            raise refusal
        return super().fetch(url, headers)


def write_pdf(
    target: Path, html: str, base: Path, roots: list[Path], *, attachments: bool = False
) -> bytes:
    """Render `html` to PDF bytes (PDF/UA-1 tagged, notes finished by write.tags);
    `target` is for messages only.

    `attachments=False` (the default) drops every file attachment the HTML asks for.
    """
    fetcher = ProjectFetcher(roots)
    base_url = base.as_uri() + "/"
    sheets = worker_sheets()
    try:
        page, parsed = sheets.take(html, base_url, fetcher, roots)
        document = weasyprint.HTML(string=page, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=parsed,
            font_config=sheets.fonts,
            counter_style=sheets.counters,
            pdf_variant="pdf/ua-1",
        )
        check_page_limit(document, html)  # a one-pager that runs over: measured here
        if not attachments:
            _drop_attachments(document)
        link_notes(document)
        data: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
        if fetcher.refused:
            raise fetcher.refused[0]
        data = finish(data)  # notes tagged as notes, dc:language, page labels
    except RefusedURL as exc:
        raise _refused(target, exc, fetcher.roots) from None
    except FatalURLFetchingError as exc:
        raise RenderError(f"{target.name}: the PDF could not be made: {exc}") from None
    except Exception as exc:  # WeasyPrint raises many kinds; the user needs one message.
        raise RenderError(f"{target.name}: the PDF could not be made: {exc}") from exc
    return data


def _refused(target: Path, exc: RefusedURL, roots: list[Path]) -> RenderError:
    where = mentioned_in(exc.url, roots)
    return RenderError(
        f"{target.name}: {exc}"
        + (f" (asked for in {where})" if where else "")
        + " - use only files from templates/ (or images from sources/assets/ in prose)"
    )


def _drop_attachments(document: object) -> None:
    """No embedded files: forget `<link rel=attachment>` and `<a rel=attachment>`."""
    metadata = getattr(document, "metadata", None)
    if metadata is not None:
        metadata.attachments = []
    for page in getattr(document, "pages", []):
        page.links = [link for link in page.links if link[0] != "attachment"]


def mentioned_in(url: str, roots: list[Path]) -> str | None:
    """The first template file and line mentioning `url` (or its file name), if any."""
    parts = urlsplit(url)
    name = PurePosixPath(unquote(parts.path)).name
    needles = [n for n in (url, unquote(parts.path), name) if n and n != "/"]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix not in _TEMPLATE_SUFFIXES or not path.is_file():
                continue
            try:
                lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
            except OSError:
                continue
            for number, line in enumerate(lines, start=1):
                if any(needle in line for needle in needles):
                    return f"{root.name}/{path.relative_to(root).as_posix()}:{number}"
    return None
