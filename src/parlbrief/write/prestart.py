"""The first PDF worker, started the moment `parlbrief build` begins.

Loading WeasyPrint takes about half a second, and so does getting a briefing ready for
it (importing the CLI, reading and checking the project, filling the templates). Done
one after the other, a one-briefing build would take half a second longer than
WeasyPrint's own command. So the console script (parlbrief.__main__) forks one worker
before it imports anything else; the worker loads WeasyPrint on the other core while
this process does the rest, then waits for its first job. The pool (write.pool) adopts
it as its first worker; later ones come from the fork server as before.

The fork is made with nothing imported, not even multiprocessing (which would delay it
by a fiftieth of a second): three plain pipes carry the jobs, the results, and the news
of the worker's death, the way multiprocessing's own fork start method does. Both ends
wrap them in multiprocessing Connections only later, off the worker's critical path.
Fork is safe here, where it would not be later: the process holds nothing but the
interpreter (no threads, no C library with state of its own), and the worker imports
WeasyPrint only after the fork. A build that turns out to render no PDF (everything up
to date, HTML only, a content error) stops the worker unused.
"""

from __future__ import annotations

import gc
import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (see __main__)
if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from typing import Any


class _Early:
    """The forked worker as the parent holds it: its pid and the parent's pipe ends.

    (A plain class: a dataclass would mean importing dataclasses before the fork.)
    """

    def __init__(self, pid: int, jobs: int, results: int, alive: int) -> None:
        self.pid, self.jobs, self.results, self.alive = pid, jobs, results, alive


_waiting: _Early | None = None


def start() -> None:
    """Fork the worker, unless one is waiting or this system cannot fork (Windows)."""
    global _waiting
    if _waiting is not None or not hasattr(os, "fork"):
        return
    jobs_r, jobs_w = os.pipe()  # parent -> worker
    results_r, results_w = os.pipe()  # worker -> parent
    alive_r, alive_w = os.pipe()  # the worker holds alive_w until it ends
    pid = os.fork()
    if pid == 0:  # the worker
        for fd in (jobs_w, results_r, alive_r):
            os.close(fd)
        code = 1
        try:
            _serve(jobs_r, results_w)
            code = 0
        except KeyboardInterrupt:
            pass  # Ctrl-C reaches the whole process group; the parent reports it
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            os._exit(code)  # never return into the parent's code
    for fd in (jobs_r, results_w, alive_w):
        os.close(fd)
    _waiting = _Early(pid, jobs_w, results_r, alive_r)


def _serve(jobs: int, results: int) -> None:
    """In the worker: load WeasyPrint, then render jobs until told to stop."""
    gc.enable()  # the command runs without it (see parlbrief.__main__); layout needs it
    # WeasyPrint (through write.pdf) is the half-second this worker exists for; the
    # multiprocessing modules add next to nothing to what it loads anyway.
    from multiprocessing.connection import Connection

    import parlbrief.write.pdf  # noqa: F401
    from parlbrief.write.pool import _worker, render_pdf

    inbox = Connection(jobs, writable=False)
    outbox = Connection(results, readable=False)
    _worker(Duplex(inbox, outbox), render_pdf)


def waiting() -> bool:
    """Whether a worker started early is loading WeasyPrint or waiting for a job."""
    return _waiting is not None


def take() -> tuple[EarlyProcess, Duplex] | None:
    """The waiting worker and the parent's end of its pipes, handed over once."""
    global _waiting
    early, _waiting = _waiting, None
    if early is None:
        return None
    from multiprocessing.connection import Connection

    results = Connection(early.results, writable=False)
    jobs = Connection(early.jobs, readable=False)
    return EarlyProcess(early.pid, early.alive), Duplex(results, jobs)


def discard() -> None:
    """Stop the worker if nothing took it (it may still be loading WeasyPrint)."""
    taken = take()
    if taken is not None:
        process, conn = taken
        process.kill()
        process.join()
        conn.close()


class Duplex:
    """Two one-way Connections as one two-way one, as the pool's workers use them."""

    def __init__(self, reader: Connection, writer: Connection) -> None:
        self.reader, self.writer = reader, writer

    def send(self, obj: Any) -> None:
        self.writer.send(obj)

    def recv(self) -> Any:
        return self.reader.recv()

    def poll(self, timeout: float | None = 0.0) -> bool:
        return self.reader.poll(timeout)

    def fileno(self) -> int:
        """The end to wait on (multiprocessing.connection.wait) for a result."""
        return self.reader.fileno()

    def close(self) -> None:
        self.reader.close()
        self.writer.close()


class EarlyProcess:
    """The forked worker, with the part of multiprocessing's Process the pool uses."""

    def __init__(self, pid: int, sentinel: int) -> None:
        self.pid = pid
        self.sentinel = sentinel
        """Readable (at end of file) once the worker has ended."""
        self.exitcode: int | None = None

    def is_alive(self) -> bool:
        if self.exitcode is None:
            self._reap(os.WNOHANG)
        return self.exitcode is None

    def join(self, timeout: float | None = None) -> None:
        import select

        if self.exitcode is None and select.select([self.sentinel], [], [], timeout)[0]:
            self._reap(0)

    def kill(self) -> None:
        import signal

        if self.exitcode is None:
            # Ended but not yet reaped: the pid is still ours, and the signal is lost.
            os.kill(self.pid, signal.SIGKILL)

    def _reap(self, flags: int) -> None:
        pid, status = os.waitpid(self.pid, flags)
        if pid == self.pid:
            # As multiprocessing reports it: the exit code, or minus the signal number.
            self.exitcode = os.waitstatus_to_exitcode(status)
            os.close(self.sentinel)
