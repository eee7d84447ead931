"""References as BibTeX or BibLaTeX: `sources/references/*.bib`, read by Pandoc.

A `.bib` file (Zotero's Better BibTeX export, kept in sync, or a library kept by hand)
is turned into CSL JSON by Pandoc's own BibTeX reader (`pandoc -f biblatex -t
csljson`, sandboxed like every Pandoc run), then read as a Zotero CSL-JSON export is
(load.csl_json). Each entry keeps the line its `@type{key,` starts on, so a message
can say `library.bib:12: ...`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from parlbrief.errors import Origin, Problems, RenderError
from parlbrief.load.csl_json import LocatedItem, read_text, usable
from parlbrief.pandoc import run_pandoc

#: An entry's opening, '@article{smith2019,', and its key.
_ENTRY = re.compile(r"^[ \t]*@[A-Za-z]+[ \t]*[{(][ \t]*([^,\s]+)[ \t]*,", re.MULTILINE)
#: Where Pandoc's reader says it stopped: 'Error at (line 3, column 1):'.
_AT = re.compile(r"line (\d+), column (\d+)\)?:?")
_TO_DO = (
    "check this entry and the one before it for a missing } or comma (or export the library again)"
)


def read_bibtex(path: Path, shown: str, problems: Problems) -> list[LocatedItem]:
    """The entries of the BibTeX file at `path` (`shown` in messages) as CSL items; an
    entry that cannot be used is reported and left out."""
    text = read_text(path, shown, problems)
    if text is None:
        return []
    try:
        converted = run_pandoc(
            ["-f", "biblatex", "-t", "csljson"], text, doing=f"read {shown} as BibTeX"
        )
        items = json.loads(converted.decode("utf-8"))
    except (RenderError, ValueError) as exc:
        problems.error(*_fault(str(exc), shown))
        return []
    lines = {m[1]: text.count("\n", 0, m.start()) + 1 for m in _ENTRY.finditer(text)}
    found = [LocatedItem(item, Origin(shown, lines.get(str(item.get("id")), 1))) for item in items]
    return [item for item in found if usable(item, problems)]


def _fault(said: str, shown: str) -> tuple[Origin, str]:
    """Where Pandoc's BibTeX reader stopped, and why, as parlbrief says it."""
    at = _AT.search(said)
    rest = said[at.end() :] if at else said
    # Pandoc goes on to quote the line with a caret under the place: its first line says it.
    why = next((line.strip() for line in rest.splitlines() if line.strip()), rest)
    where = Origin(shown, int(at[1]), int(at[2])) if at else Origin(shown, 1)
    return where, f"is not valid BibTeX here ({why.strip(': ')}) - {_TO_DO}"
