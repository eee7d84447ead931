"""After a build, the output folder holds only what the build would make now.

Two kinds of file outlive what they were made from: the outputs of a briefing (or a
variant) that no longer exists, and the formats of an output made once on request (a
Word file, an email) whose briefing has changed since and was rebuilt without them, so
that a `.docx` of last week's text sits beside this week's PDF. Both are removed, and
the build says so in one line. A format made by default (the PDF, the web page) is
never removed from a briefing that still exists: `build --format html` for a quick look
must not delete the PDF someone is about to send (the next full build remakes it).

Only files the manifest says a build made there, under the names a build gives them,
are ever removed: build/manifest.json is a project file like any other, so a name in it
that leads out of the folder, or is not what parlbrief would call that output, is left
alone. A briefing that failed keeps every file it had.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from parlbrief.pipeline.manifest import Entry
from parlbrief.pipeline.plan import output_name
from parlbrief.write.formats import DEFAULT_FORMATS

#: How many removed files the build's line names before saying how many more.
SHOWN = 3


def stale_files(
    out: Path,
    before: Mapping[str, Entry],
    now: Mapping[str, Entry],
    current: Iterable[str],
    built: Iterable[str],
) -> list[Path]:
    """Files in `out` that entries `before` list and the build no longer makes: each of
    an output not among `current`, and each format a rebuilt (`built`) output lost."""
    keys, rebuilt = set(current), set(built)
    stale = []
    for key, entry in sorted(before.items()):
        if key in keys and key not in rebuilt:
            continue  # up to date, or failed: its files stay
        kept = now[key].files if key in now else {}
        for fmt, name in sorted(entry.files.items()):
            if fmt in kept or (key in keys and fmt in DEFAULT_FORMATS):
                continue
            if (path := _made_here(out, key, fmt, name)) is not None:
                stale.append(path)
    return stale


def _made_here(out: Path, key: str, fmt: str, name: str) -> Path | None:
    """The file, if it is a build's own output in `out` (by name, place and kind)."""
    if name != output_name(key, fmt):
        return None
    path = out / name
    inside = path.resolve().is_relative_to(out.resolve())
    return path if inside and path.is_file() and not path.is_symlink() else None


def remove(out: Path, paths: list[Path]) -> str | None:
    """Remove `paths`; the build's line about them (None when there were none)."""
    gone = []
    for path in paths:
        try:
            path.unlink()
        except OSError:
            continue  # still there: said nowhere, tried again next build
        gone.append(path.relative_to(out).as_posix())
        if path.parent != out:  # a variant's folder, empty once its last file goes
            with contextlib.suppress(OSError):
                path.parent.rmdir()
    if not gone:
        return None
    more = f" and {len(gone) - SHOWN} more" if len(gone) > SHOWN else ""
    count = f"{len(gone)} file{'s' if len(gone) != 1 else ''}"
    return f"Removed {count} this build no longer makes: {', '.join(gone[:SHOWN])}{more}."
