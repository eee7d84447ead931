"""The first PDF worker, started the moment `parlbrief build` begins.

Loading WeasyPrint takes about half a second, and so does getting a briefing ready for
it (importing the CLI, reading and checking the project, filling the templates). Done
one after the other, a one-briefing build would take half a second longer than
WeasyPrint's own command. So the console script (parlbrief.__main__) forks one worker
before it imports anything else; the worker loads WeasyPrint on the other core while
this process does the rest, then waits for its first job. The pool (write.pool) adopts
it as its first worker; later ones come from the fork server as before.

Fork is safe here, where it would not be later: at that moment the process holds
nothing but the interpreter (no threads, no C libraries with state of their own), and
the worker imports WeasyPrint only after the fork. A build that turns out to render no
PDF (everything up to date, HTML only, a content error) stops the worker unused.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

_waiting: tuple[BaseProcess, Connection] | None = None


def start() -> None:
    """Fork the worker, unless one is waiting or this system cannot fork (Windows)."""
    global _waiting
    import multiprocessing

    if _waiting is not None or "fork" not in multiprocessing.get_all_start_methods():
        return
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    process = ctx.Process(target=_serve, args=(child, parent), daemon=True, name="parlbrief-render")
    process.start()
    child.close()
    _waiting = (process, parent)


def _serve(conn: Connection, parents_end: Connection) -> None:
    """In the worker: load WeasyPrint, then render jobs until told to stop."""
    # The fork copied the parent's end of the pipe too; while it is open here, the
    # worker would never see the pipe close if the parent died.
    parents_end.close()
    gc.enable()  # the command runs without it (see parlbrief.__main__); layout needs it
    import parlbrief.write.pdf  # noqa: F401 - the half-second this worker exists for
    from parlbrief.write.pool import _worker, render_pdf

    _worker(conn, render_pdf)


def waiting() -> bool:
    """Whether a worker started early is loading WeasyPrint or waiting for a job."""
    return _waiting is not None


def take() -> tuple[BaseProcess, Connection] | None:
    """The waiting worker and the parent's end of its pipe, handed over once."""
    global _waiting
    taken, _waiting = _waiting, None
    return taken


def discard() -> None:
    """Stop the worker if nothing took it (it may still be loading WeasyPrint)."""
    taken = take()
    if taken is None:
        return
    process, conn = taken
    process.kill()
    process.join()
    conn.close()
