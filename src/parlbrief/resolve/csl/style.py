"""Which CSL style words a briefing's notes: `citation_style:` in the briefing, else in
parlbrief.yaml, else OSCOLA 4th edition.

A name is a style parlbrief ships (`oscola`, `oscola-no-ibid`, `harvard`) or a .csl
file inside the project. A project's file is untrusted: it must be small, well-formed
XML and a CSL style; what is wrong with it is said at its own line. Pandoc reads it
sandboxed (parlbrief.pandoc), so it cannot fetch anything.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from parlbrief.errors import ContentError, Origin, Problem, Problems
from parlbrief.model import Briefing, Settings
from parlbrief.resolve.csl.cite_notes import DEFAULT_STYLE, STYLES, style_path

#: A CSL style is tens of kilobytes; the largest in the CSL repository are under 200.
MAX_STYLE_BYTES = 1_000_000
_CSL = "{http://purl.org/net/xbiblio/csl}"
_TO_DO = "download the style again from https://www.zotero.org/styles, or fix the file"


def briefing_style(
    settings: Settings, briefing: Briefing, root: Path | None, problems: Problems
) -> Path:
    """The style file for `briefing`; OSCOLA, with each problem reported, if the style
    named cannot be used."""
    own = briefing.citation_style
    name, where = (own, briefing.at("citation_style")) if own else _project_style(settings)
    if not name:
        return DEFAULT_STYLE
    found: list[Problem] = []
    path = _checked(name, root or Path("."), where, found)
    for problem in found:
        if problem not in problems.items:  # said once, not once per briefing
            problems.items.append(problem)
    return path or DEFAULT_STYLE


def _project_style(settings: Settings) -> tuple[str | None, Origin]:
    return settings.citation_style, settings.at("citation_style")


def _checked(name: str, root: Path, where: Origin, found: list[Problem]) -> Path | None:
    try:
        path = style_path(name, root, where)
    except ContentError as refused:
        found += refused.problems
        return None
    if path.parent == STYLES:
        return path
    shown = path.relative_to(root.resolve()).as_posix()
    problem = style_problem(path, shown)
    if problem is not None:
        found.append(problem)
        return None
    return path


def style_problem(path: Path, shown: str) -> Problem | None:
    """What makes the .csl file at `path` (`shown` in messages) unusable, or None."""
    size = path.stat().st_size
    if size > MAX_STYLE_BYTES:
        return Problem(
            Origin(shown, 1),
            f"the citation style is {size:,} bytes, more than a CSL style ever needs"
            f" ({MAX_STYLE_BYTES:,}) - {_TO_DO}",
            "error",
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(path.read_bytes(), parser)
    except etree.XMLSyntaxError as bad:
        line = bad.lineno or 1
        said = str(bad.msg).split(", line ")[0]
        message = f"the citation style is not well-formed XML: {said} - {_TO_DO}"
        return Problem(Origin(shown, line), message, "error")
    if root.tag != f"{_CSL}style" or root.find(f"{_CSL}citation") is None:
        return Problem(
            Origin(shown, root.sourceline or 1),
            "this file is not a CSL style (its first element is not <style> in the"
            f" CSL namespace, with a <citation>) - {_TO_DO}",
            "error",
        )
    return None
