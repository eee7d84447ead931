"""The fonts a brand names, as fontconfig sees them (WeasyPrint lays out text with
Pango, which finds fonts through fontconfig): whether one is installed, which prints
instead, and the file of each face (the web page carries it, render.webfonts).

One `fc-list` call per run lists every installed family; `fc-match` is asked only
about a font that is missing, to say which font will print instead, and for the file
of a face the web page uses. Where fontconfig is not installed (or fails), nothing is
said: the check is a courtesy, not a rule, and the page falls back to other fonts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache

#: The families base.html.j2 lists after the brand's own, in order.
FALLBACKS = ("Lato", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif")
_SECONDS = 10
#: fontconfig's weight scale for each CSS weight (fontconfig.h: FC_WEIGHT_*).
_FC_WEIGHTS = {100: 0, 200: 40, 300: 50, 400: 80, 500: 100, 600: 180, 700: 200, 800: 205, 900: 210}


@cache
def installed_families() -> frozenset[str] | None:
    """Every installed font family, case-folded; None when fontconfig cannot say."""
    found = _run("fc-list", "--format", "%{family}\n")
    if found is None:
        return None
    return frozenset(
        name.strip().casefold() for line in found.splitlines() for name in line.split(",")
    ) - {""}


def is_installed(family: str) -> bool | None:
    """Whether `family` is installed; None when fontconfig cannot say."""
    families = installed_families()
    return None if families is None else family.casefold() in families


@cache
def used_instead(families: tuple[str, ...]) -> str | None:
    """The font fontconfig picks for a list of families, as Pango asks it to."""
    pattern = ",".join(_escape(name) for name in families)
    picked = _run("fc-match", "--format", "%{family[0]}", pattern)
    return picked.strip() or None if picked is not None else None


@cache
def font_file(family: str, weight: int, italic: bool) -> str | None:
    """The file of `family`'s face at a CSS weight (100-900), upright or italic; None if
    fontconfig would give another family's (never shown under the brand's name)."""
    slant = 100 if italic else 0
    pattern = f"{_escape(family)}:weight={_FC_WEIGHTS[weight]}:slant={slant}"
    found = _run("fc-match", "--format", "%{family}\n%{file}", pattern)
    if found is None:
        return None
    names, _, path = found.partition("\n")
    matched = family.casefold() in {n.strip().casefold() for n in names.split(",")}
    return path.strip() if matched and path.strip() else None


def _escape(family: str) -> str:
    r"""A family name in a fontconfig pattern: '-', ',' and ':' mean something there."""
    return re.sub(r"([\\,:-])", r"\\\1", family)


def _run(program: str, *args: str) -> str | None:
    path = shutil.which(program)
    if path is None:
        return None
    try:
        done = subprocess.run(
            [path, *args], capture_output=True, text=True, timeout=_SECONDS, check=True
        )
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return None
    return done.stdout
