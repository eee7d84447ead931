"""HTML to PDF with WeasyPrint, which is imported only here (it takes a second to load)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.urls import URLFetcher

from parlbrief.errors import RenderError


class ProjectFetcher(URLFetcher):  # type: ignore[misc]
    """Lets a briefing load `data:` URLs and files from its template folders, nothing else.

    No network, no file outside the project's templates: a fragment cannot pull a
    local file or a web resource into a PDF that goes to an MP's office.
    """

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: object = None) -> object:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"refused to load {url}: it is outside the project's templates")
        elif scheme != "data":
            raise ValueError(f"refused to load {url}: only files in templates/ may be used")
        return super().fetch(url, headers)


def write_pdf(target: Path, html: str, base: Path, roots: list[Path]) -> bytes:
    """Render `html` to PDF bytes (PDF/UA-1 tagged); `target` is for messages only."""
    try:
        document = weasyprint.HTML(
            string=html, base_url=base.as_uri() + "/", url_fetcher=ProjectFetcher(roots)
        )
        data: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    except Exception as exc:  # WeasyPrint raises many kinds; the user needs one message.
        raise RenderError(f"{target.name}: the PDF could not be made: {exc}") from exc
    return data
