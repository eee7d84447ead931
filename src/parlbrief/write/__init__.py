"""Stage 5: write the HTML page and the PDF, each replacing the old file atomically.

Imported before the first render worker is forked (see prestart), so it imports nothing
at load time.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (see __main__)
if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["DEFAULT_TIMEOUT", "FORMATS", "write_html"]

#: What a briefing can be built as.
FORMATS = ("pdf", "html")
#: Seconds one PDF may take to render before its worker is stopped (`--timeout`).
DEFAULT_TIMEOUT = 120.0


def write_html(target: Path, html: str) -> None:
    from parlbrief.write.atomic import write_bytes

    write_bytes(target, html.encode("utf-8"))
