"""Golden HTML: Briefing 5's web page must not change unless someone means it to.

The page is rendered from the example project at the repository root and compared,
byte for byte, with tests/render/golden/briefing-5.html. After an intended change to
the example content, the templates, the CSS or the renderer, refresh the golden file:

    PARLBRIEF_REFRESH_GOLDEN=1 .venv/bin/pytest tests/render/test_golden.py

then read `git diff tests/render/golden/` as a reviewer would before committing it.
"""

from __future__ import annotations

import difflib
import os
import re

from parlbrief.check import check
from parlbrief.project import Project
from tests.conftest import EXAMPLE_BRIEFING, REPO, render_page

GOLDEN = REPO / "tests" / "render" / "golden" / f"{EXAMPLE_BRIEFING}.html"
REFRESH = os.environ.get("PARLBRIEF_REFRESH_GOLDEN") == "1"
REFRESH_COMMAND = "PARLBRIEF_REFRESH_GOLDEN=1 .venv/bin/pytest tests/render/test_golden.py"


def rendered() -> str:
    """Briefing 5's web page as a first build writes it (edition 1: no edition history,
    so the page does not depend on what editions/ holds or on today's date), with the
    embedded fonts' data left out (see `without_font_data`)."""
    return without_font_data(render_page(check(Project.at(REPO)), EXAMPLE_BRIEFING, "html"))


def without_font_data(html: str) -> str:
    """The page with each embedded font's data left out: the fonts are binary (and
    depend on the machine's copy of the typeface); the rules are compared."""
    return re.sub(r"data:font/woff2;base64,[A-Za-z0-9+/=]+", "data:font/woff2;base64,...", html)


def test_briefing_5_html_matches_the_golden_file() -> None:
    html = rendered()
    if REFRESH:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8", newline="\n")
    assert GOLDEN.is_file(), f"no golden file yet: run {REFRESH_COMMAND}"
    golden = GOLDEN.read_text(encoding="utf-8")
    if html != golden:
        diff = difflib.unified_diff(
            golden.splitlines(), html.splitlines(), "golden", "rendered", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:60])
        raise AssertionError(
            f"Briefing 5's HTML differs from {GOLDEN.relative_to(REPO)}.\n{shown}\n"
            f"If the change is intended, run: {REFRESH_COMMAND}"
        )
