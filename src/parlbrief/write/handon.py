"""The formats made to hand on: Word (write.docx) and email (write.eml).

The builder calls `write_hand_on` for each one planned, once the briefing's PDF and
web page are written, so that the email attaches the PDF just made.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from parlbrief.errors import RenderError
from parlbrief.resolve import ResolvedBriefing


def write_hand_on(
    fmt: str, target: Path, resolved: ResolvedBriefing, edition: Mapping[str, Any], pdf: Path
) -> None:
    """Write `resolved` as `fmt` ('docx' or 'eml') to `target`; `pdf` is its PDF."""
    if fmt == "docx":
        from parlbrief.write.docx import write_docx

        write_docx(target, resolved, edition)
    elif fmt == "eml":
        if not pdf.is_file():
            raise RenderError(
                "the email was not written: it attaches the PDF, which has not been built "
                "- build with --format pdf,eml"
            )
        from parlbrief.write.eml import write_eml

        write_eml(target, resolved, edition, pdf)
    else:
        raise ValueError(f"{fmt} is not a format to hand on")
