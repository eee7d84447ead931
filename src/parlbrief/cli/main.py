"""The `parlbrief` command's entry point: every command registered, then the app run."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import NoReturn

import typer

from parlbrief import __version__
from parlbrief.cli import build, check, figures  # noqa: F401 - registers their commands
from parlbrief.cli.core import app, err

#: The exit code of a command stopped by Ctrl-C, as shells report SIGINT (128 + 2).
EXIT_INTERRUPTED = 130


class Interrupted(BaseException):
    """Ctrl-C. Not a KeyboardInterrupt, which click would turn into "Aborted!" and exit
    code 1; cleanup (`finally`, context managers) runs as it passes up."""


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise Interrupted


def _version(value: bool) -> None:
    if value:
        typer.echo(f"parlbrief {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show version."
    ),
) -> None:
    """parlbrief: sourced parliamentary briefings from your evidence."""


def main() -> NoReturn:
    """Run the command line; Ctrl-C stops it quietly with exit code 130."""
    # parlbrief's models are its own: scanning every installed package for pydantic
    # plugins (observability hooks) adds nothing. A value set by the user wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    signal.signal(signal.SIGINT, _interrupt)
    try:
        app()
    except Interrupted:
        err().print(
            "[red]Stopped (Ctrl-C).[/] Files already written are whole; run the "
            "command again to finish."
        )
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(0)  # pragma: no cover - typer exits itself
