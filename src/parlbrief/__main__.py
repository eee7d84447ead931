"""The `parlbrief` command (and `python -m parlbrief`).

Only the standard library is imported before the first decision: whether this is a
build that will render PDFs. If so, the first render worker starts now, so that it
loads WeasyPrint while the CLI and the pipeline load here (see write.prestart).
"""

from __future__ import annotations

import gc
import os
import sys

# `typing` alone takes several milliseconds to import, all of them before the worker
# can start. mypy and other checkers read a module constant named TYPE_CHECKING as
# typing's own, so the annotations below still check.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import NoReturn


def renders_pdf(args: Sequence[str]) -> bool:
    """Whether the command line asks for a build that may render PDFs.

    A guess made before typer has parsed anything; a wrong "yes" costs one worker
    that is stopped unused, a wrong "no" only the head start.
    """
    if not args or args[0] != "build" or "--help" in args:
        return False
    for i, arg in enumerate(args):
        value = None
        if arg in ("--format", "-f") and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--format="):
            value = arg.partition("=")[2]
        if value is not None and "pdf" not in value.lower():
            return False
    return True


def main() -> NoReturn:
    # During a check the cycle collector runs over a hundred times, about 15 ms in
    # all, to free a few hundred objects that importing the libraries leaves behind;
    # checking and templating make no cyclic garbage themselves (measured: none after
    # repeated checks or renders). So this short-lived process goes without it; render
    # workers, where WeasyPrint's layout trees do make cycles, turn it back on.
    gc.disable()
    # parlbrief's models are its own; scanning every installed package for pydantic
    # plugins (observability hooks) would add nothing and costs about 20 ms a run.
    # Typer does the same for its own models. A value set by the user wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if renders_pdf(sys.argv[1:]):
        from parlbrief.write import prestart

        prestart.start()
    from parlbrief.cli import run

    run()


if __name__ == "__main__":
    main()
