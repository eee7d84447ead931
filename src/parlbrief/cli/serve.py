"""`parlbrief serve [ID]`: preview the briefings in a browser as you write.

The command starts the preview (parlbrief.serve), prints its address and waits. Ctrl-C
is how a preview is meant to end, so it stops quietly: the workers are stopped, the
preview folder removed, and the exit code is 130, as for any command stopped so. An
editor's stop button (SIGTERM) and a closed terminal (SIGHUP) stop it the same way,
with 128 + the signal's number.
"""

from __future__ import annotations

import contextlib
import signal
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import typer

from parlbrief.cli.core import (
    DebugOpt,
    ProjectOpt,
    app,
    err,
    escape,
    parse_keys,
    parse_timeout,
    reporting,
)
from parlbrief.project import Project
from parlbrief.write import DEFAULT_TIMEOUT

#: The exit code of a command stopped by Ctrl-C (128 + SIGINT), as in cli.main.
EXIT_STOPPED = 130
#: The signals that stop a preview: Ctrl-C, an editor's stop button, a closed terminal.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
#: The port a preview uses unless told otherwise.
DEFAULT_PORT = 8000


@app.command("serve")
def serve_command(
    ids: Annotated[
        list[str] | None, typer.Argument(help="Briefing ids to preview (default: all).")
    ] = None,
    port: Annotated[
        int,
        typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1 (0: any free one)."),
    ] = DEFAULT_PORT,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", help="Seconds one PDF, or one template being filled in, may take."
        ),
    ] = DEFAULT_TIMEOUT,
    project: ProjectOpt = Path("."),
    debug: DebugOpt = False,
) -> None:
    """Preview the briefings at http://127.0.0.1:8000/, rebuilt as you save; Ctrl-C stops."""
    received: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        received.append(signum)
        if len(received) == 1:  # a second one must not cut the clean-up short
            raise Stopped

    # A stopping signal is raised where the main thread is (building, or waiting for a
    # save), so that everything started is stopped and the preview folder removed (the
    # default for SIGTERM and SIGHUP ends the process where it stands, leaving both).
    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    serving = None
    try:
        with reporting(as_json=False, debug=debug, outcome="served"):
            proj = Project.at(project)
            keys = parse_keys(ids or [])
            seconds = parse_timeout(timeout)
            from parlbrief.serve import Serving

            serving = Serving(proj, keys, port=port, timeout=seconds)
        serving.start(build=False)
        err().print(
            f"Previewing {escape(str(proj.root))} at [bold]{serving.url}[/] "
            "(only this computer can open it). Save a file and the open pages update; "
            "Ctrl-C stops."
        )
        # Here, not in a thread, so that templates are held to their time limit.
        serving.build_here()
    except Stopped:
        pass
    finally:
        if serving is not None:
            serving.close()
        _restore(previous)
    # After a closed terminal (SIGHUP) there may be nowhere left to say so.
    with contextlib.suppress(OSError):
        err().print("Preview stopped.")
    raise typer.Exit(128 + received[0] if received else EXIT_STOPPED)


class Stopped(BaseException):
    """A stopping signal (Ctrl-C, SIGTERM, SIGHUP). Not an Exception, so that a build's
    `except Exception` (which shows a bug on the page and goes on) lets it pass."""


def _restore(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)
