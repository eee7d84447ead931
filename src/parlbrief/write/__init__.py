"""Stage 5: write the HTML page and the PDF, each replacing the old file atomically."""

from __future__ import annotations

from pathlib import Path

from parlbrief.atomic import write_bytes

__all__ = ["DEFAULT_TIMEOUT", "FORMATS", "write_html"]

#: What a briefing can be built as.
FORMATS = ("pdf", "html")
#: Seconds one PDF may take to render before its worker is stopped (`--timeout`).
DEFAULT_TIMEOUT = 120.0


def write_html(target: Path, html: str) -> None:
    write_bytes(target, html.encode("utf-8"))
