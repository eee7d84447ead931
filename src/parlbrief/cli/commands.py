"""The app with every command registered on it (what `parlbrief` runs, and tests call)."""

from __future__ import annotations

import typer

from parlbrief import __version__
from parlbrief.cli import build, check, figures, source  # noqa: F401 - registers their commands
from parlbrief.cli import publish  # noqa: F401 - registers its command
from parlbrief.cli import questions  # noqa: F401 - registers questions
from parlbrief.cli import serve  # noqa: F401 - registers serve (live preview)
from parlbrief.cli import start  # noqa: F401 - registers init and new
from parlbrief.cli.core import app

__all__ = ["app"]


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
