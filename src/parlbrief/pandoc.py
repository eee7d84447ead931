"""Running Pandoc (from pypandoc-binary), as the Word writer and the CSL notes both do.

Always with --sandbox: Pandoc then reads only the files named on its command line and
fetches nothing (a project's .csl naming a parent style on the web, a picture in the
HTML), and within a time limit.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence

from parlbrief.errors import RenderError

#: How long one Pandoc run may take.
PANDOC_SECONDS = 60


def run_pandoc(
    args: Sequence[str], given: str, *, doing: str, env: Mapping[str, str] | None = None
) -> bytes:
    """Pandoc's output for `given` (UTF-8 text on its input) with `args`; a failure is a
    RenderError saying it could not `doing` ('make the Word document')."""
    from pypandoc import get_pandoc_path  # type: ignore[import-untyped]

    command = [get_pandoc_path(), "--sandbox", "--quiet", *args]
    try:
        done = subprocess.run(
            command, input=given.encode("utf-8"), capture_output=True,
            env=None if env is None else dict(env), timeout=PANDOC_SECONDS, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"Pandoc could not {doing} ({exc})") from exc
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()[:300]
        raise RenderError(f"Pandoc could not {doing}: {said}")
    return done.stdout
