"""The app with every command registered on it (what `parlbrief` runs, and tests call)."""

from __future__ import annotations

import typer

from parlbrief import __version__

# Importing each command module registers its commands on the app.
from parlbrief.cli import (  # noqa: F401
    build,
    check_command,
    claims,
    figures_command,
    publish_command,
    questions_command,
    serve,
    source,
    start_commands,
)
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
