"""Stage 5: write the outputs, each replacing the old file atomically.

The formats and how each is made are listed once, in parlbrief.write.formats.
"""

from __future__ import annotations

from pathlib import Path

from parlbrief.atomic import write_bytes

__all__ = ["DEFAULT_TIMEOUT", "write_html"]

#: Seconds one PDF may take to render before its worker is stopped (`--timeout`).
DEFAULT_TIMEOUT = 120.0


def write_html(target: Path, html: str) -> None:
    write_bytes(target, html.encode("utf-8"))
