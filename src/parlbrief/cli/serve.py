"""`parlbrief serve [ID]`: preview the briefings in a browser as you write.

The command starts the preview (parlbrief.serve), prints its address and waits. Ctrl-C
is how a preview is meant to end, so it stops quietly: the workers are stopped, the
preview folder removed, and the exit code is 130, as for any command stopped so.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer

from parlbrief.cli.core import DebugOpt, ProjectOpt, app, err, escape, parse_keys, reporting
from parlbrief.project import Project

#: The exit code of a command stopped by Ctrl-C (128 + SIGINT), as in cli.main.
EXIT_STOPPED = 130
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
    project: ProjectOpt = Path("."),
    debug: DebugOpt = False,
) -> None:
    """Preview the briefings at http://127.0.0.1:8000/, rebuilt as you save; Ctrl-C stops."""
    stopped = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopped.set()

    # Ctrl-C only asks the loop below to end, so that everything started is stopped.
    previous = signal.signal(signal.SIGINT, stop)
    try:
        with reporting(as_json=False, debug=debug, outcome="served"):
            proj = Project.at(project)
            keys = parse_keys(ids or [])
            from parlbrief.serve import Serving

            serving = Serving(proj, keys, port=port)
    except BaseException:
        signal.signal(signal.SIGINT, previous)
        raise
    try:
        serving.start()
        err().print(
            f"Previewing {escape(str(proj.root))} at [bold]{serving.url}[/] "
            "(only this computer can open it). Save a file and the open pages update; "
            "Ctrl-C stops."
        )
        while not stopped.wait(0.5):
            pass
    finally:
        signal.signal(signal.SIGINT, previous)
        serving.close()
    err().print("Preview stopped.")
    raise typer.Exit(EXIT_STOPPED)
