"""The `parlbrief` command's entry point.

Ctrl-C is taken over before anything else is imported, so that it never prints a
traceback, however early it comes: the command stops, cleanup runs as the interrupt
passes up (workers stopped, temporary files removed), and it exits with 130.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import NoReturn

#: The exit code of a command stopped by Ctrl-C, as shells report SIGINT (128 + 2).
EXIT_INTERRUPTED = 130


class Interrupted(BaseException):
    """Ctrl-C. Not a KeyboardInterrupt, which click would turn into "Aborted!" and exit
    code 1; not an Exception, so that no `except Exception` swallows it."""


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise Interrupted


def main() -> NoReturn:
    """Run the command line; Ctrl-C stops it quietly with exit code 130."""
    signal.signal(signal.SIGINT, _interrupt)
    # parlbrief's models are its own: scanning every installed package for pydantic
    # plugins (observability hooks) adds nothing. A value set by the user wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        from parlbrief.cli.commands import app

        app()
    except Interrupted:
        # Plain print: rich may not be loaded, and this must not fail.
        print(
            "Stopped (Ctrl-C). Files already written are whole; run the command again to finish.",
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(0)  # pragma: no cover - the app exits itself
