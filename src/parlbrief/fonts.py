"""Whether a font a brand names is installed, as fontconfig sees it (WeasyPrint lays out
text with Pango, which finds fonts through fontconfig).

One `fc-list` call per run lists every installed family; `fc-match` is asked only
about a font that is missing, to say which font will print instead. Where fontconfig
is not installed (or fails), nothing is said: the check is a courtesy, not a rule.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache

#: The families base.html.j2 lists after the brand's own, in order.
FALLBACKS = ("Lato", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif")
_SECONDS = 10


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
