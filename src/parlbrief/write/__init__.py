"""Stage 5: write the HTML page and the PDF, each replacing the old file atomically."""

from __future__ import annotations

from pathlib import Path

from parlbrief.atomic import write_bytes

__all__ = ["ALL_FORMATS", "DEFAULT_TIMEOUT", "FORMATS", "HAND_ON_FORMATS", "write_html"]

#: What a briefing is built as by default, and published as.
FORMATS = ("pdf", "html")
#: Made only when asked (`--format docx,eml`): Word and email, to hand on (write.handon).
HAND_ON_FORMATS = ("docx", "eml")
#: Every format `--format` takes.
ALL_FORMATS = FORMATS + HAND_ON_FORMATS
#: Seconds one PDF may take to render before its worker is stopped (`--timeout`).
DEFAULT_TIMEOUT = 120.0


def write_html(target: Path, html: str) -> None:
    write_bytes(target, html.encode("utf-8"))
