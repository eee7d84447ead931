"""Whether a page may be written, and if not, the problem a press officer reads: what the
output guard (guard.markup) refuses in it and citation or figure markup left in its
text, at the line of the project's file that writes the first thing refused.

Both the web page (in the builder) and the HTML given to WeasyPrint (in the render
worker) are refused here, in the same words.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from parlbrief.errors import NOWHERE, Origin, RenderError
from parlbrief.guard.markup import Finding, inspect_page
from parlbrief.project import shown_path

#: The project's folders a refused element could have been written in.
SEARCHED = ("templates", "sources", "briefings")
#: Files larger than this are not searched for where a finding was written.
SEARCHED_BYTES = 1_000_000
#: Reasons a refusal lists before "and N more".
SHOWN_REASONS = 5


def refuse_page(
    html: str, expected: Iterable[str], *, pdf: bool, what: str, root: Path | None
) -> None:
    """Raise a RenderError ('`what`: <the reasons>') if the page may not be written.

    `expected` is the citation-like markup the briefing prints on purpose (see
    resolve.leftovers); `root`, the project whose files are searched for where the first
    refused element is written (None: not searched).
    """
    from parlbrief.resolve.leftovers import find_leftover_markup

    findings, text = inspect_page(html, pdf=pdf)
    reasons = [f.text for f in findings] + [
        f"{found} would be printed as typed: citations and figures work only in prose "
        "(a summary, a section's text, an argument, a question) - move it there or reword it"
        for found in find_leftover_markup(text, expected)
    ]
    if reasons:
        origin = located(findings[0], root) if findings and root is not None else NOWHERE
        raise RenderError(refusal(what, reasons), origin)


def refusal(what: str, reasons: Sequence[str]) -> str:
    """'the PDF was not made: <the first five reasons>; and N more'."""
    more = len(reasons) - SHOWN_REASONS
    tail = f"; and {more} more" if more > 0 else ""
    return f"{what}: {'; '.join(reasons[:SHOWN_REASONS])}{tail}"


def located(finding: Finding, root: Path) -> Origin:
    """Where in the project (templates, sources, briefings) the finding's element is
    written, as `templates/briefing.html.j2:12`; NOWHERE if it cannot be found."""
    inside = root.resolve()
    files = [p for folder in SEARCHED for p in sorted((root / folder).rglob("*"))]
    found = where_written(finding, [p for p in files if p.resolve().is_relative_to(inside)])
    return NOWHERE if found is None else Origin(shown_path(found[0], root), found[1])


def where_written(finding: Finding, files: Iterable[Path]) -> tuple[Path, int] | None:
    """The first of `files` (and its line) where the element or attribute a finding
    names is written, such as the template line behind a refused `<iframe>`; None if
    the finding names none or no file has it. Links and very large files are skipped."""
    if not finding.element:
        return None
    tag, attribute = re.escape(finding.element), re.escape(finding.attribute)
    needle = re.compile(
        rf"<{tag}\b[^>]*\b{attribute}\s*=" if attribute else rf"<{tag}\b", re.IGNORECASE
    )
    for path in files:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > SEARCHED_BYTES:
            continue
        with contextlib.suppress(OSError, UnicodeDecodeError):
            for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
                if needle.search(line):
                    return path, number
    return None
